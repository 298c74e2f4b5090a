//! The editor page (`GET /`) and what it loads, compiled into the binary: the page, its own
//! script and style, json-editor (vendored in `web/vendor` with its licence), the two samples
//! and an empty record of each kind of congress. Nothing here reads the file system.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::status::ApiError;

/// `(name, media type, body)` of everything under `/assets/`.
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "editor.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/editor.js"),
    ),
    (
        "editor.css",
        "text/css; charset=utf-8",
        include_str!("../../web/editor.css"),
    ),
    (
        "jsoneditor.js",
        "text/javascript; charset=utf-8",
        include_str!("../../web/vendor/jsoneditor.js"),
    ),
    (
        "jsoneditor.LICENSE",
        "text/plain; charset=utf-8",
        include_str!("../../web/vendor/jsoneditor.LICENSE"),
    ),
];

/// The records the page starts from: `/api/start/{name}`.
const RECORDS: &[(&str, &str)] = &[
    (
        "bach-mai-2020",
        include_str!("../../examples/data/bach-mai-2020.json"),
    ),
    (
        "doan-ket-2020",
        include_str!("../../examples/data/doan-ket-2020.json"),
    ),
    (
        "empty-members",
        include_str!("../../web/empty-members.json"),
    ),
    (
        "empty-delegates",
        include_str!("../../web/empty-delegates.json"),
    ),
];

/// `GET /`: the editor page.
pub(super) async fn index() -> Response {
    text(
        "text/html; charset=utf-8",
        include_str!("../../web/index.html"),
    )
}

/// `GET /assets/{name}`.
pub(super) async fn asset(Path(name): Path<String>) -> Result<Response, ApiError> {
    ASSETS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, media, body)| text(media, body))
        .ok_or_else(|| ApiError::not_found(format!("no asset `{name}`")))
}

/// `GET /api/start/{name}`: a sample (`bach-mai-2020`, `doan-ket-2020`) or an empty record
/// (`empty-members`, `empty-delegates`), as a congress file.
pub(super) async fn start(Path(name): Path<String>) -> Result<Response, ApiError> {
    RECORDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, body)| text("application/json", body))
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no record `{name}`; expected bach-mai-2020, doan-ket-2020, empty-members or \
                 empty-delegates"
            ))
        })
}

fn text(media: &str, body: &'static str) -> Response {
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(media) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
