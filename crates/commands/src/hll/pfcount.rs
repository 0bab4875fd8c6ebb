//! PFCOUNT key [key ...]
//!
//! The estimated number of distinct elements added to the sketch at `key`, or to the union of
//! several sketches. With one key the estimate is cached inside the value (which is why the
//! key spec is RW); with several keys nothing is modified.

use shoal_resp::Args;
use shoal_store::hll;

use super::{sketch_of, CORRUPT};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "pfcount",
    arity: -2,
    flags: Flags::READONLY.union(Flags::MAY_REPLICATE),
    acl: Acl::HYPERLOGLOG,
    key_specs: &[KeySpec {
        notes: "RW because it may change the internal representation of the key, and propagate \
                to replicas",
        ..KeySpec::rest(1, 1, KsFlags::RW.union(KsFlags::ACCESS))
    }],
    group: Group::Hyperloglog,
    since: "2.8.9",
    summary: "Returns the approximated cardinality of the set(s) observed by the HyperLogLog \
              key(s).",
    complexity: "O(1) with a very small average constant time when called with a single key. \
                 O(N) with N being the number of keys, and much bigger constant times, when \
                 called with multiple keys.",
    args: &[Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("key", ArgKind::Key)
    }],
    handler: pfcount,
    ..CommandSpec::DEFAULT
};

fn pfcount(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if args.len() > 2 {
        let mut union = Box::new([0u8; hll::REGISTERS]);
        for j in 1..args.len() {
            let Some(entry) = ctx.keys.get(args.get(j)) else {
                continue;
            };
            hll::merge_into(&mut union, sketch_of(entry)?).map_err(|_| CORRUPT)?;
        }
        ctx.out
            .int(hll::estimate(&hll::raw_histogram(&union)) as i64);
        return Ok(());
    }
    let key = args.get(1);
    // The read lookup counts the keyspace hit or miss; the value is then edited in place.
    let Some(entry) = ctx.keys.get(key) else {
        ctx.out.int(0);
        return Ok(());
    };
    sketch_of(entry)?;
    let mut entry = ctx.keys.get_mut(key).expect("found just before");
    let bytes = entry.entry_mut().str_bytes_mut().expect("a string");
    let card = match hll::cached_count(bytes) {
        Some(card) => card,
        None => {
            let card = hll::count(bytes).map_err(|_| CORRUPT)?;
            hll::set_cached_count(bytes, card);
            ctx.keys.changed_silently(key);
            card
        }
    };
    ctx.out.int(card as i64);
    Ok(())
}
