//! A raw RESP connection: write exact bytes, read parsed replies together with their exact bytes.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::os::unix::net::UnixStream;
use std::time::Duration;

use shoal_resp::{parse_value, Value};

/// How long a test waits for a reply before calling the server stuck.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(20);

enum Sock {
    Tcp(TcpStream),
    Unix(UnixStream),
}

pub struct Conn {
    sock: Sock,
    buf: Vec<u8>,
}

/// How the server ended the connection, when it did.
#[derive(Debug, PartialEq, Eq)]
pub enum Closed {
    /// Orderly close (FIN).
    Eof,
    /// Reset: the server closed while our unread bytes were still in its buffer.
    Reset,
}

impl Conn {
    pub fn tcp(port: u16) -> Conn {
        let s = TcpStream::connect(("127.0.0.1", port)).expect("connect to 127.0.0.1");
        s.set_nodelay(true).unwrap();
        s.set_read_timeout(Some(REPLY_TIMEOUT)).unwrap();
        Conn {
            sock: Sock::Tcp(s),
            buf: Vec::new(),
        }
    }

    pub fn unix(path: &std::path::Path) -> io::Result<Conn> {
        let s = UnixStream::connect(path)?;
        s.set_read_timeout(Some(REPLY_TIMEOUT))?;
        Ok(Conn {
            sock: Sock::Unix(s),
            buf: Vec::new(),
        })
    }

    pub fn set_read_timeout(&self, t: Duration) {
        match &self.sock {
            Sock::Tcp(s) => s.set_read_timeout(Some(t)).unwrap(),
            Sock::Unix(s) => s.set_read_timeout(Some(t)).unwrap(),
        }
    }

    fn stream(&mut self) -> &mut dyn ReadWrite {
        match &mut self.sock {
            Sock::Tcp(s) => s,
            Sock::Unix(s) => s,
        }
    }

    /// A second handle on the same socket (for a writer thread).
    pub fn writer(&self) -> Box<dyn Write + Send> {
        match &self.sock {
            Sock::Tcp(s) => Box::new(s.try_clone().unwrap()),
            Sock::Unix(s) => Box::new(s.try_clone().unwrap()),
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.try_send(bytes).expect("write to server");
    }

    pub fn try_send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let s = self.stream();
        s.write_all(bytes)?;
        s.flush()
    }

    /// Sends one command as a RESP multibulk.
    pub fn send_cmd(&mut self, args: &[&[u8]]) {
        self.send(&encode(args));
    }

    fn fill(&mut self) -> io::Result<usize> {
        let mut chunk = [0u8; 64 * 1024];
        let n = self.stream().read(&mut chunk)?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n)
    }

    /// Reads one reply: its parsed value and its exact bytes.
    pub fn try_read_reply(&mut self) -> io::Result<(Value, Vec<u8>)> {
        loop {
            match parse_value(&self.buf) {
                Ok(Some((v, n))) => {
                    let raw = self.buf.drain(..n).collect();
                    return Ok((v, raw));
                }
                Ok(None) => {}
                Err(e) => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("unparsable reply {e}: {}", show(&self.buf)),
                    ))
                }
            }
            if self.fill()? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("connection closed; unparsed bytes: {}", show(&self.buf)),
                ));
            }
        }
    }

    pub fn read_reply(&mut self) -> (Value, Vec<u8>) {
        self.try_read_reply().expect("read reply")
    }

    /// Reads exactly `n` bytes of replies (for comparing raw reply streams).
    pub fn read_exact_bytes(&mut self, n: usize) -> Vec<u8> {
        while self.buf.len() < n {
            let got = self.fill().expect("read from server");
            assert!(
                got > 0,
                "server closed after {} of {n} bytes: {}",
                self.buf.len(),
                show(&self.buf)
            );
        }
        self.buf.drain(..n).collect()
    }

    /// Sends a command and returns its reply's exact bytes.
    pub fn raw(&mut self, args: &[&[u8]]) -> Vec<u8> {
        self.send_cmd(args);
        self.read_reply().1
    }

    /// `raw` with string arguments, returning the reply as (lossy) text for readable asserts.
    pub fn text(&mut self, args: &[&str]) -> String {
        let a: Vec<&[u8]> = args.iter().map(|s| s.as_bytes()).collect();
        String::from_utf8_lossy(&self.raw(&a)).into_owned()
    }

    pub fn value(&mut self, args: &[&[u8]]) -> Value {
        self.send_cmd(args);
        self.read_reply().0
    }

    /// Reads everything the server sends until it closes: the bytes and how it closed.
    /// Panics if the server keeps the connection open past the read timeout.
    pub fn read_to_close(&mut self) -> (Vec<u8>, Closed) {
        loop {
            let mut chunk = [0u8; 64 * 1024];
            match self.stream().read(&mut chunk) {
                Ok(0) => return (std::mem::take(&mut self.buf), Closed::Eof),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted
                    ) =>
                {
                    return (std::mem::take(&mut self.buf), Closed::Reset)
                }
                Err(e) => panic!(
                    "server did not close the connection ({e}); got so far: {}",
                    show(&self.buf)
                ),
            }
        }
    }

    /// Reads until the received bytes end with `marker`, the server closes, or it stays
    /// silent for `idle`. Returns the bytes and how the connection ended (None: still open).
    pub fn read_until(&mut self, marker: &[u8], idle: Duration) -> (Vec<u8>, Option<Closed>) {
        self.set_read_timeout(idle);
        let mut closed = None;
        while !self.buf.ends_with(marker) {
            let mut chunk = [0u8; 64 * 1024];
            match self.stream().read(&mut chunk) {
                Ok(0) => {
                    closed = Some(Closed::Eof);
                    break;
                }
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted
                    ) =>
                {
                    closed = Some(Closed::Reset);
                    break;
                }
                Err(_) => break,
            }
        }
        self.set_read_timeout(REPLY_TIMEOUT);
        (std::mem::take(&mut self.buf), closed)
    }
}

trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// RESP multibulk encoding of one command.
pub fn encode(args: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + args.iter().map(|a| a.len() + 16).sum::<usize>());
    out.extend_from_slice(format!("*{}\r\n", args.len()).as_bytes());
    for a in args {
        out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        out.extend_from_slice(a);
        out.extend_from_slice(b"\r\n");
    }
    out
}

pub fn encode_str(args: &[&str]) -> Vec<u8> {
    let a: Vec<&[u8]> = args.iter().map(|s| s.as_bytes()).collect();
    encode(&a)
}

/// Bytes as an escaped string for failure messages ("+OK\r\n" stays readable).
pub fn show(bytes: &[u8]) -> String {
    const MAX: usize = 600;
    let mut s = String::new();
    for &b in bytes.iter().take(MAX) {
        match b {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\\' => s.push_str("\\\\"),
            b'"' => s.push_str("\\\""),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    if bytes.len() > MAX {
        s.push_str(&format!("... ({} bytes)", bytes.len()));
    }
    format!("\"{s}\"")
}
