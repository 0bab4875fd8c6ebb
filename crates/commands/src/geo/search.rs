//! The one search engine behind GEORADIUS, GEORADIUSBYMEMBER, their _RO forms, GEOSEARCH and
//! GEOSEARCHSTORE (Redis's georadiusGeneric): option parsing in Redis's order (so the same
//! error wins), the nine-cell scan over score ranges, sorting, and the reply or the stored set.

use shoal_resp::{Args, ReplyBuf};
use shoal_store::zset::{ScoreRange, ZSet};

use std::cmp::Ordering;

use super::hash::{self, Shape, ShapeKind};
use super::parse::{self, kw};
use super::sort;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::zset::common;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Radius,
    RadiusRo,
    ByMember,
    ByMemberRo,
    Search,
    SearchStore,
}

impl Kind {
    fn is_search(self) -> bool {
        matches!(self, Kind::Search | Kind::SearchStore)
    }

    fn no_store(self) -> bool {
        matches!(self, Kind::RadiusRo | Kind::ByMemberRo)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    None,
    Asc,
    Desc,
}

/// A member found inside the shape.
struct Point {
    member: Vec<u8>,
    lon: f64,
    lat: f64,
    /// Meters until the reply converts it to the request's unit.
    dist: f64,
    score: f64,
}

#[derive(Default)]
struct Opts<'a> {
    withdist: bool,
    withhash: bool,
    withcoord: bool,
    any: bool,
    count: i64,
    store: Option<&'a [u8]>,
    storedist: bool,
}

/// C's `(long long)` of a parsed count, with Redis's texts.
fn count_arg(arg: &[u8]) -> Result<i64, Error> {
    let n = crate::args::int(arg)?;
    if n <= 0 {
        return Err(Error::Static("ERR COUNT must be > 0"));
    }
    Ok(n)
}

fn center_of(z: &ZSet, member: &[u8]) -> Result<(f64, f64), Error> {
    z.score(member)
        .map(hash::decode_score)
        .ok_or(Error::Static("ERR could not decode requested zset member"))
}

pub fn run(ctx: &mut Ctx<'_>, args: &Args<'_>, kind: Kind) -> CmdResult {
    let src = args.get(if kind == Kind::SearchStore { 2 } else { 1 });
    let z = common::read(&mut ctx.keys, src)?;
    let mut opts = Opts::default();
    let mut center: Option<(f64, f64)> = None;
    let mut size: Option<(ShapeKind, f64)> = None;
    let base = match kind {
        Kind::Radius | Kind::RadiusRo => {
            center = Some(parse::lon_lat(args.get(2), args.get(3))?);
            let (r, to_m) = parse::radius(args.get(4), args.get(5))?;
            size = Some((ShapeKind::Radius(r), to_m));
            6
        }
        Kind::ByMember | Kind::ByMemberRo => {
            // A missing key skips the centre and radius: only the options decide the reply.
            if let Some(z) = z {
                center = Some(center_of(z, args.get(2))?);
                let (r, to_m) = parse::radius(args.get(3), args.get(4))?;
                size = Some((ShapeKind::Radius(r), to_m));
            }
            5
        }
        Kind::Search => 2,
        Kind::SearchStore => {
            opts.store = Some(args.get(1));
            3
        }
    };
    let (mut frommember, mut fromloc, mut byradius, mut bybox) = (false, false, false, false);
    let mut sort = Sort::None;
    let search = kind.is_search();
    let mut i = base;
    while i < args.len() {
        let arg = args.get(i);
        let left = args.len() - i - 1;
        if kw(arg, "withdist") {
            opts.withdist = true;
        } else if kw(arg, "withhash") {
            opts.withhash = true;
        } else if kw(arg, "withcoord") {
            opts.withcoord = true;
        } else if kw(arg, "any") {
            opts.any = true;
        } else if kw(arg, "asc") {
            sort = Sort::Asc;
        } else if kw(arg, "desc") {
            sort = Sort::Desc;
        } else if kw(arg, "count") && left >= 1 {
            opts.count = count_arg(args.get(i + 1))?;
            i += 1;
        } else if (kw(arg, "store") || kw(arg, "storedist"))
            && left >= 1
            && !kind.no_store()
            && !search
        {
            opts.store = Some(args.get(i + 1));
            opts.storedist = kw(arg, "storedist");
            i += 1;
        } else if kw(arg, "storedist") && kind == Kind::SearchStore {
            opts.storedist = true;
        } else if kw(arg, "frommember") && left >= 1 && search && !fromloc {
            if let Some(z) = z {
                center = Some(center_of(z, args.get(i + 1))?);
            }
            frommember = true;
            i += 1;
        } else if kw(arg, "fromlonlat") && left >= 2 && search && !frommember {
            center = Some(parse::lon_lat(args.get(i + 1), args.get(i + 2))?);
            fromloc = true;
            i += 2;
        } else if kw(arg, "byradius") && left >= 2 && search && !bybox {
            let (r, to_m) = parse::radius(args.get(i + 1), args.get(i + 2))?;
            size = Some((ShapeKind::Radius(r), to_m));
            byradius = true;
            i += 2;
        } else if kw(arg, "bybox") && left >= 3 && search && !byradius {
            let (width, height, to_m) =
                parse::bbox(args.get(i + 1), args.get(i + 2), args.get(i + 3))?;
            size = Some((ShapeKind::Box { width, height }, to_m));
            bybox = true;
            i += 3;
        } else {
            return Err(Error::Syntax);
        }
        i += 1;
    }
    if opts.store.is_some() && (opts.withdist || opts.withhash || opts.withcoord) {
        return Err(Error::Static(if kind == Kind::SearchStore {
            "ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options"
        } else {
            "ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options"
        }));
    }
    // Redis names the command as the client spelled it here.
    let typed = || String::from_utf8_lossy(crate::errors::c_arg(args.get(0), usize::MAX));
    if search && !(frommember || fromloc) {
        return Err(Error::Owned(format!(
            "ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for {}",
            typed()
        )));
    }
    if search && !(byradius || bybox) {
        return Err(Error::Owned(format!(
            "ERR exactly one of BYRADIUS and BYBOX can be specified for {}",
            typed()
        )));
    }
    if opts.any && opts.count == 0 {
        return Err(Error::Static(
            "ERR the ANY argument requires COUNT argument",
        ));
    }
    let (Some(z), Some((lon, lat)), Some((kind_size, to_m))) = (z, center, size) else {
        // No source key.
        match opts.store {
            Some(dst) => store(ctx, dst, Vec::new(), kind),
            None => ctx.out.empty_array(),
        }
        return Ok(());
    };
    if opts.count != 0 && sort == Sort::None && !opts.any {
        sort = Sort::Asc;
    }
    let shape = Shape {
        lon,
        lat,
        to_m,
        kind: kind_size,
    };
    let limit = if opts.any { opts.count as usize } else { 0 };
    let mut found = scan(z, &shape, limit);
    if found.is_empty() && opts.store.is_none() {
        ctx.out.empty_array();
        return Ok(());
    }
    let returned = if opts.count > 0 {
        found.len().min(opts.count as usize)
    } else {
        found.len()
    };
    if sort != Sort::None {
        found = sorted(found, sort, returned);
    }
    found.truncate(returned);
    for p in &mut found {
        p.dist /= to_m;
    }
    match opts.store {
        Some(dst) => {
            // A NaN distance would need haversine's sine sum to round 2 ulps past 1; Redis
            // would abort inserting it, shoal leaves such a member out.
            let pairs = found
                .into_iter()
                .map(|p| {
                    let s = if opts.storedist { p.dist } else { p.score };
                    (p.member, s)
                })
                .filter(|(_, s)| !s.is_nan())
                .collect();
            store(ctx, dst, pairs, kind);
        }
        None => reply(ctx.out, &found, &opts),
    }
    Ok(())
}

/// Redis's comparison of two distances (sort_gp_asc): anything not greater or equal is less.
fn dist_order(a: f64, b: f64) -> Ordering {
    if a > b {
        Ordering::Greater
    } else if a == b {
        Ordering::Equal
    } else {
        Ordering::Less
    }
}

/// The points in Redis's order: a full sort when all are returned, its partial quicksort when
/// COUNT keeps the first `returned` (the two order equal distances differently).
fn sorted(found: Vec<Point>, sort: Sort, returned: usize) -> Vec<Point> {
    let dist: Vec<f64> = found.iter().map(|p| p.dist).collect();
    let asc = |a: usize, b: usize| dist_order(dist[a], dist[b]);
    let desc = |a: usize, b: usize| dist_order(dist[a], dist[b]).reverse();
    let cmp: &dyn Fn(usize, usize) -> Ordering = if sort == Sort::Desc { &desc } else { &asc };
    let mut order: Vec<usize> = (0..found.len()).collect();
    if returned == found.len() {
        sort::merge_sort(&mut order, cmp);
    } else if returned > 0 {
        sort::partial_sort(&mut order, cmp, 0, returned - 1);
    }
    let mut slots: Vec<Option<Point>> = found.into_iter().map(Some).collect();
    order
        .into_iter()
        .map(|i| slots[i].take().expect("each index once"))
        .collect()
}

/// Members inside `shape` from the nine cells, in scan order; stops at `limit` (0: none).
fn scan(z: &ZSet, shape: &Shape, limit: usize) -> Vec<Point> {
    let cells = hash::search_cells(shape);
    let mut found = Vec::new();
    let mut last: Option<usize> = None;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_zero() {
            continue;
        }
        // Huge radii make neighbours repeat; Redis skips a cell equal to the one it scanned
        // last (never comparing with the centre cell).
        if let Some(l) = last.filter(|&l| l != 0) {
            if cells[l] == *cell {
                continue;
            }
        }
        if limit != 0 && found.len() >= limit {
            break;
        }
        let min = cell.align52() as f64;
        let next = hash::Cell {
            bits: cell.bits.wrapping_add(1),
            step: cell.step,
        };
        let range = ScoreRange {
            min,
            max: next.align52() as f64,
            minex: false,
            maxex: true,
        };
        for (member, score) in z.iter_score_range(&range) {
            let (lon, lat) = hash::decode_score(score);
            if let Some(dist) = hash::within(shape, lon, lat) {
                found.push(Point {
                    member: member.to_vec(),
                    lon,
                    lat,
                    dist,
                    score,
                });
            }
            if limit != 0 && found.len() >= limit {
                break;
            }
        }
        last = Some(i);
    }
    found
}

fn human(out: &mut ReplyBuf, v: f64) {
    let s = hash::human(v);
    if out.is_resp3() {
        out.raw(b",");
        out.raw(s.as_bytes());
        out.raw(b"\r\n");
    } else {
        out.bulk(s.as_bytes());
    }
}

/// A coordinate pair as GEOPOS and WITHCOORD reply it.
pub fn coords(out: &mut ReplyBuf, lon: f64, lat: f64) {
    out.array(2);
    human(out, lon);
    human(out, lat);
}

fn reply(out: &mut ReplyBuf, found: &[Point], o: &Opts<'_>) {
    let extra = usize::from(o.withdist) + usize::from(o.withcoord) + usize::from(o.withhash);
    out.array(found.len());
    for p in found {
        if extra > 0 {
            out.array(extra + 1);
        }
        out.bulk(&p.member);
        if o.withdist {
            out.bulk(hash::distance_text(p.dist).as_bytes());
        }
        if o.withhash {
            out.int(hash::c_i64(p.score));
        }
        if o.withcoord {
            coords(out, p.lon, p.lat);
        }
    }
}

/// Writes the result set (scores are geohashes or distances) at `dst` as Redis does: an empty
/// result deletes the key.
fn store(ctx: &mut Ctx<'_>, dst: &[u8], pairs: Vec<(Vec<u8>, f64)>, kind: Kind) {
    let event = if kind.is_search() {
        "geosearchstore"
    } else {
        "georadiusstore"
    };
    common::store_result(ctx, dst, pairs, event, true);
}
