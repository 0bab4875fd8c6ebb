//! HSETEX key [NX | XX] [FNX | FXX] [EX seconds | PX milliseconds | EXAT unix-time-seconds |
//!     PXAT unix-time-milliseconds | KEEPTTL] FIELDS numfields field value [field value ...]
//!
//! Valkey 9's syntax, errors and order of checks (options, numfields, the key's type, NX/XX,
//! the time, FNX/FXX). Replies 1 when the fields were set (or, for a time already past,
//! deleted), 0 when a condition (NX/XX on the key, FNX/FXX on the fields) was not met.

use shoal_resp::Args;

use super::access;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};
use crate::string::expire_opts::{self, Opts, Which};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hsetex",
    arity: -6,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::HASH,
    // Valkey 9's flags (Redis 8 says RW update).
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::INSERT))],
    group: Group::Hash,
    since: "8.0.0",
    summary: "Set the value of one or more fields of a given hash key, and optionally set their expiration.",
    complexity: "O(N) where N is the number of fields being set.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: &[
                Arg {
                    token: "FNX",
                    ..Arg::new("fnx", ArgKind::PureToken)
                },
                Arg {
                    token: "FXX",
                    ..Arg::new("fxx", ArgKind::PureToken)
                },
            ],
            ..Arg::new("condition", ArgKind::Oneof)
        },
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
                    token: "KEEPTTL",
                    ..Arg::new("keepttl", ArgKind::PureToken)
                },
            ],
            ..Arg::new("expiration", ArgKind::Oneof)
        },
        Arg {
            token: "FIELDS",
            children: &[
                Arg::new("numfields", ArgKind::Integer),
                Arg {
                    flags: ArgFlags::MULTIPLE,
                    children: &[
                        Arg::new("field", ArgKind::String),
                        Arg::new("value", ArgKind::String),
                    ],
                    ..Arg::new("data", ArgKind::Block)
                },
            ],
            ..Arg::new("fields", ArgKind::Block)
        },
    ],
    handler: hsetex,
    ..CommandSpec::DEFAULT
};

/// The options before FIELDS (Valkey 9: SET's rules), then numfields; returns the options
/// and the index of the first field.
fn parse<'a>(args: &Args<'a>) -> Result<(Opts<'a>, usize), Error> {
    let Some(fields_at) = access::find_fields(args, 1) else {
        return Err(access::NUMFIELDS);
    };
    let o = expire_opts::parse(args, 2..fields_at, Which::HSetEx)?;
    let count = args::int(args.get(fields_at + 1))?;
    let first = fields_at + 2;
    if count <= 0 || count > i64::MAX / 2 || (count * 2) as u64 != (args.len() - first) as u64 {
        return Err(access::NUMFIELDS);
    }
    Ok((o, first))
}

fn hsetex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let now = ctx.keys.now;
    let (o, first) = parse(args)?;
    let exists = access::read_for_write(&mut ctx.keys, key)?;
    if (exists && o.nx) || (!exists && o.xx) {
        ctx.out.int(0);
        return Ok(());
    }
    let expire_at = match o.expire {
        Some(e) => Some(access::option_time(&e, now, "hsetex")?),
        None => None,
    };
    if !exists && o.fxx {
        ctx.out.int(0);
        return Ok(());
    }
    let limits = access::limits(ctx);
    let pairs = (args.len() - first) / 2;
    let set = access::modify_or_create(&mut ctx.keys, key, |h| {
        if o.fnx || o.fxx {
            let all = (first..args.len())
                .step_by(2)
                .all(|i| h.contains(args.get(i)) == o.fxx);
            if !all {
                return Ok(false);
            }
        }
        h.prepare_write(
            pairs,
            (first..args.len()).map(|i| args.get(i).len()),
            limits,
        );
        let keep = o.keepttl || expire_at.is_some();
        for i in (first..args.len()).step_by(2) {
            let field = args.get(i);
            h.insert(field, args.get(i + 1), keep, limits);
            match expire_at {
                Some(at) if at <= now => {
                    h.remove(field);
                }
                Some(at) => {
                    h.set_ttl(field, Some(at));
                }
                None => {}
            }
        }
        Ok(true)
    })?;
    if set {
        if expire_at.is_some_and(|at| at > now) {
            access::note_field_ttls(&mut ctx.keys, key);
        }
        ctx.keys.changed("hset", key);
    }
    ctx.out.int(i64::from(set));
    Ok(())
}
