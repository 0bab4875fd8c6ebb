//! GEORADIUS key longitude latitude radius <M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH]
//!   [COUNT count [ANY]] [ASC | DESC] [STORE key | STOREDIST key]
//! GEORADIUS_RO key longitude latitude radius <M | KM | FT | MI> [WITHCOORD] [WITHDIST]
//!   [WITHHASH] [COUNT count [ANY]] [ASC | DESC]
//! GEORADIUSBYMEMBER key member radius <M | KM | FT | MI> ... (as GEORADIUS)
//! GEORADIUSBYMEMBER_RO key member radius <M | KM | FT | MI> ... (as GEORADIUS_RO)
//!
//! The deprecated radius searches, all run by [`super::search`]. The STORE forms may write a
//! second key anywhere in the keyspace; dispatch locks it (see `lock_keys`).

use shoal_resp::Args;

use super::search::{run, Kind};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{
    Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, Group, KeyPositions,
    KeySpec, KsFlags,
};

const SOURCE: KeySpec = KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS));

const fn store_spec(keyword: &'static str, startfrom: i32) -> KeySpec {
    KeySpec {
        notes: "",
        flags: KsFlags::OW.union(KsFlags::UPDATE),
        begin: BeginSearch::Keyword { keyword, startfrom },
        find: FindKeys::Range {
            lastkey: 0,
            keystep: 1,
            limit: 0,
        },
    }
}

/// The keys dispatch locks: the source and every argument after a STORE or STOREDIST word.
/// That covers both what the key specs name (COMMAND GETKEYS follows those, as Redis does)
/// and the destination the command really writes (the last such option wins), which differ
/// when an option is repeated.
fn lock_keys(args: &Args<'_>, out: &mut KeyPositions) {
    out.push(1);
    for i in 5..args.len().saturating_sub(1) {
        let a = args.get(i);
        if super::parse::kw(a, "store") || super::parse::kw(a, "storedist") {
            out.push(i + 1);
        }
    }
}

const OPTIONS: &[Arg] = &[
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
    Arg {
        flags: ArgFlags::OPTIONAL,
        children: super::COUNT_BLOCK,
        ..Arg::new("count-block", ArgKind::Block)
    },
    Arg {
        flags: ArgFlags::OPTIONAL,
        children: super::ORDER,
        ..Arg::new("order", ArgKind::Oneof)
    },
];

const STORE: Arg = Arg {
    flags: ArgFlags::OPTIONAL,
    children: &[
        Arg {
            token: "STORE",
            display: "key",
            key_spec_index: 1,
            ..Arg::new("storekey", ArgKind::Key)
        },
        Arg {
            token: "STOREDIST",
            display: "key",
            key_spec_index: 2,
            ..Arg::new("storedistkey", ArgKind::Key)
        },
    ],
    ..Arg::new("store", ArgKind::Oneof)
};

const UNIT: Arg = Arg {
    children: super::UNITS,
    ..Arg::new("unit", ArgKind::Oneof)
};

const BY_POINT_STORE: &[Arg] = &[
    Arg::new("key", ArgKind::Key),
    Arg::new("longitude", ArgKind::Double),
    Arg::new("latitude", ArgKind::Double),
    Arg::new("radius", ArgKind::Double),
    UNIT,
    OPTIONS[0],
    OPTIONS[1],
    OPTIONS[2],
    OPTIONS[3],
    OPTIONS[4],
    STORE,
];

const BY_POINT: &[Arg] = BY_POINT_STORE.split_at(10).0;

const BY_MEMBER_STORE: &[Arg] = &[
    Arg::new("key", ArgKind::Key),
    Arg::new("member", ArgKind::String),
    Arg::new("radius", ArgKind::Double),
    UNIT,
    OPTIONS[0],
    OPTIONS[1],
    OPTIONS[2],
    OPTIONS[3],
    OPTIONS[4],
    STORE,
];

const BY_MEMBER: &[Arg] = BY_MEMBER_STORE.split_at(9).0;

const BY_POINT_COMPLEXITY: &str = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.";
const BY_MEMBER_COMPLEXITY: &str = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.";

pub static GEORADIUS: CommandSpec = CommandSpec {
    name: "georadius",
    arity: -6,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::GEO,
    key_specs: &[SOURCE, store_spec("STORE", 6), store_spec("STOREDIST", 6)],
    keys_proc: Some(lock_keys),
    group: Group::Geo,
    since: "3.2.0",
    summary: "Queries a geospatial index for members within a distance from a coordinate, optionally stores the result.",
    complexity: BY_POINT_COMPLEXITY,
    history: &[
        ("6.2.0", "Added the `ANY` option for `COUNT`."),
        ("7.0.0", "Added support for uppercase unit names."),
    ],
    doc_flags: &["deprecated"],
    deprecated_since: "6.2.0",
    replaced_by: "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument",
    args: BY_POINT_STORE,
    handler: georadius,
    ..CommandSpec::DEFAULT
};

pub static GEORADIUS_RO: CommandSpec = CommandSpec {
    name: "georadius_ro",
    arity: -6,
    flags: Flags::READONLY,
    acl: Acl::GEO,
    key_specs: &[SOURCE],
    group: Group::Geo,
    since: "3.2.10",
    summary:
        "Returns members from a geospatial index that are within a distance from a coordinate.",
    complexity: BY_POINT_COMPLEXITY,
    history: &[("6.2.0", "Added the `ANY` option for `COUNT`.")],
    doc_flags: &["deprecated"],
    deprecated_since: "6.2.0",
    replaced_by: "`GEOSEARCH` with the `BYRADIUS` argument",
    args: BY_POINT,
    handler: georadius_ro,
    ..CommandSpec::DEFAULT
};

pub static GEORADIUSBYMEMBER: CommandSpec = CommandSpec {
    name: "georadiusbymember",
    arity: -5,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::GEO,
    key_specs: &[SOURCE, store_spec("STORE", 5), store_spec("STOREDIST", 5)],
    keys_proc: Some(lock_keys),
    group: Group::Geo,
    since: "3.2.0",
    summary: "Queries a geospatial index for members within a distance from a member, optionally stores the result.",
    complexity: BY_MEMBER_COMPLEXITY,
    history: &[
        ("6.2.0", "Added the `ANY` option for `COUNT`."),
        ("7.0.0", "Added support for uppercase unit names."),
    ],
    doc_flags: &["deprecated"],
    deprecated_since: "6.2.0",
    replaced_by: "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments",
    args: BY_MEMBER_STORE,
    handler: georadiusbymember,
    ..CommandSpec::DEFAULT
};

pub static GEORADIUSBYMEMBER_RO: CommandSpec = CommandSpec {
    name: "georadiusbymember_ro",
    arity: -5,
    flags: Flags::READONLY,
    acl: Acl::GEO,
    key_specs: &[SOURCE],
    group: Group::Geo,
    since: "3.2.10",
    summary: "Returns members from a geospatial index that are within a distance from a member.",
    complexity: BY_MEMBER_COMPLEXITY,
    history: &[("6.2.0", "Added the `ANY` option for `COUNT`.")],
    doc_flags: &["deprecated"],
    deprecated_since: "6.2.0",
    replaced_by: "`GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments",
    args: BY_MEMBER,
    handler: georadiusbymember_ro,
    ..CommandSpec::DEFAULT
};

fn georadius(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    run(ctx, args, Kind::Radius)
}

fn georadius_ro(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    run(ctx, args, Kind::RadiusRo)
}

fn georadiusbymember(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    run(ctx, args, Kind::ByMember)
}

fn georadiusbymember_ro(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    run(ctx, args, Kind::ByMemberRo)
}
