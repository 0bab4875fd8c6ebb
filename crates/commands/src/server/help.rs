//! The reply of every `<CONTAINER> HELP`, framed as Redis's addReplyHelp frames it.

use shoal_resp::{Args, ReplyBuf};

/// Writes the header line, `lines`, then the HELP entry every container has.
pub fn reply(out: &mut ReplyBuf, args: &Args<'_>, lines: &[&str]) {
    let name = String::from_utf8_lossy(args.get(0)).to_ascii_uppercase();
    out.array(lines.len() + 3);
    let header = format!("{name} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    out.simple(header.as_bytes());
    for l in lines {
        out.simple(l.as_bytes());
    }
    out.simple(b"HELP");
    out.simple(b"    Prints this help.");
}
