//! (HTML main-text extraction, under construction)
