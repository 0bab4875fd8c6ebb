//! PFADD key [element [element ...]]
//!
//! Adds elements to the sketch at `key`, creating an empty one when the key is missing, and
//! returns 1 when a register changed (or the key was created), 0 otherwise.

use shoal_resp::Args;
use shoal_store::{hll, NewValue, StrEncoding};

use super::{sketch_of, sparse_max_bytes, CORRUPT};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "pfadd",
    arity: -2,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::HYPERLOGLOG,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::INSERT))],
    group: Group::Hyperloglog,
    since: "2.8.9",
    summary: "Adds elements to a HyperLogLog key. Creates the key if it doesn't exist.",
    complexity: "O(1) to add every element.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
            ..Arg::new("element", ArgKind::String)
        },
    ],
    handler: pfadd,
    ..CommandSpec::DEFAULT
};

fn pfadd(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let max_bytes = sparse_max_bytes(ctx);
    let elements = (2..args.len()).map(|j| args.get(j));
    let updated = match ctx.keys.get_mut(key) {
        None => {
            let mut v = hll::new_sparse();
            for e in elements {
                // A sketch built here is always well formed.
                let _ = hll::add(&mut v, e, max_bytes);
            }
            hll::invalidate_cache(&mut v);
            ctx.keys.set(key, NewValue::Str(&v, StrEncoding::Raw), None);
            true
        }
        Some(mut entry) => {
            let current = sketch_of(entry.entry())?;
            if hll::is_dense(current) {
                // Dense sketches keep their size: update the stored bytes in place.
                let bytes = entry.entry_mut().str_bytes_mut().expect("a string");
                let mut updated = false;
                for e in elements {
                    updated |= hll::dense_add(bytes, e);
                }
                if updated {
                    hll::invalidate_cache(bytes);
                }
                updated
            } else {
                let mut v = current.to_vec();
                let mut updated = false;
                let mut corrupt = false;
                for e in elements {
                    match hll::add(&mut v, e, max_bytes) {
                        Ok(changed) => updated |= changed,
                        Err(_) => {
                            corrupt = true;
                            break;
                        }
                    }
                }
                // Registers raised before a corruption was met stay raised, so the cached
                // count is stale either way (Redis invalidates it with every raise).
                if updated {
                    hll::invalidate_cache(&mut v);
                }
                if v.as_slice() != current {
                    let expire = entry.entry().expire();
                    entry.set_value(NewValue::Str(&v, StrEncoding::Raw), expire);
                } else {
                    // Redis unshares the value for writing even when nothing changes.
                    entry.entry_mut().str_bytes_mut();
                }
                // Like Redis, registers already raised before the corruption was met stay.
                if corrupt {
                    return Err(CORRUPT);
                }
                updated
            }
        }
    };
    if updated {
        ctx.keys.changed("pfadd", key);
    }
    ctx.out.int(updated as i64);
    Ok(())
}
