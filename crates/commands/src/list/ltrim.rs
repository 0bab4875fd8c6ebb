//! LTRIM key start stop
//!
//! Keeps only the elements from start to stop inclusive (LRANGE's index rules); an empty range
//! deletes the key.

use shoal_resp::Args;

use super::{delete_emptied, fill, list_mut, touched, KEY_ARG};
use crate::args::int;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "ltrim",
    arity: 4,
    flags: Flags::WRITE,
    acl: Acl::LIST,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::DELETE))],
    group: Group::List,
    since: "1.0.0",
    summary:
        "Removes elements from both ends a list. Deletes the list if all elements were trimmed.",
    complexity: "O(N) where N is the number of elements to be removed by the operation.",
    args: &[
        KEY_ARG,
        Arg::new("start", ArgKind::Integer),
        Arg::new("stop", ArgKind::Integer),
    ],
    handler: ltrim,
    ..CommandSpec::DEFAULT
};

fn ltrim(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let start = int(args.get(2))?;
    let stop = int(args.get(3))?;
    let key = args.get(1);
    let fill = fill(ctx);
    if let Some(list) = list_mut(&mut ctx.keys, key)? {
        let removed = list.trim(start, stop, fill);
        let emptied = list.is_empty();
        // Redis signals the key (and counts dirty) only when something went.
        if removed > 0 {
            touched(&mut ctx.keys, "ltrim", key, removed as u64);
        }
        if emptied {
            delete_emptied(&mut ctx.keys, key);
        }
    }
    ctx.out.ok();
    Ok(())
}
