//! The HTTP service (`daihoi serve`, feature `server`): a thin layer over the public API, on
//! axum and tokio, that a district's systems can call — or mount inside their own axum app with
//! [`router`].
//!
//! | endpoint | answer |
//! |---|---|
//! | `POST /api/validate` | `200 {"problems": []}`, or `422` with every problem `{path, message}` |
//! | `POST /api/render/{kind}?format=pdf\|docx` (+ `guest=N`, `election=N&round=N`, `track=N&step=N`, `track=N`) | the paper, with its media type and file name |
//! | `POST /api/pack?format=docx,pdf` | every paper and `manifest.json` as one zip |
//! | `POST /api/papers` | the papers a congress makes: kind, title, the query that renders each |
//! | `POST /api/tally` | an election round's tally (the shape of `daihoi tally --json`); with `?election=N&round=N`, that round of a congress file |
//! | `POST /api/import` | a sheet's people, guests, candidates or delegates, added to a congress file |
//! | `GET /api/kinds`, `GET /api/schema`, `GET /healthz` | the kinds, the congress file's JSON Schema, liveness |
//! | `GET /`, `GET /assets/{name}`, `GET /api/start/{name}` | the editor page, its scripts, the records it starts from |
//!
//! One [`Engine`] serves every request. The work of a request (reading the congress, rendering,
//! packing, tallying) runs on tokio's blocking pool, never on the async workers, in one of
//! [`ServerOptions::max_concurrent`] slots; up to [`ServerOptions::max_queue`] more requests
//! wait, and the next is answered `503` with `Retry-After`. A body over
//! [`ServerOptions::max_body_bytes`] is answered `413`, a request over
//! [`ServerOptions::timeout`] `504`, text that is not JSON `400` with its line and column.
//!
//! The service writes nothing to disk, and nothing in a request reaches the file system: a
//! kind is looked up by name in the registry, and templates come only from the engine, whose
//! template directory (if any) was chosen at start-up. This module uses only the crate's public
//! API, and nothing in the crate uses it.

mod handlers;
mod limit;
mod options;
mod page;
mod state;
mod status;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

pub use options::ServerOptions;

use crate::Engine;

/// The service's routes, ready to be served (`axum::serve`) or mounted in another app
/// (`Router::nest("/daihoi", daihoi::server::router(engine, options))`).
///
/// `engine` renders every request (an `Engine` or an `Arc<Engine>` shared with other code);
/// `options` sets the limits.
pub fn router(engine: impl Into<Arc<Engine>>, options: ServerOptions) -> Router {
    routes(Arc::new(state::App::new(engine.into(), options)))
}

/// The routes over an existing state (the tests hold the state to fill the slots).
fn routes(app: Arc<state::App>) -> Router {
    let timeout = app.options.timeout;
    Router::new()
        .route("/", get(page::index))
        .route("/assets/{name}", get(page::asset))
        .route("/api/start/{name}", get(page::start))
        .route("/healthz", get(handlers::health))
        .route("/api/kinds", get(handlers::kinds))
        .route("/api/schema", get(handlers::schema))
        .route("/api/validate", post(handlers::validate))
        .route("/api/render/{kind}", post(handlers::render))
        .route("/api/pack", post(handlers::pack))
        .route("/api/papers", post(handlers::papers))
        .route("/api/tally", post(handlers::tally))
        .route("/api/import", post(handlers::import))
        .fallback(handlers::not_found)
        .layer(middleware::from_fn_with_state(timeout, time_limit))
        .with_state(app)
}

/// Answers `504` when a request takes longer than `limit`, from its arrival to its answer.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => status::ApiError::timed_out(limit).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    const TALLY: &str = r#"{
        "office": "secretary", "seats": 1,
        "candidates": [{ "name": { "ho": "Nguyễn", "dem": "Văn", "ten": "An" }, "votes": 6 }],
        "denominator": { "convened": 11 }, "present": 10,
        "ballots": { "issued": 10, "returned": 10, "valid": 10 }
    }"#;

    fn app(options: ServerOptions) -> Arc<state::App> {
        static ENGINE: std::sync::OnceLock<Arc<Engine>> = std::sync::OnceLock::new();
        let engine = ENGINE.get_or_init(|| Arc::new(Engine::new().expect("the engine builds")));
        Arc::new(state::App::new(Arc::clone(engine), options))
    }

    fn tally_request() -> Request<Body> {
        Request::post("/api/tally").body(Body::from(TALLY)).unwrap()
    }

    async fn send(app: &Arc<state::App>, request: Request<Body>) -> (StatusCode, Response) {
        let response = routes(Arc::clone(app)).oneshot(request).await.unwrap();
        (response.status(), response)
    }

    async fn json(response: Response) -> serde_json::Value {
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        serde_json::from_slice(&bytes).unwrap()
    }

    /// Fills every slot with a job that runs until the returned sender is dropped.
    async fn fill_slots(app: &Arc<state::App>) -> Vec<std::sync::mpsc::Sender<()>> {
        let mut held = Vec::new();
        for _ in 0..app.options.max_concurrent {
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            let ticket = app.limiter.admit().unwrap();
            tokio::spawn(ticket.run(move || {
                let _ = rx.recv();
            }));
            held.push(tx);
        }
        while app.limiter.running() < app.options.max_concurrent {
            tokio::task::yield_now().await;
        }
        held
    }

    #[tokio::test]
    async fn with_every_slot_taken_and_no_queue_a_request_gets_503_with_retry_after() {
        let app = app(ServerOptions {
            max_concurrent: 1,
            max_queue: 0,
            retry_after: Duration::from_secs(7),
            ..ServerOptions::default()
        });
        let held = fill_slots(&app).await;
        let (status, response) = send(&app, tally_request()).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "7");
        let body = json(response).await;
        assert!(body["error"].as_str().unwrap().contains("busy"), "{body}");
        drop(held);
        while app.limiter.running() > 0 {
            tokio::task::yield_now().await;
        }
        let (status, _) = send(&app, tally_request()).await;
        assert_eq!(status, StatusCode::OK, "a freed slot serves again");
    }

    #[tokio::test]
    async fn requests_wait_in_the_bounded_queue_and_the_next_one_gets_503() {
        let app = app(ServerOptions {
            max_concurrent: 1,
            max_queue: 2,
            ..ServerOptions::default()
        });
        let held = fill_slots(&app).await;
        let waiting: Vec<_> = (0..2)
            .map(|_| tokio::spawn(send_owned(Arc::clone(&app), tally_request())))
            .collect();
        while app.limiter.waiting() < 2 {
            tokio::task::yield_now().await;
        }
        let (status, _) = send(&app, tally_request()).await;
        assert_eq!(
            status,
            StatusCode::SERVICE_UNAVAILABLE,
            "the queue of 2 is full"
        );
        drop(held);
        for w in waiting {
            assert_eq!(
                w.await.unwrap(),
                StatusCode::OK,
                "the queued requests are served"
            );
        }
    }

    async fn send_owned(app: Arc<state::App>, request: Request<Body>) -> StatusCode {
        send(&app, request).await.0
    }

    #[tokio::test]
    async fn a_request_over_the_time_limit_gets_504() {
        let app = app(ServerOptions {
            max_concurrent: 1,
            max_queue: 1,
            timeout: Duration::from_millis(50),
            ..ServerOptions::default()
        });
        // The only slot stays taken, so the request cannot finish within any limit.
        let held = fill_slots(&app).await;
        let (status, response) = send(&app, tally_request()).await;
        assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
        let body = json(response).await;
        assert!(
            body["error"].as_str().unwrap().contains("limit of 50 ms"),
            "{body}"
        );
        assert_eq!(
            app.limiter.waiting(),
            0,
            "the abandoned request left the queue"
        );
        drop(held);
    }

    #[test]
    fn a_json_syntax_error_is_400_with_its_line_and_column_and_a_shape_error_422() {
        let e = crate::load_congress("{\n  \"venue\": ,\n}").unwrap_err();
        let api = status::ApiError::from(e);
        assert_eq!(api.status(), StatusCode::BAD_REQUEST);
        let e = crate::load_congress("{ \"venue\": 3 }").unwrap_err();
        assert_eq!(
            status::ApiError::from(e).status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
}
