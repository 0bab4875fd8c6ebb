//! SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA] [STORE destination]
//! SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA]
//!
//! The elements of a list, set or sorted set, by their value as a double (ties by their bytes),
//! by their bytes (ALPHA), or by weights read through a BY pattern; a BY pattern without '*'
//! keeps the stored order (lists and sorted sets, DESC reversing it). LIMIT cuts the result, GET
//! patterns replace each element by the values they name. STORE writes the result as a list
//! (deleting the destination when it is empty) and replies its length.

use std::cmp::Ordering;

use shoal_resp::Args;
use shoal_store::list::{End, List};
use shoal_store::{Object, Value, ValueMut};
use shoal_util::{strtod_c, OnRange};

use super::options::{sort_keys, sort_locks_all, sort_ro_keys, sort_ro_locks_all, Options};
use super::pattern::with_value;
use crate::ctx::{Ctx, Keys};
use crate::errors::{c_arg, CmdResult, Error};
use crate::spec::{
    Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, Group, KeySpec, KsFlags,
};

const PATTERN_KEYS: KeySpec = KeySpec {
    notes: "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort",
    flags: KsFlags::RO.union(KsFlags::ACCESS),
    begin: BeginSearch::Unknown,
    find: FindKeys::Unknown,
};

const STORE_KEY: KeySpec = KeySpec {
    notes: "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array",
    flags: KsFlags::OW.union(KsFlags::UPDATE),
    begin: BeginSearch::Unknown,
    find: FindKeys::Unknown,
};

const OPTIONAL: ArgFlags = ArgFlags::OPTIONAL;

const COMPLEXITY: &str = "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).";

/// The arguments SORT and SORT_RO share, in order.
macro_rules! common_args {
    () => {
        [
            Arg {
                key_spec_index: 0,
                ..Arg::new("key", ArgKind::Key)
            },
            Arg {
                token: "BY",
                display: "pattern",
                key_spec_index: 1,
                flags: OPTIONAL,
                ..Arg::new("by-pattern", ArgKind::Pattern)
            },
            Arg {
                token: "LIMIT",
                flags: OPTIONAL,
                children: &[
                    Arg::new("offset", ArgKind::Integer),
                    Arg::new("count", ArgKind::Integer),
                ],
                ..Arg::new("limit", ArgKind::Block)
            },
            Arg {
                token: "GET",
                display: "pattern",
                key_spec_index: 1,
                flags: OPTIONAL
                    .union(ArgFlags::MULTIPLE)
                    .union(ArgFlags::MULTIPLE_TOKEN),
                ..Arg::new("get-pattern", ArgKind::Pattern)
            },
            Arg {
                flags: OPTIONAL,
                children: &[
                    Arg {
                        token: "ASC",
                        ..Arg::new("asc", ArgKind::PureToken)
                    },
                    Arg {
                        token: "DESC",
                        ..Arg::new("desc", ArgKind::PureToken)
                    },
                ],
                ..Arg::new("order", ArgKind::Oneof)
            },
            Arg {
                token: "ALPHA",
                flags: OPTIONAL,
                ..Arg::new("sorting", ArgKind::PureToken)
            },
        ]
    };
}

const SORT_ARGS: [Arg; 7] = {
    let [key, by, limit, get, order, alpha] = common_args!();
    [
        key,
        by,
        limit,
        get,
        order,
        alpha,
        Arg {
            token: "STORE",
            key_spec_index: 2,
            flags: OPTIONAL,
            ..Arg::new("destination", ArgKind::Key)
        },
    ]
};

const SORT_RO_ARGS: [Arg; 6] = common_args!();

pub static SORT: CommandSpec = CommandSpec {
    name: "sort",
    arity: -2,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::SET
        .union(Acl::SORTEDSET)
        .union(Acl::LIST)
        .union(Acl::DANGEROUS),
    key_specs: &[
        KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS)),
        PATTERN_KEYS,
        STORE_KEY,
    ],
    keys_proc: Some(sort_keys),
    lock_all_if: Some(sort_locks_all),
    group: Group::Generic,
    since: "1.0.0",
    summary: "Sorts the elements in a list, a set, or a sorted set, optionally storing the result.",
    complexity: COMPLEXITY,
    args: &SORT_ARGS,
    handler: sort,
    ..CommandSpec::DEFAULT
};

pub static SORT_RO: CommandSpec = CommandSpec {
    name: "sort_ro",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::SET
        .union(Acl::SORTEDSET)
        .union(Acl::LIST)
        .union(Acl::DANGEROUS),
    key_specs: &[
        KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS)),
        PATTERN_KEYS,
    ],
    keys_proc: Some(sort_ro_keys),
    lock_all_if: Some(sort_ro_locks_all),
    group: Group::Generic,
    since: "7.0.0",
    summary: "Returns the sorted elements of a list, a set, or a sorted set.",
    complexity: COMPLEXITY,
    args: &SORT_RO_ARGS,
    handler: sort_ro,
    ..CommandSpec::DEFAULT
};

fn sort(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let opts = Options::parse(args, false)?;
    run(ctx, args.get(1), opts)
}

fn sort_ro(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let opts = Options::parse(args, true)?;
    run(ctx, args.get(1), opts)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    List,
    Set,
    ZSet,
}

/// One element being sorted, with what it is compared by.
struct Item {
    elem: Vec<u8>,
    score: f64,
    /// ALPHA with BY: the weight's bytes (None when the pattern names nothing).
    by: Option<Vec<u8>>,
}

impl Item {
    fn new(elem: Vec<u8>) -> Item {
        Item {
            elem,
            score: 0.0,
            by: None,
        }
    }
}

fn run(ctx: &mut Ctx<'_>, key: &[u8], mut o: Options<'_>) -> CmdResult {
    let (kind, len) = match ctx.keys.get(key).map(|e| e.value()) {
        None => (Kind::List, 0),
        Some(Value::Object(Object::List(l))) => (Kind::List, l.len()),
        Some(Value::Object(Object::Set(s))) => (Kind::Set, s.len()),
        Some(Value::Object(Object::ZSet(z))) => (Kind::ZSet, z.len()),
        Some(_) => return Err(Error::WrongType),
    };
    // A set's own order is its encoding's: what gets stored must not depend on it.
    if o.dont_sort && kind == Kind::Set && o.store.is_some() {
        o.dont_sort = false;
        o.alpha = true;
        o.by = None;
    }
    if kind == Kind::ZSet {
        if let Some(e) = ctx.keys.peek_mut(key) {
            if let ValueMut::Object(Object::ZSet(z)) = e.into_entry().value_mut() {
                z.convert_to_skiplist_for_sort();
            }
        }
    }

    // Redis's LIMIT arithmetic, clamped to the length; `start > end` means nothing.
    let n = len as i64;
    let mut start = o.offset.clamp(0, n);
    let count = o.count.clamp(-1, n);
    let mut end = if count < 0 { n - 1 } else { start + count - 1 };
    if start >= n {
        start = n - 1;
        end = n - 2;
    }
    end = end.min(n - 1);

    let mut items = load(&mut ctx.keys, key, kind, &o, start, end);
    if o.dont_sort && kind != Kind::Set {
        // Only the range was loaded.
        end -= start;
        start = 0;
    }
    if !o.dont_sort && !weigh_and_sort(&mut ctx.keys, &mut items, &o) {
        return Err(Error::Static(
            "ERR One or more scores can't be converted into double",
        ));
    }
    let range: &[Item] = if end >= start {
        &items[start as usize..=end as usize]
    } else {
        &[]
    };
    match o.store {
        None => reply(ctx, range, &o.gets),
        Some((_, dest)) => store(ctx, dest, range, &o.gets),
    }
    Ok(())
}

/// The elements to sort: all of them, or for a list or sorted set kept in its order, just the
/// range from `start` to `end` walked in the requested direction.
fn load(
    keys: &mut Keys<'_>,
    key: &[u8],
    kind: Kind,
    o: &Options<'_>,
    start: i64,
    end: i64,
) -> Vec<Item> {
    let Some(entry) = keys.peek(key) else {
        return Vec::new();
    };
    let Value::Object(obj) = entry.value() else {
        return Vec::new();
    };
    let ranged = o.dont_sort && kind != Kind::Set;
    let take = if end >= start {
        (end - start + 1) as usize
    } else {
        0
    };
    match obj {
        Object::List(l) if ranged => {
            if take == 0 {
                return Vec::new();
            }
            let from = if o.desc {
                l.len() - 1 - start as usize
            } else {
                start as usize
            };
            l.iter_from(from, o.desc)
                .take(take)
                .map(|e| Item::new(e.to_vec()))
                .collect()
        }
        Object::List(l) => l.iter().map(|e| Item::new(e.to_vec())).collect(),
        Object::Set(s) => s.iter().map(|m| Item::new(m.to_vec())).collect(),
        Object::ZSet(z) if ranged => z
            .iter_from(start.max(0) as usize, o.desc)
            .take(take)
            .map(|(m, _)| Item::new(m.to_vec()))
            .collect(),
        Object::ZSet(z) => z.iter().map(|(m, _)| Item::new(m.to_vec())).collect(),
        Object::Hash(_) => Vec::new(),
    }
}

/// A SORT weight: strtod refusing out-of-range values, as Redis's SORT does.
fn sort_weight(v: &[u8]) -> Option<f64> {
    strtod_c(v, OnRange::Refuse)
}

/// Reads every element's weight and sorts; false when a numeric weight is not a double
/// (every weight is still looked up first, as Redis does).
fn weigh_and_sort(keys: &mut Keys<'_>, items: &mut [Item], o: &Options<'_>) -> bool {
    let mut ok = true;
    for it in items.iter_mut() {
        match (o.by, o.alpha) {
            (Some(p), true) => it.by = with_value(keys, p, &it.elem, <[u8]>::to_vec),
            (Some(p), false) => match with_value(keys, p, &it.elem, sort_weight) {
                Some(Some(w)) => it.score = w,
                Some(None) => ok = false,
                None => {}
            },
            (None, true) => {}
            (None, false) => match sort_weight(&it.elem) {
                Some(w) => it.score = w,
                None => ok = false,
            },
        }
    }
    if !ok {
        return false;
    }
    // Redis compares with strcoll (C strings) when replying and by bytes when storing; the
    // sort is stable, like glibc's qsort, so equal weights keep the loaded order.
    let binary = o.store.is_some();
    let text = |a: &[u8], b: &[u8]| {
        if binary {
            a.cmp(b)
        } else {
            c_arg(a, usize::MAX).cmp(c_arg(b, usize::MAX))
        }
    };
    let by_pattern = o.by.is_some();
    items.sort_by(|a, b| {
        let c = if !o.alpha {
            match a.score.partial_cmp(&b.score) {
                Some(Ordering::Equal) | None => a.elem.cmp(&b.elem),
                Some(c) => c,
            }
        } else if by_pattern {
            match (&a.by, &b.by) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (Some(x), Some(y)) => text(x, y),
            }
        } else {
            text(&a.elem, &b.elem)
        };
        if o.desc {
            c.reverse()
        } else {
            c
        }
    });
    true
}

fn reply(ctx: &mut Ctx<'_>, range: &[Item], gets: &[&[u8]]) {
    let Ctx { keys, out, .. } = ctx;
    out.array(range.len() * gets.len().max(1));
    for it in range {
        if gets.is_empty() {
            out.bulk(&it.elem);
        }
        for p in gets {
            if with_value(keys, p, &it.elem, |v| out.bulk(v)).is_none() {
                out.null();
            }
        }
    }
}

fn store(ctx: &mut Ctx<'_>, dest: &[u8], range: &[Item], gets: &[&[u8]]) {
    let mut list = List::new();
    for it in range {
        if gets.is_empty() {
            list.push(End::Tail, &it.elem);
        }
        for p in gets {
            // A GET naming nothing stores an empty string.
            if with_value(&mut ctx.keys, p, &it.elem, |v| list.push(End::Tail, v)).is_none() {
                list.push(End::Tail, b"");
            }
        }
    }
    let stored = list.len() as u64;
    if stored > 0 {
        // Built whole, then given the encoding its final size calls for (7.2's
        // listTypeTryConversion after filling a quicklist).
        list.convert_for_growth(0, 0, crate::list::fill(ctx));
        crate::list::store_new(&mut ctx.keys, dest, list);
        crate::list::touched(&mut ctx.keys, "sortstore", dest, stored);
    } else if ctx.keys.remove(dest).is_some() {
        ctx.keys.changed("del", dest);
    }
    ctx.out.int(stored as i64);
}
