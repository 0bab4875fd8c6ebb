//! CONFIG GET parameter [parameter ...]
//!
//! Every parameter matching one of the glob patterns, as a map of name to value (a flat array
//! for RESP2).

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "get",
    arity: -3,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::SLOW,
    group: Group::Server,
    since: "2.0.0",
    summary: "Returns the effective values of configuration parameters.",
    complexity: "O(N) when N is the number of configuration parameters provided",
    history: &[(
        "7.0.0",
        "Added the ability to pass multiple pattern parameters in one call",
    )],
    args: &[Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("parameter", ArgKind::String)
    }],
    handler: config_get,
    ..CommandSpec::DEFAULT
};

fn config_get(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let patterns: Vec<&[u8]> = args.iter().skip(2).collect();
    let pairs = ctx.server.config.config_get(&patterns);
    ctx.out.map(pairs.len());
    for (name, value) in &pairs {
        ctx.out.bulk(name);
        ctx.out.bulk(value);
    }
    Ok(())
}
