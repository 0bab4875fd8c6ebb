//! GET key
//!
//! The value of `key`, nil when it does not exist, WRONGTYPE when it is not a string.

use shoal_resp::Args;
use shoal_store::Value;

use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "get",
    arity: 2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::String,
    since: "1.0.0",
    summary: "Returns the string value of a key.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: get,
    ..CommandSpec::DEFAULT
};

fn get(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    match ctx.keys.get(args.get(1)).map(|e| e.value()) {
        None => ctx.out.null(),
        Some(Value::Str(v, _)) => ctx.out.bulk(v),
        Some(Value::Object(_)) => return Err(Error::WrongType),
    }
    Ok(())
}
