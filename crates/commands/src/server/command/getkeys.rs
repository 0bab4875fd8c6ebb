//! COMMAND GETKEYS command [arg ...]
//! COMMAND GETKEYSANDFLAGS command [arg ...]
//!
//! The keys a full command would touch (and, for GETKEYSANDFLAGS, each key's access flags),
//! found from the command's key specs as Redis finds them.

use shoal_resp::Args;

use super::keys::keys_from_specs;
use super::reply::write_key_flags;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::registry::registry;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, Flags, Group, KsFlags};

const ARGS: &[Arg] = &[
    Arg::new("command", ArgKind::String),
    Arg {
        flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
        ..Arg::new("arg", ArgKind::String)
    },
];

pub const GETKEYS: CommandSpec = CommandSpec {
    name: "getkeys",
    arity: -4,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::SENTINEL),
    acl: Acl::CONNECTION,
    group: Group::Server,
    since: "2.8.13",
    summary: "Extracts the key names from an arbitrary command.",
    complexity: "O(N) where N is the number of arguments to the command",
    args: ARGS,
    handler: getkeys,
    ..CommandSpec::DEFAULT
};

pub const GETKEYSANDFLAGS: CommandSpec = CommandSpec {
    name: "getkeysandflags",
    arity: -4,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::SENTINEL),
    acl: Acl::CONNECTION,
    group: Group::Server,
    since: "7.0.0",
    summary: "Extracts the key names and access flags for an arbitrary command.",
    complexity: "O(N) where N is the number of arguments to the command",
    args: ARGS,
    handler: getkeysandflags,
    ..CommandSpec::DEFAULT
};

fn getkeys(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    reply_keys(ctx, args, false)
}

fn getkeysandflags(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    reply_keys(ctx, args, true)
}

/// The keys of `argv` as (position, flags), or Redis's error for it.
pub fn find_keys(argv: &Args<'_>) -> Result<Vec<(usize, KsFlags)>, Error> {
    let reg = registry();
    let invalid_command = || Error::Static("ERR Invalid command specified");
    let top = reg.lookup(argv.get(0)).ok_or_else(invalid_command)?;
    let entry = if argv.len() == 1 || top.spec.subcommands.is_empty() {
        top
    } else {
        reg.lookup_sub(top, argv.get(1))
            .ok_or_else(invalid_command)?
    };
    let spec = entry.spec;
    if spec.key_specs.is_empty() && spec.keys_proc.is_none() {
        return Err(Error::Static("ERR The command has no key arguments"));
    }
    if !spec.accepts_arity(argv.len()) {
        return Err(Error::Static(
            "ERR Invalid number of arguments specified for command",
        ));
    }
    let has_keys = spec
        .key_specs
        .iter()
        .any(|k| !k.flags.contains(KsFlags::NOT_KEY));
    let variable = spec
        .key_specs
        .iter()
        .any(|k| k.flags.contains(KsFlags::VARIABLE_FLAGS));
    let from_specs = if has_keys {
        keys_from_specs(spec, argv).ok()
    } else {
        None
    };
    // Redis prefers the specs unless their flags vary with the arguments; then (or when the
    // specs do not fit) it asks the command's own key finder. Ours returns positions only:
    // a key at the position of an index spec carries that spec's flags, any other key those
    // of the last spec (SORT's STORE destination), without the variable marker.
    let keys = match (from_specs, spec.keys_proc) {
        (Some(k), _) if !variable => k,
        (_, Some(proc_)) => {
            let mut positions = crate::spec::KeyPositions::new();
            proc_(argv, &mut positions);
            let flags_at = |p: usize| {
                let at = spec
                    .key_specs
                    .iter()
                    .find(|k| k.begin == BeginSearch::Index(p as i32))
                    .or(spec.key_specs.last());
                at.map_or(KsFlags::empty(), |k| k.flags - KsFlags::VARIABLE_FLAGS)
            };
            positions.into_iter().map(|p| (p, flags_at(p))).collect()
        }
        (Some(k), None) => k
            .into_iter()
            .map(|(p, f)| (p, f - KsFlags::VARIABLE_FLAGS))
            .collect(),
        (None, None) => Vec::new(),
    };
    if keys.is_empty() && !spec.flags.contains(Flags::NO_MANDATORY_KEYS) {
        return Err(Error::Static("ERR Invalid arguments specified for command"));
    }
    Ok(keys)
}

fn reply_keys(ctx: &mut Ctx<'_>, args: &Args<'_>, with_flags: bool) -> CmdResult {
    let rest: Vec<&[u8]> = args.iter().skip(2).collect();
    let argv = Args::from_slices(&rest);
    let keys = find_keys(&argv)?;
    ctx.out.array(keys.len());
    for (pos, flags) in keys {
        if with_flags {
            ctx.out.array(2);
            ctx.out.bulk(argv.get(pos));
            write_key_flags(ctx.out, flags);
        } else {
            ctx.out.bulk(argv.get(pos));
        }
    }
    Ok(())
}
