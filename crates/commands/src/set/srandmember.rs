//! SRANDMEMBER key [count]
//!
//! Random members without removing them: a positive count gives distinct members (the whole set
//! when it is not smaller than the count), a negative one allows repeats. Replies with a count
//! are arrays.

use shoal_resp::Args;

use super::{as_set, reply_member};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "srandmember",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::SET,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["nondeterministic_output"],
    group: Group::Set,
    since: "1.0.0",
    summary: "Get one or multiple random members from a set",
    complexity: "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.",
    history: &[("2.6.0", "Added the optional `count` argument.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            since: "2.6.0",
            ..Arg::new("count", ArgKind::Integer)
        },
    ],
    handler: srandmember,
    ..CommandSpec::DEFAULT
};

/// Redis streams a repeated-members reply of any length and lets the output-buffer limit kill
/// the client; we stop building it past this many bytes and close the connection instead of
/// exhausting memory.
const MAX_REPLY_BYTES: usize = 1 << 30;

fn srandmember(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    match args.len() {
        2 => {
            match ctx.keys.get(args.get(1)) {
                None => ctx.out.null(),
                Some(e) => reply_member(ctx.out, as_set(e)?.random()),
            }
            Ok(())
        }
        3 => with_count(ctx, args),
        _ => Err(Error::Syntax),
    }
}

fn with_count(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let n = crate::args::int(args.get(2))?;
    if n == i64::MIN {
        return Err(Error::Static(
            "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
        ));
    }
    let Some(e) = ctx.keys.get(args.get(1)) else {
        ctx.out.empty_array();
        return Ok(());
    };
    let set = as_set(e)?;
    let count = n.unsigned_abs();
    if count == 0 {
        ctx.out.empty_array();
        return Ok(());
    }
    if n < 0 || count == 1 {
        let start = ctx.out.buf.len();
        ctx.out.array(count as usize);
        for _ in 0..count {
            reply_member(ctx.out, set.random());
            if ctx.out.buf.len() - start > MAX_REPLY_BYTES {
                ctx.client.close_after_reply = true;
                break;
            }
        }
        return Ok(());
    }
    let picked = set.random_distinct(count.min(usize::MAX as u64) as usize);
    ctx.out.array(picked.len());
    for m in picked {
        reply_member(ctx.out, m);
    }
    Ok(())
}
