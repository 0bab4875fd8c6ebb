//! LMPOP numkeys key [key ...] <LEFT | RIGHT> [COUNT count]
//!
//! Pops up to count (default 1) elements from the first non-empty list among the keys and
//! replies `[key, [elements]]`; a nil array when every key is missing.

use shoal_resp::Args;
use shoal_store::list::End;

use super::{end_arg, ops, optional, parse_end};
use crate::args::is;
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

/// A positive integer, with `err` for anything else (non-numbers included).
fn positive(arg: &[u8], err: &'static str) -> Result<i64, Error> {
    shoal_util::string2ll(arg)
        .filter(|&v| v > 0)
        .ok_or(Error::Static(err))
}

/// LMPOP/BLMPOP arguments from `numkeys_idx` on: the key positions, the end and the count.
pub(crate) fn parse(
    args: &Args<'_>,
    numkeys_idx: usize,
) -> Result<(std::ops::Range<usize>, End, usize), Error> {
    let numkeys = positive(
        args.get(numkeys_idx),
        "ERR numkeys should be greater than 0",
    )?;
    // Past the arguments there is no LEFT/RIGHT: a syntax error, as in Redis.
    let where_idx = usize::try_from(numkeys)
        .ok()
        .and_then(|n| n.checked_add(numkeys_idx + 1))
        .filter(|&i| i < args.len())
        .ok_or(Error::Syntax)?;
    let end = parse_end(args.get(where_idx))?;
    let mut count = None;
    let mut j = where_idx + 1;
    while j < args.len() {
        if count.is_none() && is(args.get(j), "count") && j + 1 < args.len() {
            count = Some(positive(
                args.get(j + 1),
                "ERR count should be greater than 0",
            )?);
            j += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    Ok((numkeys_idx + 1..where_idx, end, count.unwrap_or(1) as usize))
}

fn lmpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let (range, end, count) = parse(args, 1)?;
    let keys: smallvec::SmallVec<[&[u8]; 8]> = range.map(|i| args.get(i)).collect();
    if !ops::pop_first_nonempty(ctx, &keys, end, count)? {
        ctx.out.null_array();
    }
    Ok(())
}
