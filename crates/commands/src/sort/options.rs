//! SORT's SQL-like options, parsed the way Redis parses them, plus what dispatch needs before
//! the handler runs: the key positions (Redis's sortGetKeys) and whether the BY/GET patterns
//! will read other keys (then every slot is locked).
//!
//! Keywords are compared as C strings, like Redis's strcasecmp: "asc\0x" is ASC.

use shoal_resp::Args;

use crate::args::int;
use crate::errors::{c_arg, Error};
use crate::spec::KeyPositions;

#[derive(Debug, Default)]
pub struct Options<'a> {
    pub desc: bool,
    pub alpha: bool,
    pub offset: i64,
    pub count: i64,
    /// The last BY pattern.
    pub by: Option<&'a [u8]>,
    /// A BY pattern without '*' was given ("nosort" or any constant): keep the stored order.
    pub dont_sort: bool,
    pub gets: Vec<&'a [u8]>,
    /// The last STORE destination and its argument position.
    pub store: Option<(usize, &'a [u8])>,
}

use crate::args::is_c as kw;

/// The C-string part of a pattern contains '*' (Redis looks with strchr).
pub fn has_star(pattern: &[u8]) -> bool {
    c_arg(pattern, usize::MAX).contains(&b'*')
}

/// `#` as Redis recognises it: a '#' then the C string's end.
pub fn is_self(pattern: &[u8]) -> bool {
    c_arg(pattern, usize::MAX) == b"#"
}

impl<'a> Options<'a> {
    /// Parses `args[2..]`; STORE is an option of SORT only (`readonly` for SORT_RO).
    pub fn parse(args: &Args<'a>, readonly: bool) -> Result<Options<'a>, Error> {
        let mut o = Options {
            count: -1,
            ..Options::default()
        };
        let argc = args.len();
        let mut j = 2;
        while j < argc {
            let a = args.get(j);
            let left = argc - j - 1;
            if kw(a, "asc") {
                o.desc = false;
            } else if kw(a, "desc") {
                o.desc = true;
            } else if kw(a, "alpha") {
                o.alpha = true;
            } else if kw(a, "limit") && left >= 2 {
                o.offset = int(args.get(j + 1))?;
                o.count = int(args.get(j + 2))?;
                j += 2;
            } else if !readonly && kw(a, "store") && left >= 1 {
                o.store = Some((j + 1, args.get(j + 1)));
                j += 1;
            } else if kw(a, "by") && left >= 1 {
                let p = args.get(j + 1);
                o.by = Some(p);
                if !has_star(p) {
                    o.dont_sort = true;
                }
                j += 1;
            } else if kw(a, "get") && left >= 1 {
                o.gets.push(args.get(j + 1));
                j += 1;
            } else {
                return Err(Error::Syntax);
            }
            j += 1;
        }
        Ok(o)
    }

    /// Whether running with these options looks up keys named by patterns.
    pub fn reads_pattern_keys(&self) -> bool {
        (!self.dont_sort && self.by.is_some())
            || self.gets.iter().any(|g| !is_self(g) && has_star(g))
    }
}

/// Redis's sortGetKeys: the sorted key, and the last STORE destination found by skipping
/// LIMIT's two values and BY's and GET's one (unknown words are skipped alone).
pub fn sort_keys(args: &Args<'_>, out: &mut KeyPositions) {
    out.push(1);
    if let Some(p) = store_position(args) {
        out.push(p);
    }
}

fn store_position(args: &Args<'_>) -> Option<usize> {
    let argc = args.len();
    let mut found = None;
    let mut i = 2;
    while i < argc {
        let a = args.get(i);
        if kw(a, "limit") {
            i += 2;
        } else if kw(a, "get") || kw(a, "by") {
            i += 1;
        } else if kw(a, "store") && i + 1 < argc {
            // The destination is looked at as an option word next, as Redis does.
            found = Some(i + 1);
        }
        i += 1;
    }
    found
}

/// SORT_RO has no destination: its one key is the sorted one.
pub fn sort_ro_keys(_args: &Args<'_>, out: &mut KeyPositions) {
    out.push(1);
}

/// Every slot must be locked when patterns read other keys, and when the destination the
/// handler will write is not the one the key finder reported (only odd argument lists such as
/// `STORE get STORE d` tell them apart).
pub fn sort_locks_all(args: &Args<'_>) -> bool {
    match Options::parse(args, false) {
        Ok(o) => o.reads_pattern_keys() || o.store.map(|(p, _)| p) != store_position(args),
        // The handler fails on the same arguments before reading anything.
        Err(_) => false,
    }
}

pub fn sort_ro_locks_all(args: &Args<'_>) -> bool {
    Options::parse(args, true).is_ok_and(|o| o.reads_pattern_keys())
}
