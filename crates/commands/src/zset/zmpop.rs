//! ZMPOP numkeys key [key ...] MIN | MAX [COUNT count]
//!
//! Pops from the first non-empty sorted set among the keys; replies [key, [[member, score],
//! ...]] in both protocols, or a null array when every key is missing.

use shoal_resp::Args;

use super::pop::{pop_reply, End, Shape};
use crate::args::{is, Mpop};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{
    Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, Group, KeySpec, KsFlags,
};

pub static SPEC: CommandSpec = CommandSpec {
    name: "zmpop",
    arity: -4,
    flags: Flags::WRITE,
    acl: Acl::SORTEDSET,
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
    group: Group::SortedSet,
    since: "7.0.0",
    summary: "Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.",
    complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
    args: &[
        Arg::new("numkeys", ArgKind::Integer),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("key", ArgKind::Key)
        },
        Arg {
            children: &[
                Arg { token: "MIN", ..Arg::new("min", ArgKind::PureToken) },
                Arg { token: "MAX", ..Arg::new("max", ArgKind::PureToken) },
            ],
            ..Arg::new("where", ArgKind::Oneof)
        },
        Arg {
            token: "COUNT",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("count", ArgKind::Integer)
        },
    ],
    handler: zmpop,
    ..CommandSpec::DEFAULT
};

/// ZMPOP/BZMPOP's arguments from `numkeys_at` on.
pub fn parse(args: &Args<'_>, numkeys_at: usize) -> Result<Mpop<End>, Error> {
    crate::args::mpop(args, numkeys_at, |w| {
        if is(w, "MIN") {
            Some(End::Min)
        } else if is(w, "MAX") {
            Some(End::Max)
        } else {
            None
        }
    })
}

fn zmpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let p = parse(args, 1)?;
    let keys: Vec<&[u8]> = p.keys.map(|i| args.get(i)).collect();
    pop_reply(ctx, &keys, p.end, p.count, Shape::KeyNested, true)?;
    Ok(())
}
