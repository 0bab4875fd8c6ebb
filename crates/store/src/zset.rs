//! The sorted-set value type: members with f64 scores, ordered by (score, member bytes).
//!
//! Two encodings, switched exactly where Redis 7.2 switches them:
//! - listpack ([`listpack`]): one sorted byte buffer, for sets of at most
//!   `zset-max-listpack-entries` members each at most `zset-max-listpack-value` bytes;
//! - skiplist ([`skiplist`]): a span-carrying skiplist plus a member index, O(log n) for
//!   insert, delete, rank and range lookups.
//!
//! A set moves to the skiplist when a write would break a limit and never moves back on its
//! own; sets built in one go (ZUNIONSTORE, ZRANGESTORE results) pick their encoding by size.
//! Limits are passed in by the caller on every write, read from the config at that moment.
//!
//! Ranks here are 0-based and ascending unless a method says otherwise. The API is shared by
//! the sorted-set and geo commands (geo scores are geohashes, searched by score ranges).

mod listpack;
mod range;
mod skiplist;

#[cfg(test)]
mod tests;

use listpack::Listpack;
use skiplist::{SkipList, NIL};

pub use range::{LexBound, LexRange, ScoreRange};

/// The encoding thresholds (`zset-max-listpack-entries`, `zset-max-listpack-value`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_entries: usize,
    pub max_value: usize,
}

impl Limits {
    /// Redis's defaults (128 entries, 64 bytes).
    pub const DEFAULT: Limits = Limits {
        max_entries: 128,
        max_value: 64,
    };
}

/// Redis refuses to grow a listpack past 1 GiB (lpSafeToAdd) and converts instead.
const LISTPACK_SAFETY_BYTES: usize = 1 << 30;

#[derive(Clone)]
pub struct ZSet {
    repr: Repr,
}

#[derive(Clone)]
enum Repr {
    Listpack(Listpack),
    Skiplist(Box<SkipList>),
}

impl std::fmt::Debug for ZSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZSet")
            .field("encoding", &self.encoding_name())
            .field("len", &self.len())
            .finish()
    }
}

impl Default for ZSet {
    fn default() -> Self {
        ZSet {
            repr: Repr::Listpack(Listpack::default()),
        }
    }
}

/// ZADD's options, as they reach one member.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddFlags {
    pub incr: bool,
    pub nx: bool,
    pub xx: bool,
    pub gt: bool,
    pub lt: bool,
}

/// What [`ZSet::add`] did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AddOutcome {
    /// The score (or the incremented score) is NaN; nothing changed.
    Nan,
    Added(f64),
    Updated(f64),
    /// The member is present and keeps its score (same score, or a zero increment).
    Unchanged(f64),
    /// Not applied because of NX, XX, GT or LT.
    Skipped,
}

impl ZSet {
    /// An empty set in the encoding Redis's zsetTypeCreate picks for about `size_hint` members
    /// of about `value_len_hint` bytes.
    pub fn new(size_hint: usize, value_len_hint: usize, limits: Limits) -> ZSet {
        if size_hint <= limits.max_entries && value_len_hint <= limits.max_value {
            ZSet::default()
        } else {
            ZSet {
                repr: Repr::Skiplist(Box::new(SkipList::with_capacity(size_hint))),
            }
        }
    }

    /// Builds a set from distinct members (any order), choosing the encoding by size like
    /// Redis's zsetConvertToListpackIfNeeded.
    pub fn from_pairs(mut pairs: Vec<(Vec<u8>, f64)>, limits: Limits) -> ZSet {
        pairs.sort_unstable_by(|a, b| {
            a.1.partial_cmp(&b.1)
                .expect("scores are never NaN")
                .then_with(|| a.0.cmp(&b.0))
        });
        let max_len = pairs.iter().map(|p| p.0.len()).max().unwrap_or(0);
        let total: usize = pairs.iter().map(|p| p.0.len()).sum();
        if pairs.len() <= limits.max_entries
            && max_len <= limits.max_value
            && total < LISTPACK_SAFETY_BYTES
        {
            let bytes = pairs
                .iter()
                .map(|(m, s)| Listpack::encoded_len(m, *s))
                .sum();
            let mut lp = Listpack::with_capacity(bytes);
            for (m, s) in &pairs {
                lp.push_back(m, *s);
            }
            ZSet {
                repr: Repr::Listpack(lp),
            }
        } else {
            let mut sl = SkipList::with_capacity(pairs.len());
            for (m, s) in &pairs {
                sl.insert(m, *s);
            }
            ZSet {
                repr: Repr::Skiplist(Box::new(sl)),
            }
        }
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Listpack(lp) => lp.len(),
            Repr::Skiplist(sl) => sl.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name `OBJECT ENCODING` prints.
    pub fn encoding_name(&self) -> &'static str {
        match &self.repr {
            Repr::Listpack(_) => "listpack",
            Repr::Skiplist(_) => "skiplist",
        }
    }

    pub fn is_listpack(&self) -> bool {
        matches!(self.repr, Repr::Listpack(_))
    }

    /// Estimated heap bytes held.
    pub fn footprint(&self) -> usize {
        match &self.repr {
            Repr::Listpack(lp) => lp.heap_bytes(),
            Repr::Skiplist(sl) => sl.heap_bytes(),
        }
    }

    /// Redis's zsetTypeMaybeConvert: a listpack about to take `size_hint` members beyond the
    /// entry limit becomes a skiplist now (ZADD calls this with its number of pairs).
    pub fn maybe_convert(&mut self, size_hint: usize, limits: Limits) {
        if let Repr::Listpack(_) = self.repr {
            if size_hint > limits.max_entries {
                self.convert_to_skiplist(size_hint);
            }
        }
    }

    /// SORT's destructive conversion (Redis converts any sorted set it sorts to a skiplist,
    /// even for SORT_RO, and never converts it back).
    pub fn convert_to_skiplist_for_sort(&mut self) {
        self.convert_to_skiplist(0);
    }

    fn convert_to_skiplist(&mut self, capacity: usize) {
        if let Repr::Listpack(lp) = &self.repr {
            let mut sl = SkipList::with_capacity(capacity.max(lp.len()));
            for (_, p) in lp.iter() {
                sl.insert(p.member, p.score);
            }
            self.repr = Repr::Skiplist(Box::new(sl));
        }
    }

    pub fn score(&self, member: &[u8]) -> Option<f64> {
        match &self.repr {
            Repr::Listpack(lp) => lp.find(member).map(|(_, s)| s),
            Repr::Skiplist(sl) => sl.find(member).map(|id| sl.get(id).1),
        }
    }

    pub fn contains(&self, member: &[u8]) -> bool {
        self.score(member).is_some()
    }

    /// Adds `member` or updates its score following ZADD's options (Redis's zsetAdd). May
    /// convert the set to a skiplist when a new member breaks a limit.
    pub fn add(
        &mut self,
        member: &[u8],
        score: f64,
        flags: AddFlags,
        limits: Limits,
    ) -> AddOutcome {
        if score.is_nan() {
            return AddOutcome::Nan;
        }
        let current = match &self.repr {
            Repr::Listpack(lp) => lp.find(member).map(|(off, s)| (off as u32, s)),
            Repr::Skiplist(sl) => sl.find(member).map(|id| (id, sl.get(id).1)),
        };
        let Some((at, cur)) = current else {
            if flags.xx {
                return AddOutcome::Skipped;
            }
            self.insert_new(member, score, limits);
            return AddOutcome::Added(score);
        };
        if flags.nx {
            return AddOutcome::Skipped;
        }
        let mut new = score;
        if flags.incr {
            new += cur;
            if new.is_nan() {
                return AddOutcome::Nan;
            }
        }
        if (flags.lt && new >= cur) || (flags.gt && new <= cur) {
            return AddOutcome::Skipped;
        }
        if new == cur {
            return AddOutcome::Unchanged(new);
        }
        match &mut self.repr {
            Repr::Listpack(lp) => {
                lp.remove_pairs(at as usize, 1);
                lp.insert(member, new);
            }
            Repr::Skiplist(sl) => sl.set_score(at, new),
        }
        AddOutcome::Updated(new)
    }

    /// Inserts a member known to be absent.
    fn insert_new(&mut self, member: &[u8], score: f64, limits: Limits) {
        if let Repr::Listpack(lp) = &self.repr {
            if lp.len() + 1 > limits.max_entries
                || member.len() > limits.max_value
                || lp.bytes() + member.len() > LISTPACK_SAFETY_BYTES
            {
                self.convert_to_skiplist(lp.len() + 1);
            }
        }
        match &mut self.repr {
            Repr::Listpack(lp) => lp.insert(member, score),
            Repr::Skiplist(sl) => {
                sl.insert(member, score);
            }
        }
    }

    /// Removes `member`; true if it was present.
    pub fn remove(&mut self, member: &[u8]) -> bool {
        match &mut self.repr {
            Repr::Listpack(lp) => match lp.find(member) {
                Some((off, _)) => {
                    lp.remove_pairs(off, 1);
                    true
                }
                None => false,
            },
            Repr::Skiplist(sl) => sl.remove(member).is_some(),
        }
    }

    /// Rank of `member` (counted from the highest score when `rev`) and its score.
    pub fn rank(&self, member: &[u8], rev: bool) -> Option<(usize, f64)> {
        let (rank, score) = match &self.repr {
            Repr::Listpack(lp) => lp.rank_of(member)?,
            Repr::Skiplist(sl) => {
                let id = sl.find(member)?;
                (sl.rank(id) - 1, sl.get(id).1)
            }
        };
        Some((if rev { self.len() - 1 - rank } else { rank }, score))
    }

    /// The member of ascending rank `rank`.
    pub fn get_by_rank(&self, rank: usize) -> Option<(&[u8], f64)> {
        match &self.repr {
            Repr::Listpack(lp) => lp.offset_of_rank(rank).map(|off| {
                let p = lp.pair(off);
                (p.member, p.score)
            }),
            Repr::Skiplist(sl) => {
                let id = sl.by_rank(rank + 1);
                (id != NIL).then(|| sl.get(id))
            }
        }
    }

    pub fn first(&self) -> Option<(&[u8], f64)> {
        match &self.repr {
            Repr::Listpack(_) => self.get_by_rank(0),
            Repr::Skiplist(sl) => (sl.first() != NIL).then(|| sl.get(sl.first())),
        }
    }

    pub fn last(&self) -> Option<(&[u8], f64)> {
        match &self.repr {
            Repr::Listpack(_) => self.len().checked_sub(1).and_then(|r| self.get_by_rank(r)),
            Repr::Skiplist(sl) => (sl.last() != NIL).then(|| sl.get(sl.last())),
        }
    }

    /// All members in ascending order.
    pub fn iter(&self) -> Iter<'_> {
        self.iter_from(0, false)
    }

    /// Members from `start` on, in ascending order, or in descending order when `rev` (then
    /// `start` counts from the highest score, like ZREVRANGE's indexes).
    pub fn iter_from(&self, start: usize, rev: bool) -> Iter<'_> {
        let len = self.len();
        if start >= len {
            return Iter {
                inner: Inner::Empty,
            };
        }
        let inner = match (&self.repr, rev) {
            (Repr::Listpack(lp), false) => match lp.offset_of_rank(start) {
                Some(off) => Inner::LpFwd { lp, off },
                None => Inner::Empty,
            },
            (Repr::Listpack(lp), true) => {
                let mut offs = lp.offsets();
                offs.truncate(len - start);
                Inner::LpRev { lp, offs }
            }
            (Repr::Skiplist(sl), false) => Inner::Sl {
                sl,
                at: sl.by_rank(start + 1),
                rev,
            },
            (Repr::Skiplist(sl), true) => Inner::Sl {
                sl,
                at: sl.by_rank(len - start),
                rev,
            },
        };
        Iter { inner }
    }

    /// Redis's zzlIsInRange / zslIsInRange test on the set's two ends.
    fn ends_in_range(
        &self,
        gte_min: &impl Fn(&[u8], f64) -> bool,
        lte_max: &impl Fn(&[u8], f64) -> bool,
    ) -> bool {
        match (self.last(), self.first()) {
            (Some((lm, ls)), Some((fm, fs))) => gte_min(lm, ls) && lte_max(fm, fs),
            _ => false,
        }
    }

    /// Ascending rank of the first member at or past the range's start, if it is also before
    /// its end (Redis's zzlFirstInRange/zslFirstInRange, shared by scores and lex).
    fn first_in(
        &self,
        empty: bool,
        gte_min: impl Fn(&[u8], f64) -> bool,
        lte_max: impl Fn(&[u8], f64) -> bool,
    ) -> Option<usize> {
        if empty || !self.ends_in_range(&gte_min, &lte_max) {
            return None;
        }
        let (rank, member, score) = match &self.repr {
            Repr::Listpack(lp) => lp
                .iter()
                .enumerate()
                .find(|(_, (_, p))| gte_min(p.member, p.score))
                .map(|(r, (_, p))| (r, p.member, p.score))?,
            Repr::Skiplist(sl) => {
                let (r, id) = sl.first_where(&gte_min)?;
                let (m, s) = sl.get(id);
                (r - 1, m, s)
            }
        };
        lte_max(member, score).then_some(rank)
    }

    /// Ascending rank of the last member before the range's end, if it is also past its start.
    fn last_in(
        &self,
        empty: bool,
        gte_min: impl Fn(&[u8], f64) -> bool,
        lte_max: impl Fn(&[u8], f64) -> bool,
    ) -> Option<usize> {
        if empty || !self.ends_in_range(&gte_min, &lte_max) {
            return None;
        }
        let (rank, member, score) = match &self.repr {
            Repr::Listpack(lp) => {
                let offs = lp.offsets();
                offs.iter().enumerate().rev().find_map(|(r, &off)| {
                    let p = lp.pair(off as usize);
                    lte_max(p.member, p.score).then_some((r, p.member, p.score))
                })?
            }
            Repr::Skiplist(sl) => {
                let (r, id) = sl.last_where(&lte_max)?;
                let (m, s) = sl.get(id);
                (r - 1, m, s)
            }
        };
        gte_min(member, score).then_some(rank)
    }

    pub fn first_in_score_range(&self, r: &ScoreRange) -> Option<usize> {
        self.first_in(r.is_empty(), |_, s| r.gte_min(s), |_, s| r.lte_max(s))
    }

    pub fn last_in_score_range(&self, r: &ScoreRange) -> Option<usize> {
        self.last_in(r.is_empty(), |_, s| r.gte_min(s), |_, s| r.lte_max(s))
    }

    pub fn first_in_lex_range(&self, r: &LexRange<'_>) -> Option<usize> {
        self.first_in(r.is_empty(), |m, _| r.gte_min(m), |m, _| r.lte_max(m))
    }

    pub fn last_in_lex_range(&self, r: &LexRange<'_>) -> Option<usize> {
        self.last_in(r.is_empty(), |m, _| r.gte_min(m), |m, _| r.lte_max(m))
    }

    /// Members with a score inside `r`, ascending.
    pub fn iter_score_range<'a>(
        &'a self,
        r: &'a ScoreRange,
    ) -> impl Iterator<Item = (&'a [u8], f64)> + 'a {
        let start = self.first_in_score_range(r).unwrap_or(usize::MAX);
        self.iter_from(start, false)
            .take_while(move |(_, s)| r.lte_max(*s))
    }

    pub fn count_in_score_range(&self, r: &ScoreRange) -> usize {
        match (&self.repr, self.first_in_score_range(r)) {
            (_, None) => 0,
            (Repr::Listpack(_), Some(first)) => self
                .iter_from(first, false)
                .take_while(|(_, s)| r.lte_max(*s))
                .count(),
            (Repr::Skiplist(_), Some(first)) => self
                .last_in_score_range(r)
                .map_or(0, |last| last + 1 - first),
        }
    }

    pub fn count_in_lex_range(&self, r: &LexRange<'_>) -> usize {
        match (&self.repr, self.first_in_lex_range(r)) {
            (_, None) => 0,
            (Repr::Listpack(_), Some(first)) => self
                .iter_from(first, false)
                .take_while(|(m, _)| r.lte_max(m))
                .count(),
            (Repr::Skiplist(_), Some(first)) => self
                .last_in_lex_range(r)
                .map_or(0, |last| (last + 1).saturating_sub(first)),
        }
    }

    /// Removes ascending ranks `start..=end` (both inside the set); returns how many.
    pub fn remove_rank_range(&mut self, start: usize, end: usize) -> usize {
        if start > end || start >= self.len() {
            return 0;
        }
        let end = end.min(self.len() - 1);
        match &mut self.repr {
            Repr::Listpack(lp) => {
                let off = lp.offset_of_rank(start).expect("rank inside the set");
                lp.remove_pairs(off, end - start + 1);
                end - start + 1
            }
            Repr::Skiplist(sl) => sl.remove_rank_range(start + 1, end + 1),
        }
    }

    pub fn remove_score_range(&mut self, r: &ScoreRange) -> usize {
        let Some(first) = self.first_in_score_range(r) else {
            return 0;
        };
        let n = self
            .iter_from(first, false)
            .take_while(|(_, s)| r.lte_max(*s))
            .count();
        self.remove_rank_range(first, first + n - 1)
    }

    pub fn remove_lex_range(&mut self, r: &LexRange<'_>) -> usize {
        let Some(first) = self.first_in_lex_range(r) else {
            return 0;
        };
        let n = self
            .iter_from(first, false)
            .take_while(|(m, _)| r.lte_max(m))
            .count();
        self.remove_rank_range(first, first + n - 1)
    }

    /// Removes and returns the lowest (or with `max` the highest) member.
    pub fn pop(&mut self, max: bool) -> Option<(Vec<u8>, f64)> {
        let (member, score) = if max { self.last() } else { self.first() }?;
        let member = member.to_vec();
        self.remove(&member);
        Some((member, score))
    }

    /// A uniformly random member.
    pub fn random(&self) -> Option<(&[u8], f64)> {
        if self.is_empty() {
            return None;
        }
        self.get_by_rank(fastrand::usize(..self.len()))
    }

    /// One ZSCAN step: calls `f` for some members and returns the next cursor (0 when done).
    /// A listpack is returned whole in one step, as Redis does. A skiplist cursor is an arena
    /// index, which a member keeps for as long as it is in the set: every member present from
    /// the first call to the last is returned exactly once.
    pub fn scan(&self, cursor: u64, count: usize, mut f: impl FnMut(&[u8], f64)) -> u64 {
        match &self.repr {
            Repr::Listpack(lp) => {
                for (_, p) in lp.iter() {
                    f(p.member, p.score);
                }
                0
            }
            Repr::Skiplist(sl) => sl.scan(cursor, count.max(1), f),
        }
    }

    #[cfg(test)]
    fn check(&self) {
        if let Repr::Skiplist(sl) = &self.repr {
            sl.check();
        }
        let v: Vec<_> = self.iter().collect();
        assert_eq!(v.len(), self.len());
        for w in v.windows(2) {
            assert!(listpack::precedes(w[0].1, w[0].0, w[1].1, w[1].0));
        }
    }
}

/// Members in order (see [`ZSet::iter_from`]).
pub struct Iter<'a> {
    inner: Inner<'a>,
}

enum Inner<'a> {
    Empty,
    LpFwd {
        lp: &'a Listpack,
        off: usize,
    },
    LpRev {
        lp: &'a Listpack,
        offs: Vec<u32>,
    },
    Sl {
        sl: &'a SkipList,
        at: u32,
        rev: bool,
    },
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a [u8], f64);

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Empty => None,
            Inner::LpFwd { lp, off } => {
                let lp: &'a Listpack = lp;
                if *off >= lp.bytes() {
                    return None;
                }
                let p = lp.pair(*off);
                *off = p.next;
                Some((p.member, p.score))
            }
            Inner::LpRev { lp, offs } => {
                let lp: &'a Listpack = lp;
                let p = lp.pair(offs.pop()? as usize);
                Some((p.member, p.score))
            }
            Inner::Sl { sl, at, rev } => {
                let sl: &'a SkipList = sl;
                if *at == NIL {
                    return None;
                }
                let item = sl.get(*at);
                *at = if *rev { sl.prev(*at) } else { sl.next(*at) };
                Some(item)
            }
        }
    }
}
