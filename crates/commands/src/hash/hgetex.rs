//! HGETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds |
//!     PXAT unix-time-milliseconds | PERSIST] FIELDS numfields field [field ...]
//!
//! The values of the fields (nil for missing ones), optionally setting or removing their
//! TTL; a time already past deletes the fields after their values are returned. Parsing,
//! texts and the order of checks are Valkey 9's.

use shoal_resp::Args;

use super::access;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};
use crate::string::expire_opts::{self, Opts, Which};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hgetex",
    arity: -5,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::HASH,
    // Valkey 9's declaration: Redis 8 adds a key-spec note, Valkey has none.
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
    )],
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
    // Valkey 9's order: options and numfields, the key's type, then the time.
    let (o, first, count) = match access::find_fields(args, 1) {
        Some(at) => (
            expire_opts::parse(args, 2..at, Which::HGetEx)?,
            at + 2,
            args::int(args.get(at + 1))?,
        ),
        None => (Opts::default(), args.len(), 0),
    };
    if count <= 0 || count as u64 != (args.len() - first) as u64 {
        return Err(access::NUMFIELDS);
    }
    let exists = access::read_for_write(&mut ctx.keys, key)?;
    let change = match o.expire {
        Some(e) => Change::ExpireAt(access::option_time(&e, now, "hgetex")?),
        None if o.persist => Change::Persist,
        None => Change::None,
    };
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
