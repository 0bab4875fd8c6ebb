//! KEYS pattern
//!
//! Every key of the current database matching the glob-style pattern, in no particular order.
//! Expired keys that were not yet removed are left out.

use shoal_resp::Args;
use shoal_util::{glob_match, key_slot};

use crate::ctx::SlotAccess;
use crate::ctx::{is_expired, Ctx};
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "keys",
    arity: 2,
    flags: Flags::READONLY,
    acl: Acl::KEYSPACE.union(Acl::DANGEROUS),
    tips: &["request_policy:all_shards", "nondeterministic_output_order"],
    group: Group::Generic,
    since: "1.0.0",
    summary: "Returns all key names that match a pattern.",
    complexity: "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.",
    args: &[Arg::new("pattern", ArgKind::Pattern)],
    handler: keys,
    ..CommandSpec::DEFAULT
};

/// True when the pattern matches only itself, so only its own slot can hold a match.
fn is_literal(pattern: &[u8]) -> bool {
    !pattern
        .iter()
        .any(|b| matches!(b, b'*' | b'?' | b'[' | b'\\'))
}

fn keys(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let pattern = args.get(1);
    let match_all = pattern == b"*";
    let (db, now) = (ctx.keys.db, ctx.keys.now);
    let slots = if is_literal(pattern) {
        let s = key_slot(pattern) as usize;
        s..s + 1
    } else {
        0..shoal_util::SLOTS
    };
    let deferred = ctx.out.begin_array();
    let mut n = 0;
    // One slot locked at a time: KEYS never stalls the whole keyspace.
    let out = &mut *ctx.out;
    for slot in slots {
        ctx.keys.with_slot(slot as u16, |guard| {
            let Some(table) = guard.db_ref(db) else {
                return;
            };
            for e in table.iter() {
                if (match_all || glob_match(pattern, e.key(), false)) && !is_expired(e, now) {
                    out.bulk(e.key());
                    n += 1;
                }
            }
        });
    }
    ctx.out.end_array(deferred, n);
    Ok(())
}
