//! CLIENT KILL <ip:port | <[ID client-id] | [TYPE <NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>]
//!     | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME <YES | NO>]
//!     | [MAXAGE maxage] [...]>>
//!
//! The old form (one address) replies OK or "No such client" and may kill the caller; the
//! filter form replies with the number of clients killed and skips the caller unless
//! `SKIPME no`. Other connections are closed through their handle (any thread); the caller is
//! closed after its reply is written.

use shoal_resp::Args;

use super::describe::{client_type, live_clients, type_by_name, ClientType};
use super::setinfo::c_str;
use crate::args::is_c;
use crate::client::{flag, ClientHandle};
use crate::ctx::Ctx;
use crate::errors::{truncate_lossy, CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "kill",
    arity: -3,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "2.4.0",
    summary: "Terminates open connections.",
    complexity: "O(N) where N is the number of client connections",
    args: &[Arg {
        children: &[
            Arg {
                display: "ip:port",
                ..Arg::new("old-format", ArgKind::String)
            },
            Arg {
                flags: ArgFlags::MULTIPLE,
                children: &[
                    Arg {
                        token: "ID",
                        flags: ArgFlags::OPTIONAL,
                        since: "2.8.12",
                        ..Arg::new("client-id", ArgKind::Integer)
                    },
                    Arg {
                        token: "TYPE",
                        flags: ArgFlags::OPTIONAL,
                        since: "2.8.12",
                        children: &[
                            Arg {
                                token: "NORMAL",
                                ..Arg::new("normal", ArgKind::PureToken)
                            },
                            Arg {
                                token: "MASTER",
                                since: "3.2.0",
                                ..Arg::new("master", ArgKind::PureToken)
                            },
                            Arg {
                                token: "SLAVE",
                                ..Arg::new("slave", ArgKind::PureToken)
                            },
                            Arg {
                                token: "REPLICA",
                                since: "5.0.0",
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
                        token: "USER",
                        flags: ArgFlags::OPTIONAL,
                        ..Arg::new("username", ArgKind::String)
                    },
                    Arg {
                        token: "ADDR",
                        flags: ArgFlags::OPTIONAL,
                        display: "ip:port",
                        ..Arg::new("addr", ArgKind::String)
                    },
                    Arg {
                        token: "LADDR",
                        flags: ArgFlags::OPTIONAL,
                        since: "6.2.0",
                        display: "ip:port",
                        ..Arg::new("laddr", ArgKind::String)
                    },
                    Arg {
                        token: "SKIPME",
                        flags: ArgFlags::OPTIONAL,
                        children: &[
                            Arg {
                                token: "YES",
                                ..Arg::new("yes", ArgKind::PureToken)
                            },
                            Arg {
                                token: "NO",
                                ..Arg::new("no", ArgKind::PureToken)
                            },
                        ],
                        ..Arg::new("skipme", ArgKind::Oneof)
                    },
                ],
                ..Arg::new("new-format", ArgKind::Oneof)
            },
        ],
        ..Arg::new("filter", ArgKind::Oneof)
    }],
    handler: kill,
    ..CommandSpec::DEFAULT
};

/// What a client must match to be killed; unset fields match everything.
struct Filter<'a> {
    addr: Option<&'a [u8]>,
    laddr: Option<&'a [u8]>,
    kind: Option<ClientType>,
    id: Option<u64>,
    /// Minimum connection age in seconds (Redis 7.4's MAXAGE).
    max_age: Option<i64>,
    skipme: bool,
}

impl Filter<'_> {
    fn matches(&self, h: &ClientHandle, caller: u64, now_ms: u64) -> bool {
        // Redis compares with strcmp, so an argument is cut at its first NUL.
        self.addr.is_none_or(|a| h.addr.as_bytes() == c_str(a))
            && self.laddr.is_none_or(|a| h.laddr.as_bytes() == c_str(a))
            && self.kind.is_none_or(|k| client_type(h) == k)
            && self.id.is_none_or(|id| h.id == id)
            && self
                .max_age
                .is_none_or(|max| (now_ms / 1000) as i64 - (h.created_ms / 1000) as i64 >= max)
            && !(self.skipme && h.id == caller)
    }
}

fn kill(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let old_form = args.len() == 3;
    let filter = if old_form {
        Filter {
            addr: Some(args.get(2)),
            laddr: None,
            kind: None,
            id: None,
            max_age: None,
            skipme: false,
        }
    } else {
        parse_filter(args)?
    };

    let caller = ctx.client.id;
    let now = ctx.keys.now;
    let mut killed = 0i64;
    let mut kill_caller = false;
    for h in live_clients(ctx.server) {
        if !filter.matches(&h, caller, now) {
            continue;
        }
        if h.id == caller {
            kill_caller = true;
        } else {
            h.kill();
        }
        killed += 1;
    }

    if old_form {
        if killed == 0 {
            return Err(Error::Static("ERR No such client"));
        }
        ctx.out.ok();
    } else {
        ctx.out.int(killed);
    }
    if kill_caller {
        ctx.client.close_after_reply = true;
        ctx.client.handle.set_flag(flag::CLOSE_AFTER_REPLY, true);
    }
    Ok(())
}

fn parse_filter<'a>(args: &Args<'a>) -> Result<Filter<'a>, Error> {
    let mut f = Filter {
        addr: None,
        laddr: None,
        kind: None,
        id: None,
        max_age: None,
        skipme: true,
    };
    let mut i = 2;
    while i < args.len() {
        if i + 1 >= args.len() {
            return Err(Error::Syntax);
        }
        let (opt, val) = (args.get(i), args.get(i + 1));
        if is_c(opt, "id") {
            match shoal_util::string2ll(val) {
                Some(id) if id >= 1 => f.id = Some(id as u64),
                _ => return Err(Error::Static("ERR client-id should be greater than 0")),
            }
        } else if is_c(opt, "type") {
            f.kind = Some(type_by_name(val)?);
        } else if is_c(opt, "addr") {
            f.addr = Some(val);
        } else if is_c(opt, "laddr") {
            f.laddr = Some(val);
        } else if is_c(opt, "user") {
            // Every connection runs as the one existing user, so a known user matches all.
            if !crate::connection::auth::user_exists(val) {
                return Err(Error::msg(format!(
                    "ERR No such user '{}'",
                    truncate_lossy(c_str(val), usize::MAX)
                )));
            }
        } else if is_c(opt, "skipme") {
            f.skipme = if is_c(val, "yes") {
                true
            } else if is_c(val, "no") {
                false
            } else {
                return Err(Error::Syntax);
            };
        } else if is_c(opt, "maxage") {
            let age = shoal_util::string2ll(val).ok_or(Error::Static(
                "ERR maxage is not an integer or out of range",
            ))?;
            if age <= 0 {
                return Err(Error::Static("ERR maxage should be greater than 0"));
            }
            f.max_age = Some(age);
        } else {
            return Err(Error::Syntax);
        }
        i += 2;
    }
    Ok(f)
}
