//! Typed views of enum-like and structured parameter values.

/// `maxmemory-policy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxmemoryPolicy {
    VolatileLru,
    VolatileLfu,
    VolatileRandom,
    VolatileTtl,
    AllkeysLru,
    AllkeysLfu,
    AllkeysRandom,
    NoEviction,
}

impl MaxmemoryPolicy {
    /// Decodes the stored enum value (its index in the Redis list).
    pub(crate) fn from_value(v: i64) -> Self {
        match v {
            0 => Self::VolatileLru,
            1 => Self::VolatileLfu,
            2 => Self::VolatileRandom,
            3 => Self::VolatileTtl,
            4 => Self::AllkeysLru,
            5 => Self::AllkeysLfu,
            6 => Self::AllkeysRandom,
            _ => Self::NoEviction,
        }
    }

    /// Name as in CONFIG GET and INFO.
    pub fn name(self) -> &'static str {
        crate::value::render_enum(crate::params::MAXMEMORY_POLICIES, self as i64)
    }
}

/// `loglevel`, least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    Debug,
    Verbose,
    Notice,
    Warning,
    Nothing,
}

impl LogLevel {
    pub(crate) fn from_value(v: i64) -> Self {
        match v {
            0 => Self::Debug,
            1 => Self::Verbose,
            3 => Self::Warning,
            4 => Self::Nothing,
            _ => Self::Notice,
        }
    }
}

/// `enable-protected-configs`, `enable-debug-command`, `enable-module-command`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtectedAction {
    No,
    Yes,
    /// Allowed for loopback and unix-socket clients only.
    Local,
}

impl ProtectedAction {
    pub(crate) fn from_value(v: i64) -> Self {
        match v {
            1 => Self::Yes,
            2 => Self::Local,
            _ => Self::No,
        }
    }

    /// Redis `allowProtectedAction`.
    pub fn allows(self, client_is_local: bool) -> bool {
        self == Self::Yes || (self == Self::Local && client_is_local)
    }
}

/// Client classes of `client-output-buffer-limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientClass {
    Normal = 0,
    Replica = 1,
    Pubsub = 2,
}

/// One class's output-buffer limits; 0 disables a limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ObufLimit {
    pub hard: u64,
    pub soft: u64,
    pub soft_seconds: u64,
}

/// Keyspace-notification class flags (Redis `NOTIFY_*`), as returned by
/// `Config::notify_keyspace_events`.
pub mod notify {
    pub const KEYSPACE: u32 = 1 << 0;
    pub const KEYEVENT: u32 = 1 << 1;
    pub const GENERIC: u32 = 1 << 2;
    pub const STRING: u32 = 1 << 3;
    pub const LIST: u32 = 1 << 4;
    pub const SET: u32 = 1 << 5;
    pub const HASH: u32 = 1 << 6;
    pub const ZSET: u32 = 1 << 7;
    pub const EXPIRED: u32 = 1 << 8;
    pub const EVICTED: u32 = 1 << 9;
    pub const STREAM: u32 = 1 << 10;
    pub const KEY_MISS: u32 = 1 << 11;
    pub const LOADED: u32 = 1 << 12;
    pub const MODULE: u32 = 1 << 13;
    pub const NEW: u32 = 1 << 14;
    /// What `A` stands for; key-miss and new-key events are excluded on purpose.
    pub const ALL: u32 =
        GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /// Redis `keyspaceEventsStringToFlags`; `None` on an unknown letter.
    pub fn from_classes(classes: &[u8]) -> Option<u32> {
        let mut flags = 0;
        for &c in classes.iter().take_while(|&&c| c != 0) {
            flags |= match c {
                b'A' => ALL,
                b'g' => GENERIC,
                b'$' => STRING,
                b'l' => LIST,
                b's' => SET,
                b'h' => HASH,
                b'z' => ZSET,
                b'x' => EXPIRED,
                b'e' => EVICTED,
                b'K' => KEYSPACE,
                b'E' => KEYEVENT,
                b't' => STREAM,
                b'm' => KEY_MISS,
                b'd' => MODULE,
                b'n' => NEW,
                _ => return None,
            };
        }
        Some(flags)
    }

    /// Redis `keyspaceEventsFlagsToString`.
    pub fn to_classes(flags: u32) -> String {
        let mut s = String::new();
        if flags & ALL == ALL {
            s.push('A');
        } else {
            let letters = [
                (GENERIC, 'g'),
                (STRING, '$'),
                (LIST, 'l'),
                (SET, 's'),
                (HASH, 'h'),
                (ZSET, 'z'),
                (EXPIRED, 'x'),
                (EVICTED, 'e'),
                (STREAM, 't'),
                (MODULE, 'd'),
                (NEW, 'n'),
            ];
            s.extend(
                letters
                    .iter()
                    .filter(|(f, _)| flags & f != 0)
                    .map(|&(_, c)| c),
            );
        }
        if flags & KEYSPACE != 0 {
            s.push('K');
        }
        if flags & KEYEVENT != 0 {
            s.push('E');
        }
        if flags & KEY_MISS != 0 {
            s.push('m');
        }
        s
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn round_trips() {
            assert_eq!(to_classes(from_classes(b"KEA").unwrap()), "AKE");
            assert_eq!(to_classes(from_classes(b"Elg").unwrap()), "glE");
            assert_eq!(
                to_classes(from_classes(b"g$lshzxetd").unwrap()),
                "AKE".replace("KE", "")
            );
            assert_eq!(
                to_classes(from_classes(b"An").unwrap()),
                "A",
                "n is outside A and hidden by it"
            );
            assert_eq!(to_classes(from_classes(b"nK").unwrap()), "nK");
            assert_eq!(to_classes(from_classes(b"mE").unwrap()), "Em");
            assert_eq!(from_classes(b""), Some(0));
            assert_eq!(to_classes(0), "");
            assert_eq!(from_classes(b"KEX"), None);
        }
    }
}
