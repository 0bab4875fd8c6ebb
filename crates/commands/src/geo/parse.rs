//! Argument parsing shared by the geo commands, with Redis's texts for each bad argument.
//!
//! Keywords and units are compared as C strings (Redis uses strcasecmp on the argument), so
//! anything after a NUL byte is ignored there; numbers still see the whole argument.

use crate::args::float;
use crate::errors::Error;

use super::hash::{LAT_MAX, LAT_MIN, LON_MAX, LON_MIN};

pub use crate::args::is_c as kw;

/// A valid longitude,latitude pair.
pub fn lon_lat(lon: &[u8], lat: &[u8]) -> Result<(f64, f64), Error> {
    let (x, y) = (float(lon)?, float(lat)?);
    if !(LON_MIN..=LON_MAX).contains(&x) || !(LAT_MIN..=LAT_MAX).contains(&y) {
        return Err(Error::Owned(format!(
            "ERR invalid longitude,latitude pair {x:.6},{y:.6}"
        )));
    }
    Ok((x, y))
}

/// Meters per unit.
pub fn unit(arg: &[u8]) -> Result<f64, Error> {
    [("m", 1.0), ("km", 1000.0), ("ft", 0.3048), ("mi", 1609.34)]
        .iter()
        .find(|(name, _)| kw(arg, name))
        .map(|(_, m)| *m)
        .ok_or(Error::Static(
            "ERR unsupported unit provided. please use M, KM, FT, MI",
        ))
}

fn number(arg: &[u8], msg: &'static str) -> Result<f64, Error> {
    float(arg).map_err(|_| Error::Static(msg))
}

/// `radius unit`: (radius, meters per unit).
pub fn radius(r: &[u8], u: &[u8]) -> Result<(f64, f64), Error> {
    let r = number(r, "ERR need numeric radius")?;
    if r < 0.0 {
        return Err(Error::Static("ERR radius cannot be negative"));
    }
    Ok((r, unit(u)?))
}

/// `width height unit`: (width, height, meters per unit).
pub fn bbox(w: &[u8], h: &[u8], u: &[u8]) -> Result<(f64, f64, f64), Error> {
    let w = number(w, "ERR need numeric width")?;
    let h = number(h, "ERR need numeric height")?;
    if h < 0.0 || w < 0.0 {
        return Err(Error::Static("ERR height or width cannot be negative"));
    }
    Ok((w, h, unit(u)?))
}
