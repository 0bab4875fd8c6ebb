//! The real shoal server, started in-process on 127.0.0.1 with an ephemeral port.
//!
//! With SHOAL_IT_AGAINST_REDIS=1 the same handle starts a real redis-server instead, and the
//! registry gates open: that checks the tests' own expectations (including those for commands
//! shoal does not have yet) against the reference.

use std::sync::Arc;

use shoal_server::Running;

use super::conn::Conn;
use super::redis_ref::RedisRef;

/// Always more than one shard, so keys of one command land on different threads' slots.
pub const SHARDS: &str = "3";

enum Inner {
    Shoal(Option<Running>),
    /// Held so the child process lives as long as the handle.
    Redis(#[allow(dead_code)] RedisRef),
}

pub struct Shoal {
    inner: Inner,
    pub port: u16,
}

/// True when the tests run against redis-server instead of shoal (SHOAL_IT_AGAINST_REDIS=1).
pub fn against_redis() -> bool {
    std::env::var("SHOAL_IT_AGAINST_REDIS").is_ok_and(|v| v == "1")
}

/// Settings only shoal knows, dropped when starting redis-server instead.
const SHOAL_ONLY: &[&str] = &[
    "--shards",
    "--pin-threads",
    "--busy-poll-us",
    "--admin-port",
    "--admin-bind",
];

impl Shoal {
    /// Three shards, defaults otherwise.
    pub fn start() -> Shoal {
        Self::with_args(&[])
    }

    /// Three shards plus extra `--name value` settings (later ones win, as on the command line).
    pub fn with_args(extra: &[&str]) -> Shoal {
        if against_redis() {
            let mut args = Vec::new();
            let mut i = 0;
            while i < extra.len() {
                if SHOAL_ONLY.contains(&extra[i]) {
                    i += 2;
                    continue;
                }
                args.push(extra[i]);
                i += 1;
            }
            let r = RedisRef::start_tcp("SHOAL_IT_AGAINST_REDIS", &args)
                .expect("SHOAL_IT_AGAINST_REDIS=1 needs redis-server");
            let port = r.port.unwrap();
            return Shoal {
                inner: Inner::Redis(r),
                port,
            };
        }
        let mut args: Vec<String> = [
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--shards",
            SHARDS,
            // Many test servers run at once: none takes the default admin port.
            "--admin-port",
            "0",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.extend(extra.iter().map(|s| s.to_string()));
        let config = shoal_config::from_args(args).expect("test config parses");
        let running = shoal_server::start(Arc::new(config)).expect("shoal starts");
        let port = running.port;
        Shoal {
            inner: Inner::Shoal(Some(running)),
            port,
        }
    }

    pub fn conn(&self) -> Conn {
        Conn::tcp(self.port)
    }

    /// shoal's shared state (None when running against redis-server).
    pub fn server(&self) -> Option<&Arc<shoal_commands::Server>> {
        match &self.inner {
            Inner::Shoal(r) => r.as_ref().map(|r| &r.server),
            Inner::Redis(_) => None,
        }
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Shoal {
    fn drop(&mut self) {
        if let Inner::Shoal(r) = &mut self.inner {
            if let Some(r) = r.take() {
                r.stop();
                r.join();
            }
        }
    }
}
