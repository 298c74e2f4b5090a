//! What the service answers when a request cannot be served: the status, and a JSON body a
//! person can act on — `{"error": "…"}`, with `"problems": [{"path", "message"}]` for data that
//! breaks a rule (`422`) and `"line"`, `"column"` for text that is not JSON (`400`).

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::limit::Busy;
use crate::{Diagnostic, Error, ErrorKind};

/// A request that cannot be served.
#[derive(Debug)]
pub(super) struct ApiError {
    status: StatusCode,
    body: Value,
    retry_after: Option<u64>,
}

impl ApiError {
    /// `status` with `{"error": message}`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: json!({ "error": message.into() }),
            retry_after: None,
        }
    }

    /// `400`: the request itself is wrong (a query parameter, a body that is not UTF-8).
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// `404`.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// `413`: the body is over the limit.
    pub fn too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the request body is larger than the limit of {}",
                size_text(limit)
            ),
        )
    }

    /// `503` with `Retry-After`: every slot is taken and the queue is full.
    pub fn busy(busy: Busy, retry_after: Duration) -> ApiError {
        let seconds = retry_after.as_secs().max(1);
        let mut e = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the service is busy ({} at work, {} waiting); try again in {seconds} s",
                busy.running, busy.waiting
            ),
        );
        e.retry_after = Some(seconds);
        e
    }

    /// `504`: the request took longer than the limit.
    pub fn timed_out(limit: Duration) -> ApiError {
        ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            format!(
                "the request took longer than the limit of {}",
                duration_text(limit)
            ),
        )
    }

    /// `500`: the work stopped on a fault of the service, not of the request.
    pub fn crashed() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the work for this request stopped unexpectedly; nothing was produced",
        )
    }

    /// `422` with every problem.
    pub fn problems(message: impl Into<String>, problems: Vec<Diagnostic>) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({ "error": message.into(), "problems": problems }),
            retry_after: None,
        }
    }

    /// The status.
    #[cfg(test)]
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl From<Error> for ApiError {
    /// Text that is not JSON → `400` with its line and column; data of the wrong shape or
    /// that breaks a rule → `422` with every problem and its path in the user's file; a fault
    /// of the templates, the fonts or a writer → `500`.
    fn from(e: Error) -> ApiError {
        if let Some(syntax) = json_syntax(&e) {
            let mut out = ApiError::bad_request(format!("not valid JSON: {syntax}"));
            out.body["line"] = json!(syntax.line());
            out.body["column"] = json!(syntax.column());
            return out;
        }
        match e.kind() {
            ErrorKind::Json
            | ErrorKind::InvalidData
            | ErrorKind::MissingGlyph
            | ErrorKind::Tally => {
                let message = first_line(&e);
                ApiError::problems(message, e.into_diagnostics())
            }
            _ => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }
}

/// The JSON parser's error, when the text is not JSON at all (as opposed to JSON of the wrong
/// shape).
fn json_syntax(e: &Error) -> Option<&serde_json::Error> {
    let source = std::error::Error::source(e)?;
    let json = source.downcast_ref::<serde_json::Error>()?;
    matches!(
        json.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    )
    .then_some(json)
}

fn first_line(e: &Error) -> String {
    e.to_string().lines().next().unwrap_or_default().to_string()
}

/// "30 s", "250 ms".
fn duration_text(d: Duration) -> String {
    if d.subsec_millis() == 0 && d.as_secs() > 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// "5 MB", "1000 bytes".
fn size_text(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
