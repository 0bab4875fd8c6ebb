//! CLIENT REPLY <ON | OFF | SKIP>
//!
//! OFF silences every reply until ON; SKIP silences the next command's reply only (and does
//! nothing while OFF is in effect). Only ON answers (OK), even right after a SKIP. Dispatch
//! does the silencing (see `execute`).

use shoal_resp::Args;

use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "reply",
    arity: 3,
    flags: Flags::NOSCRIPT.union(Flags::LOADING).union(Flags::STALE),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "3.2.0",
    summary: "Instructs the server whether to reply to commands.",
    complexity: "O(1)",
    args: &[Arg {
        children: &[
            Arg {
                token: "ON",
                ..Arg::new("on", ArgKind::PureToken)
            },
            Arg {
                token: "OFF",
                ..Arg::new("off", ArgKind::PureToken)
            },
            Arg {
                token: "SKIP",
                ..Arg::new("skip", ArgKind::PureToken)
            },
        ],
        ..Arg::new("action", ArgKind::Oneof)
    }],
    handler: reply,
    ..CommandSpec::DEFAULT
};

fn reply(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let mode = args.get(2);
    let client = &mut *ctx.client;
    if is_c(mode, "on") {
        client.reply_off = false;
        client.skip_reply = false;
        ctx.out.ok();
    } else if is_c(mode, "off") {
        client.reply_off = true;
    } else if is_c(mode, "skip") {
        if !client.reply_off {
            client.skip_next_reply = true;
        }
    } else {
        return Err(Error::Syntax);
    }
    Ok(())
}
