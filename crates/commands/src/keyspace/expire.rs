//! EXPIRE key seconds [NX | XX | GT | LT]
//! PEXPIRE key milliseconds [NX | XX | GT | LT]
//! EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
//! PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
//!
//! 1 when the expire time was set (or the key deleted because the time has passed), 0 when the
//! key does not exist or the condition did not hold.

use shoal_resp::Args;

use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEYS: &[KeySpec] = &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))];

const CONDITION: Arg = Arg {
    flags: ArgFlags::OPTIONAL,
    since: "7.0.0",
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

const fn spec(
    name: &'static str,
    since: &'static str,
    summary: &'static str,
    args: &'static [Arg],
    handler: crate::spec::Handler,
) -> CommandSpec {
    CommandSpec {
        name,
        arity: -3,
        flags: Flags::WRITE.union(Flags::FAST),
        acl: Acl::KEYSPACE,
        key_specs: KEYS,
        group: Group::Generic,
        since,
        summary,
        complexity: "O(1)",
        args,
        handler,
        ..CommandSpec::DEFAULT
    }
}

pub static EXPIRE: CommandSpec = spec(
    "expire",
    "1.0.0",
    "Sets the expiration time of a key in seconds.",
    &[
        Arg::new("key", ArgKind::Key),
        Arg::new("seconds", ArgKind::Integer),
        CONDITION,
    ],
    expire,
);

pub static PEXPIRE: CommandSpec = spec(
    "pexpire",
    "2.6.0",
    "Sets the expiration time of a key in milliseconds.",
    &[
        Arg::new("key", ArgKind::Key),
        Arg::new("milliseconds", ArgKind::Integer),
        CONDITION,
    ],
    pexpire,
);

pub static EXPIREAT: CommandSpec = spec(
    "expireat",
    "1.2.0",
    "Sets the expiration time of a key to a Unix timestamp.",
    &[
        Arg::new("key", ArgKind::Key),
        Arg::new("unix-time-seconds", ArgKind::UnixTime),
        CONDITION,
    ],
    expireat,
);

pub static PEXPIREAT: CommandSpec = spec(
    "pexpireat",
    "2.6.0",
    "Sets the expiration time of a key to a Unix milliseconds timestamp.",
    &[
        Arg::new("key", ArgKind::Key),
        Arg::new("unix-time-milliseconds", ArgKind::UnixTime),
        CONDITION,
    ],
    pexpireat,
);

fn expire(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let now = ctx.keys.now as i64;
    generic(ctx, args, now, true, "expire")
}

fn pexpire(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let now = ctx.keys.now as i64;
    generic(ctx, args, now, false, "pexpire")
}

fn expireat(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, 0, true, "expireat")
}

fn pexpireat(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, 0, false, "pexpireat")
}

/// The NX/XX/GT/LT conditions of EXPIRE and of the HEXPIRE family (whose per-field check is
/// the same with the field's expire time in place of the key's).
#[derive(Default, Clone, Copy)]
pub struct Condition {
    nx: bool,
    xx: bool,
    gt: bool,
    lt: bool,
}

impl Condition {
    /// The flags in `args[range]`, checked for conflicts only after all were read, as Redis
    /// does. Redis and Valkey compare with strcasecmp and print an unknown word with `%s`, so
    /// both see a word only up to its first NUL byte ("nx\0GT" is NX).
    pub fn parse(args: &Args<'_>, range: std::ops::Range<usize>) -> Result<Condition, Error> {
        let mut c = Condition::default();
        for i in range {
            let opt = args.get(i);
            if is_c(opt, "NX") {
                c.nx = true;
            } else if is_c(opt, "XX") {
                c.xx = true;
            } else if is_c(opt, "GT") {
                c.gt = true;
            } else if is_c(opt, "LT") {
                c.lt = true;
            } else {
                return Err(Error::concat(&[
                    b"ERR Unsupported option ",
                    crate::errors::c_arg(opt, usize::MAX),
                ]));
            }
        }
        if c.nx && (c.xx || c.gt || c.lt) {
            return Err(Error::Static(
                "ERR NX and XX, GT or LT options at the same time are not compatible",
            ));
        }
        if c.gt && c.lt {
            return Err(Error::Static(
                "ERR GT and LT options at the same time are not compatible",
            ));
        }
        Ok(c)
    }

    /// Whether an expire time `current` (None: none, which counts as living forever for GT
    /// and LT) may be replaced by `when`.
    pub fn allows<T: PartialOrd>(self, current: Option<T>, when: T) -> bool {
        !((self.nx && current.is_some())
            || (self.xx && current.is_none())
            || (self.gt && current.as_ref().is_none_or(|cur| when <= *cur))
            || (self.lt && current.as_ref().is_some_and(|cur| when >= *cur)))
    }
}

/// `base` is added to the given time (now for relative commands, 0 for absolute ones);
/// `seconds` says the time is in seconds.
fn generic(
    ctx: &mut Ctx<'_>,
    args: &Args<'_>,
    base: i64,
    seconds: bool,
    name: &'static str,
) -> CmdResult {
    let key = args.get(1);
    let cond = Condition::parse(args, 3..args.len())?;
    let mut when = crate::args::int(args.get(2))?;
    // Negative times are allowed (they delete the key); only overflow is an error.
    if seconds {
        if !(i64::MIN / 1000..=i64::MAX / 1000).contains(&when) {
            return Err(Error::InvalidExpire(name));
        }
        when *= 1000;
    }
    when = when.checked_add(base).ok_or(Error::InvalidExpire(name))?;
    let now = ctx.keys.now as i64;
    let Some(mut entry) = ctx.keys.get_mut(key) else {
        ctx.out.int(0);
        return Ok(());
    };
    let current = entry.entry().expire().map(|at| at as i64);
    if !cond.allows(current, when) {
        ctx.out.int(0);
        return Ok(());
    }
    if when <= now {
        ctx.keys.remove(key);
        ctx.keys.changed("del", key);
    } else {
        entry.set_expire(Some(when as u64));
        ctx.keys.changed("expire", key);
    }
    ctx.out.int(1);
    Ok(())
}
