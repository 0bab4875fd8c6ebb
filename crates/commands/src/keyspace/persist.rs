//! PERSIST key
//!
//! Removes the expire time: 1 when there was one, 0 when the key has none or does not exist.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "persist",
    arity: 2,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::KEYSPACE,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))],
    group: Group::Generic,
    since: "2.2.0",
    summary: "Removes the expiration time of a key.",
    complexity: "O(1)",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: persist,
    ..CommandSpec::DEFAULT
};

fn persist(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let removed = match ctx.keys.get_mut(key) {
        Some(mut e) if e.entry().expire().is_some() => {
            e.set_expire(None);
            true
        }
        _ => false,
    };
    if removed {
        ctx.keys.changed("persist", key);
    }
    ctx.out.int(removed as i64);
    Ok(())
}
