//! The admin endpoint: `GET /metrics` (Prometheus text format), `GET /healthz` (live) and
//! `GET /readyz` (ready); anything else is 404.
//!
//! ```text
//!   shard threads ─ add to their own ShardStats counters and latency buckets (plain
//!                   load + store, single writer, nothing shared written per command)
//!   admin thread  ─ its own current_thread runtime (runtime/admin.rs): accepts HTTP with
//!                   read timeouts and a head-size limit, and on /metrics sums every
//!                   shard's counters into metric families (collector.rs)
//! ```
//! This module is synchronous (request parsing, routing, exposition); the sockets and timers
//! live in `runtime::admin`, with the rest of the async code.

mod catalog;
pub mod collector;
mod exporter;
pub mod http;
mod latency;
mod out;
mod shards;

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;

use shoal_commands::Server;

pub use collector::Exposition;
pub use http::{Request, Response};
pub use shards::BYTES_MAX_AGE;

/// What `/readyz` checks besides `loading`: how many shard threads are accepting clients.
#[derive(Debug)]
pub struct Readiness {
    shards: usize,
    accepting: AtomicUsize,
}

impl Readiness {
    pub fn new(shards: usize) -> Readiness {
        Readiness {
            shards,
            accepting: AtomicUsize::new(0),
        }
    }

    /// A shard thread's listeners are running.
    pub fn shard_up(&self) {
        self.accepting.fetch_add(1, Relaxed);
    }

    /// A shard thread stopped (or is unwinding from a panic).
    pub fn shard_down(&self) {
        self.accepting.fetch_sub(1, Relaxed);
    }

    /// Ready: the dataset is loaded and every shard thread accepts commands; otherwise why not.
    pub fn check(&self, server: &Server) -> Result<(), &'static str> {
        if server.loading.load(Relaxed) {
            return Err("loading the dataset\n");
        }
        if self.accepting.load(Relaxed) < self.shards {
            return Err("not accepting connections\n");
        }
        Ok(())
    }
}

/// Everything a request handler needs, shared by the admin thread's connections.
pub struct Admin {
    pub server: Arc<Server>,
    pub readiness: Arc<Readiness>,
    exposition: Exposition,
}

impl Admin {
    pub fn new(server: Arc<Server>, readiness: Arc<Readiness>) -> Admin {
        let exposition = Exposition::new(server.clone(), readiness.clone());
        Admin {
            server,
            readiness,
            exposition,
        }
    }

    /// The response to a parsed request. HEAD is answered like GET, without the body.
    pub fn handle(&self, req: &Request) -> Response {
        if req.method != "GET" && req.method != "HEAD" {
            return not_found();
        }
        match req.path.as_str() {
            "/metrics" => match self.exposition.render() {
                Ok(body) => Response {
                    status: 200,
                    content_type: Exposition::content_type(),
                    body,
                },
                Err(e) => Response::text(500, &format!("encoding failed: {e}\n")),
            },
            // Live as long as this thread answers: a loading server is alive.
            "/healthz" => Response::text(200, "ok\n"),
            "/readyz" => match self.readiness.check(&self.server) {
                Ok(()) => Response::text(200, "ready\n"),
                Err(why) => Response::text(503, why),
            },
            _ => not_found(),
        }
    }
}

fn not_found() -> Response {
    Response::text(404, "not found\n")
}
