//! GEOPOS key [member [member ...]]
//!
//! Each member's position as the centre of its geohash cell; a nil array for missing ones.

use shoal_resp::Args;

use super::hash;
use super::search::coords;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};
use crate::zset::common;

pub static SPEC: CommandSpec = CommandSpec {
    name: "geopos",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::GEO,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Geo,
    since: "3.2.0",
    summary: "Returns the longitude and latitude of members from a geospatial index.",
    complexity: "O(1) for each member requested.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
            ..Arg::new("member", ArgKind::String)
        },
    ],
    handler: geopos,
    ..CommandSpec::DEFAULT
};

fn geopos(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let z = common::read(&mut ctx.keys, args.get(1))?;
    ctx.out.array(args.len() - 2);
    for i in 2..args.len() {
        match z.and_then(|z| z.score(args.get(i))) {
            Some(score) => {
                let (lon, lat) = hash::decode_score(score);
                coords(ctx.out, lon, lat);
            }
            None => ctx.out.null_array(),
        }
    }
    Ok(())
}
