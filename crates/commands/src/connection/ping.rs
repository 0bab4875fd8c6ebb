//! PING [message]
//!
//! PONG, or the message as a bulk string.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "ping",
    arity: -1,
    flags: Flags::FAST,
    acl: Acl::CONNECTION,
    tips: &["request_policy:all_shards", "response_policy:all_succeeded"],
    group: Group::Connection,
    since: "1.0.0",
    summary: "Returns the server's liveliness response.",
    complexity: "O(1)",
    args: &[Arg {
        flags: ArgFlags::OPTIONAL,
        ..Arg::new("message", ArgKind::String)
    }],
    handler: ping,
    ..CommandSpec::DEFAULT
};

fn ping(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    match args.len() {
        1 => ctx.out.simple(b"PONG"),
        2 => ctx.out.bulk(args.get(1)),
        _ => return Err(crate::errors::Error::arity("ping")),
    }
    Ok(())
}
