//! SADD key member [member ...]
//!
//! Adds members, creating the set when the key is missing. Like Redis 7.2, the number of members
//! given picks the starting encoding (and may convert an existing compact set up front), even
//! when many of them turn out to be duplicates.

use shoal_resp::Args;
use shoal_store::set::Set;

use super::{as_set_mut, limits, store};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "sadd",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::SET,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::INSERT))],
    group: Group::Set,
    since: "1.0.0",
    summary: "Adds one or more members to a set. Creates the key if it doesn't exist.",
    complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
    history: &[("2.4.0", "Accepts multiple `member` arguments.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("member", ArgKind::String)
        },
    ],
    handler: sadd,
    ..CommandSpec::DEFAULT
};

fn sadd(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let lim = limits(ctx);
    let members: Vec<&[u8]> = (2..args.len()).map(|i| args.get(i)).collect();
    let added = match ctx.keys.get_mut(key) {
        Some(mut e) => {
            let set = as_set_mut(e.entry_mut())?;
            set.reserve_for(members.len(), lim);
            set.add_many(&members, lim)
        }
        None => {
            let mut set = Set::create(members[0], members.len(), lim);
            let added = set.add_many(&members, lim);
            store(ctx, key, set);
            added
        }
    };
    if added > 0 {
        ctx.keys.changed("sadd", key);
        ctx.keys.dirty += added as u64 - 1;
    }
    ctx.out.int(added as i64);
    Ok(())
}
