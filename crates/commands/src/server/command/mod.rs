//! COMMAND [<subcommand> [<arg> ...]]
//!
//! Alone: `COMMAND INFO` for every command. Its subcommands describe the command table
//! (COUNT, INFO, DOCS, LIST) or extract keys from a full command (GETKEYS,
//! GETKEYSANDFLAGS); all of it is generated from the registry's specs.

pub mod count;
pub mod docs;
pub mod getkeys;
pub mod help;
pub mod info;
pub mod keys;
pub mod list;
pub mod reply;

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::registry::registry;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "command",
    arity: -1,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::SENTINEL),
    acl: Acl::CONNECTION,
    tips: &["nondeterministic_output_order"],
    group: Group::Server,
    since: "2.8.13",
    summary: "Returns detailed information about all commands.",
    complexity: "O(N) where N is the total number of commands",
    handler: command,
    subcommands: &[
        count::SPEC,
        info::SPEC,
        docs::SPEC,
        list::SPEC,
        getkeys::GETKEYS,
        getkeys::GETKEYSANDFLAGS,
        help::SPEC,
    ],
    ..CommandSpec::DEFAULT
};

fn command(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    let reg = registry();
    ctx.out.array(reg.top_level().count());
    for e in reg.top_level() {
        reply::write_info(ctx.out, e);
    }
    Ok(())
}
