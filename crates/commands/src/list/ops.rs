//! Key-level pop and move steps, shared by LPOP/RPOP/LMPOP/LMOVE/RPOPLPUSH and meant for their
//! blocking variants (BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH), which run the same step once a
//! list has elements. Each step finds the list, changes it through the type API (which applies
//! Redis's encoding conversions), deletes the key when the list empties, and records the change.
//! Type errors come back before anything is written or changed.

use shoal_store::list::End;

use super::{
    delete_emptied, fill, list_mut, pop_event, push_event, reply_elem, store_new, touched,
};
use crate::ctx::{Ctx, Keys};
use crate::errors::Error;

/// Records the pop of `n` elements, then deletes the key if the list is now empty.
fn popped(keys: &mut Keys<'_>, key: &[u8], end: End, emptied: bool, n: usize) {
    touched(keys, pop_event(end), key, n as u64);
    if emptied {
        delete_emptied(keys, key);
    }
}

/// Pops one element from the list at `key`; `Ok(None)` when the key is missing.
pub fn pop_one(ctx: &mut Ctx<'_>, key: &[u8], end: End) -> Result<Option<Vec<u8>>, Error> {
    let fill = fill(ctx);
    let Some(list) = list_mut(&mut ctx.keys, key)? else {
        return Ok(None);
    };
    let Some(v) = list.pop_one(end, fill) else {
        return Ok(None);
    };
    let emptied = list.is_empty();
    popped(&mut ctx.keys, key, end, emptied, 1);
    Ok(Some(v))
}

/// Pops up to `count` (> 0) elements and writes them as an array; `Ok(false)`, with nothing
/// written, when the key is missing.
pub fn pop_array(ctx: &mut Ctx<'_>, key: &[u8], end: End, count: usize) -> Result<bool, Error> {
    let fill = fill(ctx);
    let Ctx { keys, out, .. } = ctx;
    let Some(list) = list_mut(keys, key)? else {
        return Ok(false);
    };
    out.array(count.min(list.len()));
    let n = list.pop_range(end, count, fill, |e| reply_elem(out, e));
    let emptied = list.is_empty();
    popped(keys, key, end, emptied, n);
    Ok(true)
}

/// LMPOP's step: pops up to `count` elements from the first of `keys` holding a list and
/// replies `[key, [elements]]`. Types are checked in order up to that list, as in Redis.
/// `Ok(false)`, with nothing written, when none of the keys exists.
pub fn pop_first_nonempty(
    ctx: &mut Ctx<'_>,
    keys: &[&[u8]],
    end: End,
    count: usize,
) -> Result<bool, Error> {
    for key in keys {
        if list_mut(&mut ctx.keys, key)?.is_none() {
            continue;
        }
        ctx.out.array(2);
        ctx.out.bulk(key);
        return pop_array(ctx, key, end, count);
    }
    Ok(false)
}

/// Moves one element from the `from` end of `src` to the `to` end of `dst` (LMOVE,
/// RPOPLPUSH); `Ok(None)` when `src` is missing. `src` and `dst` may be the same list, which
/// then rotates.
pub fn move_one(
    ctx: &mut Ctx<'_>,
    src: &[u8],
    dst: &[u8],
    from: End,
    to: End,
) -> Result<Option<Vec<u8>>, Error> {
    let fill = fill(ctx);
    if list_mut(&mut ctx.keys, src)?.is_none() {
        return Ok(None);
    }
    if src == dst {
        let list = list_mut(&mut ctx.keys, src)?.expect("checked above");
        let Some(m) = list.pop_for_move(from) else {
            return Ok(None);
        };
        list.push_moved(to, &m, fill);
        list.convert_after_shrink(fill);
        touched(&mut ctx.keys, push_event(to), dst, 0);
        touched(&mut ctx.keys, pop_event(from), src, 1);
        return Ok(Some(m.value));
    }
    // The destination's type is checked before anything moves.
    let dst_exists = list_mut(&mut ctx.keys, dst)?.is_some();
    let list = list_mut(&mut ctx.keys, src)?.expect("checked above");
    let Some(m) = list.pop_for_move(from) else {
        return Ok(None);
    };
    if dst_exists {
        list_mut(&mut ctx.keys, dst)?
            .expect("checked above")
            .push_moved(to, &m, fill);
    } else {
        let mut list = shoal_store::list::List::new();
        list.push_moved(to, &m, fill);
        store_new(&mut ctx.keys, dst, list);
    }
    touched(&mut ctx.keys, push_event(to), dst, 0);
    // Redis checks the source's encoding only after the push.
    let list = list_mut(&mut ctx.keys, src)?.expect("checked above");
    let emptied = list.is_empty();
    if !emptied {
        list.convert_after_shrink(fill);
    }
    popped(&mut ctx.keys, src, from, emptied, 1);
    Ok(Some(m.value))
}
