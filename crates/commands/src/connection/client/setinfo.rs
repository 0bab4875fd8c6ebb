//! CLIENT SETINFO <LIB-NAME libname | LIB-VER libver>
//!
//! Records the client library's name or version for CLIENT LIST. An empty value clears it.

use shoal_resp::Args;

use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{truncate_lossy, CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "setinfo",
    arity: 4,
    flags: Flags::NOSCRIPT.union(Flags::LOADING).union(Flags::STALE),
    acl: Acl::CONNECTION,
    tips: &["request_policy:all_nodes", "response_policy:all_succeeded"],
    group: Group::Connection,
    since: "7.2.0",
    summary: "Sets information specific to the client or connection.",
    complexity: "O(1)",
    args: &[Arg {
        children: &[
            Arg {
                token: "LIB-NAME",
                ..Arg::new("libname", ArgKind::String)
            },
            Arg {
                token: "LIB-VER",
                ..Arg::new("libver", ArgKind::String)
            },
        ],
        ..Arg::new("attr", ArgKind::Oneof)
    }],
    handler: setinfo,
    ..CommandSpec::DEFAULT
};

fn setinfo(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let attr = args.get(2);
    let value = args.get(3);
    let lib_name = if is_c(attr, "lib-name") {
        true
    } else if is_c(attr, "lib-ver") {
        false
    } else {
        return Err(Error::msg(format!(
            "ERR Unrecognized option '{}'",
            c_str_lossy(attr)
        )));
    };
    // Redis validates the value as a C string: a NUL ends the check (and the printed value).
    if !c_str(value).iter().all(|b| (b'!'..=b'~').contains(b)) {
        return Err(Error::msg(format!(
            "ERR {} cannot contain spaces, newlines or special characters.",
            c_str_lossy(attr)
        )));
    }
    let mut names = ctx.client.handle.names.lock();
    let dest = if lib_name {
        &mut names.lib_name
    } else {
        &mut names.lib_ver
    };
    dest.clear();
    dest.extend_from_slice(value);
    drop(names);
    ctx.out.ok();
    Ok(())
}

/// The bytes before the first NUL, as C's string functions see them.
pub(crate) fn c_str(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    &bytes[..end]
}

fn c_str_lossy(bytes: &[u8]) -> String {
    let s = c_str(bytes);
    truncate_lossy(s, s.len())
}
