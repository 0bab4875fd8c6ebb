//! BITPOS key bit [start [end [BYTE | BIT]]]
//!
//! The position of the first bit set to `bit`. Without an explicit end, the string counts as
//! followed by zero bits, so looking for 0 in an all-ones string answers the first bit past
//! its end; with an end given, a range holding no such bit answers -1. A missing key is an
//! endless run of zeros (0 for bit 0, -1 for bit 1). As in Redis 7.2, only the bit is parsed
//! before the key is looked up: a missing key answers whatever range follows.

use shoal_resp::Args;

use super::bitcount::{unit_is_bit, UNIT};
use super::bits::{clamp_range, find_bit};
use super::string_of;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "bitpos",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::BITMAP,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Bitmap,
    since: "2.8.7",
    summary: "Finds the first set (1) or clear (0) bit in a string.",
    complexity: "O(N)",
    history: &[("7.0.0", "Added the `BYTE|BIT` option.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("bit", ArgKind::Integer),
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: &[
                Arg::new("start", ArgKind::Integer),
                Arg {
                    flags: ArgFlags::OPTIONAL,
                    children: &[Arg::new("end", ArgKind::Integer), UNIT],
                    ..Arg::new("end-unit-block", ArgKind::Block)
                },
            ],
            ..Arg::new("range", ArgKind::Block)
        },
    ],
    handler: bitpos,
    ..CommandSpec::DEFAULT
};

fn bitpos(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    let bit = match shoal_util::string2l(a.get(2)) {
        None => return Err(Error::NotInteger),
        Some(0) => false,
        Some(1) => true,
        Some(_) => return Err(Error::Static("ERR The bit argument must be 1 or 0.")),
    };
    let Some(entry) = ctx.keys.get(a.get(1)) else {
        ctx.out.int(if bit { -1 } else { 0 });
        return Ok(());
    };
    let bytes = string_of(entry)?;
    let (start, end, in_bits, end_given) = match a.len() {
        3 => (0, -1, false, false),
        4..=6 => {
            let start = args::int(a.get(3))?;
            let in_bits = a.len() == 6 && unit_is_bit(a.get(5))?;
            let end = if a.len() >= 5 {
                args::int(a.get(4))?
            } else {
                -1
            };
            (start, end, in_bits, a.len() >= 5)
        }
        _ => return Err(Error::Syntax),
    };
    let len = bytes.len() as i64;
    let total = if in_bits { len * 8 } else { len };
    let pos = match clamp_range(start, end, total) {
        None => -1,
        Some((s, e)) => {
            let (from, to) = if in_bits { (s, e) } else { (s * 8, e * 8 + 7) };
            match find_bit(bytes, bit, from, to) {
                Some(p) => p as i64,
                None if bit || end_given => -1,
                None => to as i64 + 1,
            }
        }
    };
    ctx.out.int(pos);
    Ok(())
}
