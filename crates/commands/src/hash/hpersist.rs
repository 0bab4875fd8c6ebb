//! HPERSIST key FIELDS numfields field [field ...]
//!
//! Per field: -2 no such field (or key), -1 the field has no TTL, 1 the TTL was removed.

use shoal_resp::Args;

use super::access;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hpersist",
    arity: -5,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))],
    group: Group::Hash,
    since: "7.4.0",
    summary: "Removes the expiration time for each specified field",
    complexity: "O(N) where N is the number of specified fields",
    args: &[Arg::new("key", ArgKind::Key), super::FIELDS_ARG],
    handler: hpersist,
    ..CommandSpec::DEFAULT
};

fn hpersist(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let first = access::fixed_fields(args, access::NUMFIELDS)?;
    let exists = access::read_for_write(&mut ctx.keys, key)?;
    let codes = if exists {
        access::modify(&mut ctx.keys, key, |h| {
            let h = h.expect("key seen above");
            Ok((first..args.len())
                .map(|i| match h.ttl(args.get(i)) {
                    None => -2,
                    Some(None) => -1,
                    Some(Some(_)) => {
                        h.set_ttl(args.get(i), None);
                        1
                    }
                })
                .collect::<Vec<i64>>())
        })?
    } else {
        vec![-2; args.len() - first]
    };
    if codes.contains(&1) {
        ctx.keys.changed("hpersist", key);
    }
    ctx.out.array(codes.len());
    for c in codes {
        ctx.out.int(c);
    }
    Ok(())
}
