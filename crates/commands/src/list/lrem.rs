//! LREM key count element
//!
//! Removes elements equal to element: the first count from the head when count > 0, the last
//! |count| when count < 0, all when 0. Replies with how many were removed.

use shoal_resp::Args;

use super::{delete_emptied, fill, list_mut, touched, KEY_ARG};
use crate::args::int;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "lrem",
    arity: 4,
    flags: Flags::WRITE,
    acl: Acl::LIST,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::DELETE))],
    group: Group::List,
    since: "1.0.0",
    summary: "Removes elements from a list. Deletes the list if the last element was removed.",
    complexity: "O(N+M) where N is the length of the list and M is the number of elements removed.",
    args: &[
        KEY_ARG,
        Arg::new("count", ArgKind::Integer),
        Arg::new("element", ArgKind::String),
    ],
    handler: lrem,
    ..CommandSpec::DEFAULT
};

fn lrem(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    // i64::MIN is accepted and, as in Redis, removes every match from the tail.
    let count = int(args.get(2))?;
    let key = args.get(1);
    let fill = fill(ctx);
    let Some(list) = list_mut(&mut ctx.keys, key)? else {
        ctx.out.int(0);
        return Ok(());
    };
    let removed = list.remove(args.get(3), count, fill);
    if removed > 0 {
        let emptied = list.is_empty();
        touched(&mut ctx.keys, "lrem", key, removed as u64);
        if emptied {
            delete_emptied(&mut ctx.keys, key);
        }
    }
    ctx.out.int(removed as i64);
    Ok(())
}
