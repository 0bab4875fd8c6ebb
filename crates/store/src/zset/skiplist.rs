//! The full encoding (`OBJECT ENCODING` "skiplist"): a skiplist ordered by (score, member) whose
//! links carry spans, so ranks are found in O(log n), plus a hash index from member to node.
//!
//! Nodes live in one arena and are named by their index; an index stays with its member for as
//! long as the member is in the set (a score change relinks the same node), which is what makes
//! the ZSCAN cursor (an arena index) safe. Level 0 links sit in the node itself; the higher
//! levels of the few tall nodes (a quarter of them have any) come from a shared pool.

use hashbrown::HashTable;

use super::listpack::precedes;
use crate::db::hash_key;

const MAX_LEVEL: usize = 32;
/// No node: the end of a list, or the backward link of the first node.
pub(crate) const NIL: u32 = u32::MAX;
/// The header, which is not an arena node.
const HEAD: u32 = u32::MAX - 1;

#[derive(Clone, Copy, Debug, Default)]
struct Level {
    next: u32,
    span: u32,
}

#[derive(Clone, Debug)]
struct Node {
    member: Box<[u8]>,
    score: f64,
    backward: u32,
    next0: u32,
    /// Pool offset of levels 1..height.
    upper: u32,
    /// 0 for a free arena slot.
    height: u8,
}

impl Node {
    fn vacant() -> Node {
        Node {
            member: Box::default(),
            score: 0.0,
            backward: NIL,
            next0: NIL,
            upper: 0,
            height: 0,
        }
    }
}

/// Nodes in fixed-size chunks: growing never moves (or copies) the nodes already there, so a
/// large set grows without a latency spike and without a half-empty doubled array.
#[derive(Clone, Debug, Default)]
struct Arena {
    chunks: Vec<Box<[Node]>>,
    len: usize,
}

const CHUNK: usize = 128;

impl Arena {
    fn len(&self) -> usize {
        self.len
    }

    fn push(&mut self, node: Node) -> usize {
        if self.len == self.chunks.len() * CHUNK {
            self.chunks
                .push((0..CHUNK).map(|_| Node::vacant()).collect());
        }
        let id = self.len;
        self.len += 1;
        self[id] = node;
        id
    }

    fn heap_bytes(&self) -> usize {
        self.chunks.len() * CHUNK * std::mem::size_of::<Node>()
            + self.chunks.capacity() * std::mem::size_of::<Box<[Node]>>()
    }
}

impl std::ops::Index<usize> for Arena {
    type Output = Node;

    fn index(&self, i: usize) -> &Node {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl std::ops::IndexMut<usize> for Arena {
    fn index_mut(&mut self, i: usize) -> &mut Node {
        &mut self.chunks[i / CHUNK][i % CHUNK]
    }
}

#[derive(Clone, Debug)]
pub(crate) struct SkipList {
    nodes: Arena,
    free_nodes: Vec<u32>,
    pool: Vec<Level>,
    /// Freed pool blocks, by height - 2 (a node of height h owns h - 1 pool levels).
    free_pool: Vec<Vec<u32>>,
    head: [Level; MAX_LEVEL],
    level: usize,
    tail: u32,
    len: u32,
    member_bytes: usize,
    index: HashTable<u32>,
}

impl Default for SkipList {
    fn default() -> Self {
        SkipList {
            nodes: Arena::default(),
            free_nodes: Vec::new(),
            pool: Vec::new(),
            free_pool: Vec::new(),
            head: [Level { next: NIL, span: 0 }; MAX_LEVEL],
            level: 1,
            tail: NIL,
            len: 0,
            member_bytes: 0,
            index: HashTable::new(),
        }
    }
}

fn random_level() -> usize {
    let mut level = 1;
    // Redis's ZSKIPLIST_P = 0.25.
    while level < MAX_LEVEL && fastrand::u32(..) & 0xFFFF < 0xFFFF / 4 {
        level += 1;
    }
    level
}

impl SkipList {
    pub fn with_capacity(n: usize) -> Self {
        let mut s = SkipList::default();
        s.nodes.chunks.reserve_exact(n.div_ceil(CHUNK));
        s.index.reserve(n, |_| 0);
        s
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn heap_bytes(&self) -> usize {
        self.nodes.heap_bytes()
            + self.member_bytes
            + self.pool.capacity() * std::mem::size_of::<Level>()
            + self.free_nodes.capacity() * 4
            + self.index.allocation_size()
            + std::mem::size_of::<SkipList>()
    }

    // ---- links ----

    fn fwd(&self, x: u32, i: usize) -> u32 {
        if x == HEAD {
            self.head[i].next
        } else {
            let n = &self.nodes[x as usize];
            if i == 0 {
                n.next0
            } else {
                self.pool[n.upper as usize + i - 1].next
            }
        }
    }

    /// Level 0 spans are implicit: 1 towards a node, 0 at the end.
    fn span(&self, x: u32, i: usize) -> u32 {
        if i == 0 {
            return (self.fwd(x, 0) != NIL) as u32;
        }
        if x == HEAD {
            self.head[i].span
        } else {
            self.pool[self.nodes[x as usize].upper as usize + i - 1].span
        }
    }

    fn set_fwd(&mut self, x: u32, i: usize, to: u32) {
        if x == HEAD {
            self.head[i].next = to;
        } else if i == 0 {
            self.nodes[x as usize].next0 = to;
        } else {
            let at = self.nodes[x as usize].upper as usize + i - 1;
            self.pool[at].next = to;
        }
    }

    fn set_span(&mut self, x: u32, i: usize, span: u32) {
        if i == 0 {
            return;
        }
        if x == HEAD {
            self.head[i].span = span;
        } else {
            let at = self.nodes[x as usize].upper as usize + i - 1;
            self.pool[at].span = span;
        }
    }

    fn node(&self, id: u32) -> &Node {
        &self.nodes[id as usize]
    }

    /// Member and score of a node.
    pub fn get(&self, id: u32) -> (&[u8], f64) {
        let n = self.node(id);
        (&n.member, n.score)
    }

    pub fn next(&self, id: u32) -> u32 {
        self.node(id).next0
    }

    pub fn prev(&self, id: u32) -> u32 {
        self.node(id).backward
    }

    pub fn first(&self) -> u32 {
        self.head[0].next
    }

    pub fn last(&self) -> u32 {
        self.tail
    }

    // ---- arena ----

    fn alloc_levels(&mut self, height: usize) -> u32 {
        if height < 2 {
            return 0;
        }
        if let Some(at) = self.free_pool.get_mut(height - 2).and_then(|v| v.pop()) {
            return at;
        }
        let at = self.pool.len() as u32;
        self.pool
            .resize(self.pool.len() + height - 1, Level { next: NIL, span: 0 });
        at
    }

    fn release_levels(&mut self, id: u32) {
        let (height, upper) = {
            let n = self.node(id);
            (n.height as usize, n.upper)
        };
        if height >= 2 {
            if self.free_pool.len() < height - 1 {
                self.free_pool.resize_with(height - 1, Vec::new);
            }
            self.free_pool[height - 2].push(upper);
        }
    }

    fn alloc_node(&mut self, member: Box<[u8]>, score: f64) -> u32 {
        self.member_bytes += member.len();
        let node = Node {
            member,
            score,
            backward: NIL,
            next0: NIL,
            upper: 0,
            height: 0,
        };
        if let Some(id) = self.free_nodes.pop() {
            self.nodes[id as usize] = node;
            id
        } else {
            self.nodes.push(node) as u32
        }
    }

    fn free_node(&mut self, id: u32) -> Box<[u8]> {
        let n = &mut self.nodes[id as usize];
        n.height = 0;
        let member = std::mem::take(&mut n.member);
        self.member_bytes -= member.len();
        self.free_nodes.push(id);
        member
    }

    // ---- hash index ----

    pub fn find(&self, member: &[u8]) -> Option<u32> {
        let nodes = &self.nodes;
        self.index
            .find(hash_key(member), |&id| {
                &*nodes[id as usize].member == member
            })
            .copied()
    }

    fn index_insert(&mut self, id: u32) {
        let SkipList { index, nodes, .. } = self;
        let h = hash_key(&nodes[id as usize].member);
        index.insert_unique(h, id, |&i| hash_key(&nodes[i as usize].member));
    }

    fn index_remove(&mut self, id: u32) {
        let h = hash_key(&self.nodes[id as usize].member);
        if let Ok(e) = self.index.find_entry(h, |&i| i == id) {
            e.remove();
        }
    }

    /// Gives memory back after mass removals.
    fn maybe_shrink_index(&mut self) {
        if self.index.capacity() > 64 && self.index.len() * 8 < self.index.capacity() {
            let SkipList { index, nodes, .. } = self;
            index.shrink_to_fit(|&i| hash_key(&nodes[i as usize].member));
        }
    }

    // ---- ordered structure ----

    /// Walks down from the header, moving right while `go` holds for the next node. Returns the
    /// last node reached (HEAD if none) and its 1-based rank; fills the per-level predecessors.
    fn descend(
        &self,
        mut go: impl FnMut(&Node) -> bool,
        mut update: Option<&mut [u32; MAX_LEVEL]>,
    ) -> (u32, usize) {
        let mut x = HEAD;
        let mut rank = 0usize;
        for i in (0..self.level).rev() {
            loop {
                let n = self.fwd(x, i);
                if n != NIL && go(self.node(n)) {
                    rank += self.span(x, i) as usize;
                    x = n;
                } else {
                    break;
                }
            }
            if let Some(u) = update.as_deref_mut() {
                u[i] = x;
            }
        }
        (x, rank)
    }

    /// Links node `id` (member and score set, no levels yet) at its place.
    fn link(&mut self, id: u32) {
        let (score, height) = (self.node(id).score, random_level());
        let mut update = [HEAD; MAX_LEVEL];
        let mut rank = [0u32; MAX_LEVEL];
        let mut x = HEAD;
        {
            let member = &self.node(id).member;
            for i in (0..self.level).rev() {
                rank[i] = if i == self.level - 1 { 0 } else { rank[i + 1] };
                loop {
                    let n = self.fwd(x, i);
                    if n != NIL && {
                        let nn = self.node(n);
                        precedes(nn.score, &nn.member, score, member)
                    } {
                        rank[i] += self.span(x, i);
                        x = n;
                    } else {
                        break;
                    }
                }
                update[i] = x;
            }
        }
        if height > self.level {
            for i in self.level..height {
                rank[i] = 0;
                update[i] = HEAD;
                self.head[i].span = self.len;
            }
            self.level = height;
        }
        let upper = self.alloc_levels(height);
        {
            let n = &mut self.nodes[id as usize];
            n.height = height as u8;
            n.upper = upper;
        }
        for i in 0..height {
            let u = update[i];
            let uspan = self.span(u, i);
            let unext = self.fwd(u, i);
            self.set_fwd(id, i, unext);
            self.set_fwd(u, i, id);
            self.set_span(id, i, uspan - (rank[0] - rank[i]));
            self.set_span(u, i, rank[0] - rank[i] + 1);
        }
        for (i, &u) in update.iter().enumerate().take(self.level).skip(height) {
            let s = self.span(u, i);
            self.set_span(u, i, s + 1);
        }
        let back = if update[0] == HEAD { NIL } else { update[0] };
        self.nodes[id as usize].backward = back;
        let next = self.node(id).next0;
        if next != NIL {
            self.nodes[next as usize].backward = id;
        } else {
            self.tail = id;
        }
        self.len += 1;
    }

    /// Unlinks node `id` given its predecessors, keeping its arena slot and levels.
    fn unlink(&mut self, id: u32, update: &[u32; MAX_LEVEL]) {
        for (i, &u) in update.iter().enumerate().take(self.level) {
            if self.fwd(u, i) == id {
                let s = self.span(u, i) + self.span(id, i);
                let next = self.fwd(id, i);
                self.set_span(u, i, s - 1);
                self.set_fwd(u, i, next);
            } else {
                let s = self.span(u, i);
                self.set_span(u, i, s - 1);
            }
        }
        let (next, back) = (self.node(id).next0, self.node(id).backward);
        if next != NIL {
            self.nodes[next as usize].backward = back;
        } else {
            self.tail = back;
        }
        while self.level > 1 && self.head[self.level - 1].next == NIL {
            self.level -= 1;
        }
        self.len -= 1;
    }

    fn predecessors(&self, id: u32) -> [u32; MAX_LEVEL] {
        let mut update = [HEAD; MAX_LEVEL];
        let (score, member) = (self.node(id).score, &self.node(id).member);
        self.descend(
            |n| precedes(n.score, &n.member, score, member),
            Some(&mut update),
        );
        debug_assert_eq!(self.fwd(update[0], 0), id);
        update
    }

    /// Inserts a member that is not present.
    pub fn insert(&mut self, member: &[u8], score: f64) -> u32 {
        let id = self.alloc_node(member.into(), score);
        self.link(id);
        self.index_insert(id);
        id
    }

    /// Removes a member; returns its score.
    pub fn remove(&mut self, member: &[u8]) -> Option<f64> {
        let id = self.find(member)?;
        let score = self.node(id).score;
        let update = self.predecessors(id);
        self.unlink(id, &update);
        self.index_remove(id);
        self.release_levels(id);
        self.free_node(id);
        Some(score)
    }

    /// Changes the score of node `id`, relinking it only when its neighbours no longer bracket
    /// the new score.
    pub fn set_score(&mut self, id: u32, score: f64) {
        let n = self.node(id);
        let back_ok = n.backward == NIL || {
            let b = self.node(n.backward);
            precedes(b.score, &b.member, score, &n.member)
        };
        let next_ok = n.next0 == NIL || {
            let f = self.node(n.next0);
            precedes(score, &n.member, f.score, &f.member)
        };
        if back_ok && next_ok {
            self.nodes[id as usize].score = score;
            return;
        }
        let update = self.predecessors(id);
        self.unlink(id, &update);
        self.release_levels(id);
        self.nodes[id as usize].score = score;
        self.link(id);
    }

    /// 1-based rank of node `id`.
    pub fn rank(&self, id: u32) -> usize {
        let (score, member) = (self.node(id).score, &self.node(id).member);
        let (x, rank) = self.descend(
            |n| n.score < score || (n.score == score && *n.member <= **member),
            None,
        );
        debug_assert_eq!(x, id);
        rank
    }

    /// The node of 1-based rank `rank`, or NIL.
    pub fn by_rank(&self, rank: usize) -> u32 {
        if rank == 0 || rank > self.len() {
            return NIL;
        }
        let mut x = HEAD;
        let mut traversed = 0usize;
        for i in (0..self.level).rev() {
            loop {
                let n = self.fwd(x, i);
                if n != NIL && traversed + self.span(x, i) as usize <= rank {
                    traversed += self.span(x, i) as usize;
                    x = n;
                } else {
                    break;
                }
            }
            if traversed == rank {
                return x;
            }
        }
        NIL
    }

    /// The first node for which `pred` holds, `pred` being false then true along the order,
    /// with its 1-based rank.
    pub fn first_where(&self, mut pred: impl FnMut(&[u8], f64) -> bool) -> Option<(usize, u32)> {
        let (x, rank) = self.descend(|n| !pred(&n.member, n.score), None);
        let n = self.fwd(x, 0);
        (n != NIL).then_some((rank + 1, n))
    }

    /// The last node for which `pred` holds, `pred` being true then false, with its rank.
    pub fn last_where(&self, mut pred: impl FnMut(&[u8], f64) -> bool) -> Option<(usize, u32)> {
        let (x, rank) = self.descend(|n| pred(&n.member, n.score), None);
        (rank > 0).then_some((rank, x))
    }

    /// Removes the nodes of 1-based ranks `start..=end`.
    pub fn remove_rank_range(&mut self, start: usize, end: usize) -> usize {
        let mut update = [HEAD; MAX_LEVEL];
        let mut traversed = 0usize;
        let mut x = HEAD;
        for i in (0..self.level).rev() {
            loop {
                let n = self.fwd(x, i);
                if n != NIL && traversed + (self.span(x, i) as usize) < start {
                    traversed += self.span(x, i) as usize;
                    x = n;
                } else {
                    break;
                }
            }
            update[i] = x;
        }
        traversed += 1;
        let mut x = self.fwd(x, 0);
        let mut removed = 0;
        while x != NIL && traversed <= end {
            let next = self.node(x).next0;
            self.unlink(x, &update);
            self.index_remove(x);
            self.release_levels(x);
            self.free_node(x);
            removed += 1;
            traversed += 1;
            x = next;
        }
        self.maybe_shrink_index();
        removed
    }

    /// Calls `f` for live nodes with arena index from `cursor` on, until `count` were seen or
    /// ten times as many slots were looked at; returns the next cursor (0 at the end).
    pub fn scan(&self, cursor: u64, count: usize, mut f: impl FnMut(&[u8], f64)) -> u64 {
        let mut id = cursor as usize;
        let mut seen = 0;
        let mut visited = 0;
        while id < self.nodes.len() && seen < count && visited < count.saturating_mul(10) {
            let n = &self.nodes[id];
            if n.height != 0 {
                f(&n.member, n.score);
                seen += 1;
            }
            visited += 1;
            id += 1;
        }
        if id >= self.nodes.len() {
            0
        } else {
            id as u64
        }
    }

    /// Checks every invariant; for tests.
    #[cfg(test)]
    pub fn check(&self) {
        let mut n = self.first();
        let mut prev = NIL;
        let mut count = 0;
        while n != NIL {
            let node = self.node(n);
            assert_eq!(node.backward, prev);
            if prev != NIL {
                let p = self.node(prev);
                assert!(precedes(p.score, &p.member, node.score, &node.member));
            }
            count += 1;
            assert_eq!(self.rank(n), count);
            assert_eq!(self.by_rank(count), n);
            assert_eq!(self.find(&node.member), Some(n));
            prev = n;
            n = node.next0;
        }
        assert_eq!(prev, self.tail);
        assert_eq!(count, self.len());
        assert_eq!(self.index.len(), self.len());
    }
}
