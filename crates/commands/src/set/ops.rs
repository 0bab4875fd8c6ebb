//! Intersection, union and difference, shared by the plain, STORE and CARD forms.
//!
//! Every key is looked up and type-checked before anything else (a missing key is an empty set,
//! and a later key of the wrong type is still an error). Results that are built as sets are
//! built the way Redis builds them, member by member into a fresh set under the current limits,
//! so a STORE leaves the encoding Redis would leave.

use shoal_store::set::{Encoding, Member, Set, SetLimits};

use super::{as_set, limits, reply_member, store};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Arg, ArgFlags, ArgKind, KeySpec, KsFlags};

/// Looks up every key (read lookups, in order) and runs `f` on the sets; None for missing keys.
pub(super) fn with_sets<R>(
    ctx: &mut Ctx<'_>,
    keys: &[&[u8]],
    f: impl FnOnce(&[Option<&Set>], &mut shoal_resp::ReplyBuf) -> R,
) -> Result<R, Error> {
    let entries = ctx.keys.get_many(keys);
    let mut sets = Vec::with_capacity(entries.len());
    for e in entries {
        sets.push(match e {
            None => None,
            Some(e) => Some(as_set(e)?),
        });
    }
    Ok(f(&sets, ctx.out))
}

/// What an intersection produces.
pub(super) enum InterMode {
    /// Reply with the members.
    Reply,
    /// Count them, stopping at `limit` (0: no limit).
    Card(usize),
    /// Build the set to store.
    Store(SetLimits),
}

pub(super) enum InterResult {
    Replied,
    Count(usize),
    Built(Set),
}

/// Intersects `sets` (all present), smallest first.
fn intersect(sets: &[&Set], mode: InterMode, out: &mut shoal_resp::ReplyBuf) -> InterResult {
    let mut order: Vec<&Set> = sets.to_vec();
    order.sort_by_key(|s| s.len());
    let first = order[0];
    let in_all = |m: Member<'_>| {
        order[1..]
            .iter()
            .all(|s| std::ptr::eq(*s, first) || s.contains_member(m))
    };
    match mode {
        InterMode::Reply => {
            let d = out.begin_set();
            let mut n = 0;
            for m in first.iter().filter(|m| in_all(*m)) {
                reply_member(out, m);
                n += 1;
            }
            out.end_set(d, n);
            InterResult::Replied
        }
        InterMode::Card(limit) => {
            let mut n = 0;
            for _ in first.iter().filter(|m| in_all(*m)) {
                n += 1;
                if limit != 0 && n >= limit {
                    break;
                }
            }
            InterResult::Count(n)
        }
        InterMode::Store(lim) => {
            // Redis starts from the smallest set's encoding (an intset stays one; anything else
            // starts as a listpack) and turns an all-integer result into an intset at the end.
            let mut dst = match first.encoding() {
                Encoding::Intset => Set::new_intset(),
                _ => Set::new_listpack(),
            };
            let mut only_integers = true;
            for m in first.iter().filter(|m| in_all(*m)) {
                match m.as_int() {
                    Some(v) => dst.add_int(v, lim),
                    None => {
                        only_integers = false;
                        dst.add_member(m, lim)
                    }
                };
            }
            if only_integers {
                dst.convert_to_intset_if_small(lim);
            }
            InterResult::Built(dst)
        }
    }
}

/// SINTER, SINTERCARD and SINTERSTORE over `keys`.
pub(super) fn inter(
    ctx: &mut Ctx<'_>,
    keys: &[&[u8]],
    mode: InterMode,
) -> Result<InterResult, Error> {
    with_sets(ctx, keys, |sets, out| {
        let present: Option<Vec<&Set>> = sets.iter().copied().collect();
        match present {
            Some(all) => intersect(&all, mode, out),
            // An empty set empties the intersection.
            None => match mode {
                InterMode::Reply => {
                    out.set(0);
                    InterResult::Replied
                }
                InterMode::Card(_) => InterResult::Count(0),
                InterMode::Store(_) => InterResult::Built(Set::new_intset()),
            },
        }
    })
}

/// Union of the present sets, built member by member into a set that starts as an intset.
pub(super) fn union(sets: &[Option<&Set>], lim: SetLimits) -> Set {
    let mut dst = Set::new_intset();
    for s in sets.iter().flatten() {
        for m in s.iter() {
            dst.add_member(m, lim);
        }
    }
    dst
}

/// The first set minus the others, with Redis's choice between its two algorithms (which
/// decides the result's encoding when it is near a threshold).
pub(super) fn diff(sets: &[Option<&Set>], lim: SetLimits) -> Set {
    let mut dst = Set::new_intset();
    let Some(first) = sets[0] else {
        return dst;
    };
    // The first key repeated later: nothing can be left.
    if sets[1..].iter().flatten().any(|s| std::ptr::eq(*s, first)) {
        return dst;
    }
    let others: Vec<&Set> = sets[1..].iter().flatten().copied().collect();
    // Algorithm 1 checks each member of the first set against the others: |first| * sets
    // (halved, as it has better constants); algorithm 2 adds the first set and removes the
    // others: the total size.
    let present = 1 + others.len();
    let one = (first.len() * present) / 2;
    let two = first.len() + others.iter().map(|s| s.len()).sum::<usize>();
    if one <= two {
        let mut others = others;
        // Larger sets first: a member is likelier to be found early.
        others.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for m in first.iter() {
            if !others.iter().any(|s| s.contains_member(m)) {
                dst.add_member(m, lim);
            }
        }
    } else {
        for m in first.iter() {
            dst.add_member(m, lim);
        }
        for s in others {
            for m in s.iter() {
                dst.remove_member(m);
            }
            if dst.is_empty() {
                break;
            }
        }
    }
    dst
}

/// Stores `result` in `dst` (or deletes `dst` when it is empty) and replies with its size.
pub(super) fn store_result(
    ctx: &mut Ctx<'_>,
    dst: &[u8],
    result: Set,
    event: &'static str,
) -> CmdResult {
    let n = result.len();
    if n > 0 {
        store(ctx, dst, result);
        ctx.keys.changed(event, dst);
    } else if ctx.keys.remove(dst).is_some() {
        ctx.keys.changed("del", dst);
    }
    ctx.out.int(n as i64);
    Ok(())
}

/// SUNION/SDIFF and their STORE forms: `keys[first..]` are the inputs, `dst` the destination.
pub(super) fn union_or_diff(
    ctx: &mut Ctx<'_>,
    keys: &[&[u8]],
    dst: Option<&[u8]>,
    is_union: bool,
) -> CmdResult {
    let lim = limits(ctx);
    let result = with_sets(ctx, keys, |sets, _| {
        if is_union {
            union(sets, lim)
        } else {
            diff(sets, lim)
        }
    })?;
    match dst {
        None => {
            super::reply_all(ctx.out, &result);
            Ok(())
        }
        Some(dst) => {
            let event = if is_union {
                "sunionstore"
            } else {
                "sdiffstore"
            };
            store_result(ctx, dst, result, event)
        }
    }
}

/// The arguments from `from` on, as key slices.
pub(super) fn keys_from<'a>(
    args: &'a shoal_resp::Args<'_>,
    from: usize,
    to: usize,
) -> Vec<&'a [u8]> {
    (from..to).map(|i| args.get(i)).collect()
}

/// Declarations SINTER, SUNION and SDIFF (and their STORE forms) share.
pub(super) const READ_KEYS: &[KeySpec] = &[KeySpec::rest(1, 1, KsFlags::RO.union(KsFlags::ACCESS))];
pub(super) const READ_ARGS: &[Arg] = &[Arg {
    flags: ArgFlags::MULTIPLE,
    ..Arg::new("key", ArgKind::Key)
}];
pub(super) const STORE_ARGS: &[Arg] = &[
    Arg::new("destination", ArgKind::Key),
    Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("key", ArgKind::Key)
    },
];
/// SUNIONSTORE/SDIFFSTORE overwrite the destination; SINTERSTORE is declared RW (as in Redis).
pub(super) const STORE_KEYS_OW: &[KeySpec] = &[
    KeySpec::single(1, KsFlags::OW.union(KsFlags::UPDATE)),
    KeySpec::rest(2, 1, KsFlags::RO.union(KsFlags::ACCESS)),
];
pub(super) const STORE_KEYS_RW: &[KeySpec] = &[
    KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE)),
    KeySpec::rest(2, 1, KsFlags::RO.union(KsFlags::ACCESS)),
];
