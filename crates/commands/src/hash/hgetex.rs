//! HGETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds |
//!     PXAT unix-time-milliseconds | PERSIST] FIELDS numfields field [field ...]
//!
//! The values of the fields (nil for missing ones), optionally setting or removing their
//! TTL; a time already past deletes the fields after their values are returned.

use shoal_resp::Args;

use super::access;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hgetex",
    arity: -5,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec {
        notes: "RW and UPDATE because it changes the TTL",
        ..KeySpec::single(
            1,
            KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
        )
    }],
    group: Group::Hash,
    since: "8.0.0",
    summary: "Get the value of one or more fields of a given hash key, and optionally set their expiration.",
    complexity: "O(N) where N is the number of specified fields",
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
        super::FIELDS_ARG,
    ],
    handler: hgetex,
    ..CommandSpec::DEFAULT
};

enum Change {
    None,
    Persist,
    ExpireAt(u64),
}

fn hgetex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let now = ctx.keys.now;
    let exists = access::read_for_write(&mut ctx.keys, key)?;
    let opt = args.get(2);
    let timed = [
        ("EX", true, now),
        ("PX", false, now),
        ("EXAT", true, 0),
        ("PXAT", false, 0),
    ]
    .into_iter()
    .find(|(name, ..)| args::is(opt, name));
    let (change, fields_at) = if let Some((_, seconds, base)) = timed {
        let at = access::expire_time(args.get(3), seconds, base, "hgetex")?;
        (Change::ExpireAt(at), 4)
    } else if args::is(opt, "PERSIST") {
        (Change::Persist, 3)
    } else {
        (Change::None, 2)
    };
    let first = access::fields_block(args, fields_at, access::NUMFIELDS_POSITIVE)?;
    let n = args.len() - first;
    if !exists {
        ctx.out.array(n);
        for _ in 0..n {
            ctx.out.null();
        }
        return Ok(());
    }
    let out = &mut *ctx.out;
    let (mut updated, mut deleted) = (0, 0);
    access::modify(&mut ctx.keys, key, |h| {
        let h = h.expect("key seen above");
        if !matches!(change, Change::None) {
            h.enable_field_ttls();
        }
        out.array(n);
        for i in first..args.len() {
            let field = args.get(i);
            let Some(v) = h.get(field) else {
                out.null();
                continue;
            };
            out.bulk(v);
            match change {
                Change::None => {}
                Change::Persist => {
                    if h.ttl(field).flatten().is_some() {
                        h.set_ttl(field, None);
                        updated += 1;
                    }
                }
                Change::ExpireAt(at) if at <= now => {
                    h.remove(field);
                    deleted += 1;
                }
                Change::ExpireAt(at) => {
                    h.set_ttl(field, Some(at));
                    updated += 1;
                }
            }
        }
        Ok(())
    })?;
    if updated > 0 {
        if matches!(change, Change::ExpireAt(_)) {
            access::note_field_ttls(&mut ctx.keys, key);
            ctx.keys.changed("hexpire", key);
        } else {
            ctx.keys.changed("hpersist", key);
        }
    } else if deleted > 0 {
        ctx.keys.changed("hdel", key);
    }
    Ok(())
}
