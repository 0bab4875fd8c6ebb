//! The set value type, with Redis 7.2's three encodings and its conversion rules.
//!
//! - `intset`: every member an integer, sorted packed integers of the smallest width, up to
//!   `set-max-intset-entries` members.
//! - `listpack`: a few short members (up to `set-max-listpack-entries`, each at most
//!   `set-max-listpack-value` bytes) in one buffer, in insertion order.
//! - `hashtable`: anything bigger.
//!
//! Conversions go one way (intset -> listpack -> hashtable, or intset -> hashtable), decided at
//! the time of each write with the limits of that moment, exactly where Redis decides them. The
//! only ways back are `convert_to_intset_if_small` (SINTERSTORE's result) and the new set SPOP
//! builds from the members that stay.
//! Integer members are canonical decimal strings (as `string2ll` accepts them), so comparing
//! bytes and comparing values agree in every encoding.

mod intset;
mod listpack;
mod table;
mod thin;
mod varint;

#[cfg(test)]
mod tests;

use shoal_util::{sdigits10, string2ll};

use intset::Intset;
use listpack::Listpack;
use table::Table;

/// Redis caps intsets at 2^30 members whatever the configuration says.
const INTSET_HARD_MAX: usize = 1 << 30;

/// The configured thresholds, read by the command at the time of the write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetLimits {
    pub intset_entries: usize,
    pub listpack_entries: usize,
    pub listpack_value: usize,
}

impl SetLimits {
    fn intset_max(&self) -> usize {
        self.intset_entries.min(INTSET_HARD_MAX)
    }
}

/// One member as an encoding holds it: integers of an intset come out as numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Member<'a> {
    Int(i64),
    Str(&'a [u8]),
}

impl Member<'_> {
    /// Calls `f` with the member's bytes (integers formatted as Redis prints them).
    pub fn with_bytes<R>(self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            Member::Str(s) => f(s),
            Member::Int(v) => {
                let mut buf = [0u8; shoal_util::MAX_INT_DIGITS];
                f(shoal_util::ll2string(&mut buf, v))
            }
        }
    }

    pub fn to_vec(self) -> Vec<u8> {
        self.with_bytes(|b| b.to_vec())
    }

    /// The member as an integer, if it is one.
    pub fn as_int(self) -> Option<i64> {
        match self {
            Member::Int(v) => Some(v),
            Member::Str(s) => string2ll(s),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Intset,
    Listpack,
    Hashtable,
}

#[derive(Clone, Debug)]
pub struct Set {
    repr: Repr,
}

#[derive(Clone, Debug)]
enum Repr {
    Intset(Intset),
    Listpack(Listpack),
    Table(Box<Table>),
}

/// The members of a set: ascending for an intset, insertion order for a listpack, table order
/// for a hashtable.
pub struct Iter<'a>(IterRepr<'a>);

enum IterRepr<'a> {
    Intset(&'a Intset, usize),
    Listpack(listpack::Iter<'a>),
    Table(table::Iter<'a>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = Member<'a>;

    fn next(&mut self) -> Option<Member<'a>> {
        match &mut self.0 {
            IterRepr::Intset(is, i) => {
                if *i >= is.len() {
                    return None;
                }
                *i += 1;
                Some(Member::Int(is.get(*i - 1)))
            }
            IterRepr::Listpack(it) => it.next().map(Member::Str),
            IterRepr::Table(it) => it.next().map(Member::Str),
        }
    }
}

/// Moves `k` uniformly chosen elements to the front of `v` (partial Fisher-Yates).
fn partial_shuffle<T>(v: &mut [T], k: usize) {
    let n = v.len();
    for i in 0..k.min(n) {
        let j = fastrand::usize(i..n);
        v.swap(i, j);
    }
}

impl Default for Set {
    fn default() -> Self {
        Set::new_intset()
    }
}

impl Set {
    pub fn new_intset() -> Set {
        Set {
            repr: Repr::Intset(Intset::new()),
        }
    }

    pub fn new_listpack() -> Set {
        Set {
            repr: Repr::Listpack(Listpack::new()),
        }
    }

    pub fn new_hashtable(capacity: usize) -> Set {
        Set {
            repr: Repr::Table(Box::new(Table::with_capacity(capacity))),
        }
    }

    /// An empty set able to take `first` and about `size_hint` members (Redis's setTypeCreate).
    pub fn create(first: &[u8], size_hint: usize, lim: SetLimits) -> Set {
        if size_hint <= lim.intset_entries && string2ll(first).is_some() {
            Set::new_intset()
        } else if size_hint <= lim.listpack_entries {
            Set::new_listpack()
        } else {
            Set::new_hashtable(size_hint)
        }
    }

    /// Goes to a hashtable up front when about `size_hint` members are coming and the compact
    /// encoding could not hold that many (Redis's setTypeMaybeConvert, used by SADD).
    pub fn reserve_for(&mut self, size_hint: usize, lim: SetLimits) {
        let convert = match &self.repr {
            Repr::Listpack(_) => size_hint > lim.listpack_entries,
            Repr::Intset(_) => size_hint > lim.intset_entries,
            Repr::Table(_) => false,
        };
        if convert {
            self.convert_to_table(size_hint);
        }
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Intset(is) => is.len(),
            Repr::Listpack(lp) => lp.len(),
            Repr::Table(t) => t.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn encoding(&self) -> Encoding {
        match &self.repr {
            Repr::Intset(_) => Encoding::Intset,
            Repr::Listpack(_) => Encoding::Listpack,
            Repr::Table(_) => Encoding::Hashtable,
        }
    }

    pub fn encoding_name(&self) -> &'static str {
        match self.encoding() {
            Encoding::Intset => "intset",
            Encoding::Listpack => "listpack",
            Encoding::Hashtable => "hashtable",
        }
    }

    /// Heap bytes held (the object's own struct is counted by the caller's box).
    pub fn footprint(&self) -> usize {
        match &self.repr {
            Repr::Intset(is) => is.bytes(),
            Repr::Listpack(lp) => lp.bytes(),
            Repr::Table(t) => std::mem::size_of::<Table>() + t.bytes(),
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter(match &self.repr {
            Repr::Intset(is) => IterRepr::Intset(is, 0),
            Repr::Listpack(lp) => IterRepr::Listpack(lp.iter()),
            Repr::Table(t) => IterRepr::Table(t.iter()),
        })
    }

    fn convert_to_table(&mut self, capacity: usize) {
        let mut t = Table::with_capacity(capacity.max(self.len()));
        for m in self.iter() {
            m.with_bytes(|b| t.insert_unique(b));
        }
        self.repr = Repr::Table(Box::new(t));
    }

    fn convert_to_listpack(&mut self) {
        let mut lp = Listpack::new();
        for m in self.iter() {
            m.with_bytes(|b| lp.push(b));
        }
        self.repr = Repr::Listpack(lp);
    }

    /// Adds `m`; false when it was already a member (Redis's setTypeAdd).
    pub fn add(&mut self, m: &[u8], lim: SetLimits) -> bool {
        match &mut self.repr {
            Repr::Table(t) => t.insert(m),
            Repr::Listpack(lp) => {
                if lp.contains(m) {
                    return false;
                }
                let n = lp.len();
                if n < lim.listpack_entries && m.len() <= lim.listpack_value && lp.has_room() {
                    lp.push(m);
                } else {
                    self.convert_to_table(n + 1);
                    self.table_mut().insert_unique(m);
                }
                true
            }
            Repr::Intset(is) => match string2ll(m) {
                Some(v) => self.add_int(v, lim),
                None => {
                    // Listpack only when the integers already there and the new member all fit
                    // its limits (Redis measures the integers by their extremes).
                    let n = is.len();
                    let widest = match (is.min(), is.max()) {
                        (Some(lo), Some(hi)) => sdigits10(lo).max(sdigits10(hi)),
                        _ => 0,
                    };
                    if n < lim.listpack_entries
                        && m.len() <= lim.listpack_value
                        && widest <= lim.listpack_value
                    {
                        self.convert_to_listpack();
                        self.listpack_mut().push(m);
                    } else {
                        self.convert_to_table(n + 1);
                        self.table_mut().insert_unique(m);
                    }
                    true
                }
            },
        }
    }

    /// Adds several members; returns how many were new. An intset given only integers takes
    /// them in one merge (one allocation instead of one per member), which ends in the same
    /// members and encoding as adding them one by one.
    pub fn add_many(&mut self, members: &[&[u8]], lim: SetLimits) -> usize {
        if let Repr::Intset(is) = &mut self.repr {
            if members.len() > 1 {
                let ints: Option<Vec<i64>> = members.iter().map(|m| string2ll(m)).collect();
                if let Some(mut ints) = ints {
                    let added = is.insert_many(&mut ints);
                    if is.len() > lim.intset_max() {
                        self.convert_to_table(0);
                    }
                    return added;
                }
            }
        }
        members.iter().filter(|m| self.add(m, lim)).count()
    }

    /// Adds an integer member; an intset takes it without formatting it.
    pub fn add_int(&mut self, v: i64, lim: SetLimits) -> bool {
        match &mut self.repr {
            Repr::Intset(is) => {
                let added = is.insert(v);
                if added && is.len() > lim.intset_max() {
                    self.convert_to_table(0);
                }
                added
            }
            _ => Member::Int(v).with_bytes(|b| self.add(b, lim)),
        }
    }

    pub fn add_member(&mut self, m: Member<'_>, lim: SetLimits) -> bool {
        match m {
            Member::Int(v) => self.add_int(v, lim),
            Member::Str(s) => self.add(s, lim),
        }
    }

    fn table_mut(&mut self) -> &mut Table {
        match &mut self.repr {
            Repr::Table(t) => t,
            _ => unreachable!("set was just converted to a hashtable"),
        }
    }

    fn listpack_mut(&mut self) -> &mut Listpack {
        match &mut self.repr {
            Repr::Listpack(lp) => lp,
            _ => unreachable!("set was just converted to a listpack"),
        }
    }

    pub fn remove(&mut self, m: &[u8]) -> bool {
        match &mut self.repr {
            Repr::Table(t) => t.remove(m),
            Repr::Listpack(lp) => lp.remove(m),
            Repr::Intset(is) => string2ll(m).is_some_and(|v| is.remove(v)),
        }
    }

    pub fn remove_member(&mut self, m: Member<'_>) -> bool {
        if let (Repr::Intset(is), Member::Int(v)) = (&mut self.repr, m) {
            return is.remove(v);
        }
        m.with_bytes(|b| self.remove(b))
    }

    pub fn contains(&self, m: &[u8]) -> bool {
        match &self.repr {
            Repr::Table(t) => t.contains(m),
            Repr::Listpack(lp) => lp.contains(m),
            Repr::Intset(is) => string2ll(m).is_some_and(|v| is.contains(v)),
        }
    }

    pub fn contains_member(&self, m: Member<'_>) -> bool {
        if let (Repr::Intset(is), Member::Int(v)) = (&self.repr, m) {
            return is.contains(v);
        }
        m.with_bytes(|b| self.contains(b))
    }

    /// A uniformly chosen member of a non-empty set.
    pub fn random(&self) -> Member<'_> {
        debug_assert!(!self.is_empty());
        match &self.repr {
            Repr::Intset(is) => Member::Int(is.get(fastrand::usize(..is.len()))),
            Repr::Listpack(lp) => Member::Str(
                lp.iter()
                    .nth(fastrand::usize(..lp.len()))
                    .expect("index below the count"),
            ),
            Repr::Table(t) => Member::Str(t.random()),
        }
    }

    /// `k` distinct members chosen uniformly, in no particular order; all of them when `k` is
    /// not below the size.
    pub fn random_distinct(&self, k: usize) -> Vec<Member<'_>> {
        let n = self.len();
        if k >= n {
            return self.iter().collect();
        }
        match &self.repr {
            Repr::Table(t) => t.random_distinct(k).into_iter().map(Member::Str).collect(),
            Repr::Intset(is) if k * 3 <= n => {
                let mut seen = hashbrown::HashSet::with_capacity(k);
                while seen.len() < k {
                    seen.insert(fastrand::usize(..n));
                }
                seen.into_iter().map(|i| Member::Int(is.get(i))).collect()
            }
            _ => {
                let mut all: Vec<Member<'_>> = self.iter().collect();
                partial_shuffle(&mut all, k);
                all.truncate(k);
                all
            }
        }
    }

    /// Removes and returns a uniformly chosen member of a non-empty set.
    pub fn pop_random(&mut self) -> Vec<u8> {
        let m = self.random();
        let owned = m.to_vec();
        match m {
            Member::Int(v) => {
                if let Repr::Intset(is) = &mut self.repr {
                    is.remove(v);
                }
            }
            Member::Str(_) => {
                self.remove(&owned);
            }
        }
        owned
    }

    /// Turns a set whose members are all integers into an intset when it is small enough
    /// (Redis's maybeConvertToIntset, applied to SINTERSTORE results).
    pub fn convert_to_intset_if_small(&mut self, lim: SetLimits) {
        if matches!(self.repr, Repr::Intset(_)) || self.len() > lim.intset_max() {
            return;
        }
        let values: Option<Vec<i64>> = self.iter().map(Member::as_int).collect();
        if let Some(mut values) = values {
            self.repr = Repr::Intset(Intset::from_values(&mut values));
        }
    }

    /// One SSCAN step: calls `f` for members and returns the next cursor. The compact
    /// encodings are returned whole with cursor 0, whatever the cursor, as Redis does.
    pub fn scan(&self, cursor: u64, f: &mut dyn FnMut(Member<'_>)) -> u64 {
        match &self.repr {
            Repr::Table(t) => t.scan(cursor, &mut |b| f(Member::Str(b))),
            _ => {
                for m in self.iter() {
                    f(m);
                }
                0
            }
        }
    }
}
