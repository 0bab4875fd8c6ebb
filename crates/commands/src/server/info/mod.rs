//! INFO [section [section ...]]
//!
//! Server information as `# Section` blocks of `field:value` lines. The sections are built as
//! data (`collect`) and rendered to Redis's text (`render`), so a metrics exporter can use the
//! same data without parsing text.

mod model;
mod sections;
mod state;
mod sys;

use shoal_resp::Args;

pub use model::{human_bytes, render, Field, Section, Selection, Val, DEFAULT_SECTIONS};
pub use sections::{collect, collect_with, keyspace_counts, sample};
pub use state::{InfoState, Metric, SAMPLE_INTERVAL_MS};

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "info",
    arity: -1,
    flags: Flags::LOADING.union(Flags::STALE),
    acl: Acl::DANGEROUS,
    tips: &[
        "nondeterministic_output",
        "request_policy:all_shards",
        "response_policy:special",
    ],
    group: Group::Server,
    since: "1.0.0",
    summary: "Returns information and statistics about the server.",
    complexity: "O(1)",
    history: &[(
        "7.0.0",
        "Added support for taking multiple section arguments.",
    )],
    args: &[Arg {
        flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
        ..Arg::new("section", ArgKind::String)
    }],
    handler: info,
    ..CommandSpec::DEFAULT
};

fn info(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let sel = Selection::from_args(args.iter().skip(1));
    let text = render(&collect_with(ctx.server, &sel, &mut ctx.keys));
    ctx.out.verbatim(b"txt", text.as_bytes());
    Ok(())
}
