//! Mounts daihoi's HTTP API inside another axum app, under `/daihoi`, beside the app's own
//! routes.
//!
//! ```sh
//! cargo run --example embed_in_axum --features server
//! curl http://127.0.0.1:3000/daihoi/healthz
//! curl --data-binary @examples/data/bach-mai-2020.json http://127.0.0.1:3000/daihoi/api/validate
//! ```

use axum::routing::get;
use axum::Router;
use daihoi::server::{router, ServerOptions};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = daihoi::Engine::new()?; // fonts parsed once, shared by every request
    let app = Router::new()
        .route("/", get(|| async { "the district office's own app" }))
        .nest("/daihoi", router(engine, ServerOptions::default()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}/daihoi/", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
