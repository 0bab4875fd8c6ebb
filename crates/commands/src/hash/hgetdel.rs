//! HGETDEL key FIELDS numfields field [field ...]
//!
//! The values of the fields (nil for missing ones), which are then deleted; the key goes when
//! no field is left.

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hgetdel",
    arity: -5,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE),
    )],
    group: Group::Hash,
    since: "8.0.0",
    summary: "Returns the value of a field and deletes it from the hash.",
    complexity: "O(N) where N is the number of specified fields",
    args: &[Arg::new("key", ArgKind::Key), super::FIELDS_ARG],
    handler: hgetdel,
    ..CommandSpec::DEFAULT
};

fn hgetdel(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let first = access::fixed_fields(args, access::NUMFIELDS)?;
    access::read_for_write(&mut ctx.keys, key)?;
    let out = &mut *ctx.out;
    let mut deleted = 0;
    access::modify(&mut ctx.keys, key, |mut h| {
        out.array(args.len() - first);
        for i in first..args.len() {
            let field = args.get(i);
            match h.as_deref().and_then(|h| h.get(field)) {
                Some(v) => {
                    out.bulk(v);
                    deleted += 1;
                }
                None => {
                    out.null();
                    continue;
                }
            }
            if let Some(h) = h.as_deref_mut() {
                h.remove(field);
            }
        }
        Ok(())
    })?;
    if deleted > 0 {
        ctx.keys.changed("hdel", key);
    }
    Ok(())
}
