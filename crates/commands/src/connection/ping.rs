//! PING [message]
//!
//! PONG, or the message as a bulk string. A RESP2 client in subscriber mode can only take
//! push-shaped replies, so it gets `["pong", message or ""]` instead (as in Redis).

use shoal_resp::Args;

use crate::client::flag;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
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
    if args.len() > 2 {
        return Err(Error::arity("ping"));
    }
    if ctx.client.handle.has_flag(flag::PUBSUB) && !ctx.out.is_resp3() {
        ctx.out.array(2);
        ctx.out.bulk(b"pong");
        ctx.out.bulk(args.try_get(1).unwrap_or(b""));
    } else if args.len() == 1 {
        ctx.out.simple(b"PONG");
    } else {
        ctx.out.bulk(args.get(1));
    }
    Ok(())
}
