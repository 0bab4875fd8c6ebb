//! SETNX key value
//!
//! Sets the value only when the key does not exist: 1 when set, 0 when not.

use shoal_resp::Args;
use shoal_store::{encoding_for, NewValue};

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "setnx",
    arity: 3,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(1, KsFlags::OW.union(KsFlags::INSERT))],
    group: Group::String,
    since: "1.0.0",
    summary: "Set the string value of a key only when the key doesn't exist.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("value", ArgKind::String),
    ],
    handler: setnx,
    ..CommandSpec::DEFAULT
};

fn setnx(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let value = args.get(2);
    if ctx.keys.get_mut(key).is_some() {
        ctx.out.int(0);
        return Ok(());
    }
    ctx.keys
        .set(key, NewValue::Str(value, encoding_for(value)), None);
    ctx.keys.changed("set", key);
    ctx.out.int(1);
    Ok(())
}
