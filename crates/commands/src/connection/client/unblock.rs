//! CLIENT UNBLOCK client-id [TIMEOUT | ERROR]
//!
//! Makes a client blocked in BLPOP & co. stop waiting: it answers as if its timeout expired,
//! or with the UNBLOCKED error. Replies 1 when the client was blocked, else 0.

use shoal_resp::Args;

use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "unblock",
    arity: -3,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "5.0.0",
    summary: "Unblocks a client blocked by a blocking command from a different connection.",
    complexity: "O(log N) where N is the number of client connections",
    args: &[
        Arg::new("client-id", ArgKind::Integer),
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: &[
                Arg {
                    token: "TIMEOUT",
                    ..Arg::new("timeout", ArgKind::PureToken)
                },
                Arg {
                    token: "ERROR",
                    ..Arg::new("error", ArgKind::PureToken)
                },
            ],
            ..Arg::new("unblock-type", ArgKind::Oneof)
        },
    ],
    handler: unblock,
    ..CommandSpec::DEFAULT
};

fn unblock(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if args.len() > 4 {
        // Redis's CLIENT falls through to its generic complaint here.
        return Err(Error::Owned(format!(
            "ERR unknown subcommand or wrong number of arguments for '{}'. Try CLIENT HELP.",
            crate::errors::truncate_lossy(args.get(1), 128)
        )));
    }
    let id = shoal_util::string2ll(args.get(2)).ok_or(Error::NotInteger)?;
    let with_error = match args.len() {
        3 => false,
        4 if is_c(args.get(3), "timeout") => false,
        4 if is_c(args.get(3), "error") => true,
        _ => {
            return Err(Error::Static(
                "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR",
            ))
        }
    };
    let done = id > 0 && crate::blocking::unblock(ctx.server, id as u64, with_error);
    ctx.out.int(done as i64);
    Ok(())
}
