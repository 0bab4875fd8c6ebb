//! HINCRBY key field increment

use shoal_resp::Args;

use super::access;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hincrby",
    arity: 4,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
    )],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("field", ArgKind::String),
        Arg::new("increment", ArgKind::Integer),
    ],
    handler: hincrby,
    ..CommandSpec::DEFAULT
};

fn hincrby(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let incr = args::int(args.get(3))?;
    let (key, field) = (args.get(1), args.get(2));
    let limits = access::limits(ctx);
    let value = access::modify_or_create(&mut ctx.keys, key, |h| {
        let old = match h.get(field) {
            None => 0,
            Some(v) => {
                shoal_util::string2ll(v).ok_or(Error::Static("ERR hash value is not an integer"))?
            }
        };
        let new = old.checked_add(incr).ok_or(Error::IncrOverflow)?;
        let mut buf = Vec::with_capacity(20);
        shoal_util::append_i64(&mut buf, new);
        h.insert(field, &buf, true, limits);
        Ok(new)
    })?;
    ctx.keys.changed("hincrby", key);
    ctx.out.int(value);
    Ok(())
}
