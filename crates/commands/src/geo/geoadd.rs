//! GEOADD key [NX | XX] [CH] longitude latitude member [longitude latitude member ...]
//!
//! As in Redis, GEOADD validates every coordinate pair, turns each into its 52-bit geohash
//! score and then adds them through ZADD's insertion (zset::zadd::insert) with the same
//! options: replies, encodings and events are ZADD's.

use shoal_resp::Args;

use shoal_store::zset::AddFlags;

use super::hash;
use super::parse::{self, kw};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};
use crate::zset::zadd;

pub static SPEC: CommandSpec = CommandSpec {
    name: "geoadd",
    arity: -5,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::GEO,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))],
    group: Group::Geo,
    since: "3.2.0",
    summary:
        "Adds one or more members to a geospatial index. The key is created if it doesn't exist.",
    complexity:
        "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
    history: &[("6.2.0", "Added the `CH`, `NX` and `XX` options.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            since: "6.2.0",
            children: &[
                Arg {
                    token: "NX",
                    ..Arg::new("nx", ArgKind::PureToken)
                },
                Arg {
                    token: "XX",
                    ..Arg::new("xx", ArgKind::PureToken)
                },
            ],
            ..Arg::new("condition", ArgKind::Oneof)
        },
        Arg {
            token: "CH",
            flags: ArgFlags::OPTIONAL,
            since: "6.2.0",
            ..Arg::new("change", ArgKind::PureToken)
        },
        Arg {
            flags: ArgFlags::MULTIPLE,
            children: &[
                Arg::new("longitude", ArgKind::Double),
                Arg::new("latitude", ArgKind::Double),
                Arg::new("member", ArgKind::String),
            ],
            ..Arg::new("data", ArgKind::Block)
        },
    ],
    handler: geoadd,
    ..CommandSpec::DEFAULT
};

fn geoadd(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let (mut nx, mut xx, mut ch) = (false, false, false);
    let mut first = 2;
    while first < args.len() {
        let opt = args.get(first);
        if kw(opt, "nx") {
            nx = true;
        } else if kw(opt, "xx") {
            xx = true;
        } else if kw(opt, "ch") {
            ch = true;
        } else {
            break;
        }
        first += 1;
    }
    let rest = args.len() - first;
    // No triple at all is ZADD's syntax error for no score-member pairs.
    if rest == 0 || !rest.is_multiple_of(3) || (nx && xx) {
        return Err(Error::Syntax);
    }
    let mut scores = smallvec::SmallVec::<[f64; 8]>::with_capacity(rest / 3);
    for i in (first..args.len()).step_by(3) {
        let (lon, lat) = parse::lon_lat(args.get(i), args.get(i + 1))?;
        let score = hash::score_of(lon, lat).expect("validated coordinates encode");
        // A 52-bit geohash: exact as a double.
        scores.push(score as f64);
    }
    let flags = AddFlags {
        nx,
        xx,
        ..AddFlags::default()
    };
    zadd::insert(ctx, args.get(1), flags, ch, &scores, |n| {
        args.get(first + n * 3 + 2)
    })
}
