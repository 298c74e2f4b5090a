//! What every request shares: the one engine, the limits, the slots, and the schema's text
//! (made once).

use std::sync::Arc;

use super::limit::Limiter;
use super::options::ServerOptions;
use crate::Engine;

/// The service's shared state.
#[derive(Debug)]
pub(super) struct App {
    /// The engine: fonts parsed and templates compiled once for every request.
    pub engine: Arc<Engine>,
    /// The limits.
    pub options: ServerOptions,
    /// The slots and the queue.
    pub limiter: Limiter,
    /// `GET /api/schema`'s body.
    pub schema: String,
}

impl App {
    /// The state of a service rendering with `engine` under `options`.
    pub fn new(engine: Arc<Engine>, options: ServerOptions) -> App {
        App {
            limiter: Limiter::new(options.max_concurrent, options.max_queue),
            engine,
            options,
            schema: crate::schema::congress_schema_text(),
        }
    }
}
