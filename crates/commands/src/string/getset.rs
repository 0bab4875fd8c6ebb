//! GETSET key value
//!
//! Sets the value (dropping any expire time, like SET) and returns the old one.

use shoal_resp::Args;
use shoal_store::{encoding_for, NewValue};

use super::string_value;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "getset",
    arity: 3,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
    )],
    group: Group::String,
    since: "1.0.0",
    summary: "Returns the previous string value of a key after setting it to a new value.",
    complexity: "O(1)",
    deprecated_since: "6.2.0",
    doc_flags: &["deprecated"],
    replaced_by: "`SET` with the `!GET` argument",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("value", ArgKind::String),
    ],
    handler: getset,
    ..CommandSpec::DEFAULT
};

fn getset(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let value = args.get(2);
    match ctx.keys.get(key) {
        None => ctx.out.null(),
        Some(e) => ctx.out.bulk(string_value(e)?),
    }
    ctx.keys
        .set(key, NewValue::Str(value, encoding_for(value)), None);
    ctx.keys.changed("set", key);
    Ok(())
}
