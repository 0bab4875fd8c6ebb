//! GETDEL key
//!
//! The value, then the key is deleted; nil when it does not exist.

use shoal_resp::Args;

use super::string_value;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "getdel",
    arity: 2,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE),
    )],
    group: Group::String,
    since: "6.2.0",
    summary: "Returns the string value of a key after deleting the key.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: getdel,
    ..CommandSpec::DEFAULT
};

fn getdel(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let Some(entry) = ctx.keys.get(key) else {
        ctx.out.null();
        return Ok(());
    };
    ctx.out.bulk(string_value(entry)?);
    ctx.keys.remove(key);
    ctx.keys.changed("del", key);
    Ok(())
}
