//! RESP, the Redis wire protocol, as Redis 7.2 speaks it.
//!
//! - [`request`]: the server-side request parser. Inline and multibulk
//!   requests, resumable across reads, zero-copy for multibulk arguments,
//!   with Redis's limits and its exact protocol error texts.
//! - [`reply`]: the reply writer for RESP2 and RESP3 into a `Vec<u8>`,
//!   including deferred aggregate lengths.
//! - [`double`]: doubles formatted byte-for-byte as Redis 7.2 prints them.
//! - [`value`]: a client-side reply parser and encoder (tests, the
//!   differential suite, scripting).
//!
//! Threading: none. Everything here is plain data and pure functions; a
//! parser or writer belongs to one connection and is used from one thread at
//! a time. Nothing blocks, allocates behind shared state, or does I/O.
//!
//! The crate depends on no other shoal crate.

pub mod double;
pub mod int;
pub mod reply;
pub mod request;
pub mod value;

pub mod inline;

pub use double::{format_double, MAX_DOUBLE_CHARS};
pub use reply::{Deferred, Proto, ReplyBuf};
pub use request::{Args, Limits, Parsed, ProtocolError, RequestParser};
pub use value::{parse_value, Value};
