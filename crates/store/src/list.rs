//! The list value type: a single listpack while small, a quicklist (a sequence of listpack
//! nodes) past `list-max-listpack-size`, converting both ways at the points Redis 7.2 does.
//!
//! Operations come in two layers. The primitives (`push`, `pop`, `get`, `delete_range`...)
//! never change the encoding. The command-shaped operations (`push_all`, `pop_range`, `set`,
//! `insert`, `remove`, `trim`, `pop_for_move`/`push_moved`) run a primitive together with the
//! encoding checks Redis runs around it, in Redis's order; blocking variants reuse them. They
//! take `fill`, the current `list-max-listpack-size`, because Redis reads it at each write.
//!
//! Conversions, as in Redis 7.2:
//! - growing (push, insert, set, move in): a listpack whose bytes plus the new elements' string
//!   lengths, or whose count plus theirs, would pass the limit becomes a quicklist whose first
//!   node is the old listpack;
//! - shrinking (pop, remove, trim, set, move out): a quicklist left with one node of at most
//!   half the limit (bytes or count) becomes that node, a listpack. The half keeps a list that
//!   hovers at the limit from converting back and forth.

mod limits;
pub mod listpack;
mod quicklist;

use listpack::Listpack;
pub use listpack::{Elem, Probe};
use quicklist::Quicklist;

/// Which end of the list (Redis's LIST_HEAD / LIST_TAIL, LEFT / RIGHT in commands).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Head,
    Tail,
}

#[derive(Clone, Debug)]
pub struct List {
    repr: Repr,
}

#[derive(Clone, Debug)]
enum Repr {
    Packed(Listpack),
    Quick(Box<Quicklist>),
}

impl Default for List {
    fn default() -> Self {
        Self::new()
    }
}

/// An element popped for LMOVE-style moves, with the byte count Redis charges it when checking
/// the destination's encoding: an integer popped out of a quicklist comes back as an integer
/// object, whose length Redis does not count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub value: Vec<u8>,
    grow_bytes: usize,
}

impl List {
    /// An empty list in the listpack encoding.
    pub fn new() -> Self {
        List {
            repr: Repr::Packed(Listpack::new()),
        }
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Packed(lp) => lp.len(),
            Repr::Quick(q) => q.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match &self.repr {
            Repr::Packed(lp) => lp.is_empty(),
            Repr::Quick(q) => q.is_empty(),
        }
    }

    /// The name `OBJECT ENCODING` prints.
    pub fn encoding_name(&self) -> &'static str {
        match self.repr {
            Repr::Packed(_) => "listpack",
            Repr::Quick(_) => "quicklist",
        }
    }

    pub fn is_quicklist(&self) -> bool {
        matches!(self.repr, Repr::Quick(_))
    }

    /// Estimated heap bytes held.
    pub fn footprint(&self) -> usize {
        match &self.repr {
            Repr::Packed(lp) => lp.capacity(),
            Repr::Quick(q) => q.footprint(),
        }
    }

    /// The listpack buffers in order: one for the listpack encoding, one per quicklist node.
    pub fn listpacks(&self) -> impl Iterator<Item = &Listpack> {
        let (single, nodes) = match &self.repr {
            Repr::Packed(lp) => (Some(lp), None),
            Repr::Quick(q) => (None, Some(q.nodes().iter())),
        };
        single.into_iter().chain(nodes.into_iter().flatten())
    }

    // ----- encoding conversions -----

    /// Before adding `add_len` elements whose string lengths total `add_bytes` (Redis's
    /// `listTypeTryConversionAppend`).
    pub fn convert_for_growth(&mut self, add_bytes: usize, add_len: usize, fill: i64) {
        if let Repr::Packed(lp) = &self.repr {
            if limits::exceeds(fill, lp.bytes() + add_bytes, lp.len() + add_len) {
                let Repr::Packed(lp) =
                    std::mem::replace(&mut self.repr, Repr::Packed(Listpack::new()))
                else {
                    unreachable!()
                };
                self.repr = Repr::Quick(Box::new(Quicklist::from_listpack(lp, fill)));
            }
        }
    }

    /// After removing elements (Redis's `listTypeTryConversion(.., LIST_CONV_SHRINKING)`).
    pub fn convert_after_shrink(&mut self, fill: i64) {
        let Repr::Quick(q) = &self.repr else {
            return;
        };
        let Some(node) = q.single_node() else {
            return;
        };
        let (size_limit, count_limit) = limits::node_limit(fill);
        if node.bytes() > size_limit / 2 || q.len() > (count_limit / 2) as usize {
            return;
        }
        let Repr::Quick(q) = std::mem::replace(&mut self.repr, Repr::Packed(Listpack::new()))
        else {
            unreachable!()
        };
        let mut lp = q.into_single_node();
        lp.compact();
        self.repr = Repr::Packed(lp);
    }

    // ----- primitives: these never change the encoding -----

    pub fn push(&mut self, end: End, s: &[u8]) {
        match (&mut self.repr, end) {
            (Repr::Packed(lp), End::Head) => lp.push_front(s),
            (Repr::Packed(lp), End::Tail) => lp.push_back(s),
            (Repr::Quick(q), End::Head) => q.push_front(s),
            (Repr::Quick(q), End::Tail) => q.push_back(s),
        }
    }

    pub fn pop(&mut self, end: End) -> Option<Vec<u8>> {
        match (&mut self.repr, end) {
            (Repr::Packed(lp), _) => {
                let p = if end == End::Head {
                    lp.first()?
                } else {
                    lp.last()?
                };
                let v = lp.get(p).to_vec();
                lp.delete_at(p);
                Some(v)
            }
            (Repr::Quick(q), End::Head) => q.pop_front(),
            (Repr::Quick(q), End::Tail) => q.pop_back(),
        }
    }

    /// Resolves a Redis index (negative counts from the tail) to a position, if in range.
    pub fn resolve(&self, index: i64) -> Option<usize> {
        let len = self.len() as i64;
        let i = if index < 0 {
            len.checked_add(index)?
        } else {
            index
        };
        (0..len).contains(&i).then_some(i as usize)
    }

    pub fn get(&self, index: i64) -> Option<Elem<'_>> {
        let i = self.resolve(index)?;
        Some(match &self.repr {
            Repr::Packed(lp) => lp.get(lp.seek(i as i64)?),
            Repr::Quick(q) => q.get(i),
        })
    }

    /// Elements from position `start` towards the tail (or towards the head when `reverse`).
    pub fn iter_from(&self, start: usize, reverse: bool) -> Iter<'_> {
        let mut it = Iter {
            list: self,
            node: 0,
            pos: None,
            reverse,
        };
        if start >= self.len() {
            return it;
        }
        match &self.repr {
            Repr::Packed(lp) => it.pos = lp.seek(start as i64),
            Repr::Quick(q) => {
                let (ni, off) = q.locate(start);
                it.node = ni;
                it.pos = q.nodes()[ni].seek(off as i64);
            }
        }
        it
    }

    pub fn iter(&self) -> Iter<'_> {
        self.iter_from(0, false)
    }

    /// Replaces element `index` (negative counts from the tail); false when out of range.
    pub fn replace(&mut self, index: i64, s: &[u8]) -> bool {
        let Some(i) = self.resolve(index) else {
            return false;
        };
        match &mut self.repr {
            Repr::Packed(lp) => {
                let p = lp.seek(i as i64).expect("resolved index");
                lp.replace_at(p, s);
            }
            Repr::Quick(q) => q.replace(i, s),
        }
        true
    }

    /// Removes up to `num` elements from element `start` on (negative counts from the tail).
    pub fn delete_range(&mut self, start: i64, num: usize) {
        let Some(i) = self.resolve(start) else {
            return;
        };
        match &mut self.repr {
            Repr::Packed(lp) => lp.delete_range(i as i64, num),
            Repr::Quick(q) => q.delete_range(i, num),
        }
    }

    /// Inserts `s` before or after the first element equal to `pivot`; false when none is.
    pub fn insert_at_pivot(&mut self, pivot: &Probe<'_>, s: &[u8], after: bool) -> bool {
        match &mut self.repr {
            Repr::Packed(lp) => {
                let mut p = lp.first();
                while let Some(q) = p {
                    if lp.get(q).matches(pivot) {
                        lp.insert_near(q, s, after);
                        return true;
                    }
                    p = lp.next(q);
                }
                false
            }
            Repr::Quick(q) => {
                let found = q.nodes().iter().enumerate().find_map(|(ni, node)| {
                    node.iter()
                        .position(|e| e.matches(pivot))
                        .map(|off| (ni, off))
                });
                match found {
                    Some((ni, off)) => {
                        q.insert(ni, off, s, after);
                        true
                    }
                    None => false,
                }
            }
        }
    }

    /// Deletes elements equal to `probe`: all when `limit` is 0, else the first `limit` found
    /// scanning from the head (or from the tail when `from_tail`).
    pub fn remove_matching(&mut self, probe: &Probe<'_>, limit: u64, from_tail: bool) -> usize {
        match &mut self.repr {
            Repr::Packed(lp) => {
                let mut positions = Vec::new();
                let mut p = if from_tail { lp.last() } else { lp.first() };
                while let Some(q) = p {
                    if limit != 0 && positions.len() as u64 == limit {
                        break;
                    }
                    if lp.get(q).matches(probe) {
                        positions.push(q);
                    }
                    p = if from_tail { lp.prev(q) } else { lp.next(q) };
                }
                if from_tail {
                    positions.reverse();
                }
                lp.delete_positions(&positions);
                positions.len()
            }
            Repr::Quick(q) => q.remove_matching(probe, limit, from_tail),
        }
    }

    // ----- whole operations, with Redis's encoding checks around them -----

    /// LPUSH/RPUSH: every element, in argument order, at `end`.
    pub fn push_all(&mut self, end: End, elems: &[&[u8]], fill: i64) {
        let bytes = elems.iter().map(|e| e.len()).sum();
        self.convert_for_growth(bytes, elems.len(), fill);
        for e in elems {
            self.push(end, e);
        }
    }

    /// Pops one element; a list left non-empty may convert back to a listpack.
    pub fn pop_one(&mut self, end: End, fill: i64) -> Option<Vec<u8>> {
        let v = self.pop(end)?;
        if !self.is_empty() {
            self.convert_after_shrink(fill);
        }
        Some(v)
    }

    /// Pops up to `count` elements from `end`, handing each to `f` in pop order before they are
    /// removed; returns how many were popped.
    pub fn pop_range(
        &mut self,
        end: End,
        count: usize,
        fill: i64,
        mut f: impl FnMut(Elem<'_>),
    ) -> usize {
        let n = count.min(self.len());
        if n == 0 {
            return 0;
        }
        let (first, reverse) = match end {
            End::Head => (0, false),
            End::Tail => (self.len() - 1, true),
        };
        self.iter_from(first, reverse).take(n).for_each(&mut f);
        let start = match end {
            End::Head => 0,
            End::Tail => -(n as i64),
        };
        self.delete_range(start, n);
        if !self.is_empty() {
            self.convert_after_shrink(fill);
        }
        n
    }

    /// LSET: false when `index` is out of range (the list may still have turned into a
    /// quicklist, as Redis converts before looking).
    pub fn set(&mut self, index: i64, s: &[u8], fill: i64) -> bool {
        self.convert_for_growth(s.len(), 1, fill);
        if !self.replace(index, s) {
            return false;
        }
        self.convert_after_shrink(fill);
        true
    }

    /// LINSERT: false when no element equals `pivot` (the growth conversion happens anyway).
    pub fn insert(&mut self, pivot: &[u8], s: &[u8], after: bool, fill: i64) -> bool {
        self.convert_for_growth(s.len(), 1, fill);
        self.insert_at_pivot(&Probe::new(pivot), s, after)
    }

    /// LREM: `count` > 0 removes that many from the head, < 0 from the tail, 0 all.
    pub fn remove(&mut self, elem: &[u8], count: i64, fill: i64) -> usize {
        let removed = self.remove_matching(&Probe::new(elem), count.unsigned_abs(), count < 0);
        if removed > 0 && !self.is_empty() {
            self.convert_after_shrink(fill);
        }
        removed
    }

    /// LTRIM with Redis's index rules; returns how many elements were removed.
    pub fn trim(&mut self, start: i64, stop: i64, fill: i64) -> usize {
        let len = self.len() as i64;
        let mut start = if start < 0 { len + start } else { start };
        let stop = if stop < 0 { len + stop } else { stop };
        if start < 0 {
            start = 0;
        }
        let (ltrim, rtrim) = if start > stop || start >= len {
            (len, 0)
        } else {
            (start, len - stop.min(len - 1) - 1)
        };
        self.delete_range(0, ltrim as usize);
        self.delete_range(-rtrim, rtrim as usize);
        if !self.is_empty() {
            self.convert_after_shrink(fill);
        }
        (ltrim + rtrim) as usize
    }

    /// The pop half of LMOVE/RPOPLPUSH. No conversion: Redis checks the source only after
    /// pushing (which matters when source and destination are the same list).
    pub fn pop_for_move(&mut self, end: End) -> Option<Moved> {
        let from_quicklist = self.is_quicklist();
        let value = self.pop(end)?;
        let counts_as_int = from_quicklist && shoal_util::string2ll(&value).is_some();
        let grow_bytes = if counts_as_int { 0 } else { value.len() };
        Some(Moved { value, grow_bytes })
    }

    /// The push half of LMOVE/RPOPLPUSH.
    pub fn push_moved(&mut self, end: End, m: &Moved, fill: i64) {
        self.convert_for_growth(m.grow_bytes, 1, fill);
        self.push(end, &m.value);
    }
}

/// Walks a list one element at a time in either direction.
pub struct Iter<'a> {
    list: &'a List,
    node: usize,
    pos: Option<usize>,
    reverse: bool,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Elem<'a>;

    fn next(&mut self) -> Option<Elem<'a>> {
        let p = self.pos?;
        match &self.list.repr {
            Repr::Packed(lp) => {
                self.pos = if self.reverse { lp.prev(p) } else { lp.next(p) };
                Some(lp.get(p))
            }
            Repr::Quick(q) => {
                let nodes = q.nodes();
                let lp = &nodes[self.node];
                let step = if self.reverse { lp.prev(p) } else { lp.next(p) };
                self.pos = match step {
                    Some(s) => Some(s),
                    None if self.reverse && self.node > 0 => {
                        self.node -= 1;
                        nodes[self.node].last()
                    }
                    None if !self.reverse && self.node + 1 < nodes.len() => {
                        self.node += 1;
                        nodes[self.node].first()
                    }
                    None => None,
                };
                Some(lp.get(p))
            }
        }
    }
}

#[cfg(test)]
mod tests;
