//! Shared test support: the in-process shoal server, a raw RESP connection, a real
//! redis-server for differential runs, and registry gates for commands not yet implemented.

pub mod conn;
pub mod gate;
pub mod redis_ref;
pub mod shoal;

pub use conn::{encode, encode_str, show, Conn};
pub use gate::{has, knows, require};
pub use redis_ref::RedisRef;
pub use shoal::Shoal;
