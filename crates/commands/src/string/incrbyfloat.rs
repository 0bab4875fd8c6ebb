//! INCRBYFLOAT key increment
//!
//! Adds in `long double` and stores the result the way Redis prints it (`%.17Lf`, trailing
//! zeros dropped), through shoal_util::incr_by_float. A missing key counts as 0; the expire
//! time is kept. The result is stored without integer detection (Redis's
//! createStringObjectFromLongDouble), so "3" is embstr here, not int.

use shoal_resp::Args;
use shoal_store::NewValue;
use shoal_util::{incr_by_float, IncrFloatError};

use super::{plain_encoding, string_value};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "incrbyfloat",
    arity: 3,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
    )],
    group: Group::String,
    since: "2.6.0",
    summary: "Increment the floating point value of a key by a number. Uses 0 as initial value \
              if the key doesn't exist.",
    complexity: "O(1)",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("increment", ArgKind::Double),
    ],
    handler: incrbyfloat,
    ..CommandSpec::DEFAULT
};

fn incrbyfloat(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let by = args.get(2);
    let result = match ctx.keys.get_mut(key) {
        None => {
            let result = incr_by_float(b"0", by).map_err(float_error)?;
            let enc = plain_encoding(result.len());
            ctx.keys.set(key, NewValue::Str(&result, enc), None);
            result
        }
        Some(mut e) => {
            let result = incr_by_float(string_value(e.entry())?, by).map_err(float_error)?;
            let expire = e.entry().expire();
            e.set_value(NewValue::Str(&result, plain_encoding(result.len())), expire);
            result
        }
    };
    ctx.keys.changed("incrbyfloat", key);
    ctx.out.bulk(&result);
    Ok(())
}

fn float_error(e: IncrFloatError) -> Error {
    match e {
        IncrFloatError::NotAFloat => Error::NotFloat,
        other => Error::Static(other.message()),
    }
}
