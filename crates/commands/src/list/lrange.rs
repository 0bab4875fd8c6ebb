//! LRANGE key start stop
//!
//! Elements from start to stop inclusive; negative indexes count from the tail and the range
//! is clamped to the list.

use shoal_resp::Args;

use super::{list_ref, reply_elem, KEY_ARG};
use crate::args::int;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "lrange",
    arity: 4,
    flags: Flags::READONLY,
    acl: Acl::LIST,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::List,
    since: "1.0.0",
    summary: "Returns a range of elements from a list.",
    complexity: "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.",
    args: &[
        KEY_ARG,
        Arg::new("start", ArgKind::Integer),
        Arg::new("stop", ArgKind::Integer),
    ],
    handler: lrange,
    ..CommandSpec::DEFAULT
};

fn lrange(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let start = int(args.get(2))?;
    let stop = int(args.get(3))?;
    let Ctx { keys, out, .. } = ctx;
    let Some(list) = list_ref(keys, args.get(1))? else {
        out.empty_array();
        return Ok(());
    };
    let len = list.len() as i64;
    let start = if start < 0 {
        (len + start).max(0)
    } else {
        start
    };
    let stop = if stop < 0 { len + stop } else { stop };
    if start > stop || start >= len {
        out.empty_array();
        return Ok(());
    }
    let n = (stop.min(len - 1) - start + 1) as usize;
    out.array(n);
    for e in list.iter_from(start as usize, false).take(n) {
        reply_elem(out, e);
    }
    Ok(())
}
