//! Parsing ZRANGEBYSCORE-style score intervals and ZRANGEBYLEX-style lexicographic ones, with
//! Redis's leniency: score ends go through C `strtod` over the whole argument, so "", " 1",
//! "1e400" (inf) and hex floats are accepted and only NaN and trailing bytes are refused.

use shoal_store::zset::{LexBound, LexRange, ScoreRange};
use shoal_util::{strtod_c, OnRange};

use crate::errors::Error;

const NOT_FLOAT: Error = Error::Static("ERR min or max is not a float");
const NOT_LEX: Error = Error::Static("ERR min or max not valid string range item");

fn score_end(arg: &[u8]) -> Result<(f64, bool), Error> {
    match arg.first() {
        Some(b'(') => strtod_c(&arg[1..], OnRange::Keep).map(|v| (v, true)),
        _ => strtod_c(arg, OnRange::Keep).map(|v| (v, false)),
    }
    .ok_or(NOT_FLOAT)
}

pub fn score_range(min: &[u8], max: &[u8]) -> Result<ScoreRange, Error> {
    let (min, minex) = score_end(min)?;
    let (max, maxex) = score_end(max)?;
    Ok(ScoreRange {
        min,
        max,
        minex,
        maxex,
    })
}

fn lex_end(arg: &[u8]) -> Result<LexBound<'_>, Error> {
    // "+" and "-" are tested as C strings: "+\0x" counts as "+".
    let alone = arg.get(1).is_none_or(|&b| b == 0);
    match arg.first() {
        Some(b'+') if alone => Ok(LexBound::Max),
        Some(b'-') if alone => Ok(LexBound::Min),
        Some(b'(') => Ok(LexBound::Exclusive(&arg[1..])),
        Some(b'[') => Ok(LexBound::Inclusive(&arg[1..])),
        _ => Err(NOT_LEX),
    }
}

pub fn lex_range<'a>(min: &'a [u8], max: &'a [u8]) -> Result<LexRange<'a>, Error> {
    Ok(LexRange {
        min: lex_end(min)?,
        max: lex_end(max)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_ends_parse_like_strtod() {
        let r = score_range(b"(1.5", b"+inf").unwrap();
        assert_eq!(
            (r.min, r.minex, r.max, r.maxex),
            (1.5, true, f64::INFINITY, false)
        );
        let r = score_range(b"", b"(").unwrap();
        assert_eq!((r.min, r.minex, r.max, r.maxex), (0.0, false, 0.0, true));
        assert_eq!(score_range(b" 7", b"0x10").unwrap().max, 16.0);
        assert_eq!(
            score_range(b"1e400", b"-infinity").unwrap().min,
            f64::INFINITY
        );
        assert_eq!(score_range(b"3\0junk", b"4").unwrap().min, 3.0);
        assert_eq!(score_range(b"nan", b"1"), Err(NOT_FLOAT));
        assert_eq!(score_range(b"1", b"(nan"), Err(NOT_FLOAT));
        assert_eq!(score_range(b"1 ", b"2"), Err(NOT_FLOAT));
        assert_eq!(score_range(b"((1", b"2"), Err(NOT_FLOAT));
        assert_eq!(score_range(b"a", b"2"), Err(NOT_FLOAT));
    }

    #[test]
    fn lex_ends() {
        let r = lex_range(b"-", b"+").unwrap();
        assert_eq!((r.min, r.max), (LexBound::Min, LexBound::Max));
        let r = lex_range(b"(a", b"[").unwrap();
        assert_eq!(
            (r.min, r.max),
            (LexBound::Exclusive(b"a"), LexBound::Inclusive(b""))
        );
        assert_eq!(lex_range(b"+\0x", b"-").unwrap().min, LexBound::Max);
        for bad in [&b""[..], b"a", b"++", b"-a"] {
            assert_eq!(lex_range(bad, b"+"), Err(NOT_LEX));
            assert_eq!(lex_range(b"-", bad), Err(NOT_LEX));
        }
    }
}
