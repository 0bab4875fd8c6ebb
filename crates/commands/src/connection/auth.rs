//! AUTH [username] password
//!
//! Authenticates the connection. Until ACLs exist the only user is `default`, whose password is
//! `requirepass`; with no `requirepass` it is a `nopass` user that accepts any password.

use shoal_config::Param;
use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "auth",
    arity: -2,
    flags: Flags::NOSCRIPT
        .union(Flags::LOADING)
        .union(Flags::STALE)
        .union(Flags::FAST)
        .union(Flags::NO_AUTH)
        .union(Flags::ALLOW_BUSY),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "1.0.0",
    summary: "Authenticates the connection.",
    complexity: "O(N) where N is the number of passwords defined for the user",
    args: &[
        Arg {
            flags: ArgFlags::OPTIONAL,
            since: "6.0.0",
            ..Arg::new("username", ArgKind::String)
        },
        Arg::new("password", ArgKind::String),
    ],
    handler: auth,
    ..CommandSpec::DEFAULT
};

pub const DEFAULT_USER: &[u8] = b"default";

fn auth(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    // Checked before redaction, so MONITOR shows such a call in clear, as Redis does.
    if args.len() > 3 {
        return Err(Error::Syntax);
    }
    ctx.client.redacted_args.extend(1..args.len());
    let (user, password) = if args.len() == 2 {
        if requirepass(ctx).is_empty() {
            return Err(Error::Static(
                "ERR AUTH <password> called without any password configured for the default \
                 user. Are you sure your configuration is correct?",
            ));
        }
        (DEFAULT_USER, args.get(1))
    } else {
        (args.get(1), args.get(2))
    };
    authenticate(ctx, user, password)?;
    ctx.out.ok();
    Ok(())
}

fn requirepass(ctx: &Ctx<'_>) -> Vec<u8> {
    ctx.server.config.get_bytes(Param::Requirepass)
}

/// Checks `user`/`password` and marks the client authenticated; a failure leaves the client's
/// state as it was (an authenticated client stays authenticated).
pub(crate) fn authenticate(ctx: &mut Ctx<'_>, user: &[u8], password: &[u8]) -> CmdResult {
    if !user_exists(user) {
        return Err(Error::WrongPass);
    }
    let required = requirepass(ctx);
    if !required.is_empty() && !same_secret(&required, password) {
        return Err(Error::WrongPass);
    }
    ctx.client.authenticated = true;
    Ok(())
}

/// ACL users by name; only `default` exists so far.
pub(crate) fn user_exists(name: &[u8]) -> bool {
    name == DEFAULT_USER
}

/// True when the client must authenticate again after RESET (a password is configured).
pub(crate) fn password_required(ctx: &Ctx<'_>) -> bool {
    !requirepass(ctx).is_empty()
}

/// Compares without stopping at the first difference, so timing does not reveal a prefix.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for (i, &x) in a.iter().enumerate() {
        diff |= (x ^ b.get(i).copied().unwrap_or(!x)) as usize;
    }
    diff == 0
}
