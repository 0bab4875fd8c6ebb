//! Key extraction for COMMAND GETKEYS, following Redis's getKeysUsingKeySpecs exactly
//! (including when a spec is invalid for the given arguments), with each key's flags.

use shoal_resp::Args;

use crate::spec::{BeginSearch, CommandSpec, FindKeys, KsFlags};

/// The specs do not fit the arguments (a keynum past the end, a range out of bounds).
pub struct InvalidSpec;

/// (argument position, flags) of every key the key specs find.
pub fn keys_from_specs(
    spec: &CommandSpec,
    args: &Args<'_>,
) -> Result<Vec<(usize, KsFlags)>, InvalidSpec> {
    let argc = args.len() as i64;
    let mut keys = Vec::new();
    for ks in spec.key_specs {
        if ks.flags.contains(KsFlags::NOT_KEY) {
            continue;
        }
        let mut first = match ks.begin {
            BeginSearch::Index(pos) => pos as i64,
            BeginSearch::Keyword { keyword, startfrom } => {
                let startfrom = startfrom as i64;
                let start = if startfrom > 0 {
                    startfrom
                } else {
                    argc + startfrom
                };
                let end = if startfrom > 0 { argc - 1 } else { 1 };
                let mut found = 0;
                let mut i = start;
                while i != end {
                    if i >= argc || i < 1 {
                        break;
                    }
                    if crate::args::is_c(args.get(i as usize), keyword) {
                        found = i + 1;
                        break;
                    }
                    i += if start <= end { 1 } else { -1 };
                }
                if found == 0 {
                    continue;
                }
                found
            }
            BeginSearch::Unknown => return Err(InvalidSpec),
        };
        let (last, step) = match ks.find {
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
                (last, keystep as i64)
            }
            FindKeys::Keynum {
                keynumidx,
                firstkey,
                keystep,
            } => {
                let idx = first + keynumidx as i64;
                if idx >= argc {
                    return Err(InvalidSpec);
                }
                let numkeys = shoal_util::string2ll(args.get(idx as usize))
                    .filter(|n| *n >= 0)
                    .ok_or(InvalidSpec)?;
                first += firstkey as i64;
                (first + numkeys - 1, keystep as i64)
            }
            FindKeys::Unknown => return Err(InvalidSpec),
        };
        if last >= argc || last < first || first >= argc {
            return Err(InvalidSpec);
        }
        let mut i = first;
        while i <= last {
            keys.push((i as usize, ks.flags));
            i += step.max(1);
        }
    }
    Ok(keys)
}
