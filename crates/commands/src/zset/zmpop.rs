//! ZMPOP numkeys key [key ...] MIN | MAX [COUNT count]
//!
//! Pops from the first non-empty sorted set among the keys; replies [key, [[member, score],
//! ...]] in both protocols, or a null array when every key is missing.

use shoal_resp::Args;

use super::common::long_in;
use super::pop::{pop_reply, End, Shape};
use crate::args::is;
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

/// What ZMPOP and BZMPOP parse after their numkeys argument at `numkeys_at`.
pub struct MpopArgs<'a> {
    pub keys: Vec<&'a [u8]>,
    pub end: End,
    pub count: usize,
}

pub fn parse<'a>(args: &Args<'a>, numkeys_at: usize) -> Result<MpopArgs<'a>, Error> {
    let numkeys = long_in(
        args.get(numkeys_at),
        1,
        i64::MAX,
        "ERR numkeys should be greater than 0",
    )? as u64;
    let where_at = numkeys_at as u64 + numkeys + 1;
    if where_at >= args.len() as u64 {
        return Err(Error::Syntax);
    }
    let where_at = where_at as usize;
    let end = match args.get(where_at) {
        w if is(w, "MIN") => End::Min,
        w if is(w, "MAX") => End::Max,
        _ => return Err(Error::Syntax),
    };
    let mut count = None;
    let mut j = where_at + 1;
    while j < args.len() {
        if count.is_none() && is(args.get(j), "COUNT") && j + 1 < args.len() {
            j += 1;
            count = Some(long_in(
                args.get(j),
                1,
                i64::MAX,
                "ERR count should be greater than 0",
            )? as usize);
        } else {
            return Err(Error::Syntax);
        }
        j += 1;
    }
    Ok(MpopArgs {
        keys: (numkeys_at + 1..where_at).map(|i| args.get(i)).collect(),
        end,
        count: count.unwrap_or(1),
    })
}

fn zmpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let p = parse(args, 1)?;
    pop_reply(ctx, &p.keys, p.end, p.count, Shape::KeyNested, true)?;
    Ok(())
}
