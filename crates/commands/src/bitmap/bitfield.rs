//! BITFIELD key [GET encoding offset | [OVERFLOW <WRAP | SAT | FAIL>]
//!     <SET encoding offset value | INCRBY encoding offset increment> [...]]
//! BITFIELD_RO key [GET encoding offset [GET encoding offset ...]]
//!
//! Reads and writes integers of 1..64 bits (signed `i1..i64`, unsigned `u1..u63`) at any bit
//! offset; `#N` as offset means the N-th field of that width. OVERFLOW applies to the SET and
//! INCRBY operations after it: WRAP (default), SAT (clamp) or FAIL (skip the write, reply nil).
//! Every operation is parsed before anything runs, so one bad argument runs nothing. Writes
//! grow the string with zero bytes up to the highest bit any of them touches.

use shoal_resp::Args;

use super::bits::{get_signed, get_unsigned, set_bits, signed_step, unsigned_step, Overflow};
use super::{bit_offset, edit_bits, string_of};
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const ENCODING_OFFSET: [Arg; 2] = [
    Arg::new("encoding", ArgKind::String),
    Arg::new("offset", ArgKind::Integer),
];

pub static BITFIELD: CommandSpec = CommandSpec {
    name: "bitfield",
    arity: -2,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::BITMAP,
    key_specs: &[KeySpec {
        notes: "This command allows both access and modification of the key",
        flags: KsFlags::RW
            .union(KsFlags::UPDATE)
            .union(KsFlags::ACCESS)
            .union(KsFlags::VARIABLE_FLAGS),
        ..KeySpec::single(1, KsFlags::empty())
    }],
    group: Group::Bitmap,
    since: "3.2.0",
    summary: "Performs arbitrary bitfield integer operations on strings.",
    complexity: "O(1) for each subcommand specified",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
            children: &[
                Arg {
                    token: "GET",
                    children: &ENCODING_OFFSET,
                    ..Arg::new("get-block", ArgKind::Block)
                },
                Arg {
                    children: &[
                        Arg {
                            token: "OVERFLOW",
                            flags: ArgFlags::OPTIONAL,
                            children: &[
                                Arg {
                                    token: "WRAP",
                                    ..Arg::new("wrap", ArgKind::PureToken)
                                },
                                Arg {
                                    token: "SAT",
                                    ..Arg::new("sat", ArgKind::PureToken)
                                },
                                Arg {
                                    token: "FAIL",
                                    ..Arg::new("fail", ArgKind::PureToken)
                                },
                            ],
                            ..Arg::new("overflow-block", ArgKind::Oneof)
                        },
                        Arg {
                            children: &[
                                Arg {
                                    token: "SET",
                                    children: &[
                                        Arg::new("encoding", ArgKind::String),
                                        Arg::new("offset", ArgKind::Integer),
                                        Arg::new("value", ArgKind::Integer),
                                    ],
                                    ..Arg::new("set-block", ArgKind::Block)
                                },
                                Arg {
                                    token: "INCRBY",
                                    children: &[
                                        Arg::new("encoding", ArgKind::String),
                                        Arg::new("offset", ArgKind::Integer),
                                        Arg::new("increment", ArgKind::Integer),
                                    ],
                                    ..Arg::new("incrby-block", ArgKind::Block)
                                },
                            ],
                            ..Arg::new("write-operation", ArgKind::Oneof)
                        },
                    ],
                    ..Arg::new("write", ArgKind::Block)
                },
            ],
            ..Arg::new("operation", ArgKind::Oneof)
        },
    ],
    handler: bitfield,
    ..CommandSpec::DEFAULT
};

pub static BITFIELD_RO: CommandSpec = CommandSpec {
    name: "bitfield_ro",
    arity: -2,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::BITMAP,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Bitmap,
    since: "6.0.0",
    summary: "Performs arbitrary read-only bitfield integer operations on strings.",
    complexity: "O(1) for each subcommand specified",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            token: "GET",
            flags: ArgFlags::OPTIONAL
                .union(ArgFlags::MULTIPLE)
                .union(ArgFlags::MULTIPLE_TOKEN),
            children: &ENCODING_OFFSET,
            ..Arg::new("get-block", ArgKind::Block)
        },
    ],
    handler: bitfield_ro,
    ..CommandSpec::DEFAULT
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Get,
    Set,
    Incr,
}

#[derive(Clone, Copy)]
struct FieldOp {
    kind: Kind,
    signed: bool,
    bits: u32,
    offset: u64,
    /// SET value or INCRBY increment.
    arg: i64,
    overflow: Overflow,
}

const BAD_TYPE: Error = Error::Static(
    "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but \
     i64 is.",
);

/// `i1`..`i64` or `u1`..`u63` (the sign letter is lower case only, as in Redis).
fn field_type(arg: &[u8]) -> Result<(bool, u32), Error> {
    let signed = match arg.first() {
        Some(b'i') => true,
        Some(b'u') => false,
        _ => return Err(BAD_TYPE),
    };
    match shoal_util::string2ll(&arg[1..]) {
        Some(b) if b >= 1 && b <= if signed { 64 } else { 63 } => Ok((signed, b as u32)),
        _ => Err(BAD_TYPE),
    }
}

/// Parses every operation; `any_write` says whether a SET or INCRBY is among them and
/// `highest` is the last bit a write touches.
fn parse(ctx: &Ctx<'_>, a: &Args<'_>) -> Result<(Vec<FieldOp>, Option<u64>), Error> {
    let mut ops = Vec::new();
    let mut overflow = Overflow::Wrap;
    let mut highest: Option<u64> = None;
    let mut j = 2;
    while j < a.len() {
        let sub = a.get(j);
        let left = a.len() - j - 1;
        let kind = if args::is_c(sub, "get") && left >= 2 {
            Kind::Get
        } else if args::is_c(sub, "set") && left >= 3 {
            Kind::Set
        } else if args::is_c(sub, "incrby") && left >= 3 {
            Kind::Incr
        } else if args::is_c(sub, "overflow") && left >= 1 {
            let v = a.get(j + 1);
            overflow = if args::is_c(v, "wrap") {
                Overflow::Wrap
            } else if args::is_c(v, "sat") {
                Overflow::Sat
            } else if args::is_c(v, "fail") {
                Overflow::Fail
            } else {
                return Err(Error::Static("ERR Invalid OVERFLOW type specified"));
            };
            j += 2;
            continue;
        } else {
            return Err(Error::Syntax);
        };
        let (signed, bits) = field_type(a.get(j + 1))?;
        let offset = bit_offset(ctx, a.get(j + 2), Some(bits))?;
        let mut arg = 0;
        if kind != Kind::Get {
            let last = offset + bits as u64 - 1;
            highest = Some(highest.map_or(last, |h| h.max(last)));
            arg = args::int(a.get(j + 3))?;
        }
        ops.push(FieldOp {
            kind,
            signed,
            bits,
            offset,
            arg,
            overflow,
        });
        j += if kind == Kind::Get { 3 } else { 4 };
    }
    Ok((ops, highest))
}

fn bitfield(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    run(ctx, a, false)
}

fn bitfield_ro(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    run(ctx, a, true)
}

fn get(bytes: &[u8], op: &FieldOp) -> i64 {
    if op.signed {
        get_signed(bytes, op.offset, op.bits)
    } else {
        get_unsigned(bytes, op.offset, op.bits) as i64
    }
}

fn run(ctx: &mut Ctx<'_>, a: &Args<'_>, read_only: bool) -> CmdResult {
    let key = a.get(1);
    let (ops, highest) = parse(ctx, a)?;
    let Some(highest) = highest else {
        // Only GETs: a read, and a missing key reads as zeros.
        let bytes = match ctx.keys.get(key) {
            None => &[][..],
            Some(e) => string_of(e)?,
        };
        ctx.out.array(ops.len());
        for op in &ops {
            ctx.out.int(get(bytes, op));
        }
        return Ok(());
    };
    if read_only {
        return Err(Error::Static(
            "ERR BITFIELD_RO only supports the GET subcommand",
        ));
    }
    // Replies are collected first: the string is borrowed mutably while the ops run.
    let (replies, changes) = edit_bits(ctx, key, highest, |bytes, grew| {
        let mut changes = 0;
        let replies: Vec<Option<i64>> = ops
            .iter()
            .map(|op| {
                if op.kind == Kind::Get {
                    return Some(get(bytes, op));
                }
                let (step, old, reply_old) = if op.signed {
                    let old = get_signed(bytes, op.offset, op.bits);
                    let step = match op.kind {
                        Kind::Incr => signed_step(old, op.arg, op.bits, op.overflow),
                        _ => signed_step(op.arg, 0, op.bits, op.overflow),
                    };
                    (
                        step.map(|v| v as u64).map_err(|v| v as u64),
                        old as u64,
                        old,
                    )
                } else {
                    let old = get_unsigned(bytes, op.offset, op.bits);
                    let step = match op.kind {
                        Kind::Incr => unsigned_step(old, op.arg, op.bits, op.overflow),
                        _ => unsigned_step(op.arg as u64, 0, op.bits, op.overflow),
                    };
                    (step, old, old as i64)
                };
                if step.is_err() && op.overflow == Overflow::Fail {
                    return None;
                }
                let new = step.unwrap_or_else(|v| v);
                set_bits(bytes, op.offset, op.bits, new);
                if grew || new != old {
                    changes += 1;
                }
                Some(if op.kind == Kind::Incr {
                    new as i64
                } else {
                    reply_old
                })
            })
            .collect();
        (replies, changes)
    })?;
    if changes > 0 {
        ctx.keys.changed("setbit", key);
    }
    ctx.out.array(replies.len());
    for r in replies {
        match r {
            Some(v) => ctx.out.int(v),
            None => ctx.out.null(),
        }
    }
    Ok(())
}
