//! HGETALL key
//! HKEYS key
//! HVALS key
//!
//! One implementation: all pairs (a map in RESP3), the fields, or the values.

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hgetall",
    arity: 2,
    flags: Flags::READONLY,
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["nondeterministic_output_order"],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Returns all fields and values in a hash.",
    complexity: "O(N) where N is the size of the hash.",
    args: &[Arg::new("key", ArgKind::Key)],
    handler: hgetall,
    ..CommandSpec::DEFAULT
};

pub static HKEYS: CommandSpec = CommandSpec {
    name: "hkeys",
    summary: "Returns all fields in a hash.",
    handler: hkeys,
    ..SPEC
};

pub static HVALS: CommandSpec = CommandSpec {
    name: "hvals",
    summary: "Returns all values in a hash.",
    handler: hvals,
    ..SPEC
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Both,
    Fields,
    Values,
}

fn hgetall(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    reply_all(ctx, args, Part::Both)
}

fn hkeys(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    reply_all(ctx, args, Part::Fields)
}

fn hvals(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    reply_all(ctx, args, Part::Values)
}

fn reply_all(ctx: &mut Ctx<'_>, args: &Args<'_>, part: Part) -> CmdResult {
    let h = access::read(&mut ctx.keys, args.get(1))?;
    let len = h.map_or(0, |h| h.len());
    if part == Part::Both {
        ctx.out.map(len);
    } else {
        ctx.out.array(len);
    }
    if let Some(h) = h {
        for (f, v) in h.iter() {
            if part != Part::Values {
                ctx.out.bulk(f);
            }
            if part != Part::Fields {
                ctx.out.bulk(v);
            }
        }
    }
    Ok(())
}
