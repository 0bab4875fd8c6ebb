//! SETBIT key offset value
//!
//! Sets or clears one bit, growing the string with zero bytes as needed, and returns the bit's
//! previous value.

use shoal_resp::Args;

use super::{bit_offset, edit_bits};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "setbit",
    arity: 4,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::BITMAP,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
    )],
    group: Group::Bitmap,
    since: "2.2.0",
    summary: "Sets or clears the bit at offset of the string value. Creates the key if it \
              doesn't exist.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("offset", ArgKind::Integer),
        Arg::new("value", ArgKind::Integer),
    ],
    handler: setbit,
    ..CommandSpec::DEFAULT
};

fn setbit(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let offset = bit_offset(ctx, args.get(2), None)?;
    let on = match shoal_util::string2l(args.get(3)) {
        Some(v) if v & !1 == 0 => v as u8,
        _ => return Err(Error::Static("ERR bit is not an integer or out of range")),
    };
    let (byte, shift) = ((offset >> 3) as usize, 7 - (offset & 7) as u8);
    let (old, changed) = edit_bits(ctx, key, offset, |bytes, grew| {
        let old = (bytes[byte] >> shift) & 1;
        bytes[byte] = (bytes[byte] & !(1 << shift)) | (on << shift);
        (old, grew || old != on)
    })?;
    if changed {
        ctx.keys.changed("setbit", key);
    }
    ctx.out.int(old as i64);
    Ok(())
}
