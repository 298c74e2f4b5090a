//! The limits a public deployment needs, each with its default.

use std::time::Duration;

/// The service's limits. Every request that does work — a render, a pack, a validation, a
/// tally — takes one of `max_concurrent` slots on the blocking pool; up to `max_queue` more
/// wait for one, and the next is answered `503` at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerOptions {
    /// The largest request body, in bytes; a larger one is answered `413` (when the request
    /// says its length, before it is read).
    ///
    /// Default: 5 MB (5 × 1024 × 1024 bytes).
    pub max_body_bytes: usize,
    /// How many requests do their work at once (each on a thread of the blocking pool; a pack
    /// also uses the engine's parallel renderer).
    ///
    /// Default: the number of cores.
    pub max_concurrent: usize,
    /// How many more requests may wait for a slot. Memory is bounded by
    /// (`max_concurrent` + `max_queue`) × `max_body_bytes` of bodies, plus what the running
    /// renders hold.
    ///
    /// Default: 16.
    pub max_queue: usize,
    /// How long one request may take, from the moment it reaches the service (reading its
    /// body, waiting in the queue and the work) to its answer; a request over it is answered
    /// `504`. A render that has started runs to its end on its thread, keeping its slot, and
    /// its result is dropped.
    ///
    /// Default: 30 s.
    pub timeout: Duration,
    /// What a `503` asks the client to wait before trying again (`Retry-After`, whole seconds,
    /// at least 1).
    ///
    /// Default: 2 s.
    pub retry_after: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            max_body_bytes: 5 * 1024 * 1024,
            max_concurrent: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_queue: 16,
            timeout: Duration::from_secs(30),
            retry_after: Duration::from_secs(2),
        }
    }
}
