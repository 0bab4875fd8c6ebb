//! COPY source destination [DB destination-db] [REPLACE]
//!
//! Copies the value and expire time of `source` to `destination` (in the current or another
//! database): 1 when copied, 0 when `source` is missing or `destination` exists without
//! REPLACE.

use shoal_resp::Args;

use super::common::{cluster_enabled, db_index, duplicate};
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "copy",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::KEYSPACE,
    key_specs: &[
        KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS)),
        KeySpec::single(2, KsFlags::OW.union(KsFlags::UPDATE)),
    ],
    group: Group::Generic,
    since: "6.2.0",
    summary: "Copies the value of a key to a new key.",
    complexity:
        "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.",
    args: &[
        Arg::new("source", ArgKind::Key),
        Arg::new("destination", ArgKind::Key),
        Arg {
            token: "DB",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("destination-db", ArgKind::Integer)
        },
        Arg {
            token: "REPLACE",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("replace", ArgKind::PureToken)
        },
    ],
    handler: copy,
    ..CommandSpec::DEFAULT
};

fn copy(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let (src, dst) = (args.get(1), args.get(2));
    let src_db = ctx.keys.db;
    let mut dst_db = src_db;
    let mut replace = false;
    let mut i = 3;
    while i < args.len() {
        let opt = args.get(i);
        if is_c(opt, "REPLACE") {
            replace = true;
        } else if is_c(opt, "DB") && i + 1 < args.len() {
            dst_db = db_index(ctx, args.get(i + 1))?;
            i += 1;
        } else {
            return Err(Error::Syntax);
        }
        i += 1;
    }
    if cluster_enabled(ctx) && (src_db != 0 || dst_db != 0) {
        return Err(Error::Static(
            "ERR Copying to another database is not allowed in cluster mode",
        ));
    }
    if src_db == dst_db && src == dst {
        return Err(Error::Static(
            "ERR source and destination objects are the same",
        ));
    }
    let lru = ctx.keys.new_entry_lru();
    let Some(copied) = ctx.keys.get(src).map(|e| duplicate(e, dst, lru)) else {
        ctx.out.int(0);
        return Ok(());
    };
    if ctx.keys.get_mut_in(dst_db, dst).is_some() {
        if !replace {
            ctx.out.int(0);
            return Ok(());
        }
        ctx.keys.remove_in(dst_db, dst);
    }
    ctx.keys.insert_in(dst_db, copied);
    ctx.keys.changed("copy_to", dst);
    ctx.out.int(1);
    Ok(())
}
