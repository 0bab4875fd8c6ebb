//! SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds |
//!     PXAT unix-time-milliseconds | KEEPTTL]
//!
//! Order of checks as in Redis: syntax, then the expire time, then (with GET) the old value's
//! type, then NX/XX. An EXAT/PXAT in the past still stores the key, which then expires on
//! its next access, exactly like Redis 7.2.

use shoal_resp::Args;
use shoal_store::{encoding_for, NewValue};

use super::expire_opts::{self, Opts, Which};
use super::string_value;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const OPTIONAL: ArgFlags = ArgFlags::OPTIONAL;

pub static SPEC: CommandSpec = CommandSpec {
    name: "set",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::STRING,
    key_specs: &[KeySpec {
        notes: "RW and ACCESS due to the optional `GET` argument",
        flags: KsFlags::RW
            .union(KsFlags::ACCESS)
            .union(KsFlags::UPDATE)
            .union(KsFlags::VARIABLE_FLAGS),
        ..KeySpec::single(1, KsFlags::empty())
    }],
    group: Group::String,
    since: "1.0.0",
    summary:
        "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
    complexity: "O(1)",
    history: &[
        ("2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options."),
        ("6.0.0", "Added the `KEEPTTL` option."),
        ("6.2.0", "Added the `GET`, `EXAT` and `PXAT` option."),
        (
            "7.0.0",
            "Allowed the `NX` and `GET` options to be used together.",
        ),
    ],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("value", ArgKind::String),
        Arg {
            flags: OPTIONAL,
            since: "2.6.12",
            children: &[
                Arg {
                    token: "NX",
                    ..Arg::new("nx", ArgKind::PureToken)
                },
                Arg {
                    token: "XX",
                    ..Arg::new("xx", ArgKind::PureToken)
                },
            ],
            ..Arg::new("condition", ArgKind::Oneof)
        },
        Arg {
            token: "GET",
            flags: OPTIONAL,
            since: "6.2.0",
            ..Arg::new("get", ArgKind::PureToken)
        },
        Arg {
            flags: OPTIONAL,
            children: &[
                Arg {
                    token: "EX",
                    since: "2.6.12",
                    ..Arg::new("seconds", ArgKind::Integer)
                },
                Arg {
                    token: "PX",
                    since: "2.6.12",
                    ..Arg::new("milliseconds", ArgKind::Integer)
                },
                Arg {
                    token: "EXAT",
                    since: "6.2.0",
                    ..Arg::new("unix-time-seconds", ArgKind::UnixTime)
                },
                Arg {
                    token: "PXAT",
                    since: "6.2.0",
                    ..Arg::new("unix-time-milliseconds", ArgKind::UnixTime)
                },
                Arg {
                    token: "KEEPTTL",
                    since: "6.0.0",
                    ..Arg::new("keepttl", ArgKind::PureToken)
                },
            ],
            ..Arg::new("expiration", ArgKind::Oneof)
        },
    ],
    handler: set,
    ..CommandSpec::DEFAULT
};

fn set(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let value = args.get(2);
    // The plain `SET key value` skips option parsing and the lookup.
    let o = if args.len() > 3 {
        expire_opts::parse(args, 3..args.len(), Which::Set)?
    } else {
        Opts::default()
    };
    let mut expire = match o.expire {
        Some(e) => Some(e.resolve("set", ctx.keys.now)?),
        None => None,
    };
    if o.get {
        // A read lookup, as Redis's GET part counts a keyspace hit or miss.
        match ctx.keys.get(key) {
            None => ctx.out.null(),
            Some(e) => ctx.out.bulk(string_value(e)?),
        }
    }
    if o.nx || o.xx || o.keepttl {
        let found = ctx.keys.get_mut(key).map(|e| e.entry().expire());
        if (o.nx && found.is_some()) || (o.xx && found.is_none()) {
            if !o.get {
                ctx.out.null();
            }
            return Ok(());
        }
        if o.keepttl {
            expire = found.flatten();
        }
    }
    ctx.keys
        .set(key, NewValue::Str(value, encoding_for(value)), expire);
    ctx.keys.changed("set", key);
    if !o.get {
        ctx.out.ok();
    }
    Ok(())
}
