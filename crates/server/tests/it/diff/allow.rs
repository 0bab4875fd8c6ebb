//! Known, accepted differences between the reference (Debian's Redis 7.0) and our target
//! (Redis 7.2). Every entry says why. Anything not listed here must match exactly.
//!
//! Handled elsewhere, by how replies are compared rather than by skipping:
//! - HELLO `version` (7.0.x vs 7.2.x) and `id`: engine's `Cmp::Hello` ignores both.
//! - INFO: only the section headers are compared (field values are time, memory and
//!   version dependent; 7.2 adds fields).
//! - DUMP: the payload ends with the RDB version (10 in 7.0, 11 in 7.2) and a CRC64 over it;
//!   `Cmp::Dump` compares the rest.
//! - COMMAND INFO in RESP3: 7.0 sends some parts as sets where 7.2 sends arrays; the
//!   COMMAND INFO differential compares in RESP2 only.

/// Commands and subcommands that exist only since Redis 7.2: the 7.0 reference answers
/// "unknown command"/"unknown subcommand", so they are never sent in differential runs.
pub const NEW_IN_7_2: &[&str] = &[
    // CLIENT NO-TOUCH and CLIENT SETINFO were added in 7.2.0.
    "client|no-touch",
    "client|setinfo",
    // WAITAOF was added in 7.2.0.
    "waitaof",
];

/// Replies whose text changed in 7.2: (fullname, why). Sent, but never compared.
pub const TEXT_CHANGED_IN_7_2: &[(&str, &str)] = &[
    // CLIENT HELP lists the new 7.2 subcommands (NO-TOUCH, SETINFO).
    ("client|help", "7.2 lists NO-TOUCH and SETINFO"),
];

/// COMMAND INFO fields that differ between 7.0 and 7.2 for a command: (fullname, field, why).
/// Fields: "arity", "flags", "acl", "tips", "key_specs", "subcommands", "range".
pub const COMMAND_INFO_CHANGED_IN_7_2: &[(&str, &str, &str)] = &[
    // 7.2 added the CLIENT NO-TOUCH and CLIENT SETINFO subcommands.
    ("client", "subcommands", "7.2 adds no-touch and setinfo"),
];

fn fullname(args: &[&[u8]]) -> (String, Option<String>) {
    let top = String::from_utf8_lossy(args[0]).to_lowercase();
    let sub = args
        .get(1)
        .map(|s| format!("{top}|{}", String::from_utf8_lossy(s).to_lowercase()));
    (top, sub)
}

/// True when the command does not exist in Redis 7.0 (so it is not sent).
pub fn not_in_redis_7_0(args: &[&[u8]]) -> bool {
    let (top, sub) = fullname(args);
    NEW_IN_7_2
        .iter()
        .any(|n| *n == top || sub.as_deref() == Some(*n))
}

/// True when the reply text legitimately changed in 7.2 (compared with `Cmp::Nothing`).
pub fn text_changed(args: &[&[u8]]) -> bool {
    let (top, sub) = fullname(args);
    TEXT_CHANGED_IN_7_2
        .iter()
        .any(|(n, _)| *n == top || sub.as_deref() == Some(*n))
}

/// True when COMMAND INFO's `field` for `fullname` may differ.
pub fn command_info_field_changed(fullname: &str, field: &str) -> bool {
    COMMAND_INFO_CHANGED_IN_7_2
        .iter()
        .any(|(n, f, _)| *n == fullname && *f == field)
}
