//! HyperLogLog commands. A sketch is an ordinary string value in Redis's exact byte format
//! (see [`shoal_store::hll`]), so `GET`, `SET`, `DUMP` and replication carry it unchanged and
//! the bytes match Redis's after the same commands.

use shoal_config::Param;
use shoal_store::{hll, Entry, Value};

use crate::ctx::Ctx;
use crate::errors::Error;
use crate::spec::CommandSpec;

pub mod pfadd;
pub mod pfcount;
pub mod pfdebug;
pub mod pfmerge;
pub mod pfselftest;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &pfadd::SPEC,
    &pfcount::SPEC,
    &pfmerge::SPEC,
    &pfdebug::SPEC,
    &pfselftest::SPEC,
];

const NOT_HLL: Error = Error::Static("WRONGTYPE Key is not a valid HyperLogLog string value.");
const CORRUPT: Error = Error::Static("INVALIDOBJ Corrupted HLL object detected");

/// The sketch a key holds: WRONGTYPE for collections, Redis's "not a valid HyperLogLog" for
/// strings that are not one.
fn sketch_of(entry: &Entry) -> Result<&[u8], Error> {
    match entry.value() {
        Value::Str(v, _) if hll::is_valid(v) => Ok(v),
        Value::Str(..) => Err(NOT_HLL),
        Value::Object(_) => Err(Error::WrongType),
    }
}

/// `hll-sparse-max-bytes`, read at the time of each write as Redis does.
fn sparse_max_bytes(ctx: &Ctx<'_>) -> usize {
    ctx.server.config.get_i64(Param::HllSparseMaxBytes).max(0) as usize
}
