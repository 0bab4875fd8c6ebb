//! LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN]
//!
//! The longest common subsequence of two strings (missing keys count as empty), its length
//! (LEN), or the matching ranges (IDX), with Redis's dynamic-programming table: the same
//! tie-breaking when walking back, hence the same ranges, and the same memory limit (the table
//! may not exceed proto-max-bulk-len).

use shoal_resp::Args;
use shoal_store::Value;

use super::max_string_len;
use crate::args::{self, is_c};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{
    Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, Group, KeySpec, KsFlags,
};

pub static SPEC: CommandSpec = CommandSpec {
    name: "lcs",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::STRING,
    key_specs: &[KeySpec {
        notes: "",
        flags: KsFlags::RO.union(KsFlags::ACCESS),
        begin: BeginSearch::Index(1),
        find: FindKeys::Range {
            lastkey: 1,
            keystep: 1,
            limit: 0,
        },
    }],
    group: Group::String,
    since: "7.0.0",
    summary: "Finds the longest common substring.",
    complexity: "O(N*M) where N and M are the lengths of s1 and s2, respectively",
    args: &[
        Arg::new("key1", ArgKind::Key),
        Arg::new("key2", ArgKind::Key),
        Arg {
            token: "LEN",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("len", ArgKind::PureToken)
        },
        Arg {
            token: "IDX",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("idx", ArgKind::PureToken)
        },
        Arg {
            token: "MINMATCHLEN",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("min-match-len", ArgKind::Integer)
        },
        Arg {
            token: "WITHMATCHLEN",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("withmatchlen", ArgKind::PureToken)
        },
    ],
    handler: lcs,
    ..CommandSpec::DEFAULT
};

/// One matching run: inclusive ranges in the first and the second string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Match {
    a: (u32, u32),
    b: (u32, u32),
}

impl Match {
    fn len(&self) -> u32 {
        self.a.1 - self.a.0 + 1
    }
}

fn lcs(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    // Both keys are looked up (and counted as hits/misses) before the type check, as in Redis.
    let first = read(ctx, a.get(1));
    let second = read(ctx, a.get(2));
    let (Some(first), Some(second)) = (first, second) else {
        return Err(Error::Static(
            "ERR The specified keys must contain string values",
        ));
    };

    let (mut want_len, mut want_idx, mut with_match_len) = (false, false, false);
    let mut min_match_len: i64 = 0;
    let mut j = 3;
    while j < a.len() {
        let opt = a.get(j);
        if is_c(opt, "IDX") {
            want_idx = true;
        } else if is_c(opt, "LEN") {
            want_len = true;
        } else if is_c(opt, "WITHMATCHLEN") {
            with_match_len = true;
        } else if is_c(opt, "MINMATCHLEN") && j + 1 < a.len() {
            min_match_len = args::int(a.get(j + 1))?.max(0);
            j += 1;
        } else {
            return Err(Error::Syntax);
        }
        j += 1;
    }
    if want_idx && want_len {
        return Err(Error::Static(
            "ERR If you want both the length and indexes, please just use IDX.",
        ));
    }

    let table = Table::build(&first, &second, max_string_len(ctx))?;
    if want_len && !want_idx {
        ctx.out.int(table.total() as i64);
        return Ok(());
    }
    let (common, matches) = table.walk_back(&first, &second);
    if !want_idx {
        ctx.out.bulk(&common);
        return Ok(());
    }
    let shown: Vec<&Match> = matches
        .iter()
        .filter(|m| i64::from(m.len()) >= min_match_len)
        .collect();
    ctx.out.map(2);
    ctx.out.bulk(b"matches");
    ctx.out.array(shown.len());
    for m in shown {
        ctx.out.array(if with_match_len { 3 } else { 2 });
        ctx.out.array(2);
        ctx.out.int(i64::from(m.a.0));
        ctx.out.int(i64::from(m.a.1));
        ctx.out.array(2);
        ctx.out.int(i64::from(m.b.0));
        ctx.out.int(i64::from(m.b.1));
        if with_match_len {
            ctx.out.int(i64::from(m.len()));
        }
    }
    ctx.out.bulk(b"len");
    ctx.out.int(table.total() as i64);
    Ok(())
}

/// The key's string (empty when missing); None when it holds another type.
fn read(ctx: &mut Ctx<'_>, key: &[u8]) -> Option<Vec<u8>> {
    match ctx.keys.get(key).map(|e| e.value()) {
        None => Some(Vec::new()),
        Some(Value::Str(v, _)) => Some(v.to_vec()),
        Some(Value::Object(_)) => None,
    }
}

/// `cell(i, j)` is the LCS length of the first `i` bytes of `a` and the first `j` of `b`.
struct Table {
    cells: Vec<u32>,
    width: usize,
    rows: usize,
}

impl Table {
    fn build(a: &[u8], b: &[u8], max_bytes: u64) -> Result<Table, Error> {
        let limit = u64::from(u32::MAX) - 1;
        if a.len() as u64 >= limit || b.len() as u64 >= limit {
            return Err(Error::Static("ERR String too long for LCS"));
        }
        let (rows, width) = (a.len() + 1, b.len() + 1);
        let alloc_failed =
            || Error::Static("ERR Insufficient memory, failed allocating transient memory for LCS");
        let count = (rows as u64)
            .checked_mul(width as u64)
            .ok_or_else(alloc_failed)?;
        let bytes = count.checked_mul(4).ok_or_else(alloc_failed)?;
        if bytes > max_bytes {
            return Err(Error::Static(
                "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len",
            ));
        }
        let mut cells: Vec<u32> = Vec::new();
        cells
            .try_reserve_exact(count as usize)
            .map_err(|_| alloc_failed())?;
        cells.resize(count as usize, 0);
        for i in 1..rows {
            for j in 1..width {
                cells[i * width + j] = if a[i - 1] == b[j - 1] {
                    cells[(i - 1) * width + j - 1] + 1
                } else {
                    cells[(i - 1) * width + j].max(cells[i * width + j - 1])
                };
            }
        }
        Ok(Table { cells, width, rows })
    }

    fn cell(&self, i: usize, j: usize) -> u32 {
        self.cells[i * self.width + j]
    }

    fn total(&self) -> u32 {
        self.cell(self.rows - 1, self.width - 1)
    }

    /// Walks from the bottom-right corner back to an edge, collecting the common bytes and
    /// the runs of consecutive matches, last run first (the order Redis replies in). On a
    /// tie it steps back in `b`, as Redis does, so the same ranges come out.
    fn walk_back(&self, a: &[u8], b: &[u8]) -> (Vec<u8>, Vec<Match>) {
        let mut common = vec![0u8; self.total() as usize];
        let mut left = common.len();
        let mut runs = Vec::new();
        let mut run: Option<Match> = None;
        let (mut i, mut j) = (self.rows - 1, self.width - 1);
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                left -= 1;
                common[left] = a[i - 1];
                let (ai, bj) = ((i - 1) as u32, (j - 1) as u32);
                // Matches follow each other diagonally, so an open run always extends here.
                let r = run.get_or_insert(Match {
                    a: (ai, ai),
                    b: (bj, bj),
                });
                r.a.0 = ai;
                r.b.0 = bj;
                i -= 1;
                j -= 1;
                if ai == 0 || bj == 0 {
                    runs.extend(run.take());
                }
            } else {
                if self.cell(i - 1, j) > self.cell(i, j - 1) {
                    i -= 1;
                } else {
                    j -= 1;
                }
                runs.extend(run.take());
            }
        }
        (common, runs)
    }
}

#[cfg(test)]
mod tests {
    use super::{Match, Table};

    fn walk(a: &str, b: &str) -> (String, Vec<Match>) {
        let t = Table::build(a.as_bytes(), b.as_bytes(), u64::MAX).unwrap();
        let (common, runs) = t.walk_back(a.as_bytes(), b.as_bytes());
        (String::from_utf8(common).unwrap(), runs)
    }

    #[test]
    fn redis_doc_example() {
        let (common, runs) = walk("ohmytext", "mynewtext");
        assert_eq!(common, "mytext");
        assert_eq!(
            runs,
            vec![
                Match {
                    a: (4, 7),
                    b: (5, 8)
                },
                Match {
                    a: (2, 3),
                    b: (0, 1)
                },
            ]
        );
    }

    #[test]
    fn empty_and_disjoint() {
        assert_eq!(walk("", "abc"), (String::new(), vec![]));
        assert_eq!(walk("abc", "xyz"), (String::new(), vec![]));
        let (common, runs) = walk("abc", "abc");
        assert_eq!(common, "abc");
        assert_eq!(
            runs,
            vec![Match {
                a: (0, 2),
                b: (0, 2)
            }]
        );
    }
}
