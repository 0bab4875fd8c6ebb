//! Argument helpers: Redis's number parsing and case-insensitive keyword matching, returning
//! the exact error Redis gives for each kind of bad argument.

use shoal_resp::Args;
use shoal_util as num;

use crate::errors::Error;

#[inline]
pub fn is(arg: &[u8], keyword: &str) -> bool {
    arg.eq_ignore_ascii_case(keyword.as_bytes())
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

/// Walks optional arguments left to right; `pos` is the next unread index.
pub struct Cursor<'a, 'b> {
    pub args: &'b Args<'a>,
    pub pos: usize,
}

impl<'a, 'b> Cursor<'a, 'b> {
    pub fn new(args: &'b Args<'a>, pos: usize) -> Self {
        Cursor { args, pos }
    }

    pub fn done(&self) -> bool {
        self.pos >= self.args.len()
    }

    pub fn peek(&self) -> Option<&'a [u8]> {
        (self.pos < self.args.len()).then(|| self.args.get(self.pos))
    }

    pub fn advance(&mut self) -> Option<&'a [u8]> {
        let v = self.peek()?;
        self.pos += 1;
        Some(v)
    }

    /// The value after an option keyword; a missing value is a syntax error as in Redis.
    pub fn value(&mut self) -> Result<&'a [u8], Error> {
        self.advance().ok_or(Error::Syntax)
    }

    pub fn remaining(&self) -> usize {
        self.args.len().saturating_sub(self.pos)
    }
}
