//! String commands.
//!
//! Values are stored as bytes plus the encoding name Redis would report (`int`, `embstr`,
//! `raw`): SET-like commands pick it as Redis's tryObjectEncoding does ([`encoding_for`]),
//! the INCR family always stores `int`, APPEND and SETRANGE on an existing value leave `raw`.
//!
//! [`encoding_for`]: shoal_store::encoding_for

use shoal_config::Param;
use shoal_store::{Entry, StrEncoding, Value};

use crate::ctx::Ctx;
use crate::errors::Error;
use crate::spec::CommandSpec;

pub(crate) mod expire_opts;

pub mod append;
pub mod get;
pub mod getdel;
pub mod getex;
pub mod getrange;
pub mod getset;
pub mod incr;
pub mod incrbyfloat;
pub mod lcs;
pub mod mget;
pub mod mset;
pub mod set;
pub mod setex;
pub mod setnx;
pub mod setrange;
pub mod strlen;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &get::SPEC,
    &set::SPEC,
    &setnx::SPEC,
    &setex::SETEX,
    &setex::PSETEX,
    &getex::SPEC,
    &getdel::SPEC,
    &getset::SPEC,
    &mget::SPEC,
    &mset::MSET,
    &mset::MSETNX,
    &append::SPEC,
    &strlen::SPEC,
    &getrange::GETRANGE,
    &getrange::SUBSTR,
    &setrange::SPEC,
    &incr::INCR,
    &incr::DECR,
    &incr::INCRBY,
    &incr::DECRBY,
    &incrbyfloat::SPEC,
    &lcs::SPEC,
];

/// The bytes of a string value, or WRONGTYPE.
fn string_value(entry: &Entry) -> Result<&[u8], Error> {
    match entry.value() {
        Value::Str(v, _) => Ok(v),
        Value::Object(_) => Err(Error::WrongType),
    }
}

/// The longest string a command may build (proto-max-bulk-len).
fn max_string_len(ctx: &Ctx<'_>) -> u64 {
    ctx.server.config.get_i64(Param::ProtoMaxBulkLen) as u64
}

/// Redis's checkStringLength: a string of `size + append` bytes must fit in `max`.
fn check_length(max: u64, size: u64, append: u64) -> Result<(), Error> {
    match size.checked_add(append) {
        Some(total) if total <= max => Ok(()),
        _ => Err(Error::StringTooLong),
    }
}

/// The encoding Redis gives a string it creates with createStringObject (no integer
/// detection): INCRBYFLOAT results.
fn plain_encoding(len: usize) -> StrEncoding {
    if len <= 44 {
        StrEncoding::Embstr
    } else {
        StrEncoding::Raw
    }
}
