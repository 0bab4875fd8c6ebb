//! GEODIST key member1 member2 [M | KM | FT | MI]
//!
//! The haversine distance between two members, printed with four decimals; nil when either
//! member (or the key) is missing.

use shoal_resp::Args;

use super::hash;
use super::parse;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};
use crate::zset::common;

pub static SPEC: CommandSpec = CommandSpec {
    name: "geodist",
    arity: -4,
    flags: Flags::READONLY,
    acl: Acl::GEO,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Geo,
    since: "3.2.0",
    summary: "Returns the distance between two members of a geospatial index.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("member1", ArgKind::String),
        Arg::new("member2", ArgKind::String),
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: super::UNITS,
            ..Arg::new("unit", ArgKind::Oneof)
        },
    ],
    handler: geodist,
    ..CommandSpec::DEFAULT
};

fn geodist(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let to_m = match args.len() {
        5 => parse::unit(args.get(4))?,
        n if n > 5 => return Err(Error::Syntax),
        _ => 1.0,
    };
    let Some(z) = common::read(&mut ctx.keys, args.get(1))? else {
        ctx.out.null();
        return Ok(());
    };
    match (z.score(args.get(2)), z.score(args.get(3))) {
        (Some(a), Some(b)) => {
            let (lon1, lat1) = hash::decode_score(a);
            let (lon2, lat2) = hash::decode_score(b);
            let d = hash::distance(lon1, lat1, lon2, lat2) / to_m;
            ctx.out.bulk(hash::distance_text(d).as_bytes());
        }
        _ => ctx.out.null(),
    }
    Ok(())
}
