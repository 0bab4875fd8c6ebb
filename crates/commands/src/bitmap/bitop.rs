//! BITOP <AND | OR | XOR | NOT> destkey key [key ...]
//!
//! Combines the source strings byte by byte (shorter ones read as zero-padded, missing keys as
//! empty) into `destkey` as a raw string as long as the longest source, and returns that
//! length; an all-empty result deletes `destkey`. NOT takes exactly one source.

use shoal_resp::Args;
use shoal_store::{NewValue, StrEncoding};

use super::string_of;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "bitop",
    arity: -4,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::BITMAP,
    key_specs: &[
        KeySpec::single(2, KsFlags::OW.union(KsFlags::UPDATE)),
        KeySpec::rest(3, 1, KsFlags::RO.union(KsFlags::ACCESS)),
    ],
    group: Group::Bitmap,
    since: "2.6.0",
    summary: "Performs bitwise operations on multiple strings, and stores the result.",
    complexity: "O(N)",
    args: &[
        Arg {
            children: &[
                Arg {
                    token: "AND",
                    ..Arg::new("and", ArgKind::PureToken)
                },
                Arg {
                    token: "OR",
                    ..Arg::new("or", ArgKind::PureToken)
                },
                Arg {
                    token: "XOR",
                    ..Arg::new("xor", ArgKind::PureToken)
                },
                Arg {
                    token: "NOT",
                    ..Arg::new("not", ArgKind::PureToken)
                },
            ],
            ..Arg::new("operation", ArgKind::Oneof)
        },
        Arg {
            key_spec_index: 0,
            ..Arg::new("destkey", ArgKind::Key)
        },
        Arg {
            key_spec_index: 1,
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("key", ArgKind::Key)
        },
    ],
    handler: bitop,
    ..CommandSpec::DEFAULT
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    And,
    Or,
    Xor,
    Not,
}

fn bitop(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    let name = a.get(1);
    let op = if args::is_c(name, "and") {
        Op::And
    } else if args::is_c(name, "or") {
        Op::Or
    } else if args::is_c(name, "xor") {
        Op::Xor
    } else if args::is_c(name, "not") {
        Op::Not
    } else {
        return Err(Error::Syntax);
    };
    if op == Op::Not && a.len() != 4 {
        return Err(Error::Static(
            "ERR BITOP NOT must be called with a single source key.",
        ));
    }
    let dest = a.get(2);
    let mut result: Vec<u8> = Vec::new();
    for j in 3..a.len() {
        let src = match ctx.keys.get(a.get(j)) {
            None => &[][..],
            Some(e) => string_of(e)?,
        };
        if j == 3 {
            result.extend_from_slice(src);
            if op == Op::Not {
                result.iter_mut().for_each(|b| *b = !*b);
            }
            continue;
        }
        if result.len() < src.len() {
            result.resize(src.len(), 0);
        }
        let (head, tail) = result.split_at_mut(src.len());
        match op {
            Op::And => {
                head.iter_mut().zip(src).for_each(|(r, s)| *r &= s);
                tail.fill(0);
            }
            Op::Or => head.iter_mut().zip(src).for_each(|(r, s)| *r |= s),
            Op::Xor => head.iter_mut().zip(src).for_each(|(r, s)| *r ^= s),
            Op::Not => unreachable!("NOT has a single source"),
        }
    }
    if result.is_empty() {
        if ctx.keys.remove(dest).is_some() {
            ctx.keys.changed("del", dest);
        }
    } else {
        ctx.keys
            .set(dest, NewValue::Str(&result, StrEncoding::Raw), None);
        ctx.keys.changed("set", dest);
    }
    ctx.out.int(result.len() as i64);
    Ok(())
}
