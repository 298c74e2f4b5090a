//! The load test of `daihoi serve`: the binary on loopback, 200 pack requests from 8 clients,
//! bounded in count and time (it stops by itself and fails past its deadline). It checks that
//! no request fails, that every answer is the same zip (rendering is deterministic, also under
//! load), and that the server's memory comes back near its idle level; it prints p50 and p99
//! latency, throughput and the server's peak resident memory.
//!
//! A debug build (CI) packs a small congress so that the run takes seconds; an optimized build
//! packs the whole Bạch Mai sample in both formats — the figures in the README:
//!
//! ```sh
//! cargo test --release --features cli,server --test server_load -- --nocapture
//! ```
//!
//! `DAIHOI_LOAD_REQUESTS` and `DAIHOI_LOAD_CLIENTS` change the count (default 200) and the
//! clients (default 8).
#![cfg(all(feature = "server", feature = "cli"))]

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Request, StatusCode};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The test stops its clients and fails when the run takes longer than this.
const DEADLINE: Duration = Duration::from_secs(600);

/// The served binary, killed when the test ends however it ends.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// The server's stdout, kept open while it runs.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_daihoi"))
            .args(["serve", "--addr", "127.0.0.1:0", "--queue", "16"])
            // As the README advises for a service: glibc otherwise keeps one malloc arena per
            // thread that rendered, and the memory freed after a burst stays resident.
            .env("MALLOC_ARENA_MAX", "2")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("daihoi serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stdout = BufReader::new(stdout);
        let mut first = String::new();
        stdout
            .read_line(&mut first)
            .expect("the server prints its address");
        let addr = first
            .trim()
            .strip_prefix("listening on http://")
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("unexpected first line: {first:?}"));
        Server {
            child,
            addr,
            _stdout: stdout,
        }
    }

    /// Resident memory now and at its peak, in KB (Linux's /proc), if known.
    fn memory(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the clients send: the whole Bạch Mai pack in an optimized build; in a debug one, the
/// sample cut to one guest's invitation, the summons and the list it attaches.
fn workload() -> (&'static str, String) {
    let text = common::sample_text();
    if !cfg!(debug_assertions) {
        return ("the Bạch Mai sample", text);
    }
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let map = v.as_object_mut().unwrap();
    // The convened list stays: the summons says it is attached.
    let parts = ["elections", "personnel", "candidates", "proceedings"];
    for part in parts {
        map.remove(part);
    }
    if let Some(guests) = map.get_mut("guests").and_then(Value::as_array_mut) {
        guests.truncate(1);
    }
    (
        "debug build: the sample cut to one invitation, the summons and the convened list",
        v.to_string(),
    )
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}

/// Each answer: its latency, status, SHA-256 and size.
type Results = Arc<Mutex<Vec<(Duration, StatusCode, [u8; 32], usize)>>>;

/// One client: a keep-alive connection sending pack requests until `next` reaches `total`.
async fn client(
    addr: SocketAddr,
    body: Bytes,
    next: Arc<AtomicUsize>,
    total: usize,
    until: Instant,
    results: Results,
) {
    let stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .expect("handshake");
    tokio::spawn(connection);
    while next.fetch_add(1, Ordering::Relaxed) < total && Instant::now() < until {
        sender.ready().await.expect("the connection stays open");
        let request = Request::post("/api/pack?format=docx,pdf")
            .header(hyper::header::HOST, addr.to_string())
            .body(Full::new(body.clone()))
            .unwrap();
        let started = Instant::now();
        let response = sender.send_request(request).await.expect("an answer");
        let status = response.status();
        let zip = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes();
        let latency = started.elapsed();
        let digest: [u8; 32] = Sha256::digest(&zip).into();
        results
            .lock()
            .unwrap()
            .push((latency, status, digest, zip.len()));
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

/// Runs `count` requests from `clients` clients; returns how long they took.
fn phase(
    runtime: &tokio::runtime::Runtime,
    addr: SocketAddr,
    body: &Bytes,
    clients: usize,
    count: usize,
    until: Instant,
    results: &Results,
) -> Duration {
    let started = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    runtime.block_on(async {
        let tasks: Vec<_> = (0..clients)
            .map(|_| {
                let client = client(
                    addr,
                    body.clone(),
                    Arc::clone(&next),
                    count,
                    until,
                    Arc::clone(results),
                );
                tokio::spawn(client)
            })
            .collect();
        for t in tasks {
            t.await.expect("a client ran to its end");
        }
    });
    started.elapsed()
}

/// The server's memory once it has settled after a burst: polled for up to 5 s until it is
/// within 16 MB of `idle` (then whatever it is).
fn settle(server: &Server, idle: Option<(u64, u64)>) -> Option<(u64, u64)> {
    let until = Instant::now() + Duration::from_secs(5);
    loop {
        let now = server.memory();
        match (now, idle) {
            (Some((rss, _)), Some((idle_rss, _)))
                if rss > idle_rss + 16 * 1024 && Instant::now() < until =>
            {
                std::thread::sleep(Duration::from_millis(100))
            }
            _ => return now,
        }
    }
}

#[test]
fn two_hundred_packs_from_eight_clients_all_succeed_and_memory_comes_back() {
    let total = env_count("DAIHOI_LOAD_REQUESTS", 200);
    let clients = env_count("DAIHOI_LOAD_CLIENTS", 8);
    let (what, text) = workload();
    let body = Bytes::from(text);
    let server = Server::start();
    let cold = server.memory();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let results: Results = Arc::new(Mutex::new(Vec::new()));
    let until = Instant::now() + DEADLINE;

    // One request first: the templates are compiled on first use, so "idle" is after it.
    phase(&runtime, server.addr, &body, 1, 1, until, &results);
    let warm = results.lock().unwrap().pop().expect("the warm-up answered");
    assert_eq!(warm.1, StatusCode::OK, "the warm-up pack failed");
    let idle = server.memory();

    // Two halves: memory after the second must not be above the first's (no growth per
    // request), and both must come back near idle.
    let mut wall = phase(
        &runtime,
        server.addr,
        &body,
        clients,
        total / 2,
        until,
        &results,
    );
    let half = settle(&server, idle);
    wall += phase(
        &runtime,
        server.addr,
        &body,
        clients,
        total - total / 2,
        until,
        &results,
    );
    let loaded = server.memory();
    let settled = settle(&server, idle);

    let results = results.lock().unwrap();
    assert_eq!(
        results.len(),
        total,
        "only {} of {total} requests finished within {DEADLINE:?}",
        results.len()
    );
    let failed: Vec<_> = results.iter().filter(|r| r.1 != StatusCode::OK).collect();
    assert!(
        failed.is_empty(),
        "{} requests failed: {:?}",
        failed.len(),
        failed.first()
    );
    assert!(
        results.iter().all(|r| r.2 == warm.2),
        "every answer is the same zip as the first one"
    );

    let mut latencies: Vec<Duration> = results.iter().map(|r| r.0).collect();
    latencies.sort();
    println!(
        "load: {total} pack requests (docx+pdf, {what}; zip {:.1} MB) from {clients} clients \
         in {:.1} s: {:.1} requests/s, latency p50 {:.0} ms, p99 {:.0} ms",
        warm.3 as f64 / 1_048_576.0,
        wall.as_secs_f64(),
        total as f64 / wall.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
    );
    let (Some(cold), Some(idle), Some(half), Some(loaded), Some(settled)) =
        (cold, idle, half, loaded, settled)
    else {
        println!("server memory: not measured (no /proc on this system)");
        return;
    };
    println!(
        "server memory (RSS): {:.0} MB at start, {:.0} MB idle after one pack, peak {:.0} MB; \
         after the first half {:.0} MB, right after the load {:.0} MB, settled {:.0} MB",
        mb(cold.0),
        mb(idle.0),
        mb(loaded.1),
        mb(half.0),
        mb(loaded.0),
        mb(settled.0)
    );
    // Generous bounds: the allocator keeps some freed pages. Keeping the answers would grow
    // memory with every request (200 Bạch Mai zips are 1 GB).
    assert!(
        settled.0 <= half.0 + 16 * 1024,
        "memory grows with the requests: {:.0} MB after the first half, {:.0} MB after both",
        mb(half.0),
        mb(settled.0)
    );
    assert!(
        settled.0 <= idle.0 + 32 * 1024,
        "the server's memory did not come back near idle: {:.0} MB now, {:.0} MB idle",
        mb(settled.0),
        mb(idle.0)
    );
}
