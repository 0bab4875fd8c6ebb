//! Popping the lowest or highest members, shared by ZPOPMIN, ZPOPMAX and ZMPOP, and by
//! the blocking forms (BZPOPMIN, BZPOPMAX, BZMPOP in `bzpop` call [`pop_reply`] once a key has
//! members, with the reply shape they need). Redis's genericZpopCommand.

use super::common::{self, modified};
use crate::ctx::Ctx;
use crate::errors::Error;

/// Which end to pop from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum End {
    Min,
    Max,
}

impl End {
    fn event(self) -> &'static str {
        match self {
            End::Min => "zpopmin",
            End::Max => "zpopmax",
        }
    }
}

/// How popped pairs are laid out in the reply.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    /// `[member, score, ...]` (ZPOPMIN/ZPOPMAX in RESP2, or without a count).
    Flat,
    /// `[[member, score], ...]` (ZPOPMIN/ZPOPMAX with a count in RESP3).
    Nested,
    /// `[key, member, score, ...]` (BZPOPMIN/BZPOPMAX).
    KeyFlat,
    /// `[key, [[member, score], ...]]` (ZMPOP/BZMPOP).
    KeyNested,
}

/// Pops up to `count` members from the first of `keys` that exists (WRONGTYPE if a key before
/// it, or it, holds another type) and writes the reply. Returns the key popped from and how
/// many members were popped, or None (after replying the empty answer) when no key exists:
/// an empty array, or a null array when `nil_when_empty`.
pub fn pop_reply<'k>(
    ctx: &mut Ctx<'_>,
    keys: &[&'k [u8]],
    end: End,
    count: usize,
    shape: Shape,
    nil_when_empty: bool,
) -> Result<Option<(&'k [u8], usize)>, Error> {
    let mut found = None;
    for &key in keys {
        if common::write(&mut ctx.keys, key)?.is_some() {
            found = Some(key);
            break;
        }
    }
    let Some(key) = found else {
        if nil_when_empty {
            ctx.out.null_array();
        } else {
            ctx.out.empty_array();
        }
        return Ok(None);
    };
    if count == 0 {
        ctx.out.empty_array();
        return Ok(None);
    }
    let z = common::write(&mut ctx.keys, key)?.expect("found above");
    let n = count.min(z.len());
    let out = &mut *ctx.out;
    match shape {
        Shape::Flat => out.array(n * 2),
        Shape::Nested => out.array(n),
        Shape::KeyFlat => {
            out.array(n * 2 + 1);
            out.bulk(key);
        }
        Shape::KeyNested => {
            out.array(2);
            out.bulk(key);
            out.array(n);
        }
    }
    let nested = matches!(shape, Shape::Nested | Shape::KeyNested);
    for _ in 0..n {
        let (member, score) = z.pop(end == End::Max).expect("n members are there");
        if nested {
            out.array(2);
        }
        out.bulk(&member);
        out.double(score);
    }
    if common::drop_if_empty(&mut ctx.keys, key) {
        modified(&mut ctx.keys, key, &[end.event(), "del"], n as u64);
    } else {
        modified(&mut ctx.keys, key, &[end.event()], n as u64);
    }
    Ok(Some((key, n)))
}
