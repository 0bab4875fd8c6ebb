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

#[derive(Default)]
struct Opts {
    key_nx: bool,
    key_xx: bool,
    fnx: bool,
    fxx: bool,
    keep_ttl: bool,
    /// The time argument's index, whether it is in seconds, its base, and its option name.
    timed: Option<access::TimeArg>,
    first: usize,
}

/// Valkey 9's SET-style parse of the options before FIELDS: conflicting ones (NX and XX,
/// FNX and FXX, two kinds of expiry, KEEPTTL with one) and anything else are a syntax error;
/// repeats are allowed. Then numfields.
fn parse(args: &Args<'_>, now: u64) -> Result<Opts, Error> {
    let mut o = Opts::default();
    let Some(fields_at) = access::find_fields(args, 1) else {
        return Err(access::NUMFIELDS);
    };
    let mut i = 2;
    while i < fields_at {
        let a = args.get(i);
        let unit = [
            ("EX", true, now),
            ("PX", false, now),
            ("EXAT", true, 0),
            ("PXAT", false, 0),
        ]
        .into_iter()
        .find(|(name, ..)| args::is(a, name));
        if let Some((name, seconds, base)) = unit {
            if o.keep_ttl || i + 1 >= fields_at || o.timed.is_some_and(|t| t.3 != name) {
                return Err(Error::Syntax);
            }
            o.timed = Some((i + 1, seconds, base, name));
            i += 1;
        } else if args::is(a, "KEEPTTL") && o.timed.is_none() {
            o.keep_ttl = true;
        } else if args::is(a, "NX") && !o.key_xx {
            o.key_nx = true;
        } else if args::is(a, "XX") && !o.key_nx {
            o.key_xx = true;
        } else if args::is(a, "FNX") && !o.fxx {
            o.fnx = true;
        } else if args::is(a, "FXX") && !o.fnx {
            o.fxx = true;
        } else {
            return Err(Error::Syntax);
        }
        i += 1;
    }
    let count = args::int(args.get(fields_at + 1))?;
    o.first = fields_at + 2;
    if count <= 0 || count > i64::MAX / 2 || (count * 2) as u64 != (args.len() - o.first) as u64 {
        return Err(access::NUMFIELDS);
    }
    Ok(o)
}

fn hsetex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let now = ctx.keys.now;
    let o = parse(args, now)?;
    let exists = access::read_for_write(&mut ctx.keys, key)?;
    if (exists && o.key_nx) || (!exists && o.key_xx) {
        ctx.out.int(0);
        return Ok(());
    }
    let expire_at = match o.timed {
        Some((at, seconds, base, _)) => {
            Some(access::expire_time(args.get(at), seconds, base, "hsetex")?)
        }
        None => None,
    };
    if !exists && o.fxx {
        ctx.out.int(0);
        return Ok(());
    }
    let limits = access::limits(ctx);
    let pairs = (args.len() - o.first) / 2;
    let set = access::modify_or_create(&mut ctx.keys, key, |h| {
        if o.fnx || o.fxx {
            let all = (o.first..args.len())
                .step_by(2)
                .all(|i| h.contains(args.get(i)) == o.fxx);
            if !all {
                return Ok(false);
            }
        }
        h.prepare_write(
            pairs,
            (o.first..args.len()).map(|i| args.get(i).len()),
            limits,
        );
        let keep = o.keep_ttl || expire_at.is_some();
        for i in (o.first..args.len()).step_by(2) {
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
