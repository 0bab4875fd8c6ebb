//! SETRANGE key offset value
//!
//! Overwrites the string from `offset` on, padding with zero bytes when it was shorter, and
//! returns the new length. An empty `value` changes nothing (and creates no key).

use shoal_resp::Args;
use shoal_store::{NewValue, StrEncoding};

use super::{check_length, max_string_len, string_value};
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "setrange",
    arity: 4,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))],
    group: Group::String,
    since: "2.2.0",
    summary: "Overwrites a part of a string value with another by an offset. Creates the key if \
              it doesn't exist.",
    complexity: "O(1), not counting the time taken to copy the new string in place. Usually, \
                 this string is very small so the amortized complexity is O(1). Otherwise, \
                 complexity is O(M) with M being the length of the value argument.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("offset", ArgKind::Integer),
        Arg::new("value", ArgKind::String),
    ],
    handler: setrange,
    ..CommandSpec::DEFAULT
};

fn setrange(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    let key = a.get(1);
    let offset = args::int(a.get(2))?;
    let patch = a.get(3);
    if offset < 0 {
        return Err(Error::OffsetOutOfRange);
    }
    let offset = offset as u64;
    let max = max_string_len(ctx);
    let len = match ctx.keys.get_mut(key) {
        None => {
            if patch.is_empty() {
                ctx.out.int(0);
                return Ok(());
            }
            check_length(max, offset, patch.len() as u64)?;
            let value = overwrite(b"", offset as usize, patch);
            ctx.keys
                .set(key, NewValue::Str(&value, StrEncoding::Raw), None);
            value.len()
        }
        Some(mut e) => {
            let current = string_value(e.entry())?;
            if patch.is_empty() {
                ctx.out.int(current.len() as i64);
                return Ok(());
            }
            check_length(max, offset, patch.len() as u64)?;
            let value = overwrite(current, offset as usize, patch);
            let expire = e.entry().expire();
            e.set_value(NewValue::Str(&value, StrEncoding::Raw), expire);
            value.len()
        }
    };
    ctx.keys.changed("setrange", key);
    ctx.out.int(len as i64);
    Ok(())
}

/// `current` with `patch` written at `offset`, zero-padded as needed.
fn overwrite(current: &[u8], offset: usize, patch: &[u8]) -> Vec<u8> {
    let end = offset + patch.len();
    let mut value = Vec::with_capacity(current.len().max(end));
    value.extend_from_slice(current);
    if value.len() < end {
        value.resize(end, 0);
    }
    value[offset..end].copy_from_slice(patch);
    value
}
