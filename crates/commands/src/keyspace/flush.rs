//! FLUSHDB [ASYNC | SYNC]
//! FLUSHALL [ASYNC | SYNC]
//!
//! Removes every key of the current database (FLUSHDB) or of all databases (FLUSHALL). The
//! tables are taken out under all slot locks, which are released before any memory is freed;
//! ASYNC frees it on a background thread.

use shoal_config::Param;
use shoal_resp::Args;
use shoal_store::{Db, SlotGuard};

use crate::args::is_c;
use crate::ctx::{Ctx, Keys};
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

const ARGS: &[Arg] = &[Arg {
    flags: ArgFlags::OPTIONAL,
    children: &[
        Arg {
            token: "ASYNC",
            since: "4.0.0",
            ..Arg::new("async", ArgKind::PureToken)
        },
        Arg {
            token: "SYNC",
            since: "6.2.0",
            ..Arg::new("sync", ArgKind::PureToken)
        },
    ],
    ..Arg::new("flush-type", ArgKind::Oneof)
}];
const TIPS: &[&str] = &["request_policy:all_shards", "response_policy:all_succeeded"];

pub static FLUSHDB: CommandSpec = CommandSpec {
    name: "flushdb",
    arity: -1,
    flags: Flags::WRITE,
    acl: Acl::KEYSPACE.union(Acl::DANGEROUS),
    tips: TIPS,
    group: Group::Server,
    since: "1.0.0",
    summary: "Removes all keys from the current database.",
    complexity: "O(N) where N is the number of keys in the selected database",
    args: ARGS,
    handler: flushdb,
    ..CommandSpec::DEFAULT
};

pub static FLUSHALL: CommandSpec = CommandSpec {
    name: "flushall",
    arity: -1,
    flags: Flags::WRITE,
    acl: Acl::KEYSPACE.union(Acl::DANGEROUS),
    tips: TIPS,
    group: Group::Server,
    since: "1.0.0",
    summary: "Removes all keys from all databases.",
    complexity: "O(N) where N is the total number of keys in all databases",
    args: ARGS,
    handler: flushall,
    ..CommandSpec::DEFAULT
};

/// True for ASYNC; without an argument `lazyfree-lazy-user-flush` decides.
fn parse_async(ctx: &Ctx<'_>, args: &Args<'_>) -> Result<bool, Error> {
    match args.len() {
        1 => Ok(ctx.server.config.get_bool(Param::LazyfreeLazyUserFlush)),
        2 if is_c(args.get(1), "SYNC") => Ok(false),
        2 if is_c(args.get(1), "ASYNC") => Ok(true),
        _ => Err(Error::Syntax),
    }
}

/// Takes the tables of database `only` (or of every database) out of every slot, holding all
/// slot locks so no command sees a half-flushed keyspace. Returns them and their key count.
fn take_tables(k: &mut Keys<'_>, only: Option<usize>) -> (Vec<Db>, usize) {
    k.with_all_slots(|guards| take_from(guards, only))
}

fn take_from(guards: &mut [SlotGuard<'_>], only: Option<usize>) -> (Vec<Db>, usize) {
    let mut taken = Vec::new();
    let mut keys = 0;
    for slot in guards.iter_mut() {
        let present = slot.db_count();
        let dbs = match only {
            Some(db) if db < present => db..db + 1,
            Some(_) => 0..0,
            None => 0..present,
        };
        for db in dbs {
            slot.touch_watched_db(db);
            let table = slot.db(db);
            if !table.is_empty() {
                keys += table.len();
                taken.push(table.take());
            }
        }
        slot.shrink();
    }
    (taken, keys)
}

/// Frees the tables on a thread of their own for ASYNC; otherwise they are dropped here.
fn free(tables: Vec<Db>, lazy: bool) {
    if lazy && !tables.is_empty() {
        // When no thread can be started the closure, and the tables with it, is dropped here.
        let _ = std::thread::Builder::new()
            .name("shoal-lazyfree".into())
            .spawn(move || drop(tables));
    }
}

fn flushdb(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let lazy = parse_async(ctx, args)?;
    let db = ctx.keys.db;
    let (tables, keys) = take_tables(&mut ctx.keys, Some(db));
    free(tables, lazy);
    ctx.keys.dirty += keys as u64;
    ctx.out.ok();
    Ok(())
}

fn flushall(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let lazy = parse_async(ctx, args)?;
    let (tables, keys) = take_tables(&mut ctx.keys, None);
    free(tables, lazy);
    // Redis counts one more change for FLUSHALL itself, so a save point sees it even when empty.
    ctx.keys.dirty += keys as u64 + 1;
    ctx.out.ok();
    Ok(())
}
