//! COMMAND INFO [command-name ...]
//!
//! `COMMAND INFO` entries for the named commands (`config|get` names a subcommand), nil for
//! unknown names; every command when none is named.

use shoal_resp::Args;

use super::reply::write_info;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::registry::registry;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "info",
    arity: -2,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::SENTINEL),
    acl: Acl::CONNECTION,
    tips: &["nondeterministic_output_order"],
    group: Group::Server,
    since: "2.8.13",
    summary: "Returns information about one, multiple or all commands.",
    complexity: "O(N) where N is the number of commands to look up",
    history: &[(
        "7.0.0",
        "Allowed to be called with no argument to get info on all commands.",
    )],
    args: &[Arg {
        flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
        ..Arg::new("command-name", ArgKind::String)
    }],
    handler: info,
    ..CommandSpec::DEFAULT
};

fn info(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let reg = registry();
    if args.len() == 2 {
        ctx.out.array(reg.top_level().count());
        for e in reg.top_level() {
            write_info(ctx.out, e);
        }
        return Ok(());
    }
    ctx.out.array(args.len() - 2);
    for name in args.iter().skip(2) {
        match reg.lookup(name) {
            Some(e) => write_info(ctx.out, e),
            None => ctx.out.null(),
        }
    }
    Ok(())
}
