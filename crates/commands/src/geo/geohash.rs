//! GEOHASH key [member [member ...]]
//!
//! Each member's standard 11-character geohash: Redis decodes its own score (latitude limited
//! to ±85.05°) and re-encodes over -90..90, the last character always '0'.

use shoal_resp::Args;

use super::hash;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};
use crate::zset::common;

pub static SPEC: CommandSpec = CommandSpec {
    name: "geohash",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::GEO,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Geo,
    since: "3.2.0",
    summary: "Returns members from a geospatial index as geohash strings.",
    complexity: "O(1) for each member requested.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
            ..Arg::new("member", ArgKind::String)
        },
    ],
    handler: geohash,
    ..CommandSpec::DEFAULT
};

fn geohash(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let z = common::read(&mut ctx.keys, args.get(1))?;
    ctx.out.array(args.len() - 2);
    for i in 2..args.len() {
        match z.and_then(|z| z.score(args.get(i))) {
            Some(score) => ctx.out.bulk(&hash::geohash_string(score)),
            None => ctx.out.null(),
        }
    }
    Ok(())
}
