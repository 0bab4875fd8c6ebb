//! The engine behind ZRANGE, ZRANGESTORE and the older Z[REV]RANGE[BYSCORE|BYLEX] commands
//! (Redis's zrangeGenericCommand): option parsing with the same precedence of errors, the
//! three kinds of range, and either a reply or a stored result.

use shoal_resp::Args;
use shoal_store::zset::{LexRange, ScoreRange, ZSet};

use super::bounds;
use super::common::{self, pair, pairs_len, store_result};
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// ZRANGE / ZRANGESTORE: chosen by BYSCORE / BYLEX, ranks otherwise.
    Auto,
    Rank,
    Score,
    Lex,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Dir {
    /// ZRANGE / ZRANGESTORE: REV may reverse it.
    Auto,
    Forward,
    Reverse,
}

/// Runs a range command whose source key is `args[src]`, followed by min, max and options;
/// with `dst` the result is stored there instead of replied.
pub fn run(
    ctx: &mut Ctx<'_>,
    args: &Args<'_>,
    src: usize,
    dst: Option<&[u8]>,
    mut kind: Kind,
    mut dir: Dir,
) -> CmdResult {
    let store = dst.is_some();
    let mut withscores = false;
    let (mut offset, mut limit) = (0i64, -1i64);
    let mut j = src + 3;
    while j < args.len() {
        let opt = args.get(j);
        let left = args.len() - j - 1;
        if !store && is_c(opt, "WITHSCORES") {
            withscores = true;
        } else if is_c(opt, "LIMIT") && left >= 2 {
            offset = crate::args::int(args.get(j + 1))?;
            limit = crate::args::int(args.get(j + 2))?;
            j += 2;
        } else if dir == Dir::Auto && is_c(opt, "REV") {
            dir = Dir::Reverse;
        } else if kind == Kind::Auto && is_c(opt, "BYLEX") {
            kind = Kind::Lex;
        } else if kind == Kind::Auto && is_c(opt, "BYSCORE") {
            kind = Kind::Score;
        } else {
            return Err(Error::Syntax);
        }
        j += 1;
    }
    if dir == Dir::Auto {
        dir = Dir::Forward;
    }
    if kind == Kind::Auto {
        kind = Kind::Rank;
    }
    // Redis tests the LIMIT count against its default, so "LIMIT 5 -1" passes with ranks.
    if limit != -1 && kind == Kind::Rank {
        return Err(Error::Static(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
        ));
    }
    if withscores && kind == Kind::Lex {
        return Err(Error::Static(
            "ERR syntax error, WITHSCORES not supported in combination with BYLEX",
        ));
    }
    let rev = dir == Dir::Reverse;
    let (mut lo, mut hi) = (args.get(src + 1), args.get(src + 2));
    if rev && kind != Kind::Rank {
        // Reversed score and lex ranges are written max first.
        std::mem::swap(&mut lo, &mut hi);
    }
    let spec = match kind {
        Kind::Score => Spec::Score(bounds::score_range(lo, hi)?),
        Kind::Lex => Spec::Lex(bounds::lex_range(lo, hi)?),
        _ => Spec::Rank(crate::args::int(lo)?, crate::args::int(hi)?),
    };
    let range = Range {
        spec,
        rev,
        offset,
        limit,
    };

    let key = args.get(src);
    match dst {
        None => match common::read(&mut ctx.keys, key)? {
            None => ctx.out.empty_array(),
            Some(z) => reply(ctx.out, z, &range, withscores),
        },
        Some(dst) => {
            let pairs: Vec<(Vec<u8>, f64)> = match common::read(&mut ctx.keys, key)? {
                None => Vec::new(),
                Some(z) => collect(z, &range).map(|(m, s)| (m.to_vec(), s)).collect(),
            };
            store_result(ctx, dst, pairs, "zrangestore", false);
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Spec<'a> {
    Rank(i64, i64),
    Score(ScoreRange),
    Lex(LexRange<'a>),
}

struct Range<'a> {
    spec: Spec<'a>,
    rev: bool,
    offset: i64,
    limit: i64,
}

/// The selected members, in reply order.
fn collect<'z, 'a: 'z>(
    z: &'z ZSet,
    r: &Range<'a>,
) -> Box<dyn Iterator<Item = (&'z [u8], f64)> + 'z> {
    let len = z.len() as i64;
    let rev = r.rev;
    match r.spec {
        Spec::Rank(mut start, mut end) => {
            if start < 0 {
                start += len;
            }
            if end < 0 {
                end += len;
            }
            start = start.max(0);
            if start > end || start >= len {
                return Box::new(std::iter::empty());
            }
            let end = end.min(len - 1);
            Box::new(
                z.iter_from(start as usize, r.rev)
                    .take((end - start + 1) as usize),
            )
        }
        Spec::Score(sr) => {
            let ends = (z.first_in_score_range(&sr), z.last_in_score_range(&sr));
            windowed(
                z,
                r,
                ends,
                move |_, s| {
                    if rev {
                        sr.gte_min(s)
                    } else {
                        sr.lte_max(s)
                    }
                },
            )
        }
        Spec::Lex(lr) => {
            let ends = (z.first_in_lex_range(&lr), z.last_in_lex_range(&lr));
            windowed(
                z,
                r,
                ends,
                move |m, _| {
                    if rev {
                        lr.gte_min(m)
                    } else {
                        lr.lte_max(m)
                    }
                },
            )
        }
    }
}

/// Score and lex ranges: from the first (or last, reversed) member in range, skip `offset`,
/// then take up to `limit` (negative: all) while still in range.
fn windowed<'z>(
    z: &'z ZSet,
    r: &Range<'_>,
    (first, last): (Option<usize>, Option<usize>),
    inside: impl Fn(&[u8], f64) -> bool + 'z,
) -> Box<dyn Iterator<Item = (&'z [u8], f64)> + 'z> {
    let len = z.len();
    if r.offset < 0 || (r.offset > 0 && r.offset as u64 >= len as u64) {
        return Box::new(std::iter::empty());
    }
    let offset = r.offset as usize;
    let start = if r.rev {
        match last {
            Some(last) if offset <= last => len - 1 - (last - offset),
            _ => return Box::new(std::iter::empty()),
        }
    } else {
        match first {
            Some(first) => first + offset,
            None => return Box::new(std::iter::empty()),
        }
    };
    let take = if r.limit < 0 {
        usize::MAX
    } else {
        r.limit as usize
    };
    Box::new(
        z.iter_from(start, r.rev)
            .take_while(move |(m, s)| inside(m, *s))
            .take(take),
    )
}

fn reply(out: &mut shoal_resp::ReplyBuf, z: &ZSet, r: &Range<'_>, withscores: bool) {
    let d = out.begin_array();
    let mut n = 0;
    for (m, s) in collect(z, r) {
        pair(out, m, s, withscores);
        n += 1;
    }
    out.end_array(d, pairs_len(out, n, withscores));
}
