//! HDEL key field [field ...]

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hdel",
    arity: -3,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::DELETE))],
    group: Group::Hash,
    since: "2.0.0",
    summary: "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.",
    complexity: "O(N) where N is the number of fields to be removed.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("field", ArgKind::String)
        },
    ],
    handler: hdel,
    ..CommandSpec::DEFAULT
};

fn hdel(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let deleted = access::modify(&mut ctx.keys, key, |h| {
        let Some(h) = h else { return Ok(0) };
        let mut n = 0;
        for i in 2..args.len() {
            n += i64::from(h.remove(args.get(i)));
            if h.is_empty() {
                break;
            }
        }
        Ok(n)
    })?;
    if deleted > 0 {
        ctx.keys.changed("hdel", key);
    }
    ctx.out.int(deleted);
    Ok(())
}
