//! PFMERGE destkey [sourcekey [sourcekey ...]]
//!
//! Stores the union of the sketches (destkey's own included) in destkey. The result is dense
//! as soon as one input is dense; otherwise it stays sparse while it fits.

use shoal_resp::Args;
use shoal_store::{hll, NewValue, StrEncoding};

use super::{sketch_of, sparse_max_bytes, CORRUPT};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "pfmerge",
    arity: -2,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::HYPERLOGLOG,
    key_specs: &[
        KeySpec::single(1, KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::INSERT)),
        KeySpec::rest(2, 1, KsFlags::RO.union(KsFlags::ACCESS)),
    ],
    group: Group::Hyperloglog,
    since: "2.8.9",
    summary: "Merges one or more HyperLogLog values into a single key.",
    complexity: "O(N) to merge N HyperLogLogs, but with high constant times.",
    args: &[
        Arg {
            key_spec_index: 0,
            ..Arg::new("destkey", ArgKind::Key)
        },
        Arg {
            key_spec_index: 1,
            flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
            ..Arg::new("sourcekey", ArgKind::Key)
        },
    ],
    handler: pfmerge,
    ..CommandSpec::DEFAULT
};

fn pfmerge(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let mut union = Box::new([0u8; hll::REGISTERS]);
    let mut dense = false;
    for j in 1..args.len() {
        let Some(entry) = ctx.keys.get(args.get(j)) else {
            continue;
        };
        let sketch = sketch_of(entry)?;
        dense |= hll::is_dense(sketch);
        hll::merge_into(&mut union, sketch).map_err(|_| CORRUPT)?;
    }
    let max_bytes = sparse_max_bytes(ctx);
    let dest = args.get(1);
    let (mut v, existing) = match ctx.keys.get_mut(dest) {
        // Validated above as one of the inputs.
        Some(e) => (sketch_of(e.entry())?.to_vec(), Some(e.entry().expire())),
        None => (hll::new_sparse(), None),
    };
    if dense {
        hll::to_dense(&mut v).map_err(|_| CORRUPT)?;
    }
    for (i, &r) in union.iter().enumerate() {
        if r > 0 {
            // Well formed: every input, destkey included, was checked while merging.
            let _ = hll::raise(&mut v, i, r, max_bytes);
        }
    }
    hll::invalidate_cache(&mut v);
    match existing {
        Some(expire) => {
            let mut e = ctx.keys.get_mut(dest).expect("found just before");
            e.set_value(NewValue::Str(&v, StrEncoding::Raw), expire);
        }
        None => ctx
            .keys
            .set(dest, NewValue::Str(&v, StrEncoding::Raw), None),
    }
    ctx.keys.changed("pfadd", dest);
    ctx.out.ok();
    Ok(())
}
