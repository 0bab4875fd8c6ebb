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
}

impl Error {
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
        Error::Owned(format!(
            "ERR unknown subcommand '{}'. Try {} HELP.",
            truncate_lossy(sub, 128),
            container.to_ascii_uppercase()
        ))
    }
}

/// The first word of an error text: the key `INFO errorstats` counts it under.
pub fn error_prefix(text: &str) -> &str {
    text.split(' ').next().unwrap_or("ERR")
}

/// Redis prints user-supplied bytes in errors with `%.128s`-style truncation.
pub fn truncate_lossy(bytes: &[u8], max: usize) -> String {
    let end = bytes.len().min(max);
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// `ERR unknown command 'x', with args beginning with: 'a' 'b' ` exactly as Redis builds it.
pub fn unknown_command(args: &shoal_resp::Args<'_>) -> Error {
    let mut list = String::new();
    for i in 1..args.len() {
        if list.len() >= 128 {
            break;
        }
        let room = 128 - list.len();
        list.push('\'');
        list.push_str(&truncate_lossy(args.get(i), room));
        list.push_str("' ");
    }
    Error::Owned(format!(
        "ERR unknown command '{}', with args beginning with: {}",
        truncate_lossy(args.get(0), 128),
        list
    ))
}
