//! The shoal server: shard threads, connections, start-up and shutdown.
//!
//! `start` is what `main` and the integration tests both use, so tests run the real server
//! (several shards, real sockets) in-process.

pub mod admin;
pub mod runtime;

use std::sync::Arc;

use shoal_commands::Server;
use shoal_config::{Config, Param};

pub use runtime::Running;

/// Number of shard threads: the `shards` setting, or one per available core when it is 0.
pub fn shard_count(config: &Config) -> usize {
    match config.get_i64(Param::Shards) {
        n if n > 0 => n as usize,
        _ => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    }
}

/// Builds the shared state and starts serving.
pub fn start(config: Arc<Config>) -> std::io::Result<Running> {
    let shards = shard_count(&config);
    let server = Arc::new(Server::new(config, shards));
    runtime::start(server)
}
