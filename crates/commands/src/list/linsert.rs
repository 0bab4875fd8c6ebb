//! LINSERT key <BEFORE | AFTER> pivot element
//!
//! Inserts element next to the first element equal to pivot; replies with the new length, -1
//! when no element equals pivot, 0 for a missing key.

use shoal_resp::Args;

use super::{fill, list_mut, touched, KEY_ARG};
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "linsert",
    arity: 5,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::LIST,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::INSERT))],
    group: Group::List,
    since: "2.2.0",
    summary: "Inserts an element before or after another element in a list.",
    complexity: "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).",
    args: &[
        KEY_ARG,
        Arg {
            children: &[
                Arg {
                    token: "BEFORE",
                    ..Arg::new("before", ArgKind::PureToken)
                },
                Arg {
                    token: "AFTER",
                    ..Arg::new("after", ArgKind::PureToken)
                },
            ],
            ..Arg::new("where", ArgKind::Oneof)
        },
        Arg::new("pivot", ArgKind::String),
        Arg::new("element", ArgKind::String),
    ],
    handler: linsert,
    ..CommandSpec::DEFAULT
};

fn linsert(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let after = if is_c(args.get(2), "after") {
        true
    } else if is_c(args.get(2), "before") {
        false
    } else {
        return Err(Error::Syntax);
    };
    let key = args.get(1);
    let fill = fill(ctx);
    let Some(list) = list_mut(&mut ctx.keys, key)? else {
        ctx.out.int(0);
        return Ok(());
    };
    if !list.insert(args.get(3), args.get(4), after, fill) {
        ctx.out.int(-1);
        return Ok(());
    }
    let len = list.len();
    touched(&mut ctx.keys, "linsert", key, 1);
    ctx.out.int(len as i64);
    Ok(())
}
