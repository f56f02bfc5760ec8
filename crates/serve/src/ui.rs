//! The web UI and the API description, embedded in the binary.

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;

const INDEX: &str = include_str!("../ui/index.html");
const SCRIPT: &str = include_str!("../ui/app.js");
const STYLE: &str = include_str!("../ui/style.css");
const OPENAPI: &str = include_str!("../ui/openapi.json");

/// Pages change with the binary; a short cache keeps a reload after an upgrade honest.
const CACHE: (header::HeaderName, &str) = (header::CACHE_CONTROL, "no-cache");

pub async fn index() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), CACHE],
        INDEX,
    )
}

pub async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            CACHE,
        ],
        SCRIPT,
    )
}

pub async fn style() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), CACHE],
        STYLE,
    )
}

pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json"), CACHE], OPENAPI)
}

pub async fn favicon() -> StatusCode {
    StatusCode::NO_CONTENT
}
