//! The hash value type: field -> value pairs, each field optionally with its own expire time
//! (Unix ms), in one of two encodings chosen like Redis does:
//!
//! - compact ([`pack`]): one exact-size byte buffer, "listpack" for `OBJECT ENCODING`;
//! - full ([`table`]): an indexed table, "hashtable", used once the hash outgrows
//!   `hash-max-listpack-entries`, holds a field or value longer than
//!   `hash-max-listpack-value`, or a field is given a TTL (as in Valkey; Redis 7.4 would keep
//!   a small one as "listpackex"). A hash never converts back.
//!
//! Expired fields are never visible through this API once `purge` ran; the keyspace lookup
//! calls it before a command sees the hash (lazy expiry), and the active expiry cycle sweeps.

mod pack;
mod table;
mod varint;

pub use pack::Pack;
pub use table::Table;

/// Redis's listpack safety limit: a compact hash never grows past 1 GiB.
const PACK_SAFETY_BYTES: usize = 1 << 30;

/// The encoding thresholds, read from the config at the time of each write.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_entries: usize,
    pub max_value: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 512,
            max_value: 64,
        }
    }
}

#[derive(Clone, Debug)]
enum Repr {
    Pack(Pack),
    Table(Box<Table>),
}

#[derive(Clone, Debug)]
pub struct Hash {
    repr: Repr,
}

impl Default for Hash {
    fn default() -> Self {
        Self::new()
    }
}

impl Hash {
    pub fn new() -> Hash {
        Hash {
            repr: Repr::Pack(Pack::default()),
        }
    }

    /// An empty hash already in the full encoding (tests, RESTORE of big hashes).
    pub fn new_table() -> Hash {
        Hash {
            repr: Repr::Table(Box::default()),
        }
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Pack(p) => p.len(),
            Repr::Table(t) => t.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn is_compact(&self) -> bool {
        matches!(self.repr, Repr::Pack(_))
    }

    pub fn encoding_name(&self) -> &'static str {
        match &self.repr {
            Repr::Pack(_) => "listpack",
            Repr::Table(_) => "hashtable",
        }
    }

    pub fn footprint(&self) -> usize {
        match &self.repr {
            Repr::Pack(p) => p.bytes(),
            Repr::Table(t) => std::mem::size_of::<Table>() + t.footprint(),
        }
    }

    /// Moves to the full encoding (never back), sized for `extra` more fields.
    pub fn convert_to_table(&mut self, extra: usize) {
        let Repr::Pack(p) = &self.repr else {
            return;
        };
        let mut t = Table::with_capacity(p.len() + extra);
        for (f, v) in p.iter() {
            t.push_new(f, v, 0);
        }
        self.repr = Repr::Table(Box::new(t));
    }

    /// Redis's hashTypeTryConversion, run before a write of `pairs` field/value pairs whose
    /// arguments have the given lengths: converts when the write would clearly not fit.
    pub fn prepare_write(
        &mut self,
        pairs: usize,
        lens: impl IntoIterator<Item = usize>,
        limits: Limits,
    ) {
        let Repr::Pack(p) = &self.repr else {
            return;
        };
        // Like Redis 7.2: guess the pairs are distinct and size the table for them up front.
        if pairs > limits.max_entries {
            self.convert_to_table(pairs);
            return;
        }
        let mut sum = 0usize;
        for len in lens {
            if len > limits.max_value {
                self.convert_to_table(0);
                return;
            }
            sum += len;
        }
        if p.bytes() + sum > PACK_SAFETY_BYTES {
            self.convert_to_table(0);
        }
    }

    pub fn get(&self, field: &[u8]) -> Option<&[u8]> {
        match &self.repr {
            Repr::Pack(p) => p.get(field),
            Repr::Table(t) => t.get(field),
        }
    }

    pub fn contains(&self, field: &[u8]) -> bool {
        self.get(field).is_some()
    }

    /// `None` when the field is missing, `Some(None)` when it has no TTL.
    pub fn ttl(&self, field: &[u8]) -> Option<Option<u64>> {
        let t = match &self.repr {
            Repr::Pack(p) => return p.get(field).map(|_| None),
            Repr::Table(t) => t.ttl(field),
        };
        t.map(|t| (t != 0).then_some(t))
    }

    /// Sets a field (Redis's hashTypeSet); true when the field is new. An overwritten field
    /// loses its TTL unless `keep_ttl` (HINCRBY, HSETEX KEEPTTL).
    pub fn insert(&mut self, field: &[u8], value: &[u8], keep_ttl: bool, limits: Limits) -> bool {
        if let Repr::Pack(_) = self.repr {
            if field.len() > limits.max_value || value.len() > limits.max_value {
                self.convert_to_table(0);
            }
        }
        match &mut self.repr {
            Repr::Pack(p) => {
                let new = p.insert(field, value);
                if p.len() > limits.max_entries {
                    self.convert_to_table(0);
                }
                new
            }
            Repr::Table(t) => t.insert(field, value, keep_ttl),
        }
    }

    /// HSET of pairs `0..n` (a later duplicate wins), TTLs of overwritten fields dropped;
    /// returns how many fields are new. Same result as `insert` pair by pair, with a single
    /// allocation for all new fields of a compact hash.
    pub fn insert_pairs<'a>(
        &mut self,
        n: usize,
        pair: impl Fn(usize) -> (&'a [u8], &'a [u8]),
        limits: Limits,
    ) -> usize {
        if let Repr::Pack(_) = self.repr {
            let too_long = (0..n)
                .map(&pair)
                .any(|(f, v)| f.len() > limits.max_value || v.len() > limits.max_value);
            if too_long {
                self.convert_to_table(0);
            }
        }
        match &mut self.repr {
            Repr::Pack(p) => {
                let created = p.insert_many(n, pair);
                if p.len() > limits.max_entries {
                    self.convert_to_table(0);
                }
                created
            }
            Repr::Table(t) => (0..n)
                .map(pair)
                .filter(|(f, v)| t.insert(f, v, false))
                .count(),
        }
    }

    pub fn remove(&mut self, field: &[u8]) -> bool {
        match &mut self.repr {
            Repr::Pack(p) => p.remove(field),
            Repr::Table(t) => t.remove(field),
        }
    }

    /// Sets (`Some`) or clears (`None`) the TTL of an existing field; false if it is missing.
    /// A TTL moves a compact hash to the full encoding first.
    pub fn set_ttl(&mut self, field: &[u8], at: Option<u64>) -> bool {
        if let Repr::Pack(p) = &self.repr {
            let exists = p.get(field).is_some();
            if at.is_none() || !exists {
                return exists;
            }
            self.convert_to_table(0);
        }
        let Repr::Table(t) = &mut self.repr else {
            unreachable!("converted above")
        };
        t.set_ttl(field, at.unwrap_or(0))
    }

    /// True when some field carries a TTL.
    pub fn has_field_ttls(&self) -> bool {
        match &self.repr {
            Repr::Pack(_) => false,
            Repr::Table(t) => t.has_ttls(),
        }
    }

    /// The earliest field TTL, if any.
    pub fn next_field_expiry(&self) -> Option<u64> {
        let t = match &self.repr {
            Repr::Pack(_) => 0,
            Repr::Table(t) => t.min_ttl(),
        };
        (t != 0).then_some(t)
    }

    /// True when a field's TTL may have passed (never for the compact encoding); the full one
    /// keeps a cheap lower bound, so it can say yes once spuriously (then `purge` finds
    /// nothing and makes the bound exact again), but never says no wrongly.
    pub fn has_expired_fields(&self, now: u64) -> bool {
        match &self.repr {
            Repr::Pack(_) => false,
            Repr::Table(t) => t.has_expired(now),
        }
    }

    /// Removes every field whose TTL has passed (`now > ttl`); returns how many.
    pub fn purge(&mut self, now: u64) -> usize {
        match &mut self.repr {
            Repr::Pack(_) => 0,
            Repr::Table(t) => t.purge(now),
        }
    }

    /// Every `(field, value)` pair, in encoding order.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> + '_ {
        self.iter_with_ttl().map(|(f, v, _)| (f, v))
    }

    /// Every `(field, value, ttl)`, ttl `None` when the field has none.
    pub fn iter_with_ttl(&self) -> Iter<'_> {
        match &self.repr {
            Repr::Pack(p) => Iter::Pack(Box::new(p.iter())),
            Repr::Table(t) => Iter::Table(t, 0),
        }
    }

    /// One HSCAN step. A compact hash returns everything at once with cursor 0, like Redis.
    pub fn scan<'a>(
        &'a self,
        cursor: u64,
        count: usize,
        mut f: impl FnMut(&'a [u8], &'a [u8]),
    ) -> u64 {
        match &self.repr {
            Repr::Pack(p) => {
                for (field, value) in p.iter() {
                    f(field, value);
                }
                0
            }
            Repr::Table(t) => t.scan(cursor, count, f),
        }
    }

    /// The pair at position `i` of the full encoding (O(1)); `None` for a compact hash.
    pub fn table_at(&self, i: usize) -> Option<(&[u8], &[u8])> {
        match &self.repr {
            Repr::Pack(_) => None,
            Repr::Table(t) => {
                let (f, v, _) = t.at(i);
                Some((f, v))
            }
        }
    }
}

/// Iterator over a hash's `(field, value, ttl)`.
pub enum Iter<'a> {
    Pack(Box<dyn Iterator<Item = (&'a [u8], &'a [u8])> + 'a>),
    Table(&'a Table, usize),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a [u8], &'a [u8], Option<u64>);

    fn next(&mut self) -> Option<Self::Item> {
        let (f, v, t) = match self {
            Iter::Pack(it) => {
                let (f, v) = it.next()?;
                (f, v, 0)
            }
            Iter::Table(t, i) => {
                if *i >= t.len() {
                    return None;
                }
                *i += 1;
                t.at(*i - 1)
            }
        };
        Some((f, v, (t != 0).then_some(t)))
    }
}

#[cfg(test)]
mod tests;
