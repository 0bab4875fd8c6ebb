//! Reply writer: appends RESP2 or RESP3 replies to a byte buffer, with the
//! same downgrades Redis 7.2 applies for RESP2 clients.

use crate::double::{write_double, MAX_DOUBLE_CHARS};
use crate::int::{format_i64, format_u64, MAX_I64_CHARS};

/// The protocol a client negotiated with HELLO.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Proto {
    #[default]
    Resp2,
    Resp3,
}

/// An output buffer plus the protocol to encode for.
#[derive(Clone, Debug, Default)]
pub struct ReplyBuf {
    pub buf: Vec<u8>,
    pub proto: Proto,
}

/// Where a deferred aggregate header goes; see [`ReplyBuf::begin_array`].
#[derive(Debug)]
#[must_use = "a deferred header must be closed with end_array/end_map/end_set"]
pub struct Deferred {
    at: usize,
}

impl ReplyBuf {
    pub fn new(proto: Proto) -> Self {
        ReplyBuf {
            buf: Vec::new(),
            proto,
        }
    }

    pub fn with_capacity(proto: Proto, capacity: usize) -> Self {
        ReplyBuf {
            buf: Vec::with_capacity(capacity),
            proto,
        }
    }

    pub fn is_resp3(&self) -> bool {
        self.proto == Proto::Resp3
    }

    /// Already-encoded protocol, appended as is.
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    pub fn ok(&mut self) {
        self.buf.extend_from_slice(b"+OK\r\n");
    }

    /// `+text`. The caller guarantees `text` has no CR or LF.
    pub fn simple(&mut self, text: &[u8]) {
        debug_assert!(!text.iter().any(|&c| c == b'\r' || c == b'\n'));
        self.line(b'+', text);
    }

    /// `-text`, where `text` includes the error code (`ERR ...`,
    /// `WRONGTYPE ...`). Like Redis's formatted errors, CR and LF are trimmed
    /// from both ends and replaced by spaces inside, so a message can never
    /// break the framing. A leading `-` is tolerated and not doubled.
    pub fn error(&mut self, text: &[u8]) {
        let text = text.strip_prefix(b"-").unwrap_or(text);
        let is_crlf = |c: &u8| *c == b'\r' || *c == b'\n';
        let start = text.iter().position(|c| !is_crlf(c)).unwrap_or(text.len());
        let end = text
            .iter()
            .rposition(|c| !is_crlf(c))
            .map_or(start, |i| i + 1);
        let text = &text[start..end];
        self.buf.push(b'-');
        let from = self.buf.len();
        self.buf.extend_from_slice(text);
        for c in &mut self.buf[from..] {
            if *c == b'\r' || *c == b'\n' {
                *c = b' ';
            }
        }
        self.buf.extend_from_slice(b"\r\n");
    }

    pub fn int(&mut self, v: i64) {
        let mut tmp = [0u8; MAX_I64_CHARS];
        self.line(b':', format_i64(v, &mut tmp));
    }

    pub fn bulk(&mut self, data: &[u8]) {
        self.header(b'$', data.len());
        self.buf.extend_from_slice(data);
        self.buf.extend_from_slice(b"\r\n");
    }

    /// A bulk string holding `v` in decimal (Redis `addReplyBulkLongLong`).
    pub fn bulk_int(&mut self, v: i64) {
        let mut tmp = [0u8; MAX_I64_CHARS];
        self.bulk(format_i64(v, &mut tmp));
    }

    /// RESP2 `$-1`, RESP3 `_`.
    pub fn null(&mut self) {
        self.buf.extend_from_slice(match self.proto {
            Proto::Resp2 => b"$-1\r\n",
            Proto::Resp3 => b"_\r\n",
        });
    }

    /// RESP2 `*-1`, RESP3 `_`.
    pub fn null_array(&mut self) {
        self.buf.extend_from_slice(match self.proto {
            Proto::Resp2 => b"*-1\r\n",
            Proto::Resp3 => b"_\r\n",
        });
    }

    pub fn array(&mut self, len: usize) {
        self.header(b'*', len);
    }

    pub fn empty_array(&mut self) {
        self.buf.extend_from_slice(b"*0\r\n");
    }

    /// A map of `len` pairs: RESP3 `%len`, RESP2 a flat array of `2 * len`.
    pub fn map(&mut self, len: usize) {
        match self.proto {
            Proto::Resp2 => self.header(b'*', len * 2),
            Proto::Resp3 => self.header(b'%', len),
        }
    }

    /// RESP3 `~len`, RESP2 `*len`.
    pub fn set(&mut self, len: usize) {
        match self.proto {
            Proto::Resp2 => self.header(b'*', len),
            Proto::Resp3 => self.header(b'~', len),
        }
    }

    /// RESP3 `>len`, RESP2 `*len` (how pub/sub messages reach RESP2 clients).
    pub fn push(&mut self, len: usize) {
        match self.proto {
            Proto::Resp2 => self.header(b'*', len),
            Proto::Resp3 => self.header(b'>', len),
        }
    }

    /// RESP3 `,text`, RESP2 a bulk string, with the text of
    /// [`format_double`](crate::format_double).
    pub fn double(&mut self, v: f64) {
        let mut tmp = [0u8; MAX_DOUBLE_CHARS];
        let n = write_double(v, &mut tmp);
        match self.proto {
            Proto::Resp2 => self.bulk(&tmp[..n]),
            Proto::Resp3 => self.line(b',', &tmp[..n]),
        }
    }

    /// RESP3 `#t`/`#f`, RESP2 `:1`/`:0`.
    pub fn bool(&mut self, v: bool) {
        self.buf.extend_from_slice(match (self.proto, v) {
            (Proto::Resp2, true) => b":1\r\n",
            (Proto::Resp2, false) => b":0\r\n",
            (Proto::Resp3, true) => b"#t\r\n",
            (Proto::Resp3, false) => b"#f\r\n",
        });
    }

    /// RESP3 `=len\r\nfmt:text`, RESP2 a bulk string of `text` alone.
    pub fn verbatim(&mut self, format: &[u8; 3], text: &[u8]) {
        match self.proto {
            Proto::Resp2 => self.bulk(text),
            Proto::Resp3 => {
                self.header(b'=', text.len() + 4);
                self.buf.extend_from_slice(format);
                self.buf.push(b':');
                self.buf.extend_from_slice(text);
                self.buf.extend_from_slice(b"\r\n");
            }
        }
    }

    /// RESP3 `(digits`, RESP2 a bulk string.
    pub fn big_number(&mut self, digits: &[u8]) {
        match self.proto {
            Proto::Resp2 => self.bulk(digits),
            Proto::Resp3 => self.line(b'(', digits),
        }
    }

    /// Starts an aggregate whose length is not known yet (Redis
    /// `addReplyDeferredLen`). Nothing is written until the matching `end_*`
    /// call, which inserts the header here, moving what was written since.
    /// Deferred headers must be closed innermost first.
    pub fn begin_array(&mut self) -> Deferred {
        Deferred { at: self.buf.len() }
    }

    /// Same as [`begin_array`](Self::begin_array); the kind is chosen at the end.
    pub fn begin_map(&mut self) -> Deferred {
        self.begin_array()
    }

    /// Same as [`begin_array`](Self::begin_array); the kind is chosen at the end.
    pub fn begin_set(&mut self) -> Deferred {
        self.begin_array()
    }

    pub fn end_array(&mut self, d: Deferred, len: usize) {
        self.insert_header(d, b'*', len);
    }

    /// `pairs` key/value pairs (RESP2: an array of `2 * pairs`).
    pub fn end_map(&mut self, d: Deferred, pairs: usize) {
        match self.proto {
            Proto::Resp2 => self.insert_header(d, b'*', pairs * 2),
            Proto::Resp3 => self.insert_header(d, b'%', pairs),
        }
    }

    pub fn end_set(&mut self, d: Deferred, len: usize) {
        match self.proto {
            Proto::Resp2 => self.insert_header(d, b'*', len),
            Proto::Resp3 => self.insert_header(d, b'~', len),
        }
    }

    fn insert_header(&mut self, d: Deferred, kind: u8, len: usize) {
        assert!(
            d.at <= self.buf.len(),
            "deferred header past the end of the buffer"
        );
        let mut hdr = [0u8; MAX_I64_CHARS + 3];
        hdr[0] = kind;
        let mut tmp = [0u8; MAX_I64_CHARS];
        let digits = format_u64(len as u64, &mut tmp);
        hdr[1..1 + digits.len()].copy_from_slice(digits);
        let n = digits.len() + 3;
        hdr[n - 2..n].copy_from_slice(b"\r\n");
        let tail = self.buf.len() - d.at;
        self.buf.resize(self.buf.len() + n, 0);
        self.buf.copy_within(d.at..d.at + tail, d.at + n);
        self.buf[d.at..d.at + n].copy_from_slice(&hdr[..n]);
    }

    fn header(&mut self, kind: u8, len: usize) {
        let mut tmp = [0u8; MAX_I64_CHARS];
        self.line(kind, format_u64(len as u64, &mut tmp));
    }

    fn line(&mut self, kind: u8, body: &[u8]) {
        self.buf.reserve(body.len() + 3);
        self.buf.push(kind);
        self.buf.extend_from_slice(body);
        self.buf.extend_from_slice(b"\r\n");
    }
}

#[cfg(test)]
mod tests;
