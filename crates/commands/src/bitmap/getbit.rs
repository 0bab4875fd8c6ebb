//! GETBIT key offset
//!
//! The bit at `offset`; bits past the end of the string (or of a missing key) are 0.

use shoal_resp::Args;

use super::{bit_offset, string_of};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "getbit",
    arity: 3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::BITMAP,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Bitmap,
    since: "2.2.0",
    summary: "Returns a bit value by offset.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("offset", ArgKind::Integer),
    ],
    handler: getbit,
    ..CommandSpec::DEFAULT
};

fn getbit(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let offset = bit_offset(ctx, args.get(2), None)?;
    let bit = match ctx.keys.get(args.get(1)) {
        None => 0,
        Some(e) => {
            let bytes = string_of(e)?;
            bytes
                .get((offset >> 3) as usize)
                .map_or(0, |b| (b >> (7 - (offset & 7))) & 1)
        }
    };
    ctx.out.int(bit as i64);
    Ok(())
}
