//! CLIENT LIST [TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]]
//!
//! One line per connection (see `describe`), each newline-terminated, as verbatim text. With
//! ID, the given clients in the given order (repeats included, unknown ids skipped).

use shoal_resp::Args;

use super::describe::{client_type, describe, live_clients, type_by_name, Caller};
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "list",
    arity: -2,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::CONNECTION,
    tips: &["nondeterministic_output"],
    group: Group::Connection,
    since: "2.4.0",
    summary: "Lists open connections.",
    complexity: "O(N) where N is the number of client connections",
    args: &[
        Arg {
            token: "TYPE",
            flags: ArgFlags::OPTIONAL,
            since: "5.0.0",
            children: &[
                Arg {
                    token: "NORMAL",
                    ..Arg::new("normal", ArgKind::PureToken)
                },
                Arg {
                    token: "MASTER",
                    ..Arg::new("master", ArgKind::PureToken)
                },
                Arg {
                    token: "REPLICA",
                    ..Arg::new("replica", ArgKind::PureToken)
                },
                Arg {
                    token: "PUBSUB",
                    ..Arg::new("pubsub", ArgKind::PureToken)
                },
            ],
            ..Arg::new("client-type", ArgKind::Oneof)
        },
        Arg {
            token: "ID",
            flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
            since: "6.2.0",
            ..Arg::new("client-id", ArgKind::Integer)
        },
    ],
    handler: list,
    ..CommandSpec::DEFAULT
};

fn list(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let caller = Caller {
        id: ctx.client.id,
        args,
    };
    let now = ctx.keys.now;
    let mut text = Vec::new();
    if args.len() == 4 && is_c(args.get(2), "type") {
        let wanted = type_by_name(args.get(3))?;
        for h in live_clients(ctx.server) {
            if client_type(&h) == wanted {
                describe(&mut text, &h, now, &caller);
                text.push(b'\n');
            }
        }
    } else if args.len() > 3 && is_c(args.get(2), "id") {
        let mut ids = Vec::with_capacity(args.len() - 3);
        for a in args.iter().skip(3) {
            ids.push(crate::args::int(a).map_err(|_| Error::Static("ERR Invalid client ID"))?);
        }
        for id in ids {
            let Ok(id) = u64::try_from(id) else { continue };
            let Some(h) = ctx.server.clients.get(&id).map(|e| e.value().clone()) else {
                continue;
            };
            if !h.killed.load(std::sync::atomic::Ordering::Relaxed) {
                describe(&mut text, &h, now, &caller);
                text.push(b'\n');
            }
        }
    } else if args.len() != 2 {
        return Err(Error::Syntax);
    } else {
        for h in live_clients(ctx.server) {
            describe(&mut text, &h, now, &caller);
            text.push(b'\n');
        }
    }
    ctx.out.verbatim(b"txt", &text);
    Ok(())
}
