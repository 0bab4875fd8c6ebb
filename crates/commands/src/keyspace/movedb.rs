//! MOVE key db
//!
//! Moves `key` (with its expire time) to database `db`: 1 when moved, 0 when the key is
//! missing here or already exists there.

use shoal_resp::Args;

use super::common::{cluster_enabled, db_index};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "move",
    arity: 3,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::KEYSPACE,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
    )],
    group: Group::Generic,
    since: "1.0.0",
    summary: "Moves a key to another database.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("db", ArgKind::Integer),
    ],
    handler: move_key,
    ..CommandSpec::DEFAULT
};

fn move_key(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if cluster_enabled(ctx) {
        return Err(Error::Static("ERR MOVE is not allowed in cluster mode"));
    }
    let key = args.get(1);
    let dst_db = db_index(ctx, args.get(2))?;
    if dst_db == ctx.keys.db {
        return Err(Error::Static(
            "ERR source and destination objects are the same",
        ));
    }
    if ctx.keys.get_mut(key).is_none() || ctx.keys.get_mut_in(dst_db, key).is_some() {
        ctx.out.int(0);
        return Ok(());
    }
    let entry = ctx.keys.remove(key).expect("key was just found");
    ctx.keys.insert_in(dst_db, entry);
    ctx.keys.changed("move_from", key);
    ctx.keys.changed("move_to", key);
    ctx.out.int(1);
    Ok(())
}
