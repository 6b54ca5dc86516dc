//! Operator routes in plain text: `/health` (the process is up), `/ready` (the database answers), `/metrics`
//! (Prometheus) and `/openapi.json`, and the typed reply for routes that do not exist.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use mend_protocol::ErrorCode;

use crate::app::AppState;
use crate::error::ApiError;

pub async fn health() -> &'static str {
    "ok\n"
}

pub async fn ready(State(app): State<AppState>) -> impl IntoResponse {
    match app.db(|store| store.ping()).await {
        Ok(()) => (StatusCode::OK, "ready\n"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "the database does not answer\n"),
    }
}

pub async fn metrics(State(app): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], app.metrics.render())
}

pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], crate::openapi::text())
}

pub async fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such route")
}
