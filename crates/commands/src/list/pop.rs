//! LPOP key [count] / RPOP key [count]
//!
//! Without count: the first (last) element, or nil. With count: an array of up to count
//! elements in pop order; nil array for a missing key, an empty array for count 0.

use shoal_resp::Args;
use shoal_store::list::End;

use super::{list_mut, ops, optional, KEY_ARG};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const ARGS: &[Arg] = &[
    KEY_ARG,
    optional(Arg {
        since: "6.2.0",
        ..Arg::new("count", ArgKind::Integer)
    }),
];

const KEY_SPECS: &[KeySpec] = &[KeySpec::single(
    1,
    KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE),
)];

const fn spec(
    name: &'static str,
    summary: &'static str,
    handler: crate::spec::Handler,
) -> CommandSpec {
    CommandSpec {
        name,
        arity: -2,
        flags: Flags::WRITE.union(Flags::FAST),
        acl: Acl::LIST,
        key_specs: KEY_SPECS,
        group: Group::List,
        since: "1.0.0",
        summary,
        complexity: "O(N) where N is the number of elements returned",
        args: ARGS,
        history: &[("6.2.0", "Added the `count` argument.")],
        handler,
        ..CommandSpec::DEFAULT
    }
}

pub static LPOP: CommandSpec = spec(
    "lpop",
    "Returns the first elements in a list after removing it. Deletes the list if the last element was popped.",
    lpop,
);
pub static RPOP: CommandSpec = spec(
    "rpop",
    "Returns and removes the last elements of a list. Deletes the list if the last element was popped.",
    rpop,
);

fn lpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    pop(ctx, args, End::Head)
}

fn rpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    pop(ctx, args, End::Tail)
}

fn pop(ctx: &mut Ctx<'_>, args: &Args<'_>, end: End) -> CmdResult {
    if args.len() > 3 {
        return Err(Error::arity(if end == End::Head { "lpop" } else { "rpop" }));
    }
    let key = args.get(1);
    let Some(raw) = args.try_get(2) else {
        match ops::pop_one(ctx, key, end)? {
            Some(v) => ctx.out.bulk(&v),
            None => ctx.out.null(),
        }
        return Ok(());
    };
    // Any bad count, even a non-number, gets the "must be positive" text.
    let count = shoal_util::string2ll(raw)
        .filter(|&c| c >= 0)
        .ok_or(Error::Static("ERR value is out of range, must be positive"))?;
    if count == 0 {
        match list_mut(&mut ctx.keys, key)? {
            Some(_) => ctx.out.empty_array(),
            None => ctx.out.null_array(),
        }
        return Ok(());
    }
    if !ops::pop_array(ctx, key, end, count as usize)? {
        ctx.out.null_array();
    }
    Ok(())
}
