//! The options SET and GETEX share (NX/XX/GET, EX/PX/EXAT/PXAT/KEEPTTL/PERSIST), parsed with
//! Redis's rules: which options exclude which, and the exact errors for bad times. Valkey's
//! HSETEX and HGETEX take the same options (plus FNX/FXX) by the same rules; only their time
//! check differs (hash::access::option_time).
//!
//! Parsing and validating the time are separate steps because Redis does them at different
//! moments: SET validates the time before touching the key, GETEX only once it has found a
//! string there (`GETEX missing EX abc` replies nil, not an error).

use std::ops::Range;

use shoal_resp::Args;

use crate::args::is_c;
use crate::errors::Error;

/// The command whose options are parsed: it decides which words are accepted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Which {
    Set,
    GetEx,
    HSetEx,
    HGetEx,
}

impl Which {
    fn sets(self) -> bool {
        matches!(self, Which::Set | Which::HSetEx)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Unit {
    Ex,
    Px,
    ExAt,
    PxAt,
}

impl Unit {
    fn from_keyword(opt: &[u8]) -> Option<Unit> {
        let is = |k: &str| is_c(opt, k);
        if is("EX") {
            Some(Unit::Ex)
        } else if is("PX") {
            Some(Unit::Px)
        } else if is("EXAT") {
            Some(Unit::ExAt)
        } else if is("PXAT") {
            Some(Unit::PxAt)
        } else {
            None
        }
    }

    /// EXAT/PXAT name a moment; EX/PX a duration from now.
    pub fn is_absolute(self) -> bool {
        matches!(self, Unit::ExAt | Unit::PxAt)
    }

    pub fn in_seconds(self) -> bool {
        matches!(self, Unit::Ex | Unit::ExAt)
    }
}

/// An expire option as given on the command line, not validated yet.
#[derive(Clone, Copy, Debug)]
pub struct Expire<'a> {
    pub unit: Unit,
    pub raw: &'a [u8],
}

impl Expire<'_> {
    /// The absolute expire time in ms, or the error Redis gives for this time.
    pub fn resolve(&self, cmd: &'static str, now: u64) -> Result<u64, Error> {
        resolve(self.unit, self.raw, cmd, now)
    }
}

#[derive(Default, Debug, Clone, Copy)]
pub struct Opts<'a> {
    pub nx: bool,
    pub xx: bool,
    /// HSETEX's FNX/FXX: all fields must be new / must exist.
    pub fnx: bool,
    pub fxx: bool,
    pub get: bool,
    pub keepttl: bool,
    pub persist: bool,
    pub expire: Option<Expire<'a>>,
}

/// Parses the options in `args[range]`. Repeating an option is allowed (the last time given
/// wins), combining exclusive ones is a syntax error, as in Redis and Valkey. Words match up to
/// a NUL byte, as their strcasecmp-style tests see them.
pub fn parse<'a>(args: &Args<'a>, range: Range<usize>, which: Which) -> Result<Opts<'a>, Error> {
    let mut o = Opts::default();
    let sets = which.sets();
    let persists = !sets;
    let mut j = range.start;
    while j < range.end {
        let opt = args.get(j);
        let is = |k: &str| is_c(opt, k);
        if sets && is("NX") && !o.xx {
            o.nx = true;
        } else if sets && is("XX") && !o.nx {
            o.xx = true;
        } else if which == Which::HSetEx && is("FNX") && !o.fxx {
            o.fnx = true;
        } else if which == Which::HSetEx && is("FXX") && !o.fnx {
            o.fxx = true;
        } else if which == Which::Set && is("GET") {
            o.get = true;
        } else if sets && is("KEEPTTL") && o.expire.is_none() {
            o.keepttl = true;
        } else if persists && is("PERSIST") && o.expire.is_none() {
            o.persist = true;
        } else if let Some(unit) = Unit::from_keyword(opt) {
            let compatible = !o.keepttl && !o.persist && o.expire.is_none_or(|e| e.unit == unit);
            if !compatible || j + 1 >= range.end {
                return Err(Error::Syntax);
            }
            o.expire = Some(Expire {
                unit,
                raw: args.get(j + 1),
            });
            j += 1;
        } else {
            return Err(Error::Syntax);
        }
        j += 1;
    }
    Ok(o)
}

/// Turns an EX/PX/EXAT/PXAT value into an absolute time in ms (Redis's
/// getExpireMillisecondsOrReply; `cmd` names the command in the error).
pub fn resolve(unit: Unit, raw: &[u8], cmd: &'static str, now: u64) -> Result<u64, Error> {
    let v = crate::args::int(raw)?;
    if v <= 0 || (unit.in_seconds() && v > i64::MAX / 1000) {
        return Err(Error::InvalidExpire(cmd));
    }
    let ms = if unit.in_seconds() { v * 1000 } else { v };
    let at = if unit.is_absolute() {
        ms
    } else {
        // Redis adds without an overflow check and refuses a result <= 0: the same as
        // refusing an overflow here.
        ms.checked_add(now as i64)
            .ok_or(Error::InvalidExpire(cmd))?
    };
    Ok(at as u64)
}
