//! Argument helpers: Redis's number parsing and case-insensitive keyword matching, returning
//! the exact error Redis gives for each kind of bad argument.

use shoal_util as num;

use crate::errors::Error;

#[inline]
pub fn is(arg: &[u8], keyword: &str) -> bool {
    arg.eq_ignore_ascii_case(keyword.as_bytes())
}

/// A keyword test as Redis's strcasecmp sees the argument: only up to its first NUL byte
/// (SORT and the GEO commands compare options that way).
pub fn is_c(arg: &[u8], keyword: &str) -> bool {
    is(crate::errors::c_arg(arg, usize::MAX), keyword)
}

pub fn int(arg: &[u8]) -> Result<i64, Error> {
    num::string2ll(arg).ok_or(Error::NotInteger)
}

/// An integer that must be >= 0, with Redis's "must be positive" text.
pub fn non_negative(arg: &[u8]) -> Result<i64, Error> {
    match num::string2ll(arg) {
        Some(v) if v >= 0 => Ok(v),
        Some(_) => Err(Error::Static("ERR value is out of range, must be positive")),
        None => Err(Error::NotInteger),
    }
}

pub fn float(arg: &[u8]) -> Result<f64, Error> {
    num::parse_f64_redis(arg).ok_or(Error::NotFloat)
}

/// What LMPOP/BLMPOP and ZMPOP/BZMPOP read from their numkeys argument on: `numkeys key...
/// <end> [COUNT count]`.
pub struct Mpop<E> {
    /// The argument indexes of the keys.
    pub keys: std::ops::Range<usize>,
    pub end: E,
    pub count: usize,
}

/// Parses the MPOP arguments from `numkeys_at` on; `end` reads the direction word (LEFT/RIGHT,
/// MIN/MAX), which like COUNT is compared up to its first NUL byte as Redis's strcasecmp does.
/// Redis's order and texts: numkeys, a direction word past the arguments (syntax error), the
/// word, then the options.
pub fn mpop<E>(
    args: &shoal_resp::Args<'_>,
    numkeys_at: usize,
    end: impl Fn(&[u8]) -> Option<E>,
) -> Result<Mpop<E>, Error> {
    let positive = |arg: &[u8], err: &'static str| {
        num::string2ll(arg)
            .filter(|&v| v > 0)
            .ok_or(Error::Static(err))
    };
    let numkeys = positive(args.get(numkeys_at), "ERR numkeys should be greater than 0")?;
    let end_at = usize::try_from(numkeys)
        .ok()
        .and_then(|n| n.checked_add(numkeys_at + 1))
        .filter(|&i| i < args.len())
        .ok_or(Error::Syntax)?;
    let end = end(crate::errors::c_arg(args.get(end_at), usize::MAX)).ok_or(Error::Syntax)?;
    let mut count = None;
    let mut j = end_at + 1;
    while j < args.len() {
        if count.is_none() && is_c(args.get(j), "COUNT") && j + 1 < args.len() {
            count = Some(positive(
                args.get(j + 1),
                "ERR count should be greater than 0",
            )?);
            j += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    Ok(Mpop {
        keys: numkeys_at + 1..end_at,
        end,
        count: count.unwrap_or(1) as usize,
    })
}
