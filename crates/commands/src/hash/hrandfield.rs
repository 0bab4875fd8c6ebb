//! HRANDFIELD key [count [WITHVALUES]]
//!
//! A positive count gives distinct fields (the whole hash when count >= its size), a negative
//! one may repeat fields. With WITHVALUES, RESP2 gets a flat field/value array and RESP3 an
//! array of [field, value] pairs, as in Redis.

use shoal_resp::Args;
use shoal_store::hash::Hash;

use super::access;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hrandfield",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["nondeterministic_output"],
    group: Group::Hash,
    since: "6.2.0",
    summary: "Returns one or more random fields from a hash.",
    complexity: "O(N) where N is the number of fields returned",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: &[
                Arg::new("count", ArgKind::Integer),
                Arg {
                    token: "WITHVALUES",
                    flags: ArgFlags::OPTIONAL,
                    ..Arg::new("withvalues", ArgKind::PureToken)
                },
            ],
            ..Arg::new("options", ArgKind::Block)
        },
    ],
    handler: hrandfield,
    ..CommandSpec::DEFAULT
};

fn hrandfield(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if args.len() == 2 {
        let h = access::read(&mut ctx.keys, args.get(1))?;
        match h {
            None => ctx.out.null(),
            Some(h) => {
                let (f, _) = pick(h, fastrand::usize(..h.len()));
                ctx.out.bulk(f);
            }
        }
        return Ok(());
    }
    let count = args::int(args.get(2))?;
    if count == i64::MIN {
        return Err(Error::Static(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
        ));
    }
    let with_values = match args.len() {
        3 => false,
        4 if args::is_c(args.get(3), "WITHVALUES") => true,
        _ => return Err(Error::Syntax),
    };
    if with_values && !(-(i64::MAX / 2)..=i64::MAX / 2).contains(&count) {
        return Err(Error::Static("ERR value is out of range"));
    }
    let resp3 = ctx.out.is_resp3();
    let Some(h) = access::read(&mut ctx.keys, args.get(1))? else {
        ctx.out.empty_array();
        return Ok(());
    };
    if count == 0 {
        ctx.out.empty_array();
        return Ok(());
    }
    let out = &mut *ctx.out;
    let emit = |out: &mut shoal_resp::ReplyBuf, (f, v): (&[u8], &[u8])| {
        if with_values && resp3 {
            out.array(2);
        }
        out.bulk(f);
        if with_values {
            out.bulk(v);
        }
    };
    let header = |out: &mut shoal_resp::ReplyBuf, n: usize| {
        out.array(if with_values && !resp3 { n * 2 } else { n });
    };
    let size = h.len();
    if count < 0 || count == 1 {
        // Repeats allowed: independent picks.
        let n = count.unsigned_abs() as usize;
        header(out, n);
        if h.is_compact() {
            let all: Vec<_> = h.iter().collect();
            for _ in 0..n {
                emit(out, all[fastrand::usize(..size)]);
            }
        } else {
            for _ in 0..n {
                emit(out, pick(h, fastrand::usize(..size)));
            }
        }
        return Ok(());
    }
    let n = count as usize;
    if n >= size {
        header(out, size);
        for pair in h.iter() {
            emit(out, pair);
        }
        return Ok(());
    }
    // Distinct picks: a partial shuffle of positions. A compact hash answers in its own
    // order (like Redis's listpack sampling), a full one in random order.
    let mut idx: Vec<u32> = (0..size as u32).collect();
    for i in 0..n {
        let j = fastrand::usize(i..size);
        idx.swap(i, j);
    }
    idx.truncate(n);
    header(out, n);
    if h.is_compact() {
        idx.sort_unstable();
        let mut wanted = idx.iter().peekable();
        for (i, pair) in h.iter().enumerate() {
            if wanted.peek().is_some_and(|&&w| w as usize == i) {
                wanted.next();
                emit(out, pair);
            }
        }
    } else {
        for &i in &idx {
            emit(out, pick(h, i as usize));
        }
    }
    Ok(())
}

fn pick(h: &Hash, i: usize) -> (&[u8], &[u8]) {
    match h.table_at(i) {
        Some(pair) => pair,
        None => h.iter().nth(i).expect("index below the hash size"),
    }
}
