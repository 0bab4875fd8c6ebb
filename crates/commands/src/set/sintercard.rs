//! SINTERCARD numkeys key [key ...] [LIMIT limit]
//!
//! The size of the intersection, counting no further than LIMIT (0: no limit). Argument errors
//! come before any key is looked up.

use shoal_resp::Args;

use super::ops::{inter, keys_from, InterMode, InterResult};
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{
    Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, Group, KeySpec, KsFlags,
};

pub static SPEC: CommandSpec = CommandSpec {
    name: "sintercard",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::SET,
    key_specs: &[KeySpec {
        notes: "",
        flags: KsFlags::RO.union(KsFlags::ACCESS),
        begin: BeginSearch::Index(1),
        find: FindKeys::Keynum {
            keynumidx: 0,
            firstkey: 1,
            keystep: 1,
        },
    }],
    group: Group::Set,
    since: "7.0.0",
    summary: "Returns the number of members of the intersect of multiple sets.",
    complexity:
        "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
    args: &[
        Arg::new("numkeys", ArgKind::Integer),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("key", ArgKind::Key)
        },
        Arg {
            token: "LIMIT",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("limit", ArgKind::Integer)
        },
    ],
    handler: sintercard,
    ..CommandSpec::DEFAULT
};

fn sintercard(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let numkeys = shoal_util::string2ll(args.get(1))
        .filter(|n| *n >= 1)
        .ok_or(Error::Static("ERR numkeys should be greater than 0"))?;
    if numkeys > args.len() as i64 - 2 {
        return Err(Error::Static(
            "ERR Number of keys can't be greater than number of args",
        ));
    }
    let end = 2 + numkeys as usize;
    let mut limit = 0usize;
    let mut i = end;
    while i < args.len() {
        if is_c(args.get(i), "LIMIT") && i + 1 < args.len() {
            limit = shoal_util::string2ll(args.get(i + 1))
                .filter(|n| *n >= 0)
                .ok_or(Error::Static("ERR LIMIT can't be negative"))? as usize;
            i += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    let keys = keys_from(args, 2, end);
    match inter(ctx, &keys, InterMode::Card(limit))? {
        InterResult::Count(n) => ctx.out.int(n as i64),
        _ => unreachable!("card mode counts"),
    }
    Ok(())
}
