//! Server-side request parsing: inline and multibulk, resumable, zero-copy.
//!
//! Behaviour follows Redis 7.2 `processInlineBuffer` /
//! `processMultibulkBuffer` (networking.c), including its quirks, because
//! clients and proxies see them:
//!
//! - Line searches stop at a NUL byte like the C `strchr` Redis uses, so a
//!   length line or inline line containing NUL never completes; it waits
//!   until the 64 KiB limit turns it into an error.
//! - A length line ends at the first `\r`; the byte after it is skipped
//!   without checking it is `\n`. Likewise the two bytes after a bulk payload
//!   are skipped unchecked.
//! - The "too big" limits compare the whole unparsed buffer (not the line)
//!   against 64 KiB, and only when no terminator was found.

use std::fmt;
use std::ops::Index;

use crate::inline;
use crate::int::parse_i64;

/// `PROTO_INLINE_MAX_SIZE`: the most unterminated input Redis holds while
/// waiting for the end of an inline line or a length line.
pub const INLINE_MAX_SIZE: usize = 64 * 1024;
/// Before authentication Redis refuses multibulk counts above this.
pub const UNAUTHENTICATED_MAX_MULTIBULK: i64 = 10;
/// Before authentication Redis refuses bulk lengths above this.
pub const UNAUTHENTICATED_MAX_BULK: i64 = 16384;

/// Argument vectors are grown in steps of at most this many entries, so a
/// huge announced count backed by few bytes cannot reserve memory up front;
/// vectors grown beyond it are released once the command is done.
const ARGV_CHUNK: usize = 1024;

/// Limits applied while parsing; they may change between calls (e.g. after
/// AUTH succeeds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// `proto-max-bulk-len` (default 512 MiB).
    pub max_bulk_len: u64,
    /// Largest multibulk count accepted; Redis uses `INT_MAX`.
    pub max_multibulk_len: u64,
    /// False while the connection still has to authenticate, which enables
    /// the small pre-AUTH limits.
    pub authenticated: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bulk_len: 512 * 1024 * 1024,
            max_multibulk_len: i32::MAX as u64,
            authenticated: true,
        }
    }
}

/// A malformed request. Redis replies with the error and closes the
/// connection; the parser is reset and must not be fed the same buffer again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtocolError {
    TooBigInline,
    UnbalancedQuotes,
    TooBigMbulkCount,
    InvalidMultibulkLength,
    TooBigBulkCount,
    ExpectedDollar(u8),
    InvalidBulkLength,
    UnauthenticatedMultibulkLength,
    UnauthenticatedBulkLength,
}

impl ProtocolError {
    /// The exact bytes Redis sends after `-ERR `. Only `ExpectedDollar` can
    /// carry a non-UTF-8 byte; `\r` and `\n` become spaces as Redis's
    /// `addReplyErrorFormat` does.
    pub fn message_bytes(&self) -> Vec<u8> {
        let text: &str = match self {
            ProtocolError::TooBigInline => "Protocol error: too big inline request",
            ProtocolError::UnbalancedQuotes => "Protocol error: unbalanced quotes in request",
            ProtocolError::TooBigMbulkCount => "Protocol error: too big mbulk count string",
            ProtocolError::InvalidMultibulkLength => "Protocol error: invalid multibulk length",
            ProtocolError::TooBigBulkCount => "Protocol error: too big bulk count string",
            ProtocolError::InvalidBulkLength => "Protocol error: invalid bulk length",
            ProtocolError::UnauthenticatedMultibulkLength => {
                "Protocol error: unauthenticated multibulk length"
            }
            ProtocolError::UnauthenticatedBulkLength => {
                "Protocol error: unauthenticated bulk length"
            }
            ProtocolError::ExpectedDollar(got) => {
                let got = if matches!(got, b'\r' | b'\n') {
                    b' '
                } else {
                    *got
                };
                let mut m = b"Protocol error: expected '$', got '".to_vec();
                m.push(got);
                m.push(b'\'');
                return m;
            }
        };
        text.as_bytes().to_vec()
    }

    /// The complete error text for [`ReplyBuf::error`](crate::ReplyBuf::error):
    /// `ERR ` followed by [`message_bytes`](Self::message_bytes).
    pub fn error_text(&self) -> Vec<u8> {
        let mut text = b"ERR ".to_vec();
        text.extend_from_slice(&self.message_bytes());
        text
    }

    /// The error text without the `ERR ` prefix, e.g.
    /// `Protocol error: invalid bulk length`. Lossy only for a non-ASCII
    /// byte in `ExpectedDollar`; use [`message_bytes`](Self::message_bytes)
    /// for the wire form.
    pub fn message(&self) -> String {
        String::from_utf8_lossy(&self.message_bytes()).into_owned()
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ProtocolError {}

/// Outcome of one [`RequestParser::parse`] call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// More bytes are needed; call again with the same frame start and more
    /// data appended.
    Incomplete,
    /// A frame that runs nothing (empty inline line, `*0`, `*-1`): drop
    /// `consumed` bytes and go on.
    Empty { consumed: usize },
    /// A command is ready in [`RequestParser::args`]; the frame is `consumed`
    /// bytes long.
    Command { consumed: usize },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Between frames: the next call starts a new one.
    Idle,
    Inline,
    /// Waiting for the `*<count>` line.
    Count,
    /// Reading `remaining` more bulk arguments.
    Bulks,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Frame,
    Scratch,
}

/// Resumable parser for one connection's requests.
///
/// All positions are offsets from the frame start, so the caller may move or
/// reallocate its buffer between calls as long as the frame's bytes stay the
/// same and only grow at the end.
#[derive(Debug)]
pub struct RequestParser {
    stage: Stage,
    /// Offset of the next unparsed byte of the frame.
    pos: usize,
    /// Terminator searches resume here: bytes before it hold none.
    scan: usize,
    /// Bulk arguments still to read.
    remaining: u64,
    /// Length of the bulk whose header was read and whose payload is pending.
    bulk_len: Option<u64>,
    /// Argument ranges, into the frame (multibulk) or `scratch` (inline).
    spans: Vec<(usize, usize)>,
    scratch: Vec<u8>,
    source: Source,
}

impl Default for RequestParser {
    fn default() -> Self {
        Self::new()
    }
}

impl RequestParser {
    pub fn new() -> Self {
        RequestParser {
            stage: Stage::Idle,
            pos: 0,
            scan: 0,
            remaining: 0,
            bulk_len: None,
            spans: Vec::new(),
            scratch: Vec::new(),
            source: Source::Frame,
        }
    }

    /// Forgets a frame left half-parsed, keeping the buffers (a look-ahead parser that
    /// stopped at an incomplete frame starts over elsewhere next time).
    pub fn reset(&mut self) {
        self.stage = Stage::Idle;
    }

    /// Parses the frame that starts at `buf[0]`. On `Command`, the arguments
    /// stay available through [`args`](Self::args) until the next call.
    ///
    /// Pass everything buffered from the frame start on, pipelined data
    /// included: like Redis, the 64 KiB "too big" checks measure the whole
    /// unparsed buffer.
    pub fn parse(&mut self, buf: &[u8], limits: &Limits) -> Result<Parsed, ProtocolError> {
        if self.stage == Stage::Idle {
            if buf.is_empty() {
                return Ok(Parsed::Incomplete);
            }
            self.begin_frame();
            self.stage = if buf[0] == b'*' {
                Stage::Count
            } else {
                Stage::Inline
            };
        }
        debug_assert!(
            buf.len() >= self.pos,
            "the frame must not shrink between calls"
        );
        let result = match self.stage {
            Stage::Inline => self.parse_inline(buf),
            _ => self.parse_multibulk(buf, limits),
        };
        match result {
            Ok(Parsed::Incomplete) => {}
            Ok(_) => self.stage = Stage::Idle,
            Err(_) => {
                self.stage = Stage::Idle;
                self.spans.clear();
            }
        }
        result
    }

    /// Arguments of the command returned by the last `parse` call. `buf` must
    /// be the buffer that call saw (only multibulk arguments point into it).
    pub fn args<'a>(&'a self, buf: &'a [u8]) -> Args<'a> {
        let base = match self.source {
            Source::Frame => buf,
            Source::Scratch => &self.scratch,
        };
        Args {
            repr: Repr::Spans {
                base,
                spans: &self.spans,
            },
        }
    }

    /// The argument ranges of the last command, as offsets from its frame start, when they
    /// point into the frame (multibulk; inline arguments live in the parser's own buffer).
    /// A caller that keeps them can rebuild the arguments later with [`Args::from_spans`].
    pub fn frame_spans(&self) -> Option<&[(usize, usize)]> {
        (self.source == Source::Frame).then_some(&self.spans[..])
    }

    fn begin_frame(&mut self) {
        if self.spans.capacity() > ARGV_CHUNK {
            self.spans = Vec::new();
        }
        self.spans.clear();
        self.pos = 0;
        self.scan = 0;
        self.remaining = 0;
        self.bulk_len = None;
    }

    /// Finds `target` at or after `self.scan`, treating a NUL as the end of
    /// the data as Redis's `strchr` does.
    fn find(&mut self, buf: &[u8], target: u8) -> Option<usize> {
        let from = self.scan.max(self.pos);
        match memchr::memchr2(target, 0, &buf[from..]) {
            Some(i) if buf[from + i] == target => {
                self.scan = from + i;
                Some(from + i)
            }
            Some(i) => {
                // Everything past a NUL is invisible to strchr, forever.
                self.scan = from + i;
                None
            }
            None => {
                self.scan = buf.len();
                None
            }
        }
    }

    fn parse_inline(&mut self, buf: &[u8]) -> Result<Parsed, ProtocolError> {
        let Some(newline) = self.find(buf, b'\n') else {
            if buf.len() > INLINE_MAX_SIZE {
                return Err(ProtocolError::TooBigInline);
            }
            return Ok(Parsed::Incomplete);
        };
        let end = if newline > 0 && buf[newline - 1] == b'\r' {
            newline - 1
        } else {
            newline
        };
        self.scratch.clear();
        self.source = Source::Scratch;
        inline::split(&buf[..end], &mut self.scratch, &mut self.spans)
            .map_err(|_| ProtocolError::UnbalancedQuotes)?;
        let consumed = newline + 1;
        Ok(if self.spans.is_empty() {
            Parsed::Empty { consumed }
        } else {
            Parsed::Command { consumed }
        })
    }

    /// Reads the length line starting at `self.pos` (its first byte is the
    /// type marker) and returns the position of its `\r`, or None while the
    /// line or the byte after its `\r` has not arrived.
    fn length_line(
        &mut self,
        buf: &[u8],
        too_big: ProtocolError,
    ) -> Result<Option<usize>, ProtocolError> {
        let Some(cr) = self.find(buf, b'\r') else {
            if buf.len() - self.pos > INLINE_MAX_SIZE {
                return Err(too_big);
            }
            return Ok(None);
        };
        Ok((cr + 2 <= buf.len()).then_some(cr))
    }

    fn parse_multibulk(&mut self, buf: &[u8], limits: &Limits) -> Result<Parsed, ProtocolError> {
        self.source = Source::Frame;
        if self.stage == Stage::Count {
            let Some(cr) = self.length_line(buf, ProtocolError::TooBigMbulkCount)? else {
                return Ok(Parsed::Incomplete);
            };
            let count = parse_i64(&buf[1..cr]).ok_or(ProtocolError::InvalidMultibulkLength)?;
            if count > 0 && count as u64 > limits.max_multibulk_len {
                return Err(ProtocolError::InvalidMultibulkLength);
            }
            if count > UNAUTHENTICATED_MAX_MULTIBULK && !limits.authenticated {
                return Err(ProtocolError::UnauthenticatedMultibulkLength);
            }
            self.pos = cr + 2;
            if count <= 0 {
                return Ok(Parsed::Empty { consumed: self.pos });
            }
            self.remaining = count as u64;
            self.spans
                .reserve(self.remaining.min(ARGV_CHUNK as u64) as usize);
            self.stage = Stage::Bulks;
        }

        while self.remaining > 0 {
            let len = match self.bulk_len {
                Some(len) => len,
                None => {
                    let Some(cr) = self.length_line(buf, ProtocolError::TooBigBulkCount)? else {
                        return Ok(Parsed::Incomplete);
                    };
                    if buf[self.pos] != b'$' {
                        return Err(ProtocolError::ExpectedDollar(buf[self.pos]));
                    }
                    let len = parse_i64(&buf[self.pos + 1..cr])
                        .filter(|&l| l >= 0 && l as u64 <= limits.max_bulk_len)
                        .ok_or(ProtocolError::InvalidBulkLength)?;
                    if len > UNAUTHENTICATED_MAX_BULK && !limits.authenticated {
                        return Err(ProtocolError::UnauthenticatedBulkLength);
                    }
                    self.pos = cr + 2;
                    self.bulk_len = Some(len as u64);
                    len as u64
                }
            };
            if ((buf.len() - self.pos) as u64) < len + 2 {
                return Ok(Parsed::Incomplete);
            }
            let start = self.pos;
            let end = start + len as usize;
            self.spans.push((start, end));
            self.pos = end + 2;
            self.scan = self.pos;
            self.bulk_len = None;
            self.remaining -= 1;
        }
        Ok(Parsed::Command { consumed: self.pos })
    }
}

#[derive(Clone, Copy)]
enum Repr<'a> {
    Spans {
        base: &'a [u8],
        spans: &'a [(usize, usize)],
    },
    Slices(&'a [&'a [u8]]),
}

/// A command's arguments: borrowed, `Copy`, indexable.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    repr: Repr<'a>,
}

impl<'a> Args<'a> {
    /// Arguments backed by plain slices, for tests and internal callers.
    pub fn from_slices(args: &'a [&'a [u8]]) -> Self {
        Args {
            repr: Repr::Slices(args),
        }
    }

    /// Arguments at `spans` (start, end offsets) of `base`, as [`RequestParser::frame_spans`]
    /// gave them for a frame starting at `base[0]`.
    pub fn from_spans(base: &'a [u8], spans: &'a [(usize, usize)]) -> Self {
        Args {
            repr: Repr::Spans { base, spans },
        }
    }

    pub fn len(&self) -> usize {
        match self.repr {
            Repr::Spans { spans, .. } => spans.len(),
            Repr::Slices(s) => s.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th argument; panics when out of range, like slice indexing.
    pub fn get(&self, i: usize) -> &'a [u8] {
        match self.repr {
            Repr::Spans { base, spans } => {
                let (s, e) = spans[i];
                &base[s..e]
            }
            Repr::Slices(s) => s[i],
        }
    }

    pub fn try_get(&self, i: usize) -> Option<&'a [u8]> {
        (i < self.len()).then(|| self.get(i))
    }

    pub fn iter(&self) -> ArgsIter<'a> {
        ArgsIter {
            args: *self,
            next: 0,
            end: self.len(),
        }
    }

    /// Owned copies, mostly for tests and logging.
    pub fn to_vec(&self) -> Vec<Vec<u8>> {
        self.iter().map(<[u8]>::to_vec).collect()
    }
}

impl Index<usize> for Args<'_> {
    type Output = [u8];
    fn index(&self, i: usize) -> &[u8] {
        self.get(i)
    }
}

impl fmt::Debug for Args<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|a| String::from_utf8_lossy(a).into_owned()))
            .finish()
    }
}

impl PartialEq for Args<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<'a> IntoIterator for Args<'a> {
    type Item = &'a [u8];
    type IntoIter = ArgsIter<'a>;
    fn into_iter(self) -> ArgsIter<'a> {
        self.iter()
    }
}

/// Iterator over [`Args`].
#[derive(Clone)]
pub struct ArgsIter<'a> {
    args: Args<'a>,
    next: usize,
    end: usize,
}

impl<'a> Iterator for ArgsIter<'a> {
    type Item = &'a [u8];
    fn next(&mut self) -> Option<&'a [u8]> {
        (self.next < self.end).then(|| {
            self.next += 1;
            self.args.get(self.next - 1)
        })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.next;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for ArgsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.next < self.end).then(|| {
            self.end -= 1;
            self.args.get(self.end)
        })
    }
}

impl ExactSizeIterator for ArgsIter<'_> {}

#[cfg(test)]
mod tests;
