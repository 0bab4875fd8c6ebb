//! HEXPIRE key seconds [NX | XX | GT | LT] FIELDS numfields field [field ...]
//! HPEXPIRE key milliseconds [NX | XX | GT | LT] FIELDS numfields field [field ...]
//! HEXPIREAT key unix-time-seconds [NX | XX | GT | LT] FIELDS numfields field [field ...]
//! HPEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT] FIELDS numfields field [field ...]
//!
//! One implementation, with Valkey 9's parsing and texts (options in any combination it
//! allows, all of them checked per field). Per field: -2 no such field (or key), 0 the NX/XX/GT/LT
//! condition was not met, 1 the expire time was set, 2 the field was deleted because the time
//! is already past. A field without TTL counts as an infinite TTL for GT and LT.

use shoal_resp::Args;

use super::access;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::keyspace::expire::Condition;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const CONDITION: Arg = Arg {
    flags: ArgFlags::OPTIONAL,
    children: &[
        Arg {
            token: "NX",
            ..Arg::new("nx", ArgKind::PureToken)
        },
        Arg {
            token: "XX",
            ..Arg::new("xx", ArgKind::PureToken)
        },
        Arg {
            token: "GT",
            ..Arg::new("gt", ArgKind::PureToken)
        },
        Arg {
            token: "LT",
            ..Arg::new("lt", ArgKind::PureToken)
        },
    ],
    ..Arg::new("condition", ArgKind::Oneof)
};

const KEY: Arg = Arg::new("key", ArgKind::Key);
const SECONDS_ARGS: &[Arg] = &[
    KEY,
    Arg::new("seconds", ArgKind::Integer),
    CONDITION,
    super::FIELDS_ARG,
];
const MS_ARGS: &[Arg] = &[
    KEY,
    Arg::new("milliseconds", ArgKind::Integer),
    CONDITION,
    super::FIELDS_ARG,
];
const AT_ARGS: &[Arg] = &[
    KEY,
    Arg::new("unix-time-seconds", ArgKind::UnixTime),
    CONDITION,
    super::FIELDS_ARG,
];
const PAT_ARGS: &[Arg] = &[
    KEY,
    Arg::new("unix-time-milliseconds", ArgKind::UnixTime),
    CONDITION,
    super::FIELDS_ARG,
];

pub static SPEC: CommandSpec = CommandSpec {
    name: "hexpire",
    arity: -6,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))],
    group: Group::Hash,
    since: "7.4.0",
    summary: "Set expiry for hash field using relative time to expire (seconds)",
    complexity: "O(N) where N is the number of specified fields",
    args: SECONDS_ARGS,
    handler: hexpire,
    ..CommandSpec::DEFAULT
};

pub static HPEXPIRE: CommandSpec = CommandSpec {
    name: "hpexpire",
    summary: "Set expiry for hash field using relative time to expire (milliseconds)",
    args: MS_ARGS,
    handler: hpexpire,
    ..SPEC
};

pub static HEXPIREAT: CommandSpec = CommandSpec {
    name: "hexpireat",
    summary: "Set expiry for hash field using an absolute Unix timestamp (seconds)",
    args: AT_ARGS,
    handler: hexpireat,
    ..SPEC
};

pub static HPEXPIREAT: CommandSpec = CommandSpec {
    name: "hpexpireat",
    summary: "Set expiry for hash field using an absolute Unix timestamp (milliseconds)",
    args: PAT_ARGS,
    handler: hpexpireat,
    ..SPEC
};

fn hexpire(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let now = ctx.keys.now;
    generic(ctx, args, true, now, "hexpire")
}

fn hpexpire(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let now = ctx.keys.now;
    generic(ctx, args, false, now, "hpexpire")
}

fn hexpireat(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, true, 0, "hexpireat")
}

fn hpexpireat(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, false, 0, "hpexpireat")
}

pub const NO_FIELD: i64 = -2;
const NOT_MET: i64 = 0;
const SET: i64 = 1;
const DELETED: i64 = 2;

fn generic(
    ctx: &mut Ctx<'_>,
    args: &Args<'_>,
    seconds: bool,
    base: u64,
    cmd: &'static str,
) -> CmdResult {
    let key = args.get(1);
    let now = ctx.keys.now;
    // Valkey 9's order: options and numfields, then the time, then the key.
    let (cond, first, count) = match access::find_fields(args, 3) {
        Some(at) => (
            Condition::parse(args, 3..at)?,
            at + 2,
            args::int(args.get(at + 1))?,
        ),
        None => (Condition::default(), args.len(), 0),
    };
    if count <= 0 || count as u64 != (args.len() - first) as u64 {
        return Err(access::NUMFIELDS);
    }
    let at = access::expire_time(args.get(2), seconds, base, cmd)?;
    let exists = access::read_for_write(&mut ctx.keys, key)?;
    let n = args.len() - first;
    if !exists {
        ctx.out.array(n);
        for _ in 0..n {
            ctx.out.int(NO_FIELD);
        }
        return Ok(());
    }
    let codes = access::modify(&mut ctx.keys, key, |h| {
        let h = h.expect("key seen above");
        let mut codes = Vec::with_capacity(n);
        for i in first..args.len() {
            let field = args.get(i);
            let code = match h.ttl(field) {
                None => NO_FIELD,
                Some(old) => {
                    if !cond.allows(old, at) {
                        NOT_MET
                    } else if at <= now {
                        h.remove(field);
                        DELETED
                    } else {
                        h.set_ttl(field, Some(at));
                        SET
                    }
                }
            };
            codes.push(code);
        }
        Ok(codes)
    })?;
    let deleted = codes.contains(&DELETED);
    if codes.contains(&SET) {
        access::note_field_ttls(&mut ctx.keys, key);
    }
    if deleted || codes.contains(&SET) {
        ctx.keys
            .changed(if deleted { "hdel" } else { "hexpire" }, key);
    }
    ctx.out.array(codes.len());
    for c in codes {
        ctx.out.int(c);
    }
    Ok(())
}
