//! OBJECT ENCODING key
//! OBJECT FREQ key
//! OBJECT IDLETIME key
//! OBJECT REFCOUNT key
//! OBJECT HELP
//!
//! Introspection of one key's value: its encoding name, LFU counter, idle seconds or reference
//! count; nil for a missing key. None of them counts as an access to the key.

use shoal_config::{MaxmemoryPolicy, Param};
use shoal_resp::Args;
use shoal_store::lru::{idle_ms, lfu_decayed};
use shoal_store::{StrEncoding, Value};

use crate::ctx::{lfu_params, Ctx};
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY: &[KeySpec] = &[KeySpec::single(2, KsFlags::RO)];
const KEY_ARG: &[Arg] = &[Arg::new("key", ArgKind::Key)];

const fn sub(
    name: &'static str,
    since: &'static str,
    summary: &'static str,
    handler: crate::spec::Handler,
) -> CommandSpec {
    CommandSpec {
        name,
        arity: 3,
        flags: Flags::READONLY,
        acl: Acl::KEYSPACE,
        key_specs: KEY,
        tips: &["nondeterministic_output"],
        group: Group::Generic,
        since,
        summary,
        complexity: "O(1)",
        args: KEY_ARG,
        handler,
        ..CommandSpec::DEFAULT
    }
}

pub static SPEC: CommandSpec = CommandSpec {
    name: "object",
    arity: -2,
    acl: Acl::SLOW,
    group: Group::Generic,
    since: "2.2.3",
    summary: "A container for object introspection commands.",
    complexity: "Depends on subcommand.",
    subcommands: &[
        sub(
            "encoding",
            "2.2.3",
            "Returns the internal encoding of an object.",
            encoding,
        ),
        sub(
            "freq",
            "4.0.0",
            "Returns the logarithmic access frequency counter of an object.",
            freq,
        ),
        CommandSpec {
            name: "help",
            arity: 2,
            flags: Flags::LOADING.union(Flags::STALE),
            acl: Acl::KEYSPACE,
            group: Group::Generic,
            since: "6.2.0",
            summary: "Returns helpful text about the different subcommands.",
            complexity: "O(1)",
            handler: help,
            ..CommandSpec::DEFAULT
        },
        sub(
            "idletime",
            "2.2.3",
            "Returns the time since the last access to an object.",
            idletime,
        ),
        sub(
            "refcount",
            "2.2.3",
            "Returns the reference count of a value of a key.",
            refcount,
        ),
    ],
    ..CommandSpec::DEFAULT
};

const HELP: &[&str] = &[
    "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "ENCODING <key>",
    "    Return the kind of internal representation used in order to store the value",
    "    associated with a <key>.",
    "FREQ <key>",
    "    Return the access frequency index of the <key>. The returned integer is",
    "    proportional to the logarithm of the recent access frequency of the key.",
    "IDLETIME <key>",
    "    Return the idle time of the <key>, that is the approximated number of",
    "    seconds elapsed since the last access to the key.",
    "REFCOUNT <key>",
    "    Return the number of references of the value associated with the specified",
    "    <key>.",
    "HELP",
    "    Prints this help.",
];

/// Redis shares one object for each small integer string, so they report this count.
const SHARED_REFCOUNT: i64 = i32::MAX as i64;
/// Integers below this are shared objects in Redis.
const SHARED_INTEGERS: i64 = 10_000;

fn help(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    ctx.out.array(HELP.len());
    for line in HELP {
        ctx.out.simple(line.as_bytes());
    }
    Ok(())
}

fn encoding(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let name = ctx
        .keys
        .get_untouched(args.get(2))
        .map(|e| match e.value() {
            Value::Str(_, StrEncoding::Int) => "int",
            Value::Str(_, StrEncoding::Embstr) => "embstr",
            Value::Str(_, StrEncoding::Raw) => "raw",
            Value::Object(o) => o.encoding_name(),
        });
    match name {
        Some(n) => ctx.out.bulk(n.as_bytes()),
        None => ctx.out.null(),
    }
    Ok(())
}

/// Redis stops sharing integers once an LRU or LFU policy needs per-key access times.
fn shares_integers(ctx: &Ctx<'_>) -> bool {
    let policy = ctx.server.config.maxmemory_policy();
    ctx.server.config.get_i64(Param::Maxmemory) == 0
        || !matches!(
            policy,
            MaxmemoryPolicy::AllkeysLru
                | MaxmemoryPolicy::VolatileLru
                | MaxmemoryPolicy::AllkeysLfu
                | MaxmemoryPolicy::VolatileLfu
        )
}

fn refcount(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let shared = shares_integers(ctx);
    let count = ctx
        .keys
        .get_untouched(args.get(2))
        .map(|e| match e.value() {
            Value::Str(v, StrEncoding::Int)
                if shared
                    && shoal_util::string2ll(v)
                        .is_some_and(|n| (0..SHARED_INTEGERS).contains(&n)) =>
            {
                SHARED_REFCOUNT
            }
            _ => 1,
        });
    match count {
        Some(n) => ctx.out.int(n),
        None => ctx.out.null(),
    }
    Ok(())
}

fn idletime(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let now = ctx.keys.now;
    let Some(field) = ctx.keys.get_untouched(args.get(2)).map(|e| e.lru()) else {
        ctx.out.null();
        return Ok(());
    };
    if lfu_params(&ctx.server.config).is_some() {
        return Err(Error::Static(
            "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.",
        ));
    }
    ctx.out.int((idle_ms(field, now) / 1000) as i64);
    Ok(())
}

fn freq(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let now = ctx.keys.now;
    let Some(field) = ctx.keys.get_untouched(args.get(2)).map(|e| e.lru()) else {
        ctx.out.null();
        return Ok(());
    };
    let Some(params) = lfu_params(&ctx.server.config) else {
        return Err(Error::Static(
            "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.",
        ));
    };
    ctx.out.int(lfu_decayed(field, now, params) as i64);
    Ok(())
}
