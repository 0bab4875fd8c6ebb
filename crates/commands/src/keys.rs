//! Finding a command's keys from its key specs (Redis's getKeysUsingKeySpecs), used by
//! dispatch for locking and by COMMAND GETKEYS.

use shoal_resp::Args;
use shoal_util::string2ll;

use crate::spec::{BeginSearch, CommandSpec, FindKeys, KeyPositions};

/// The position of the only key of a command with one fixed key spec (GET, SET, INCR, LPUSH...:
/// most traffic), so dispatch can skip the general walk.
#[inline]
pub fn single_key_position(spec: &CommandSpec) -> Option<usize> {
    match (spec.keys_proc, spec.key_specs) {
        (
            None,
            [crate::spec::KeySpec {
                begin: BeginSearch::Index(i),
                find: FindKeys::Range { lastkey: 0, .. },
                ..
            }],
        ) => Some(*i as usize),
        _ => None,
    }
}

/// Appends the argument positions of every key to `out`. Positions past the end (a variadic
/// command given too few arguments) are skipped: the handler reports the error.
pub fn key_positions(spec: &CommandSpec, args: &Args<'_>, out: &mut KeyPositions) {
    if let Some(p) = spec.keys_proc {
        p(args, out);
        return;
    }
    let argc = args.len() as i64;
    for ks in spec.key_specs {
        let first = match ks.begin {
            BeginSearch::Index(i) => i as i64,
            BeginSearch::Keyword { keyword, startfrom } => {
                let (start, end, step): (i64, i64, i64) = if startfrom >= 0 {
                    (startfrom as i64, argc, 1)
                } else {
                    (argc + startfrom as i64, 0, -1)
                };
                let mut found = None;
                let mut i = start;
                while (step > 0 && i < end) || (step < 0 && i > end) {
                    if i >= 0 && i < argc && crate::args::is_c(args.get(i as usize), keyword) {
                        found = Some(i + 1);
                        break;
                    }
                    i += step;
                }
                match found {
                    Some(f) => f,
                    None => continue,
                }
            }
            BeginSearch::Unknown => continue,
        };
        let (first, last, step) = match ks.find {
            FindKeys::Range {
                lastkey,
                keystep,
                limit,
            } => {
                let last = if lastkey >= 0 {
                    first + lastkey as i64
                } else if limit == 0 {
                    argc + lastkey as i64
                } else {
                    first + ((argc - first) / limit as i64 + lastkey as i64)
                };
                (first, last, keystep as i64)
            }
            FindKeys::Keynum {
                keynumidx,
                firstkey,
                keystep,
            } => {
                let idx = first + keynumidx as i64;
                if idx >= argc {
                    continue;
                }
                let Some(n) = string2ll(args.get(idx as usize)).filter(|n| *n >= 0) else {
                    continue;
                };
                let first = first + firstkey as i64;
                (first, first.saturating_add(n - 1), keystep as i64)
            }
            FindKeys::Unknown => continue,
        };
        let step = step.max(1);
        let mut i = first;
        while i <= last {
            if i >= argc || i < 1 {
                break;
            }
            out.push(i as usize);
            i += step;
        }
    }
}
