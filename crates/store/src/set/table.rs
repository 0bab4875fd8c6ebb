//! Large sets: an open-addressing hash table (linear probing, backward-shift deletion) of thin
//! strings, power-of-two sized.
//!
//! SSCAN walks it the way Redis walks a dict: the cursor names a *home bucket* (hash & mask) and
//! advances in reverse-binary order, so a member present for a whole scan is returned at least
//! once even when the table grows or shrinks between calls. A member whose home is bucket `b`
//! sits in the run of occupied slots starting at `b` (linear probing keeps it there), so one
//! bucket is visited by walking that run.

use std::sync::OnceLock;

use super::thin::Thin;

fn hasher() -> &'static ahash::RandomState {
    static STATE: OnceLock<ahash::RandomState> = OnceLock::new();
    STATE.get_or_init(ahash::RandomState::new)
}

fn hash(b: &[u8]) -> u64 {
    hasher().hash_one(b)
}

const MIN_CAP: usize = 4;

/// Slots for `n` members at a load of at most 7/8.
fn cap_for(n: usize) -> usize {
    (n + n / 7 + 1).next_power_of_two().max(MIN_CAP)
}

pub(crate) struct Iter<'a>(std::slice::Iter<'a, Option<Thin>>);

impl<'a> Iterator for Iter<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        self.0.by_ref().flatten().next().map(Thin::as_bytes)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Table {
    slots: Box<[Option<Thin>]>,
    len: usize,
}

impl Table {
    pub fn with_capacity(n: usize) -> Table {
        Table {
            slots: (0..cap_for(n)).map(|_| None).collect(),
            len: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The slot holding `m`, or the empty slot where it would go.
    fn probe(&self, m: &[u8], h: u64) -> Result<usize, usize> {
        let mask = self.mask();
        let mut i = h as usize & mask;
        loop {
            match &self.slots[i] {
                None => return Err(i),
                Some(t) if t.as_bytes() == m => return Ok(i),
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    pub fn contains(&self, m: &[u8]) -> bool {
        self.probe(m, hash(m)).is_ok()
    }

    pub fn insert(&mut self, m: &[u8]) -> bool {
        let h = hash(m);
        let mut at = match self.probe(m, h) {
            Ok(_) => return false,
            Err(i) => i,
        };
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.resize(self.slots.len() * 2);
            at = self.probe(m, h).expect_err("member is absent");
        }
        self.slots[at] = Some(Thin::new(m));
        self.len += 1;
        true
    }

    /// Adds a member known to be absent, without comparing (conversions, resizes).
    fn insert_new(&mut self, t: Thin) {
        let mask = self.mask();
        let mut i = hash(t.as_bytes()) as usize & mask;
        while self.slots[i].is_some() {
            i = (i + 1) & mask;
        }
        self.slots[i] = Some(t);
        self.len += 1;
    }

    pub fn insert_unique(&mut self, m: &[u8]) {
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.resize(self.slots.len() * 2);
        }
        self.insert_new(Thin::new(m));
    }

    pub fn remove(&mut self, m: &[u8]) -> bool {
        let Ok(mut hole) = self.probe(m, hash(m)) else {
            return false;
        };
        self.slots[hole] = None;
        self.len -= 1;
        // Backward shift: pull later members of the run into the hole when their home bucket
        // does not lie (cyclically) between the hole and their slot.
        let mask = self.mask();
        let mut j = hole;
        loop {
            j = (j + 1) & mask;
            let Some(t) = &self.slots[j] else { break };
            let home = hash(t.as_bytes()) as usize & mask;
            let stays = if hole <= j {
                hole < home && home <= j
            } else {
                hole < home || home <= j
            };
            if !stays {
                self.slots[hole] = self.slots[j].take();
                hole = j;
            }
        }
        if self.slots.len() > MIN_CAP && self.len * 8 < self.slots.len() {
            self.resize(cap_for(self.len * 2));
        }
        true
    }

    fn resize(&mut self, cap: usize) {
        let old = std::mem::replace(&mut self.slots, (0..cap).map(|_| None).collect());
        self.len = 0;
        for t in old.into_vec().into_iter().flatten() {
            self.insert_new(t);
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter(self.slots.iter())
    }

    /// A uniformly chosen member (every member owns exactly one slot). The load is kept above
    /// 1/8 by `remove`, so this takes a handful of tries at most on average.
    pub fn random(&self) -> &[u8] {
        debug_assert!(self.len > 0);
        loop {
            if let Some(t) = &self.slots[fastrand::usize(..self.slots.len())] {
                return t.as_bytes();
            }
        }
    }

    /// Slot indexes of `k` distinct members chosen uniformly (k < len).
    pub fn random_distinct(&self, k: usize) -> Vec<&[u8]> {
        if k * 3 > self.len {
            let mut all: Vec<&[u8]> = self.iter().collect();
            super::partial_shuffle(&mut all, k);
            all.truncate(k);
            return all;
        }
        let mut seen = hashbrown::HashSet::with_capacity(k);
        let mut out = Vec::with_capacity(k);
        while out.len() < k {
            let i = fastrand::usize(..self.slots.len());
            if let Some(t) = &self.slots[i] {
                if seen.insert(i) {
                    out.push(t.as_bytes());
                }
            }
        }
        out
    }

    /// Visits the members whose home bucket is the cursor's and returns the next cursor (0 when
    /// the walk is complete).
    pub fn scan(&self, cursor: u64, f: &mut dyn FnMut(&[u8])) -> u64 {
        if self.len == 0 {
            return 0;
        }
        let mask = self.mask();
        let bucket = cursor as usize & mask;
        let mut i = bucket;
        while let Some(t) = &self.slots[i] {
            if hash(t.as_bytes()) as usize & mask == bucket {
                f(t.as_bytes());
            }
            i = (i + 1) & mask;
        }
        // Reverse-binary increment of the masked cursor.
        let v = cursor | !(mask as u64);
        v.reverse_bits().wrapping_add(1).reverse_bits()
    }

    pub fn bytes(&self) -> usize {
        self.slots.len() * std::mem::size_of::<Option<Thin>>()
            + self.slots.iter().flatten().map(Thin::size).sum::<usize>()
    }
}
