//! COMMAND LIST [FILTERBY MODULE module-name | ACLCAT category | PATTERN pattern]
//!
//! Names of every command and subcommand (`config|get`), optionally filtered.

use shoal_resp::Args;

use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::registry::{registry, RegEntry};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, ACL_NAMES};

pub const SPEC: CommandSpec = CommandSpec {
    name: "list",
    arity: -2,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::SENTINEL),
    acl: Acl::CONNECTION,
    tips: &["nondeterministic_output_order"],
    group: Group::Server,
    since: "7.0.0",
    summary: "Returns a list of command names.",
    complexity: "O(N) where N is the total number of commands",
    args: &[Arg {
        token: "FILTERBY",
        flags: ArgFlags::OPTIONAL,
        children: &[
            Arg {
                token: "MODULE",
                ..Arg::new("module-name", ArgKind::String)
            },
            Arg {
                token: "ACLCAT",
                ..Arg::new("category", ArgKind::String)
            },
            Arg {
                token: "PATTERN",
                ..Arg::new("pattern", ArgKind::Pattern)
            },
        ],
        ..Arg::new("filterby", ArgKind::Oneof)
    }],
    handler: list,
    ..CommandSpec::DEFAULT
};

enum Filter<'a> {
    All,
    /// shoal has no modules: nothing matches.
    Module,
    Category(Option<Acl>),
    Pattern(&'a [u8]),
}

impl Filter<'_> {
    fn matches(&self, e: &RegEntry) -> bool {
        match self {
            Filter::All => true,
            Filter::Module => false,
            Filter::Category(cat) => cat.is_some_and(|c| e.spec.acl_categories().contains(c)),
            Filter::Pattern(p) => shoal_util::glob_match(p, e.fullname.as_bytes(), true),
        }
    }
}

fn list(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let filter = match args.len() {
        2 => Filter::All,
        5 if is_c(args.get(2), "filterby") => {
            let (kind, value) = (args.get(3), args.get(4));
            if is_c(kind, "module") {
                Filter::Module
            } else if is_c(kind, "aclcat") {
                let cat = ACL_NAMES
                    .iter()
                    .find(|(_, name)| is_c(value, name))
                    .map(|(a, _)| *a);
                Filter::Category(cat)
            } else if is_c(kind, "pattern") {
                Filter::Pattern(value)
            } else {
                return Err(Error::Syntax);
            }
        }
        _ => return Err(Error::Syntax),
    };
    let names: Vec<&RegEntry> = registry().entries().filter(|e| filter.matches(e)).collect();
    ctx.out.array(names.len());
    for e in names {
        ctx.out.bulk(e.fullname.as_bytes());
    }
    Ok(())
}
