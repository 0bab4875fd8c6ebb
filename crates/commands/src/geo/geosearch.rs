//! GEOSEARCH key <FROMMEMBER member | FROMLONLAT longitude latitude>
//!   <BYRADIUS radius <M | KM | FT | MI> | BYBOX width height <M | KM | FT | MI>>
//!   [ASC | DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]
//! GEOSEARCHSTORE destination source <FROMMEMBER member | FROMLONLAT longitude latitude>
//!   <BYRADIUS radius <M | KM | FT | MI> | BYBOX width height <M | KM | FT | MI>>
//!   [ASC | DESC] [COUNT count [ANY]] [STOREDIST]
//!
//! Searches by circle or box around a member or a point, run by [`super::search`].

use shoal_resp::Args;

use super::search::{run, Kind};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const FROM: Arg = Arg {
    children: &[
        Arg {
            token: "FROMMEMBER",
            ..Arg::new("member", ArgKind::String)
        },
        Arg {
            token: "FROMLONLAT",
            children: &[
                Arg::new("longitude", ArgKind::Double),
                Arg::new("latitude", ArgKind::Double),
            ],
            ..Arg::new("fromlonlat", ArgKind::Block)
        },
    ],
    ..Arg::new("from", ArgKind::Oneof)
};

const BY: Arg = Arg {
    children: &[
        Arg {
            children: &[
                Arg {
                    token: "BYRADIUS",
                    ..Arg::new("radius", ArgKind::Double)
                },
                Arg {
                    children: super::UNITS,
                    ..Arg::new("unit", ArgKind::Oneof)
                },
            ],
            ..Arg::new("circle", ArgKind::Block)
        },
        Arg {
            children: &[
                Arg {
                    token: "BYBOX",
                    ..Arg::new("width", ArgKind::Double)
                },
                Arg::new("height", ArgKind::Double),
                Arg {
                    children: super::UNITS,
                    ..Arg::new("unit", ArgKind::Oneof)
                },
            ],
            ..Arg::new("box", ArgKind::Block)
        },
    ],
    ..Arg::new("by", ArgKind::Oneof)
};

const ORDER: Arg = Arg {
    flags: ArgFlags::OPTIONAL,
    children: super::ORDER,
    ..Arg::new("order", ArgKind::Oneof)
};

const COUNT: Arg = Arg {
    flags: ArgFlags::OPTIONAL,
    children: super::COUNT_BLOCK,
    ..Arg::new("count-block", ArgKind::Block)
};

const COMPLEXITY: &str = "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape";

pub static GEOSEARCH: CommandSpec = CommandSpec {
    name: "geosearch",
    arity: -7,
    flags: Flags::READONLY,
    acl: Acl::GEO,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::Geo,
    since: "6.2.0",
    summary: "Queries a geospatial index for members inside an area of a box or a circle.",
    complexity: COMPLEXITY,
    history: &[("7.0.0", "Added support for uppercase unit names.")],
    args: &[
        Arg::new("key", ArgKind::Key),
        FROM,
        BY,
        ORDER,
        COUNT,
        Arg {
            token: "WITHCOORD",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("withcoord", ArgKind::PureToken)
        },
        Arg {
            token: "WITHDIST",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("withdist", ArgKind::PureToken)
        },
        Arg {
            token: "WITHHASH",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("withhash", ArgKind::PureToken)
        },
    ],
    handler: geosearch,
    ..CommandSpec::DEFAULT
};

pub static GEOSEARCHSTORE: CommandSpec = CommandSpec {
    name: "geosearchstore",
    arity: -8,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::GEO,
    key_specs: &[
        KeySpec::single(1, KsFlags::OW.union(KsFlags::UPDATE)),
        KeySpec::single(2, KsFlags::RO.union(KsFlags::ACCESS)),
    ],
    group: Group::Geo,
    since: "6.2.0",
    summary: "Queries a geospatial index for members inside an area of a box or a circle, optionally stores the result.",
    complexity: COMPLEXITY,
    history: &[("7.0.0", "Added support for uppercase unit names.")],
    args: &[
        Arg::new("destination", ArgKind::Key),
        Arg {
            key_spec_index: 1,
            ..Arg::new("source", ArgKind::Key)
        },
        FROM,
        BY,
        ORDER,
        COUNT,
        Arg {
            token: "STOREDIST",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("storedist", ArgKind::PureToken)
        },
    ],
    handler: geosearchstore,
    ..CommandSpec::DEFAULT
};

fn geosearch(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    run(ctx, args, Kind::Search)
}

fn geosearchstore(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    run(ctx, args, Kind::SearchStore)
}
