//! HINCRBYFLOAT key field increment
//!
//! The arithmetic is Redis's `long double` one (see `shoal_util::hincr_by_float`), so results
//! and error texts match byte for byte.

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hincrbyfloat",
    arity: 4,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
    )],
    group: Group::Hash,
    since: "2.6.0",
    summary: "Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("field", ArgKind::String),
        Arg::new("increment", ArgKind::Double),
    ],
    handler: hincrbyfloat,
    ..CommandSpec::DEFAULT
};

fn hincrbyfloat(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let (key, field, incr) = (args.get(1), args.get(2), args.get(3));
    // Redis rejects a bad increment before it looks at the key (so before WRONGTYPE).
    shoal_util::hincr_by_float(None, incr).map_err(|e| Error::Static(e.message()))?;
    let limits = access::limits(ctx);
    let value = access::modify_or_create(&mut ctx.keys, key, |h| {
        let new = shoal_util::hincr_by_float(h.get(field), incr)
            .map_err(|e| Error::Static(e.message()))?;
        h.insert(field, &new, true, limits);
        Ok(new)
    })?;
    ctx.keys.changed("hincrbyfloat", key);
    ctx.out.bulk(&value);
    Ok(())
}
