//! COMMAND DOCS [command-name ...]
//!
//! A map of command name to its documentation (summary, since, group, complexity, history,
//! arguments, subcommands). Unknown names are left out; no name means every command.

use shoal_resp::Args;

use super::reply::write_docs;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::registry::registry;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "docs",
    arity: -2,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::SENTINEL),
    acl: Acl::CONNECTION,
    tips: &["nondeterministic_output_order"],
    group: Group::Server,
    since: "7.0.0",
    summary: "Returns documentary information about one, multiple or all commands.",
    complexity: "O(N) where N is the number of commands to look up",
    args: &[Arg {
        flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
        ..Arg::new("command-name", ArgKind::String)
    }],
    handler: docs,
    ..CommandSpec::DEFAULT
};

fn docs(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let reg = registry();
    let entries: Vec<_> = if args.len() == 2 {
        reg.top_level().collect()
    } else {
        args.iter().skip(2).filter_map(|n| reg.lookup(n)).collect()
    };
    ctx.out.map(entries.len());
    for e in entries {
        ctx.out.bulk(e.fullname.as_bytes());
        write_docs(ctx.out, e);
    }
    Ok(())
}
