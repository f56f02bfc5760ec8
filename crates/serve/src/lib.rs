//! (web UI and HTTP API, under construction)
