//! BITCOUNT key [start end [BYTE | BIT]]
//!
//! Counts the set bits of the string, or of a range of it in bytes (default) or bits, with
//! negative indexes counting from the end. As in Redis 7.2, the key is looked up before the
//! range is parsed, so a missing key answers 0 whatever follows it (Redis 7.4 swapped the
//! order).

use shoal_resp::Args;

use super::bits::{clamp_range, count_ones};
use super::string_of;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub(super) const UNIT: Arg = Arg {
    flags: ArgFlags::OPTIONAL,
    since: "7.0.0",
    children: &[
        Arg {
            token: "BYTE",
            ..Arg::new("byte", ArgKind::PureToken)
        },
        Arg {
            token: "BIT",
            ..Arg::new("bit", ArgKind::PureToken)
        },
    ],
    ..Arg::new("unit", ArgKind::Oneof)
};

pub static SPEC: CommandSpec = CommandSpec {
    name: "bitcount",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::BITMAP,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Bitmap,
    since: "2.6.0",
    summary: "Counts the number of set bits (population counting) in a string.",
    complexity: "O(N)",
    history: &[("7.0.0", "Added the `BYTE|BIT` option.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: &[
                Arg::new("start", ArgKind::Integer),
                Arg::new("end", ArgKind::Integer),
                UNIT,
            ],
            ..Arg::new("range", ArgKind::Block)
        },
    ],
    handler: bitcount,
    ..CommandSpec::DEFAULT
};

/// BYTE or BIT: true for BIT.
pub(super) fn unit_is_bit(arg: &[u8]) -> Result<bool, Error> {
    if args::is_c(arg, "bit") {
        Ok(true)
    } else if args::is_c(arg, "byte") {
        Ok(false)
    } else {
        Err(Error::Syntax)
    }
}

fn bitcount(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    let Some(entry) = ctx.keys.get(a.get(1)) else {
        ctx.out.int(0);
        return Ok(());
    };
    let bytes = string_of(entry)?;
    let (start, end, in_bits) = match a.len() {
        2 => (0, -1, false),
        4 | 5 => {
            let start = args::int(a.get(2))?;
            let end = args::int(a.get(3))?;
            // An empty negative range answers before the unit is looked at, as in Redis.
            if start < 0 && end < 0 && start > end {
                ctx.out.int(0);
                return Ok(());
            }
            let in_bits = a.len() == 5 && unit_is_bit(a.get(4))?;
            (start, end, in_bits)
        }
        _ => return Err(Error::Syntax),
    };
    let len = bytes.len() as i64;
    let total = if in_bits { len * 8 } else { len };
    let n = match clamp_range(start, end, total) {
        None => 0,
        Some((s, e)) if in_bits => count_ones(bytes, s, e),
        Some((s, e)) => count_ones(bytes, s * 8, e * 8 + 7),
    };
    ctx.out.int(n as i64);
    Ok(())
}
