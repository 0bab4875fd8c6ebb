//! Command errors as a type, with Redis's texts in one place.
//!
//! A handler returns `Err(Error::...)` before writing any reply; dispatch writes the text and
//! counts it under its prefix for `INFO errorstats`.

use std::borrow::Cow;

pub type CmdResult = Result<(), Error>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Syntax,
    WrongType,
    NotInteger,
    NotFloat,
    NoSuchKey,
    DbIndexOutOfRange,
    IncrOverflow,
    /// `ERR invalid expire time in 'set' command`: holds the command name.
    InvalidExpire(&'static str),
    StringTooLong,
    OffsetOutOfRange,
    NoAuth,
    WrongPass,
    OutOfMemory,
    Loading,
    /// Any other fixed text, prefix included ("ERR ...", "NOPROTO ...").
    Static(&'static str),
    /// A text built at run time, prefix included.
    Owned(String),
    /// A text that echoes client bytes verbatim (Redis sends them unchanged, even non-UTF-8).
    Bytes(Vec<u8>),
}

impl Error {
    /// The reply text as bytes (what is sent).
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match self {
            Error::Bytes(b) => Cow::Borrowed(b),
            other => match other.text() {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            },
        }
    }

    /// An error built from text parts and client bytes, e.g.
    /// `Error::concat(&[b"ERR Unsupported option ", c_arg(opt, usize::MAX)])`.
    pub fn concat(parts: &[&[u8]]) -> Error {
        Error::Bytes(parts.concat())
    }

    pub fn text(&self) -> Cow<'static, str> {
        let s: &'static str = match self {
            Error::Syntax => "ERR syntax error",
            Error::WrongType => "WRONGTYPE Operation against a key holding the wrong kind of value",
            Error::NotInteger => "ERR value is not an integer or out of range",
            Error::NotFloat => "ERR value is not a valid float",
            Error::NoSuchKey => "ERR no such key",
            Error::DbIndexOutOfRange => "ERR DB index is out of range",
            Error::IncrOverflow => "ERR increment or decrement would overflow",
            Error::InvalidExpire(cmd) => {
                return Cow::Owned(format!("ERR invalid expire time in '{cmd}' command"))
            }
            Error::StringTooLong => "ERR string exceeds maximum allowed size (proto-max-bulk-len)",
            Error::OffsetOutOfRange => "ERR offset is out of range",
            Error::NoAuth => "NOAUTH Authentication required.",
            Error::WrongPass => "WRONGPASS invalid username-password pair or user is disabled.",
            Error::OutOfMemory => "OOM command not allowed when used memory > 'maxmemory'.",
            Error::Loading => "LOADING Redis is loading the dataset in memory",
            Error::Static(s) => s,
            Error::Owned(s) => return Cow::Owned(s.clone()),
            Error::Bytes(b) => return Cow::Owned(String::from_utf8_lossy(b).into_owned()),
        };
        Cow::Borrowed(s)
    }

    pub fn msg(s: impl Into<String>) -> Error {
        Error::Owned(s.into())
    }

    /// `ERR wrong number of arguments for 'x' command`, with Redis's full name ("config|get").
    pub fn arity(fullname: &str) -> Error {
        Error::Owned(format!(
            "ERR wrong number of arguments for '{fullname}' command"
        ))
    }

    pub fn unknown_subcommand(sub: &[u8], container: &str) -> Error {
        let help = format!("'. Try {} HELP.", container.to_ascii_uppercase());
        Error::concat(&[
            b"ERR unknown subcommand '",
            c_arg(sub, 128),
            help.as_bytes(),
        ])
    }
}

/// The first word of an error text: the key `INFO errorstats` counts it under.
pub fn error_prefix(text: &[u8]) -> String {
    let word = text.split(|&b| b == b' ').next().unwrap_or(b"ERR");
    String::from_utf8_lossy(word).into_owned()
}

/// Client bytes as Redis's `%.<max>s` prints them: cut at the first NUL, at most `max` bytes.
pub fn c_arg(bytes: &[u8], max: usize) -> &[u8] {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    &bytes[..end.min(max)]
}

/// Redis prints user-supplied bytes in errors with `%.128s`-style truncation.
pub fn truncate_lossy(bytes: &[u8], max: usize) -> String {
    let end = bytes.len().min(max);
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// `ERR unknown command 'x', with args beginning with: 'a' 'b' ` exactly as Redis builds it:
/// each argument `%.*s`-printed (cut at NUL) while the list is under 128 bytes.
pub fn unknown_command(args: &shoal_resp::Args<'_>) -> Error {
    let mut list: Vec<u8> = Vec::new();
    for i in 1..args.len() {
        if list.len() >= 128 {
            break;
        }
        let room = 128 - list.len();
        list.push(b'\'');
        list.extend_from_slice(c_arg(args.get(i), room));
        list.extend_from_slice(b"' ");
    }
    Error::concat(&[
        b"ERR unknown command '",
        c_arg(args.get(0), 128),
        b"', with args beginning with: ",
        &list,
    ])
}
