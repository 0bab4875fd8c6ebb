//! SMOVE source destination member
//!
//! Both keys are in the key specs, so dispatch holds both slots for the whole move. Checks in
//! Redis's order: a missing source answers 0 before any type check; then the source's type, then
//! the destination's; moving within one key only reports membership.

use shoal_resp::Args;
use shoal_store::set::Set;

use super::{as_set, as_set_mut, limits, store};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "smove",
    arity: 4,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::SET,
    key_specs: &[
        KeySpec::single(1, KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE)),
        KeySpec::single(2, KsFlags::RW.union(KsFlags::INSERT)),
    ],
    group: Group::Set,
    since: "1.0.0",
    summary: "Moves a member from one set to another.",
    complexity: "O(1)",
    args: &[
        Arg::new("source", ArgKind::Key),
        Arg::new("destination", ArgKind::Key),
        Arg::new("member", ArgKind::String),
    ],
    handler: smove,
    ..CommandSpec::DEFAULT
};

fn smove(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let (src, dst, member) = (args.get(1), args.get(2), args.get(3));
    let lim = limits(ctx);
    // Write lookups of both keys first (lazy expiry of each), as Redis does.
    let src_is_set = ctx.keys.get_mut(src).map(|e| as_set(e.entry()).is_ok());
    let dst_is_set = ctx.keys.get_mut(dst).map(|e| as_set(e.entry()).is_ok());
    let Some(src_ok) = src_is_set else {
        ctx.out.int(0);
        return Ok(());
    };
    if !src_ok || dst_is_set == Some(false) {
        return Err(crate::errors::Error::WrongType);
    }
    if src == dst {
        let found = match ctx.keys.peek(src) {
            Some(e) => as_set(e)?.contains(member),
            None => false,
        };
        ctx.out.int(i64::from(found));
        return Ok(());
    }
    let Some(mut e) = ctx.keys.get_mut(src) else {
        ctx.out.int(0);
        return Ok(());
    };
    let set = as_set_mut(e.entry_mut())?;
    if !set.remove(member) {
        ctx.out.int(0);
        return Ok(());
    }
    let emptied = set.is_empty();
    ctx.keys.changed("srem", src);
    if emptied {
        ctx.keys.remove(src);
    }
    let added = match ctx.keys.get_mut(dst) {
        Some(mut e) => as_set_mut(e.entry_mut())?.add(member, lim),
        None => {
            let mut set = Set::create(member, 1, lim);
            set.add(member, lim);
            store(ctx, dst, set);
            true
        }
    };
    if added {
        ctx.keys.changed("sadd", dst);
    }
    ctx.out.int(1);
    Ok(())
}
