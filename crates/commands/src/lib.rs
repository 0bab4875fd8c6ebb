//! Commands: the declaration of every command (its spec), dispatch, and the handlers, grouped
//! by family (`string/`, `keyspace/`, `server/`, `connection/`), one file per command.
//!
//! Threading: handlers run on the connection's shard thread, synchronously, with the slots of
//! their keys already locked by dispatch; they never block and never take further locks on
//! slots. Shared state (`Server`) is read-mostly.

pub mod args;
pub mod blocking;
pub mod client;
pub mod ctx;
pub mod dispatch;
pub mod errors;
pub mod expire;
pub mod families;
pub mod keys;
pub mod memory;
pub mod monitor;
pub mod registry;
pub mod spec;
pub mod state;
pub mod stats;
pub mod testing;

pub mod bitmap;
pub mod connection;
pub mod geo;
pub mod hash;
pub mod hll;
pub mod keyspace;
pub mod list;
pub mod server;
pub mod set;
pub mod sort;
pub mod string;
pub mod transactions;
pub mod zset;

pub use client::{Client, ClientHandle, ConnHooks};
pub use ctx::Ctx;
pub use dispatch::{execute, Flow};
pub use errors::{CmdResult, Error};
pub use registry::registry;
pub use spec::CommandSpec;
pub use state::Server;
pub use stats::ShardStats;
