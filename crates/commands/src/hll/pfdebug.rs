//! PFDEBUG <GETREG | DECODE | ENCODING | TODENSE> key
//!
//! Redis's internal sketch inspection: every register (converting a sparse sketch to dense
//! first, as Redis does), the sparse opcodes as text, the encoding name, or an explicit
//! conversion to dense (1 when it converted, 0 when already dense).

use shoal_resp::Args;
use shoal_store::{hll, NewValue, StrEncoding};

use super::{sketch_of, CORRUPT};
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "pfdebug",
    arity: 3,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::ADMIN),
    acl: Acl::HYPERLOGLOG,
    key_specs: &[KeySpec::single(2, KsFlags::RW.union(KsFlags::ACCESS))],
    group: Group::Hyperloglog,
    since: "2.8.9",
    summary: "Internal commands for debugging HyperLogLog values.",
    complexity: "N/A",
    doc_flags: &["syscmd"],
    args: &[
        Arg::new("subcommand", ArgKind::String),
        Arg {
            key_spec_index: 0,
            ..Arg::new("key", ArgKind::Key)
        },
    ],
    handler: pfdebug,
    ..CommandSpec::DEFAULT
};

fn pfdebug(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    let sub = a.get(1);
    let key = a.get(2);
    let Some(mut entry) = ctx.keys.get_mut(key) else {
        return Err(Error::Static("ERR The specified key does not exist"));
    };
    sketch_of(entry.entry())?;
    // Redis unshares the value for writing (an embstr becomes raw) before it looks at the
    // subcommand, so even a failed conversion leaves a raw string.
    entry.entry_mut().str_bytes_mut();
    let sketch = sketch_of(entry.entry())?;
    let sparse = !hll::is_dense(sketch);
    if args::is_c(sub, "getreg") || args::is_c(sub, "todense") {
        let converted = if sparse {
            let mut v = sketch.to_vec();
            hll::to_dense(&mut v).map_err(|_| CORRUPT)?;
            let expire = entry.entry().expire();
            entry.set_value(NewValue::Str(&v, StrEncoding::Raw), expire);
            true
        } else {
            false
        };
        if converted {
            ctx.keys.changed_silently(key);
        }
        if args::is_c(sub, "todense") {
            ctx.out.int(converted as i64);
            return Ok(());
        }
        let entry = ctx.keys.peek(key).expect("present");
        let regs = &sketch_of(entry)?[hll::HEADER_LEN..];
        ctx.out.array(hll::REGISTERS);
        for i in 0..hll::REGISTERS {
            ctx.out.int(hll::dense_get(regs, i) as i64);
        }
        return Ok(());
    }
    let bytes = entry.entry_mut().str_bytes_mut().expect("a string");
    if args::is_c(sub, "decode") {
        if !sparse {
            return Err(Error::Static("ERR HLL encoding is not sparse"));
        }
        let text = hll::decode_sparse(bytes);
        ctx.out.bulk(text.as_bytes());
    } else if args::is_c(sub, "encoding") {
        ctx.out.simple(if sparse { b"sparse" } else { b"dense" });
    } else {
        return Err(Error::concat(&[
            b"ERR Unknown PFDEBUG subcommand '",
            crate::errors::c_arg(sub, usize::MAX),
            b"'",
        ]));
    }
    Ok(())
}
