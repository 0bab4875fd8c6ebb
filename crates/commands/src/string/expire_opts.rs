//! The expiry options SET and GETEX share (EX/PX/EXAT/PXAT/KEEPTTL/PERSIST, NX/XX/GET), parsed
//! with Redis's rules: which options exclude which, and the exact errors for bad times.

use shoal_resp::Args;

use crate::errors::Error;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Which {
    Set,
    GetEx,
}

#[derive(Default, Debug, Clone, Copy)]
pub struct Opts {
    pub nx: bool,
    pub xx: bool,
    pub get: bool,
    pub keepttl: bool,
    pub persist: bool,
    /// Absolute expire time in ms, once resolved.
    pub expire_at: Option<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Ex,
    Px,
    ExAt,
    PxAt,
}

/// Parses options from `args[from..]`; `now` turns relative times into absolute ones.
pub fn parse(
    args: &Args<'_>,
    from: usize,
    which: Which,
    cmd: &'static str,
    now: u64,
) -> Result<Opts, Error> {
    let mut o = Opts::default();
    let mut time: Option<(Unit, &[u8])> = None;
    let mut j = from;
    while j < args.len() {
        let opt = args.get(j);
        let has_next = j + 1 < args.len();
        let is = |k: &str| opt.eq_ignore_ascii_case(k.as_bytes());
        if is("NX") && !o.xx && which == Which::Set {
            o.nx = true;
        } else if is("XX") && !o.nx && which == Which::Set {
            o.xx = true;
        } else if is("GET") && which == Which::Set {
            o.get = true;
        } else if is("KEEPTTL") && !o.persist && time.is_none() && which == Which::Set {
            o.keepttl = true;
        } else if is("PERSIST") && which == Which::GetEx && time.is_none() && !o.keepttl {
            o.persist = true;
        } else if let Some(unit) = time_unit(opt) {
            let others_ok = !o.keepttl && !o.persist && time.is_none_or(|(u, _)| u == unit);
            if !others_ok || !has_next {
                return Err(Error::Syntax);
            }
            time = Some((unit, args.get(j + 1)));
            j += 1;
        } else {
            return Err(Error::Syntax);
        }
        j += 1;
    }
    if let Some((unit, raw)) = time {
        o.expire_at = Some(resolve(unit, raw, cmd, now)?);
    }
    Ok(o)
}

fn time_unit(opt: &[u8]) -> Option<Unit> {
    let is = |k: &str| opt.eq_ignore_ascii_case(k.as_bytes());
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

fn resolve(unit: Unit, raw: &[u8], cmd: &'static str, now: u64) -> Result<u64, Error> {
    let v = crate::args::int(raw)?;
    let seconds = matches!(unit, Unit::Ex | Unit::ExAt);
    if v <= 0 || (seconds && v > i64::MAX / 1000) {
        return Err(Error::InvalidExpire(cmd));
    }
    let mut ms = if seconds { v * 1000 } else { v };
    if matches!(unit, Unit::Ex | Unit::Px) {
        ms = ms
            .checked_add(now as i64)
            .ok_or(Error::InvalidExpire(cmd))?;
    }
    Ok(ms as u64)
}
