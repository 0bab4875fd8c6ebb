//! Redis's quicklist: a sequence of listpack nodes.
//!
//! Where one node ends and the next begins is decided by Redis 7.2's rules (when a push opens a
//! new node, when an insert splits a node, when neighbours merge), and nodes never merge on
//! deletion. Those rules matter beyond memory: a quicklist turns back into a listpack only when
//! it is down to one small node, so `OBJECT ENCODING` depends on the exact node layout.
//!
//! Elements of 1 GiB and more, which Redis keeps in "plain" nodes of their own, need
//! `proto-max-bulk-len` raised past its 512 MiB default; they are not supported separately and
//! every node here is a listpack.

use std::collections::VecDeque;

use super::limits::exceeds;
use super::listpack::{Elem, Listpack, Probe};

/// Redis's allowance for the header and backlen of an entry about to be added.
const SIZE_ESTIMATE_OVERHEAD: usize = 8;
/// Header plus end marker: what merging two listpacks saves.
const LISTPACK_OVERHEAD: usize = 7;
const FILL_MAX: i64 = (1 << 15) - 1;

#[derive(Clone, Debug)]
pub struct Quicklist {
    nodes: VecDeque<Listpack>,
    count: usize,
    /// `list-max-listpack-size` when the quicklist was made, clamped like Redis's.
    fill: i64,
}

impl Quicklist {
    pub fn new(fill: i64) -> Self {
        Quicklist {
            nodes: VecDeque::new(),
            count: 0,
            fill: fill.clamp(-5, FILL_MAX),
        }
    }

    /// A quicklist whose only node is `lp` (none when it is empty).
    pub fn from_listpack(lp: Listpack, fill: i64) -> Self {
        let mut q = Quicklist::new(fill);
        if !lp.is_empty() {
            q.count = lp.len();
            q.nodes.push_back(lp);
        }
        q
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn nodes(&self) -> &VecDeque<Listpack> {
        &self.nodes
    }

    /// The only node, when there is exactly one.
    pub fn single_node(&self) -> Option<&Listpack> {
        (self.nodes.len() == 1).then(|| &self.nodes[0])
    }

    pub fn into_single_node(mut self) -> Listpack {
        debug_assert_eq!(self.nodes.len(), 1);
        self.nodes.pop_front().unwrap_or_default()
    }

    pub fn footprint(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.nodes.capacity() * std::mem::size_of::<Listpack>()
            + self.nodes.iter().map(Listpack::capacity).sum::<usize>()
    }

    fn allow_insert(&self, node: &Listpack, sz: usize) -> bool {
        let new_sz = node.bytes() + sz + SIZE_ESTIMATE_OVERHEAD;
        !exceeds(self.fill, new_sz, node.len() + 1)
    }

    fn allow_merge(&self, a: &Listpack, b: &Listpack) -> bool {
        let merged = a.bytes() + b.bytes() - LISTPACK_OVERHEAD;
        !exceeds(self.fill, merged, a.len() + b.len())
    }

    fn new_node(s: &[u8]) -> Listpack {
        let mut lp = Listpack::new();
        lp.push_back(s);
        lp
    }

    pub fn push_front(&mut self, s: &[u8]) {
        match self.nodes.front() {
            Some(head) if self.allow_insert(head, s.len()) => {
                self.nodes[0].push_front(s);
            }
            _ => {
                // The old head is complete: give back its growth slack.
                if let Some(head) = self.nodes.front_mut() {
                    head.compact();
                }
                self.nodes.push_front(Self::new_node(s));
            }
        }
        self.count += 1;
    }

    pub fn push_back(&mut self, s: &[u8]) {
        match self.nodes.back() {
            Some(tail) if self.allow_insert(tail, s.len()) => {
                let last = self.nodes.len() - 1;
                self.nodes[last].push_back(s);
            }
            _ => {
                if let Some(tail) = self.nodes.back_mut() {
                    tail.compact();
                }
                self.nodes.push_back(Self::new_node(s));
            }
        }
        self.count += 1;
    }

    pub fn pop_front(&mut self) -> Option<Vec<u8>> {
        let node = self.nodes.front_mut()?;
        let p = node.first()?;
        let v = node.get(p).to_vec();
        node.delete_at(p);
        if node.is_empty() {
            self.nodes.pop_front();
        }
        self.count -= 1;
        Some(v)
    }

    pub fn pop_back(&mut self) -> Option<Vec<u8>> {
        let node = self.nodes.back_mut()?;
        let p = node.last()?;
        let v = node.get(p).to_vec();
        node.delete_at(p);
        if node.is_empty() {
            self.nodes.pop_back();
        }
        self.count -= 1;
        Some(v)
    }

    /// Node and offset inside it of element `index` (< len), walking from the nearer end.
    pub fn locate(&self, index: usize) -> (usize, usize) {
        debug_assert!(index < self.count);
        if index <= (self.count - 1) / 2 {
            let mut acc = 0;
            for (i, n) in self.nodes.iter().enumerate() {
                let len = n.len();
                if acc + len > index {
                    return (i, index - acc);
                }
                acc += len;
            }
        } else {
            let mut acc = self.count;
            for (i, n) in self.nodes.iter().enumerate().rev() {
                let len = n.len();
                acc -= len;
                if acc <= index {
                    return (i, index - acc);
                }
            }
        }
        unreachable!("index {index} within count {}", self.count)
    }

    /// Replaces element `index` in place; its node may end up above the limit, as in Redis.
    pub fn replace(&mut self, index: usize, s: &[u8]) {
        let (ni, off) = self.locate(index);
        let node = &mut self.nodes[ni];
        let p = node.seek(off as i64).expect("offset within node");
        node.replace_at(p, s);
    }

    /// Removes up to `num` elements from element `start` on; emptied nodes go, nothing merges.
    pub fn delete_range(&mut self, start: usize, num: usize) {
        if start >= self.count || num == 0 {
            return;
        }
        let mut extent = num.min(self.count - start);
        let (mut ni, mut off) = self.locate(start);
        while extent > 0 {
            let len = self.nodes[ni].len();
            if off == 0 && extent >= len {
                self.nodes.remove(ni);
                self.count -= len;
                extent -= len;
            } else {
                let del = (len - off).min(extent);
                self.nodes[ni].delete_range(off as i64, del);
                self.count -= del;
                extent -= del;
                ni += 1;
            }
            off = 0;
        }
    }

    /// Inserts `s` next to element `off` of node `ni`, splitting and merging nodes the way
    /// Redis's `_quicklistInsert` does.
    pub fn insert(&mut self, ni: usize, off: usize, s: &[u8], after: bool) {
        let sz = s.len();
        let node_len = self.nodes[ni].len();
        let full = !self.allow_insert(&self.nodes[ni], sz);
        let at_tail = after && off == node_len - 1;
        let at_head = !after && off == 0;
        let avail_next =
            at_tail && ni + 1 < self.nodes.len() && self.allow_insert(&self.nodes[ni + 1], sz);
        let avail_prev = at_head && ni > 0 && self.allow_insert(&self.nodes[ni - 1], sz);
        if !full {
            let node = &mut self.nodes[ni];
            let p = node.seek(off as i64).expect("offset within node");
            node.insert_near(p, s, after);
        } else if avail_next {
            self.nodes[ni + 1].push_front(s);
        } else if avail_prev {
            self.nodes[ni - 1].push_back(s);
        } else if at_tail || at_head {
            let at = if after { ni + 1 } else { ni };
            self.nodes.insert(at, Self::new_node(s));
        } else {
            let center = if after {
                let mut rest = self.nodes[ni].split_off(off + 1);
                rest.push_front(s);
                self.nodes.insert(ni + 1, rest);
                ni
            } else {
                let rest = self.nodes[ni].split_off(off);
                let mut front = std::mem::replace(&mut self.nodes[ni], rest);
                front.push_back(s);
                self.nodes.insert(ni, front);
                ni + 1
            };
            self.merge_around(center);
        }
        self.count += 1;
    }

    /// Merges `b` into `a` (its left neighbour) and drops `b`.
    fn merge_pair(&mut self, a: usize) {
        let b = self.nodes.remove(a + 1).expect("right neighbour exists");
        self.nodes[a].append(&b);
    }

    fn can_merge(&self, a: usize, b: usize) -> bool {
        a < self.nodes.len()
            && b < self.nodes.len()
            && self.allow_merge(&self.nodes[a], &self.nodes[b])
    }

    /// Redis's `_quicklistMergeNodes`: the two nodes before `c`, the two after, then `c` with
    /// its left and right neighbours.
    fn merge_around(&mut self, mut c: usize) {
        if c >= 2 && self.can_merge(c - 2, c - 1) {
            self.merge_pair(c - 2);
            c -= 1;
        }
        if self.can_merge(c + 1, c + 2) {
            self.merge_pair(c + 1);
        }
        let target = if c >= 1 && self.can_merge(c - 1, c) {
            self.merge_pair(c - 1);
            c - 1
        } else {
            c
        };
        if self.can_merge(target, target + 1) {
            self.merge_pair(target);
        }
    }

    /// Deletes elements equal to `probe`: all when `limit` is 0, else at most `limit`, scanning
    /// from the tail when `from_tail`. Emptied nodes go; nothing merges.
    pub fn remove_matching(&mut self, probe: &Probe<'_>, limit: u64, from_tail: bool) -> usize {
        let mut removed = 0usize;
        let mut positions = Vec::new();
        let n = self.nodes.len();
        let order: Box<dyn Iterator<Item = usize>> = if from_tail {
            Box::new((0..n).rev())
        } else {
            Box::new(0..n)
        };
        let mut emptied = Vec::new();
        for ni in order {
            if limit != 0 && removed as u64 == limit {
                break;
            }
            let node = &self.nodes[ni];
            positions.clear();
            let mut p = if from_tail { node.last() } else { node.first() };
            while let Some(q) = p {
                if node.get(q).matches(probe) {
                    positions.push(q);
                    removed += 1;
                    if limit != 0 && removed as u64 == limit {
                        break;
                    }
                }
                p = if from_tail {
                    node.prev(q)
                } else {
                    node.next(q)
                };
            }
            if positions.is_empty() {
                continue;
            }
            if from_tail {
                positions.reverse();
            }
            let node = &mut self.nodes[ni];
            node.delete_positions(&positions);
            if node.is_empty() {
                emptied.push(ni);
            }
        }
        emptied.sort_unstable();
        for ni in emptied.into_iter().rev() {
            self.nodes.remove(ni);
        }
        self.count -= removed;
        removed
    }

    /// Element `index` (< len).
    pub fn get(&self, index: usize) -> Elem<'_> {
        let (ni, off) = self.locate(index);
        let node = &self.nodes[ni];
        node.get(node.seek(off as i64).expect("offset within node"))
    }
}
