//! SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]
//!
//! Stops the server. On success nothing is replied: the connection closes as the server goes
//! down. Shutdown is immediate (there are no replicas to wait for), so ABORT never finds one
//! in progress.

use shoal_resp::Args;

use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};
use crate::state::ShutdownMode;

pub static SPEC: CommandSpec = CommandSpec {
    name: "shutdown",
    arity: -1,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE)
        .union(Flags::NO_MULTI)
        .union(Flags::SENTINEL)
        .union(Flags::ALLOW_BUSY),
    group: Group::Server,
    since: "1.0.0",
    summary: "Synchronously saves the database(s) to disk and shuts down the server.",
    complexity: "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)",
    history: &[("7.0.0", "Added the `NOW`, `FORCE` and `ABORT` modifiers.")],
    args: &[
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: &[
                Arg {
                    token: "NOSAVE",
                    ..Arg::new("nosave", ArgKind::PureToken)
                },
                Arg {
                    token: "SAVE",
                    ..Arg::new("save", ArgKind::PureToken)
                },
            ],
            ..Arg::new("nosave_save", ArgKind::Oneof)
        },
        Arg {
            token: "NOW",
            since: "7.0.0",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("now", ArgKind::PureToken)
        },
        Arg {
            token: "FORCE",
            since: "7.0.0",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("force", ArgKind::PureToken)
        },
        Arg {
            token: "ABORT",
            since: "7.0.0",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("abort", ArgKind::PureToken)
        },
    ],
    handler: shutdown,
    ..CommandSpec::DEFAULT
};

fn shutdown(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let (mut nosave, mut save, mut now, mut force, mut abort) = (false, false, false, false, false);
    for a in args.iter().skip(1) {
        if is_c(a, "nosave") {
            nosave = true;
        } else if is_c(a, "save") {
            save = true;
        } else if is_c(a, "now") {
            now = true;
        } else if is_c(a, "force") {
            force = true;
        } else if is_c(a, "abort") {
            abort = true;
        } else {
            return Err(Error::Syntax);
        }
    }
    if (abort && (nosave || save || now || force)) || (nosave && save) {
        return Err(Error::Syntax);
    }
    if abort {
        return Err(Error::Static("ERR No shutdown in progress."));
    }
    let mode = if nosave {
        ShutdownMode::NoSave
    } else if save {
        ShutdownMode::Save
    } else {
        ShutdownMode::Default
    };
    if !ctx.server.request_shutdown(mode) {
        return Err(Error::Static("ERR Errors trying to SHUTDOWN. Check logs."));
    }
    ctx.client.close_after_reply = true;
    Ok(())
}
