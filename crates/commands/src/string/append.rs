//! APPEND key value
//!
//! Appends to the string (creating it when missing) and returns the new length.

use shoal_resp::Args;
use shoal_store::{encoding_for, NewValue, StrEncoding};

use super::{check_length, max_string_len, string_value};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "append",
    arity: 3,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::INSERT))],
    group: Group::String,
    since: "2.0.0",
    summary: "Appends a string to the value of a key. Creates the key if it doesn't exist.",
    complexity: "O(1). The amortized time complexity is O(1) assuming the appended value is \
                 small and the already present value is of any size, since the dynamic string \
                 library used by Redis will double the free space available on every \
                 reallocation.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("value", ArgKind::String),
    ],
    handler: append,
    ..CommandSpec::DEFAULT
};

fn append(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let tail = args.get(2);
    let max = max_string_len(ctx);
    let len = match ctx.keys.get_mut(key) {
        // A new key is stored as SET would store it ("APPEND k 12" leaves an int).
        None => {
            ctx.keys
                .set(key, NewValue::Str(tail, encoding_for(tail)), None);
            tail.len()
        }
        // Appending to an existing value always leaves it raw, even when `tail` is empty.
        Some(mut e) => {
            let current = string_value(e.entry())?;
            check_length(max, current.len() as u64, tail.len() as u64)?;
            let mut joined = Vec::with_capacity(current.len() + tail.len());
            joined.extend_from_slice(current);
            joined.extend_from_slice(tail);
            let expire = e.entry().expire();
            e.set_value(NewValue::Str(&joined, StrEncoding::Raw), expire);
            joined.len()
        }
    };
    ctx.keys.changed("append", key);
    ctx.out.int(len as i64);
    Ok(())
}
