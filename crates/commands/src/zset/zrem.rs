//! ZREM key member [member ...]
//!
//! Removes members, deleting the key once it is empty (the remaining arguments are then not
//! looked at, as in Redis). Replies how many were removed.

use shoal_resp::Args;

use super::common::{self, modified};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "zrem",
    arity: -3,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::DELETE))],
    group: Group::SortedSet,
    since: "1.2.0",
    summary: "Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.",
    complexity: "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.",
    history: &[("2.4.0", "Accepts multiple elements.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("member", ArgKind::String)
        },
    ],
    handler: zrem,
    ..CommandSpec::DEFAULT
};

fn zrem(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let mut deleted = 0u64;
    if let Some(z) = common::write(&mut ctx.keys, key)? {
        for i in 2..args.len() {
            deleted += z.remove(args.get(i)) as u64;
            if z.is_empty() {
                break;
            }
        }
    }
    if deleted > 0 {
        if common::drop_if_empty(&mut ctx.keys, key) {
            modified(&mut ctx.keys, key, &["zrem", "del"], deleted);
        } else {
            modified(&mut ctx.keys, key, &["zrem"], deleted);
        }
    }
    ctx.out.int(deleted as i64);
    Ok(())
}
