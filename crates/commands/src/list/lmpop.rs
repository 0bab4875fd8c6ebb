//! LMPOP numkeys key [key ...] <LEFT | RIGHT> [COUNT count]
//!
//! Pops up to count (default 1) elements from the first non-empty list among the keys and
//! replies `[key, [elements]]`; a nil array when every key is missing.

use shoal_resp::Args;
use shoal_store::list::End;

use super::{end_arg, ops, optional, parse_end};
use crate::args::Mpop;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{
    Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, Group, KeySpec, KsFlags,
};

pub static SPEC: CommandSpec = CommandSpec {
    name: "lmpop",
    arity: -4,
    flags: Flags::WRITE,
    acl: Acl::LIST,
    key_specs: &[KeySpec {
        notes: "",
        flags: KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE),
        begin: BeginSearch::Index(1),
        find: FindKeys::Keynum {
            keynumidx: 0,
            firstkey: 1,
            keystep: 1,
        },
    }],
    group: Group::List,
    since: "7.0.0",
    summary: "Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.",
    complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
    args: &[
        Arg::new("numkeys", ArgKind::Integer),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("key", ArgKind::Key)
        },
        end_arg("where"),
        optional(Arg {
            token: "COUNT",
            ..Arg::new("count", ArgKind::Integer)
        }),
    ],
    handler: lmpop,
    ..CommandSpec::DEFAULT
};

/// LMPOP/BLMPOP arguments from `numkeys_at` on: the key positions, the end and the count.
pub(crate) fn parse(args: &Args<'_>, numkeys_at: usize) -> Result<Mpop<End>, Error> {
    crate::args::mpop(args, numkeys_at, |w| parse_end(w).ok())
}

fn lmpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let Mpop { keys, end, count } = parse(args, 1)?;
    let keys: smallvec::SmallVec<[&[u8]; 8]> = keys.map(|i| args.get(i)).collect();
    if !ops::pop_first_nonempty(ctx, &keys, end, count)? {
        ctx.out.null_array();
    }
    Ok(())
}
