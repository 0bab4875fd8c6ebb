//! `COMMAND INFO` and `COMMAND DOCS` entries, generated from the specs in Redis's exact reply
//! shapes: flags, ACL categories and tips as sets, key specs as maps, subcommands nested.

use shoal_resp::ReplyBuf;

use crate::registry::{registry, RegEntry};
use crate::spec::{
    Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, KsFlags, ACL_NAMES,
    FLAG_NAMES, KS_FLAG_NAMES,
};

/// Flags Redis keeps internal and never lists.
const HIDDEN_FLAGS: Flags = Flags::MAY_REPLICATE
    .union(Flags::SENTINEL)
    .union(Flags::ONLY_SENTINEL)
    .union(Flags::PROTECTED);

/// The first/last/step triple older clients read, and whether keys can move (Redis's
/// populateCommandLegacyRangeSpec): one plain range spec is used as is; several are merged
/// while they are consecutive single-step ranges; anything else marks the keys movable.
pub fn legacy_range(spec: &CommandSpec) -> ((i64, i64, i64), bool) {
    let specs = spec.key_specs;
    if specs.is_empty() {
        return ((0, 0, 0), false);
    }
    let as_range = |i: usize| match (specs[i].begin, specs[i].find) {
        (
            BeginSearch::Index(pos),
            FindKeys::Range {
                lastkey, keystep, ..
            },
        ) => Some((pos as i64, lastkey as i64, keystep as i64)),
        _ => None,
    };
    if specs.len() == 1 {
        if let Some((pos, lastkey, keystep)) = as_range(0) {
            let last = if lastkey >= 0 { pos + lastkey } else { lastkey };
            let incomplete = specs[0].flags.contains(KsFlags::INCOMPLETE);
            return ((pos, last, keystep), incomplete);
        }
    }
    let mut movable = false;
    let mut first = i64::MAX;
    let mut last: i64 = 0;
    let mut prev_last: i64 = 0;
    for (i, ks) in specs.iter().enumerate() {
        let Some((pos, lastkey, keystep)) = as_range(i) else {
            movable = true;
            continue;
        };
        if keystep != 1 || (prev_last != 0 && prev_last != pos - 1) {
            movable = true;
            continue;
        }
        if ks.flags.contains(KsFlags::INCOMPLETE) {
            movable = true;
        }
        first = first.min(pos);
        let abs_last = if lastkey >= 0 { lastkey + pos } else { lastkey };
        // Redis compares as unsigned, so a negative (open-ended) last wins.
        last = if (last as u32) >= (abs_last as u32) {
            last
        } else {
            abs_last
        };
        prev_last = last;
    }
    if first == i64::MAX {
        return ((0, 0, 0), true);
    }
    ((first, last, 1), movable)
}

/// One `COMMAND INFO` entry (10 elements), subcommands included.
pub fn write_info(out: &mut ReplyBuf, entry: &RegEntry) {
    let spec = entry.spec;
    let ((first, last, step), movable) = legacy_range(spec);
    out.array(10);
    out.bulk(entry.fullname.as_bytes());
    out.int(spec.arity as i64);

    let mut flags: Vec<&str> = Vec::new();
    for &(f, name) in FLAG_NAMES {
        if spec.flags.contains(f) && !HIDDEN_FLAGS.contains(f) {
            if f == Flags::ALLOW_BUSY && movable {
                flags.push("movablekeys");
            }
            flags.push(name);
        }
    }
    if movable && !spec.flags.contains(Flags::ALLOW_BUSY) {
        flags.push("movablekeys");
    }
    out.set(flags.len());
    for f in flags {
        out.simple(f.as_bytes());
    }

    out.int(first);
    out.int(last);
    out.int(step);

    let acl = spec.acl_categories();
    let cats: Vec<&str> = ACL_NAMES
        .iter()
        .filter(|(a, _)| acl.contains(*a))
        .map(|(_, n)| *n)
        .collect();
    out.set(cats.len());
    for c in cats {
        out.simple(format!("@{c}").as_bytes());
    }

    out.set(spec.tips.len());
    for t in spec.tips {
        out.bulk(t.as_bytes());
    }

    out.array(spec.key_specs.len());
    for ks in spec.key_specs {
        let pairs = if ks.notes.is_empty() { 3 } else { 4 };
        out.map(pairs);
        if !ks.notes.is_empty() {
            out.bulk(b"notes");
            out.bulk(ks.notes.as_bytes());
        }
        out.bulk(b"flags");
        write_key_flags(out, ks.flags);
        out.bulk(b"begin_search");
        out.map(2);
        out.bulk(b"type");
        match ks.begin {
            BeginSearch::Index(pos) => {
                out.bulk(b"index");
                out.bulk(b"spec");
                out.map(1);
                out.bulk(b"index");
                out.int(pos as i64);
            }
            BeginSearch::Keyword { keyword, startfrom } => {
                out.bulk(b"keyword");
                out.bulk(b"spec");
                out.map(2);
                out.bulk(b"keyword");
                out.bulk(keyword.as_bytes());
                out.bulk(b"startfrom");
                out.int(startfrom as i64);
            }
            BeginSearch::Unknown => {
                out.bulk(b"unknown");
                out.bulk(b"spec");
                out.map(0);
            }
        }
        out.bulk(b"find_keys");
        out.map(2);
        out.bulk(b"type");
        match ks.find {
            FindKeys::Range {
                lastkey,
                keystep,
                limit,
            } => {
                out.bulk(b"range");
                out.bulk(b"spec");
                out.map(3);
                out.bulk(b"lastkey");
                out.int(lastkey as i64);
                out.bulk(b"keystep");
                out.int(keystep as i64);
                out.bulk(b"limit");
                out.int(limit as i64);
            }
            FindKeys::Keynum {
                keynumidx,
                firstkey,
                keystep,
            } => {
                out.bulk(b"keynum");
                out.bulk(b"spec");
                out.map(3);
                out.bulk(b"keynumidx");
                out.int(keynumidx as i64);
                out.bulk(b"firstkey");
                out.int(firstkey as i64);
                out.bulk(b"keystep");
                out.int(keystep as i64);
            }
            FindKeys::Unknown => {
                out.bulk(b"unknown");
                out.bulk(b"spec");
                out.map(0);
            }
        }
    }

    let reg = registry();
    let subs: Vec<&RegEntry> = reg.subcommands(entry.id).collect();
    out.array(subs.len());
    for sub in subs {
        write_info(out, sub);
    }
}

/// Key-spec flags as a set of status replies, in Redis's order.
pub fn write_key_flags(out: &mut ReplyBuf, flags: KsFlags) {
    let names: Vec<&str> = KS_FLAG_NAMES
        .iter()
        .filter(|(f, _)| flags.contains(*f))
        .map(|(_, n)| *n)
        .collect();
    out.set(names.len());
    for n in names {
        out.simple(n.as_bytes());
    }
}

/// One `COMMAND DOCS` value: the doc map of `entry` (the caller writes its name).
pub fn write_docs(out: &mut ReplyBuf, entry: &RegEntry) {
    let spec = entry.spec;
    let reg = registry();
    let subs: Vec<&RegEntry> = reg.subcommands(entry.id).collect();
    let present = |s: &str| !s.is_empty();
    let pairs = 1
        + present(spec.summary) as usize
        + present(spec.since) as usize
        + present(spec.complexity) as usize
        + !spec.doc_flags.is_empty() as usize
        + present(spec.deprecated_since) as usize
        + present(spec.replaced_by) as usize
        + !spec.history.is_empty() as usize
        + !spec.args.is_empty() as usize
        + !subs.is_empty() as usize;
    out.map(pairs);
    if present(spec.summary) {
        out.bulk(b"summary");
        out.bulk(spec.summary.as_bytes());
    }
    if present(spec.since) {
        out.bulk(b"since");
        out.bulk(spec.since.as_bytes());
    }
    out.bulk(b"group");
    out.bulk(spec.group.name().as_bytes());
    if present(spec.complexity) {
        out.bulk(b"complexity");
        out.bulk(spec.complexity.as_bytes());
    }
    if !spec.doc_flags.is_empty() {
        out.bulk(b"doc_flags");
        out.set(spec.doc_flags.len());
        for f in spec.doc_flags {
            out.simple(f.as_bytes());
        }
    }
    if present(spec.deprecated_since) {
        out.bulk(b"deprecated_since");
        out.bulk(spec.deprecated_since.as_bytes());
    }
    if present(spec.replaced_by) {
        out.bulk(b"replaced_by");
        out.bulk(spec.replaced_by.as_bytes());
    }
    if !spec.history.is_empty() {
        out.bulk(b"history");
        out.array(spec.history.len());
        for (version, text) in spec.history {
            out.array(2);
            out.bulk(version.as_bytes());
            out.bulk(text.as_bytes());
        }
    }
    if !spec.args.is_empty() {
        out.bulk(b"arguments");
        let mut key_args = 0;
        write_args(out, spec.args, &mut key_args);
    }
    if !subs.is_empty() {
        out.bulk(b"subcommands");
        out.map(subs.len());
        for sub in subs {
            out.bulk(sub.fullname.as_bytes());
            write_docs(out, sub);
        }
    }
}

/// Arguments in Redis's map order; `key_args` counts key-type arguments seen so far, which
/// is the key spec index of the next one unless the argument names its own.
fn write_args(out: &mut ReplyBuf, args: &[Arg], key_args: &mut i32) {
    out.array(args.len());
    for a in args {
        let nested = matches!(a.kind, ArgKind::Oneof | ArgKind::Block);
        let key_spec_index = if a.key_spec_index >= 0 {
            Some(a.key_spec_index)
        } else if a.kind == ArgKind::Key {
            Some(*key_args)
        } else {
            None
        };
        if a.kind == ArgKind::Key {
            *key_args += 1;
        }
        let present = |s: &str| !s.is_empty();
        let pairs = 2
            + !nested as usize
            + key_spec_index.is_some() as usize
            + present(a.token) as usize
            + present(a.summary) as usize
            + present(a.since) as usize
            + present(a.deprecated_since) as usize
            + !a.flags.is_empty() as usize
            + nested as usize;
        out.map(pairs);
        out.bulk(b"name");
        out.bulk(a.name.as_bytes());
        out.bulk(b"type");
        out.bulk(a.kind.name().as_bytes());
        if !nested {
            out.bulk(b"display_text");
            let shown = if a.display.is_empty() {
                a.name
            } else {
                a.display
            };
            out.bulk(shown.as_bytes());
        }
        if let Some(i) = key_spec_index {
            out.bulk(b"key_spec_index");
            out.int(i as i64);
        }
        if present(a.token) {
            out.bulk(b"token");
            out.bulk(a.token.as_bytes());
        }
        if present(a.summary) {
            out.bulk(b"summary");
            out.bulk(a.summary.as_bytes());
        }
        if present(a.since) {
            out.bulk(b"since");
            out.bulk(a.since.as_bytes());
        }
        if present(a.deprecated_since) {
            out.bulk(b"deprecated_since");
            out.bulk(a.deprecated_since.as_bytes());
        }
        if !a.flags.is_empty() {
            out.bulk(b"flags");
            let names: Vec<&[u8]> = [
                (ArgFlags::OPTIONAL, b"optional".as_slice()),
                (ArgFlags::MULTIPLE, b"multiple".as_slice()),
                (ArgFlags::MULTIPLE_TOKEN, b"multiple_token".as_slice()),
            ]
            .iter()
            .filter(|(f, _)| a.flags.contains(*f))
            .map(|(_, n)| *n)
            .collect();
            out.set(names.len());
            for n in names {
                out.simple(n);
            }
        }
        if nested {
            out.bulk(b"arguments");
            write_args(out, a.children, key_args);
        }
    }
}
