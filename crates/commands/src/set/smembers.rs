//! SMEMBERS key
//!
//! Every member (intsets in ascending order, as Redis).

use shoal_resp::Args;

use super::{as_set, reply_all};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "smembers",
    arity: 2,
    flags: Flags::READONLY,
    acl: Acl::SET,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["nondeterministic_output_order"],
    group: Group::Set,
    since: "1.0.0",
    summary: "Returns all members of a set.",
    complexity: "O(N) where N is the set cardinality.",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: smembers,
    ..CommandSpec::DEFAULT
};

fn smembers(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    match ctx.keys.get(args.get(1)) {
        None => ctx.out.set(0),
        Some(e) => reply_all(ctx.out, as_set(e)?),
    }
    Ok(())
}
