//! SREM key member [member ...]
//!
//! Removes members; the key goes away with the last one.

use shoal_resp::Args;

use super::as_set_mut;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "srem",
    arity: -3,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::SET,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::DELETE))],
    group: Group::Set,
    since: "1.0.0",
    summary:
        "Removes one or more members from a set. Deletes the set if the last member was removed.",
    complexity: "O(N) where N is the number of members to be removed.",
    history: &[("2.4.0", "Accepts multiple `member` arguments.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("member", ArgKind::String)
        },
    ],
    handler: srem,
    ..CommandSpec::DEFAULT
};

fn srem(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let Some(mut e) = ctx.keys.get_mut(key) else {
        ctx.out.int(0);
        return Ok(());
    };
    let set = as_set_mut(e.entry_mut())?;
    let mut removed = 0u64;
    for i in 2..args.len() {
        if set.remove(args.get(i)) {
            removed += 1;
            if set.is_empty() {
                break;
            }
        }
    }
    let emptied = set.is_empty();
    if emptied {
        ctx.keys.remove(key);
    }
    if removed > 0 {
        ctx.keys.changed("srem", key);
        ctx.keys.dirty += removed - 1;
        if emptied {
            ctx.keys.changed("del", key);
            ctx.keys.dirty -= 1;
        }
    }
    ctx.out.int(removed as i64);
    Ok(())
}
