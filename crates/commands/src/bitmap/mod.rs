//! Bitmap commands: bit-level reads and writes of ordinary string values (Redis has no bitmap
//! type; a bitmap is a string and stays one, `raw` after any write as in Redis).
//!
//! Writers grow the string with zero bytes up to the highest bit they touch; offsets are
//! limited by `proto-max-bulk-len` (512MB by default, so bits below 2^32).

use shoal_config::Param;
use shoal_store::{Entry, NewValue, StrEncoding, Value};

use crate::ctx::Ctx;
use crate::errors::Error;
use crate::spec::CommandSpec;

pub mod bitcount;
pub mod bitfield;
pub mod bitop;
pub mod bitpos;
pub mod getbit;
pub mod setbit;

mod bits;

#[cfg(test)]
pub(crate) mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &setbit::SPEC,
    &getbit::SPEC,
    &bitcount::SPEC,
    &bitpos::SPEC,
    &bitop::SPEC,
    &bitfield::BITFIELD,
    &bitfield::BITFIELD_RO,
];

const BAD_OFFSET: Error = Error::Static("ERR bit offset is not an integer or out of range");

/// Redis's getBitOffsetFromArgument: a bit offset below `proto-max-bulk-len` bytes. With
/// `field_bits` (BITFIELD), `#N` means the N-th field of that width.
fn bit_offset(ctx: &Ctx<'_>, arg: &[u8], field_bits: Option<u32>) -> Result<u64, Error> {
    let (digits, scale) = match (arg.first(), field_bits) {
        (Some(b'#'), Some(bits)) => (&arg[1..], bits as i64),
        _ => (arg, 1),
    };
    // Redis multiplies in C's wrapping arithmetic; a wrapped product is caught as negative or
    // out of range like any other.
    let offset = shoal_util::string2ll(digits)
        .ok_or(BAD_OFFSET)?
        .wrapping_mul(scale);
    let max = ctx.server.config.get_i64(Param::ProtoMaxBulkLen);
    if offset < 0 || (offset >> 3) >= max {
        return Err(BAD_OFFSET);
    }
    Ok(offset as u64)
}

/// The bytes of a string value, or WRONGTYPE.
fn string_of(entry: &Entry) -> Result<&[u8], Error> {
    match entry.value() {
        Value::Str(v, _) => Ok(v),
        Value::Object(_) => Err(Error::WrongType),
    }
}

/// Redis's lookupStringForBitCommand: runs `edit` on the string at `key`, created or padded
/// with zero bytes so that bit `maxbit` exists; `edit` is told whether the string was created
/// or grew. The value keeps its TTL and ends up `raw`.
fn edit_bits<R>(
    ctx: &mut Ctx<'_>,
    key: &[u8],
    maxbit: u64,
    edit: impl FnOnce(&mut [u8], bool) -> R,
) -> Result<R, Error> {
    let need = (maxbit >> 3) as usize + 1;
    let Some(mut e) = ctx.keys.get_mut(key) else {
        let mut value = vec![0u8; need];
        let r = edit(&mut value, true);
        ctx.keys
            .set(key, NewValue::Str(&value, StrEncoding::Raw), None);
        return Ok(r);
    };
    let current = string_of(e.entry())?;
    if current.len() >= need {
        let bytes = e
            .entry_mut()
            .str_bytes_mut()
            .expect("checked to be a string");
        return Ok(edit(bytes, false));
    }
    let mut value = Vec::with_capacity(need);
    value.extend_from_slice(current);
    value.resize(need, 0);
    let r = edit(&mut value, true);
    let expire = e.entry().expire();
    e.set_value(NewValue::Str(&value, StrEncoding::Raw), expire);
    Ok(r)
}
