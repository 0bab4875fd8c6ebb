//! SPOP key [count]
//!
//! Removes and returns random members. With a count the reply is a set (RESP3 `~`), and the
//! strategy follows Redis 7.2 where it shows: popping all but a sixth or less of the set keeps
//! the members that stay in a newly built set, which is why a large hashtable can come back as
//! a listpack afterwards (an intset stays an intset).

use shoal_resp::Args;
use shoal_store::set::{Encoding, Member, Set};

use super::{as_set_mut, limits, reply_all};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "spop",
    arity: -2,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::SET,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE),
    )],
    tips: &["nondeterministic_output"],
    group: Group::Set,
    since: "1.0.0",
    summary: "Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.",
    complexity: "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.",
    history: &[("3.2.0", "Added the `count` argument.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            since: "3.2.0",
            ..Arg::new("count", ArgKind::Integer)
        },
    ],
    handler: spop,
    ..CommandSpec::DEFAULT
};

/// How much bigger than what stays the popped part must be before SPOP rebuilds the set from
/// the members that stay (Redis's SPOP_MOVE_STRATEGY_MUL).
const MOVE_STRATEGY_MUL: usize = 5;

fn spop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    match args.len() {
        2 => spop_one(ctx, args.get(1)),
        3 => spop_count(ctx, args),
        _ => Err(Error::Syntax),
    }
}

fn spop_one(ctx: &mut Ctx<'_>, key: &[u8]) -> CmdResult {
    let Some(mut e) = ctx.keys.get_mut(key) else {
        ctx.out.null();
        return Ok(());
    };
    let set = as_set_mut(e.entry_mut())?;
    let member = set.pop_random();
    let emptied = set.is_empty();
    ctx.out.bulk(&member);
    ctx.keys.changed("spop", key);
    if emptied {
        ctx.keys.remove(key);
    }
    Ok(())
}

fn spop_count(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    // Not a number and negative share one message, as in Redis.
    let count = shoal_util::string2ll(args.get(2))
        .filter(|n| *n >= 0)
        .ok_or(Error::Static("ERR value is out of range, must be positive"))?
        as u64;
    let lim = limits(ctx);
    let Some(mut e) = ctx.keys.get_mut(key) else {
        ctx.out.set(0);
        return Ok(());
    };
    let set = as_set_mut(e.entry_mut())?;
    if count == 0 {
        ctx.out.set(0);
        return Ok(());
    }
    let size = set.len();
    if count >= size as u64 {
        reply_all(ctx.out, set);
        ctx.keys.remove(key);
        ctx.keys.changed("spop", key);
        ctx.keys.dirty += size as u64 - 1;
        return Ok(());
    }
    let count = count as usize;
    let remaining = size - count;
    ctx.out.set(count);
    if remaining * MOVE_STRATEGY_MUL > count {
        let picked: Vec<Vec<u8>> = set
            .random_distinct(count)
            .into_iter()
            .map(Member::to_vec)
            .collect();
        for m in &picked {
            set.remove(m);
            ctx.out.bulk(m);
        }
    } else {
        let mut kept = match set.encoding() {
            Encoding::Intset => Set::new_intset(),
            _ => Set::new_listpack(),
        };
        for m in set.random_distinct(remaining) {
            kept.add_member(m, lim);
        }
        for m in set.iter() {
            if !kept.contains_member(m) {
                super::reply_member(ctx.out, m);
            }
        }
        *set = kept;
    }
    ctx.keys.changed("spop", key);
    ctx.keys.dirty += count as u64 - 1;
    Ok(())
}
