//! MONITOR: every command, as Redis prints it, pushed to each monitoring client.

use std::fmt::Write;
use std::sync::atomic::Ordering::Relaxed;

use shoal_resp::{Args, ReplyBuf};

use crate::client::Client;
use crate::state::Server;

/// Appends `bytes` quoted the way Redis's sdscatrepr does.
pub fn repr(out: &mut String, bytes: &[u8]) {
    out.push('"');
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            7 => out.push_str("\\a"),
            8 => out.push_str("\\b"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
}

/// Sends the command line to every monitor, the way Redis's replicationFeedMonitors does:
/// `+<sec>.<usec> [<db> <addr>] "arg" ...`, with redacted arguments shown as "(redacted)".
/// A monitoring client sees its own commands too; its line goes after its reply in `out`.
pub fn feed(server: &Server, client: &Client, out: &mut ReplyBuf, args: &Args<'_>) {
    if server.loading.load(Relaxed) {
        return;
    }
    let line = format_line(client, args, std::time::SystemTime::now());
    let monitors = server.monitors.lock();
    for m in monitors.iter() {
        if m.id == client.id {
            // Redis adds nothing to a client that is closing after this reply.
            if !client.close_after_reply {
                out.raw(line.as_bytes());
            }
        } else if !m.killed.load(Relaxed) {
            m.hooks.push(line.as_bytes().to_vec());
        }
    }
}

fn format_line(client: &Client, args: &Args<'_>, now: std::time::SystemTime) -> String {
    let mut line = String::with_capacity(64);
    let t = now
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let _ = write!(
        line,
        "+{}.{:06} [{} {}]",
        t.as_secs(),
        t.subsec_micros(),
        client.db,
        client.handle.addr
    );
    for (i, a) in args.iter().enumerate() {
        line.push(' ');
        if client.redacted_args.contains(&i) {
            line.push_str("\"(redacted)\"");
        } else {
            repr(&mut line, a);
        }
    }
    line.push_str("\r\n");
    line
}
