//! HSETNX key field value

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hsetnx",
    arity: 4,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::INSERT))],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Sets the value of a field in a hash only when the field doesn't exist.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("field", ArgKind::String),
        Arg::new("value", ArgKind::String),
    ],
    handler: hsetnx,
    ..CommandSpec::DEFAULT
};

fn hsetnx(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let (key, field, value) = (args.get(1), args.get(2), args.get(3));
    let limits = access::limits(ctx);
    let set = access::modify_or_create(&mut ctx.keys, key, |h| {
        if h.contains(field) {
            return Ok(false);
        }
        h.prepare_write(1, [field.len(), value.len()], limits);
        h.insert(field, value, false, limits);
        Ok(true)
    })?;
    if set {
        ctx.keys.changed("hset", key);
    }
    ctx.out.int(i64::from(set));
    Ok(())
}
