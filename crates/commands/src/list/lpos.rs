//! LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
//!
//! The index of the first match (or, with RANK n, the n-th; negative ranks search from the
//! tail), nil when none. With COUNT, an array of up to num-matches indexes (0 = all). MAXLEN
//! bounds how many elements are compared (0 = all).

use shoal_resp::Args;
use shoal_store::list::Probe;

use super::{list_ref, optional, KEY_ARG};
use crate::args::{int, is_c};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "lpos",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::LIST,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::List,
    since: "6.0.6",
    summary: "Returns the index of matching elements in a list.",
    complexity: "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.",
    args: &[
        KEY_ARG,
        Arg::new("element", ArgKind::String),
        optional(Arg {
            token: "RANK",
            ..Arg::new("rank", ArgKind::Integer)
        }),
        optional(Arg {
            token: "COUNT",
            ..Arg::new("num-matches", ArgKind::Integer)
        }),
        optional(Arg {
            token: "MAXLEN",
            ..Arg::new("len", ArgKind::Integer)
        }),
    ],
    handler: lpos,
    ..CommandSpec::DEFAULT
};

const RANK_ZERO: &str = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";

const RANK_RANGE: &str =
    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

/// A COUNT or MAXLEN value: any bad one, even a non-number, gets the option's own text.
fn non_negative(arg: &[u8], err: &'static str) -> Result<i64, Error> {
    shoal_util::string2ll(arg)
        .filter(|&v| v >= 0)
        .ok_or(Error::Static(err))
}

fn lpos(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let mut rank: i64 = 1;
    let mut count: Option<i64> = None;
    let mut maxlen: i64 = 0;
    let mut j = 3;
    while j < args.len() {
        let opt = args.get(j);
        let has_value = j + 1 < args.len();
        if is_c(opt, "rank") && has_value {
            rank = int(args.get(j + 1))?;
            // Redis 7.2 bounds RANK to +-LONG_MAX (7.0 negated i64::MIN and wrapped).
            if rank == i64::MIN {
                return Err(Error::Static(RANK_RANGE));
            }
            if rank == 0 {
                return Err(Error::Static(RANK_ZERO));
            }
        } else if is_c(opt, "count") && has_value {
            count = Some(non_negative(
                args.get(j + 1),
                "ERR COUNT can't be negative",
            )?);
        } else if is_c(opt, "maxlen") && has_value {
            maxlen = non_negative(args.get(j + 1), "ERR MAXLEN can't be negative")?;
        } else {
            return Err(Error::Syntax);
        }
        j += 2;
    }
    // A negative rank searches from the tail (i64::MIN was refused above).
    let from_tail = rank < 0;
    if from_tail {
        rank = -rank;
    }
    let Ctx { keys, out, .. } = ctx;
    let Some(list) = list_ref(keys, args.get(1))? else {
        match count {
            Some(_) => out.empty_array(),
            None => out.null(),
        }
        return Ok(());
    };
    let probe = Probe::new(args.get(2));
    let len = list.len() as i64;
    let start = if from_tail {
        list.len().saturating_sub(1)
    } else {
        0
    };
    let mut found: Vec<i64> = Vec::new();
    let mut matches: i64 = 0;
    let mut last_match = None;
    for (index, e) in (0i64..).zip(list.iter_from(start, from_tail)) {
        if maxlen != 0 && index >= maxlen {
            break;
        }
        if !e.matches(&probe) {
            continue;
        }
        matches += 1;
        if matches < rank {
            continue;
        }
        let pos = if from_tail { len - index - 1 } else { index };
        match count {
            None => {
                last_match = Some(pos);
                break;
            }
            Some(c) => {
                found.push(pos);
                if c != 0 && matches.wrapping_sub(rank).wrapping_add(1) >= c {
                    break;
                }
            }
        }
    }
    match count {
        Some(_) => {
            out.array(found.len());
            for pos in found {
                out.int(pos);
            }
        }
        None => match last_match {
            Some(pos) => out.int(pos),
            None => out.null(),
        },
    }
    Ok(())
}
