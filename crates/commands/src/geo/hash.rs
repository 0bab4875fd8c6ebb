//! Geohash math as Redis does it: 52-bit interleaved scores (26 bits per coordinate, latitude
//! limited to the Web Mercator range), cell decoding, neighbour cells, the search-step estimate
//! and haversine distances, plus the number formats geo replies use.
//!
//! Every computation keeps Redis's operation order and its C conversions (double to unsigned
//! truncation, 32-bit wrap-around), because replies print decoded coordinates to 17 decimals
//! and which members a search finds depends on the exact cell boundaries.

pub const LON_MIN: f64 = -180.0;
pub const LON_MAX: f64 = 180.0;
pub const LAT_MIN: f64 = -85.05112878;
pub const LAT_MAX: f64 = 85.05112878;
/// Bits per coordinate in a stored score.
pub const STEP_MAX: u8 = 26;

const EARTH_RADIUS_M: f64 = 6372797.560856;
const MERCATOR_MAX: f64 = 20037726.37;
const D_R: f64 = std::f64::consts::PI / 180.0;

fn deg_rad(d: f64) -> f64 {
    d * D_R
}

fn rad_deg(r: f64) -> f64 {
    r / D_R
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

pub const LON_RANGE: Range = Range {
    min: LON_MIN,
    max: LON_MAX,
};
pub const LAT_RANGE: Range = Range {
    min: LAT_MIN,
    max: LAT_MAX,
};

/// A cell: `step` bits per coordinate, interleaved (latitude in the even bits). A zero step
/// marks a neighbour dropped from a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Cell {
    pub bits: u64,
    pub step: u8,
}

impl Cell {
    pub fn is_zero(&self) -> bool {
        self.bits == 0 && self.step == 0
    }

    /// The cell's bits shifted to the 52-bit score scale.
    pub fn align52(&self) -> u64 {
        self.bits << (52 - u32::from(self.step) * 2)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Area {
    pub lon: (f64, f64),
    pub lat: (f64, f64),
}

/// Spreads the low 32 bits of `v` over the even bit positions.
fn spread(v: u32) -> u64 {
    let mut x = u64::from(v);
    x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF;
    x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF;
    x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | (x << 2)) & 0x3333_3333_3333_3333;
    (x | (x << 1)) & 0x5555_5555_5555_5555
}

/// Gathers the even bit positions of `v` into a 32-bit value.
fn squash(v: u64) -> u32 {
    let mut x = v & 0x5555_5555_5555_5555;
    x = (x | (x >> 1)) & 0x3333_3333_3333_3333;
    x = (x | (x >> 2)) & 0x0F0F_0F0F_0F0F_0F0F;
    x = (x | (x >> 4)) & 0x00FF_00FF_00FF_00FF;
    x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFF;
    x = (x | (x >> 16)) & 0x0000_0000_FFFF_FFFF;
    x as u32
}

/// The cell of `step` bits holding (lon, lat) within the given ranges; None outside them or
/// outside the valid geo coordinates.
pub fn encode(lon_r: Range, lat_r: Range, lon: f64, lat: f64, step: u8) -> Option<Cell> {
    if step == 0 || step > 32 {
        return None;
    }
    if !(LON_MIN..=LON_MAX).contains(&lon) || !(LAT_MIN..=LAT_MAX).contains(&lat) {
        return None;
    }
    if lat < lat_r.min || lat > lat_r.max || lon < lon_r.min || lon > lon_r.max {
        return None;
    }
    let scale = (1u64 << step) as f64;
    let lat_off = (lat - lat_r.min) / (lat_r.max - lat_r.min) * scale;
    let lon_off = (lon - lon_r.min) / (lon_r.max - lon_r.min) * scale;
    // Offsets are within [0, 2^step]: the C conversion to uint32_t truncates like `as`.
    let bits = spread(lat_off as u32) | (spread(lon_off as u32) << 1);
    Some(Cell { bits, step })
}

/// The stored score of a valid coordinate pair.
pub fn score_of(lon: f64, lat: f64) -> Option<u64> {
    encode(LON_RANGE, LAT_RANGE, lon, lat, STEP_MAX).map(|c| c.align52())
}

/// The area a cell covers.
pub fn decode(lon_r: Range, lat_r: Range, cell: Cell) -> Area {
    let lat_i = squash(cell.bits);
    let lon_i = squash(cell.bits >> 1);
    let div = (1u64 << cell.step) as f64;
    let lat_scale = lat_r.max - lat_r.min;
    let lon_scale = lon_r.max - lon_r.min;
    // `i + 1` is 32-bit arithmetic in Redis: it wraps for scores that were never geohashes.
    let edge = |min: f64, i: u32, scale: f64| min + (f64::from(i) / div) * scale;
    Area {
        lat: (
            edge(lat_r.min, lat_i, lat_scale),
            edge(lat_r.min, lat_i.wrapping_add(1), lat_scale),
        ),
        lon: (
            edge(lon_r.min, lon_i, lon_scale),
            edge(lon_r.min, lon_i.wrapping_add(1), lon_scale),
        ),
    }
}

/// C's `(uint64_t)` of a double as x86-64 compilers emit it: truncation, with out-of-range
/// values giving what the conversion instructions give (scores set by ZADD can be anything).
pub fn c_u64(x: f64) -> u64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if x < TWO63 {
        c_i64(x) as u64
    } else {
        (c_i64(x - TWO63) as u64) ^ (1 << 63)
    }
}

/// C's `(long long)` of a double on x86-64: out of range and NaN give i64::MIN.
pub fn c_i64(x: f64) -> i64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO63..TWO63).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

/// The (lon, lat) centre of the cell a stored score names, clamped to the valid ranges.
pub fn decode_score(score: f64) -> (f64, f64) {
    let cell = Cell {
        bits: c_u64(score),
        step: STEP_MAX,
    };
    let a = decode(LON_RANGE, LAT_RANGE, cell);
    let lon = ((a.lon.0 + a.lon.1) / 2.0).clamp(LON_MIN, LON_MAX);
    let lat = ((a.lat.0 + a.lat.1) / 2.0).clamp(LAT_MIN, LAT_MAX);
    (lon, lat)
}

const ODD: u64 = 0xAAAA_AAAA_AAAA_AAAA;
const EVEN: u64 = 0x5555_5555_5555_5555;

/// Moves a cell one step east (+1) or west (-1), wrapping around.
fn move_lon(c: &mut Cell, d: i8) {
    move_bits(c, d, ODD, EVEN);
}

/// Moves a cell one step north (+1) or south (-1), wrapping around.
fn move_lat(c: &mut Cell, d: i8) {
    move_bits(c, d, EVEN, ODD);
}

/// Adds ±1 to the coordinate held in the `mine` bit positions: filling the other positions
/// with ones lets the carry run through them.
fn move_bits(c: &mut Cell, d: i8, mine: u64, other: u64) {
    if d == 0 {
        return;
    }
    let shift = 64 - u32::from(c.step) * 2;
    let mut v = c.bits & mine;
    let keep = c.bits & other;
    let fill = other >> shift;
    if d > 0 {
        v = v.wrapping_add(fill + 1);
    } else {
        v |= fill;
        v = v.wrapping_sub(fill + 1);
    }
    v &= mine >> shift;
    c.bits = v | keep;
}

/// The eight neighbours of a cell, in Redis's search order after the cell itself: north, south,
/// east, west, north-east, north-west, south-east, south-west.
pub fn neighbours(c: Cell) -> [Cell; 8] {
    let at = |dlon: i8, dlat: i8| {
        let mut n = c;
        move_lon(&mut n, dlon);
        move_lat(&mut n, dlat);
        n
    };
    [
        at(0, 1),
        at(0, -1),
        at(1, 0),
        at(-1, 0),
        at(1, 1),
        at(-1, 1),
        at(1, -1),
        at(-1, -1),
    ]
}

/// A search area: a circle or an axis-aligned box around a centre, sizes in the request's unit
/// (`to_m` converts to meters).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shape {
    pub lon: f64,
    pub lat: f64,
    pub to_m: f64,
    pub kind: ShapeKind,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ShapeKind {
    Radius(f64),
    Box { width: f64, height: f64 },
}

/// Bits per coordinate for cells about as large as the search radius.
pub fn estimate_step(mut range_m: f64, lat: f64) -> u8 {
    if range_m == 0.0 {
        return 26;
    }
    let mut step: i32 = 1;
    while range_m < MERCATOR_MAX {
        range_m *= 2.0;
        step += 1;
    }
    step -= 2;
    if !(-66.0..=66.0).contains(&lat) {
        step -= 1;
        if !(-80.0..=80.0).contains(&lat) {
            step -= 1;
        }
    }
    step.clamp(1, 26) as u8
}

/// The shape's bounding box: (min lon, min lat, max lon, max lat). Meridians converge towards
/// the pole, so the box is widest on the side nearer the equator.
fn bounding_box(s: &Shape) -> [f64; 4] {
    let (half_w, half_h) = match s.kind {
        ShapeKind::Radius(r) => (s.to_m * r, s.to_m * r),
        ShapeKind::Box { width, height } => (s.to_m * (width / 2.0), s.to_m * (height / 2.0)),
    };
    let lat_delta = rad_deg(half_h / EARTH_RADIUS_M);
    let lon_delta_top = rad_deg(half_w / EARTH_RADIUS_M / deg_rad(s.lat + lat_delta).cos());
    let lon_delta_bottom = rad_deg(half_w / EARTH_RADIUS_M / deg_rad(s.lat - lat_delta).cos());
    let lon_delta = if s.lat < 0.0 {
        lon_delta_bottom
    } else {
        lon_delta_top
    };
    [
        s.lon - lon_delta,
        s.lat - lat_delta,
        s.lon + lon_delta,
        s.lat + lat_delta,
    ]
}

/// The nine cells to scan for `s`, centre first; dropped neighbours are zero cells.
pub fn search_cells(s: &Shape) -> [Cell; 9] {
    let [min_lon, min_lat, max_lon, max_lat] = bounding_box(s);
    let radius_m = s.to_m
        * match s.kind {
            ShapeKind::Radius(r) => r,
            ShapeKind::Box { width, height } => {
                ((width / 2.0) * (width / 2.0) + (height / 2.0) * (height / 2.0)).sqrt()
            }
        };
    let mut step = estimate_step(radius_m, s.lat);
    let centre = |step| {
        let c = encode(LON_RANGE, LAT_RANGE, s.lon, s.lat, step).unwrap_or_default();
        (c, neighbours(c), decode(LON_RANGE, LAT_RANGE, c))
    };
    let (mut cell, mut around, mut area) = centre(step);
    // Cells too small to reach the box's edges: one step coarser.
    let [n, s_, e, w] =
        [around[0], around[1], around[2], around[3]].map(|c| decode(LON_RANGE, LAT_RANGE, c));
    let too_small =
        n.lat.1 < max_lat || s_.lat.0 > min_lat || e.lon.1 < max_lon || w.lon.0 > min_lon;
    if step > 1 && too_small {
        step -= 1;
        (cell, around, area) = centre(step);
    }
    if step >= 2 {
        // Neighbours on a side the centre cell already covers past the box are useless.
        let [north, south, east, west, ne, nw, se, sw] = [0, 1, 2, 3, 4, 5, 6, 7];
        let mut drop = |idx: &[usize]| idx.iter().for_each(|&i| around[i] = Cell::default());
        if area.lat.0 < min_lat {
            drop(&[south, sw, se]);
        }
        if area.lat.1 > max_lat {
            drop(&[north, ne, nw]);
        }
        if area.lon.0 < min_lon {
            drop(&[west, sw, nw]);
        }
        if area.lon.1 > max_lon {
            drop(&[east, se, ne]);
        }
    }
    let mut out = [cell; 9];
    out[1..].copy_from_slice(&around);
    out
}

/// Distance in meters along the meridian between two latitudes.
fn lat_distance(lat1: f64, lat2: f64) -> f64 {
    EARTH_RADIUS_M * (deg_rad(lat2) - deg_rad(lat1)).abs()
}

/// Haversine distance in meters; when the longitudes match, the arc along the meridian
/// (R * |Δlat|), as Redis does since 7.0.6 (earlier versions always used haversine, which can
/// differ in the last bit).
pub fn distance(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    let lon1r = deg_rad(lon1);
    let lon2r = deg_rad(lon2);
    let v = ((lon2r - lon1r) / 2.0).sin();
    if v == 0.0 {
        return lat_distance(lat1, lat2);
    }
    let lat1r = deg_rad(lat1);
    let lat2r = deg_rad(lat2);
    let u = ((lat2r - lat1r) / 2.0).sin();
    let a = u * u + lat1r.cos() * lat2r.cos() * v * v;
    2.0 * EARTH_RADIUS_M * a.sqrt().asin()
}

/// The distance in meters from the shape's centre to (lon, lat) when the point is inside.
pub fn within(s: &Shape, lon: f64, lat: f64) -> Option<f64> {
    match s.kind {
        ShapeKind::Radius(r) => {
            let d = distance(s.lon, s.lat, lon, lat);
            (d <= r * s.to_m || d.is_nan()).then_some(d)
        }
        ShapeKind::Box { width, height } => {
            let (w, h) = (width * s.to_m, height * s.to_m);
            if lat_distance(lat, s.lat) > h / 2.0 {
                return None;
            }
            if distance(lon, lat, s.lon, lat) > w / 2.0 {
                return None;
            }
            Some(distance(s.lon, s.lat, lon, lat))
        }
    }
}

/// The 11-character standard geohash (latitude over -90..90) of a stored score.
pub fn geohash_string(score: f64) -> [u8; 11] {
    const ALPHABET: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
    let (lon, lat) = decode_score(score);
    let std_lat = Range {
        min: -90.0,
        max: 90.0,
    };
    let bits = encode(LON_RANGE, std_lat, lon, lat, STEP_MAX).map_or(0, |c| c.bits);
    let mut out = [b'0'; 11];
    for (i, ch) in out.iter_mut().enumerate().take(10) {
        let idx = (bits >> (52 - (i + 1) * 5)) & 0x1f;
        *ch = ALPHABET[idx as usize];
    }
    out
}

/// A coordinate as Redis's human long-double form prints it: `%.17Lf` of the (exactly
/// widened) double, trailing zeros and dot dropped, "-0" as "0".
pub fn human(v: f64) -> String {
    let mut s = format!("{v:.17}");
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// A distance as Redis (7.0.6 and later) prints it: its fixed-point formatter, which rounds
/// `d * 10000` to the nearest integer (ties to even, llrint) rather than rounding the exact
/// decimal value as `%.4f` would; the two differ when the product rounds across a half.
pub fn distance_text(d: f64) -> String {
    if d == 0.0 {
        return "0.0000".into();
    }
    let scaled = d * 10000.0;
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    // llrint of NaN or out-of-range values gives LLONG_MIN on x86-64.
    let v = if (-TWO63..TWO63).contains(&scaled) {
        scaled.round_ties_even() as i64
    } else {
        i64::MIN
    };
    let sign = if v < 0 { "-" } else { "" };
    let u = v.unsigned_abs();
    format!("{sign}{}.{:04}", u / 10000, u % 10000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_print_like_redis_fixed_point() {
        assert_eq!(distance_text(0.0), "0.0000");
        assert_eq!(distance_text(-0.0), "0.0000");
        assert_eq!(distance_text(0.0001), "0.0001");
        assert_eq!(distance_text(166274.15156960032), "166274.1516");
        assert_eq!(distance_text(0.00005), "0.0000");
        assert_eq!(distance_text(0.00015), "0.0001");
        // The exact value of 58436.16825 is just above the half (so "%.4f" gives ...683), but
        // the product rounds to 584361682.5, a tie llrint takes to even.
        assert_eq!(format!("{:.4}", 58436.16825), "58436.1683");
        assert_eq!(distance_text(58436.16825), "58436.1682");
        assert_eq!(distance_text(f64::NAN), "-922337203685477.5808");
    }

    #[test]
    fn scores_and_cells() {
        assert_eq!(score_of(13.361389, 38.115556), Some(3479099956230698));
        assert_eq!(score_of(-180.0, -85.05112878), Some(0));
        assert_eq!(score_of(180.0, 85.05112878), Some(3 << 52));
        assert_eq!(score_of(180.0000001, 0.0), None);
        assert_eq!(human(13.361389338970184), "13.36138933897018433");
        assert_eq!(human(-0.0), "0");
        assert_eq!(human(180.0), "180");
        assert_eq!(&geohash_string(3479099956230698.0), b"sqc8b49rny0");
        assert_eq!(c_u64(-5.0), u64::MAX - 4);
        assert_eq!(c_u64(f64::INFINITY), 0);
        assert_eq!(c_i64(f64::NAN), i64::MIN);
    }

    #[test]
    fn neighbours_wrap_around() {
        let c = encode(LON_RANGE, LAT_RANGE, 179.99, 0.0, 3).unwrap();
        let east = neighbours(c)[2];
        let a = decode(LON_RANGE, LAT_RANGE, east);
        assert_eq!(a.lon, (-180.0, -135.0));
        assert_eq!(estimate_step(0.0, 0.0), 26);
        assert_eq!(estimate_step(1000.0, 0.0), 14);
        assert_eq!(estimate_step(1000.0, 70.0), 13);
        assert_eq!(estimate_step(1000.0, -85.0), 12);
        assert_eq!(estimate_step(1e9, 0.0), 1);
    }
}
