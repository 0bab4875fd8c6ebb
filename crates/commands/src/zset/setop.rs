//! The engine behind ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (Redis's
//! zunionInterDiffGenericCommand): the same order of checks (numkeys, key types, then
//! options), inputs sorted by size, the SUM rule that turns inf + -inf (and 0 * inf weights)
//! into 0, and a result sorted by score then member.

use shoal_resp::Args;
use shoal_store::zset::ZSet;
use shoal_store::{Object, Value};

use super::common::{long_in, pair, pairs_header, store_result};
use super::set_input;
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Op {
    Union,
    Inter,
    Diff,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Aggregate {
    Sum,
    Min,
    Max,
}

impl Aggregate {
    fn apply(self, target: &mut f64, v: f64) {
        match self {
            Aggregate::Sum => {
                *target += v;
                if target.is_nan() {
                    *target = 0.0;
                }
            }
            // Written as Redis compares, so a NaN operand keeps the current value.
            Aggregate::Min => *target = if v < *target { v } else { *target },
            Aggregate::Max => *target = if v > *target { v } else { *target },
        }
    }
}

/// One input: a sorted set, a plain set (scores 1.0) or a missing key (empty).
#[derive(Clone, Copy)]
enum Src<'a> {
    Missing,
    Z(&'a ZSet),
    S(&'a shoal_store::set::Set),
}

impl Src<'_> {
    fn len(&self) -> usize {
        match self {
            Src::Missing => 0,
            Src::Z(z) => z.len(),
            Src::S(s) => set_input::len(s),
        }
    }

    fn score(&self, member: &[u8]) -> Option<f64> {
        match self {
            Src::Missing => None,
            Src::Z(z) => z.score(member),
            Src::S(s) => set_input::contains(s, member).then_some(1.0),
        }
    }

    /// Every member with its score; sorted sets from the highest score down, as Redis walks
    /// them (which decides the order SUM adds in).
    fn for_each(&self, mut f: impl FnMut(&[u8], f64)) {
        match self {
            Src::Missing => {}
            Src::Z(z) => z.iter_from(0, true).for_each(|(m, s)| f(m, s)),
            Src::S(s) => set_input::for_each(s, |m| f(m, 1.0)),
        }
    }
}

struct Input<'a> {
    src: Src<'a>,
    key: &'a [u8],
    weight: f64,
}

/// `name` is the command's name for the numkeys error; `dst` makes it a STORE command.
pub fn run(
    ctx: &mut Ctx<'_>,
    args: &Args<'_>,
    name: &str,
    numkeys_at: usize,
    dst: Option<&[u8]>,
    op: Op,
    cardinality_only: bool,
) -> CmdResult {
    let setnum = crate::args::int(args.get(numkeys_at))?;
    if setnum < 1 {
        return Err(Error::Owned(format!(
            "ERR at least 1 input key is needed for '{name}' command"
        )));
    }
    let first = numkeys_at + 1;
    if setnum as u64 > (args.len() - first) as u64 {
        return Err(Error::Syntax);
    }
    let setnum = setnum as usize;
    let keys: Vec<&[u8]> = (first..first + setnum).map(|i| args.get(i)).collect();
    let entries = ctx.keys.get_many(&keys);
    let mut inputs = Vec::with_capacity(setnum);
    for (e, &key) in entries.into_iter().zip(&keys) {
        let src = match e.map(|e| e.value()) {
            None => Src::Missing,
            Some(Value::Object(Object::ZSet(z))) => Src::Z(z),
            Some(Value::Object(Object::Set(s))) => Src::S(s),
            Some(_) => return Err(Error::WrongType),
        };
        inputs.push(Input {
            src,
            key,
            weight: 1.0,
        });
    }

    let mut aggregate = Aggregate::Sum;
    let mut withscores = false;
    let mut limit = 0usize;
    let mut j = first + setnum;
    while j < args.len() {
        let remaining = args.len() - j;
        let opt = args.get(j);
        if op != Op::Diff && !cardinality_only && remaining > setnum && is_c(opt, "WEIGHTS") {
            for (i, input) in inputs.iter_mut().enumerate() {
                input.weight = shoal_util::parse_f64_redis(args.get(j + 1 + i))
                    .ok_or(Error::Static("ERR weight value is not a float"))?;
            }
            j += 1 + setnum;
        } else if op != Op::Diff && !cardinality_only && remaining >= 2 && is_c(opt, "AGGREGATE") {
            aggregate = match args.get(j + 1) {
                a if is_c(a, "SUM") => Aggregate::Sum,
                a if is_c(a, "MIN") => Aggregate::Min,
                a if is_c(a, "MAX") => Aggregate::Max,
                _ => return Err(Error::Syntax),
            };
            j += 2;
        } else if dst.is_none() && !cardinality_only && is_c(opt, "WITHSCORES") {
            withscores = true;
            j += 1;
        } else if cardinality_only && remaining >= 2 && is_c(opt, "LIMIT") {
            limit = long_in(args.get(j + 1), 0, i64::MAX, "ERR LIMIT can't be negative")? as usize;
            j += 2;
        } else {
            return Err(Error::Syntax);
        }
    }

    if op != Op::Diff {
        // Stable, so equal sizes keep the command's order.
        inputs.sort_by_key(|i| i.src.len());
    }
    let result = match op {
        Op::Inter if cardinality_only => {
            ctx.out.int(inter_card(&inputs, limit) as i64);
            return Ok(());
        }
        Op::Inter => inter(&inputs, aggregate),
        Op::Union => union(&inputs, aggregate),
        Op::Diff => diff(&inputs),
    };

    match dst {
        Some(dst) => {
            let event = match op {
                Op::Union => "zunionstore",
                Op::Inter => "zinterstore",
                Op::Diff => "zdiffstore",
            };
            store_result(ctx, dst, result, event, false);
        }
        None => {
            let mut result = result;
            sort_pairs(&mut result);
            pairs_header(ctx.out, result.len(), withscores);
            for (m, s) in &result {
                pair(ctx.out, m, *s, withscores);
            }
        }
    }
    Ok(())
}

fn sort_pairs(v: &mut [(Vec<u8>, f64)]) {
    v.sort_unstable_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .expect("scores are never NaN")
            .then_with(|| a.0.cmp(&b.0))
    });
}

/// `w * s`, with Redis's rule that 0 * inf (NaN) counts as 0 for a member's first score.
fn weighted(w: f64, s: f64) -> f64 {
    let v = w * s;
    if v.is_nan() {
        0.0
    } else {
        v
    }
}

fn inter(inputs: &[Input<'_>], aggregate: Aggregate) -> Vec<(Vec<u8>, f64)> {
    let mut out = Vec::new();
    let (head, rest) = inputs.split_first().expect("at least one input");
    head.src.for_each(|m, s| {
        let mut score = weighted(head.weight, s);
        for other in rest {
            match other.src.score(m) {
                Some(v) => aggregate.apply(&mut score, v * other.weight),
                None => return,
            }
        }
        out.push((m.to_vec(), score));
    });
    out
}

fn inter_card(inputs: &[Input<'_>], limit: usize) -> usize {
    let (head, rest) = inputs.split_first().expect("at least one input");
    let mut n = 0;
    if head.src.len() == 0 {
        return 0;
    }
    let mut done = false;
    head.src.for_each(|m, _| {
        if done {
            return;
        }
        if rest.iter().all(|o| o.src.score(m).is_some()) {
            n += 1;
            if limit > 0 && n >= limit {
                done = true;
            }
        }
    });
    n
}

fn union(inputs: &[Input<'_>], aggregate: Aggregate) -> Vec<(Vec<u8>, f64)> {
    let biggest = inputs.last().map_or(0, |i| i.src.len());
    let mut acc: std::collections::HashMap<Vec<u8>, f64, ahash::RandomState> =
        std::collections::HashMap::with_capacity_and_hasher(biggest, ahash::RandomState::new());
    for input in inputs {
        input.src.for_each(|m, s| {
            let score = weighted(input.weight, s);
            match acc.get_mut(m) {
                Some(cur) => aggregate.apply(cur, score),
                None => {
                    acc.insert(m.to_vec(), score);
                }
            }
        });
    }
    acc.into_iter().collect()
}

fn diff(inputs: &[Input<'_>]) -> Vec<(Vec<u8>, f64)> {
    let (head, rest) = inputs.split_first().expect("at least one input");
    // The first key repeated later subtracts everything.
    if rest
        .iter()
        .any(|o| o.key == head.key && !matches!(head.src, Src::Missing))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    head.src.for_each(|m, s| {
        if rest.iter().all(|o| o.src.score(m).is_none()) {
            out.push((m.to_vec(), s));
        }
    });
    out
}
