//! WATCH key [key ...]
//! UNWATCH
//!
//! Makes the next EXEC fail (null reply) if any watched key is modified before it.

use shoal_resp::Args;
use shoal_store::{hash_key, WatchTable};
use shoal_util::key_slot;

use super::unwatch_all;
use crate::client::Watched;
use crate::ctx::{is_expired, Ctx};
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const FLAGS: Flags = Flags::NOSCRIPT
    .union(Flags::LOADING)
    .union(Flags::STALE)
    .union(Flags::FAST)
    .union(Flags::ALLOW_BUSY);

pub static SPEC: CommandSpec = CommandSpec {
    name: "watch",
    arity: -2,
    flags: FLAGS,
    acl: Acl::TRANSACTION,
    key_specs: &[KeySpec::rest(1, 1, KsFlags::RO)],
    group: Group::Transactions,
    since: "2.2.0",
    summary: "Monitors changes to keys to determine the execution of a transaction.",
    complexity: "O(1) for every key.",
    args: &[Arg {
        flags: ArgFlags::MULTIPLE,
        key_spec_index: 0,
        ..Arg::new("key", ArgKind::Key)
    }],
    handler: watch,
    ..CommandSpec::DEFAULT
};

pub static UNWATCH: CommandSpec = CommandSpec {
    name: "unwatch",
    arity: 1,
    flags: FLAGS,
    acl: Acl::TRANSACTION,
    group: Group::Transactions,
    since: "2.2.0",
    summary: "Forgets about watched keys of a transaction.",
    complexity: "O(1)",
    handler: unwatch,
    ..CommandSpec::DEFAULT
};

fn watch(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if ctx.client.multi.is_some() {
        return Err(Error::Static("ERR WATCH inside MULTI is not allowed"));
    }
    let (db, now) = (ctx.keys.db, ctx.keys.now);
    for key in args.iter().skip(1) {
        if ctx
            .client
            .watched
            .iter()
            .any(|w| w.db == db && w.key == key)
        {
            continue;
        }
        let slot = ctx.keys.slot(key_slot(key));
        let existed = slot
            .db_ref(db)
            .and_then(|t| t.get(hash_key(key), key))
            .is_some_and(|e| !is_expired(e, now));
        let version = slot
            .watch
            .get_or_insert_with(|| Box::new(WatchTable::default()))
            .watch(db, key);
        ctx.client.watched.push(Watched {
            db,
            key: key.to_vec(),
            version,
            existed,
        });
    }
    ctx.out.ok();
    Ok(())
}

fn unwatch(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    unwatch_all(&mut ctx.keys, ctx.client);
    ctx.out.ok();
    Ok(())
}
