//! GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds |
//!     PXAT unix-time-milliseconds | PERSIST]
//!
//! The value, after changing the key's expire time. Like Redis, the time is only validated
//! once a string was found, and an EXAT/PXAT that already passed deletes the key at once.

use shoal_resp::Args;

use super::expire_opts::{self, Which};
use super::string_value;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "getex",
    arity: -2,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec {
        notes: "RW and UPDATE because it changes the TTL",
        flags: KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
        ..KeySpec::single(1, KsFlags::empty())
    }],
    group: Group::String,
    since: "6.2.0",
    summary: "Returns the string value of a key after setting its expiration time.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: &[
                Arg {
                    token: "EX",
                    ..Arg::new("seconds", ArgKind::Integer)
                },
                Arg {
                    token: "PX",
                    ..Arg::new("milliseconds", ArgKind::Integer)
                },
                Arg {
                    token: "EXAT",
                    ..Arg::new("unix-time-seconds", ArgKind::UnixTime)
                },
                Arg {
                    token: "PXAT",
                    ..Arg::new("unix-time-milliseconds", ArgKind::UnixTime)
                },
                Arg {
                    token: "PERSIST",
                    ..Arg::new("persist", ArgKind::PureToken)
                },
            ],
            ..Arg::new("expiration", ArgKind::Oneof)
        },
    ],
    handler: getex,
    ..CommandSpec::DEFAULT
};

fn getex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let o = expire_opts::parse(args, 2..args.len(), Which::GetEx)?;
    let now = ctx.keys.now;
    let Some(entry) = ctx.keys.get(key) else {
        ctx.out.null();
        return Ok(());
    };
    let value = string_value(entry)?;
    let at = match o.expire {
        Some(e) => Some(e.resolve("getex", now)?),
        None => None,
    };
    ctx.out.bulk(value);

    match (o.expire, at) {
        (Some(e), Some(at)) if e.unit.is_absolute() && at <= now => {
            ctx.keys.remove(key);
            ctx.keys.changed("del", key);
        }
        (_, Some(at)) => {
            if let Some(mut e) = ctx.keys.get_mut(key) {
                e.set_expire(Some(at));
            }
            ctx.keys.changed("expire", key);
        }
        _ if o.persist => {
            let removed = match ctx.keys.get_mut(key) {
                Some(mut e) if e.entry().expire().is_some() => {
                    e.set_expire(None);
                    true
                }
                _ => false,
            };
            if removed {
                ctx.keys.changed("persist", key);
            }
        }
        _ => {}
    }
    Ok(())
}
