//! shoal's configuration, compatible with Redis 7.2's `redis.conf`: a config
//! file plus `--name value` command-line overrides at start-up, and CONFIG
//! GET / SET / REWRITE at run time with Redis's exact replies and errors.
//!
//! Every parameter is declared once in [`PARAMS`]. Values live in atomics
//! (numbers, bools, enums) or behind short read locks (text), so hot paths
//! read them without contention through [`Config`]'s typed accessors. A
//! directive shoal does not implement stops start-up with a message naming it;
//! it is never ignored silently.

mod args;
mod config;
mod load;
mod params;
mod redis_names;
mod rewrite;
mod typed;
mod value;

pub use args::{repr, split_args};
pub use config::{is_sensitive, ApplyHook, Config};
pub use load::{from_args, from_str_conf, ConfigError, REDIS_VERSION};
pub use params::{lookup, Access, Kind, NumSpec, Param, ParamDef, PARAMS};
pub use typed::{notify, ClientClass, LogLevel, MaxmemoryPolicy, ObufLimit, ProtectedAction};

/// The configuration shoal runs with when no file is given, documenting every
/// parameter with its default. Parsing it yields exactly [`Config::new`].
pub const DEFAULT_CONF: &str = include_str!("../../../config/shoal.conf");

#[cfg(test)]
mod tests;
