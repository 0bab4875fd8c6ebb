//! SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds |
//!     PXAT unix-time-milliseconds | KEEPTTL]

use shoal_resp::Args;
use shoal_store::{encoding_for, NewValue, Value};

use super::expire_opts::{self, Which};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "set",
    arity: -3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::STRING,
    key_specs: &[KeySpec {
        notes: "RW and ACCESS due to the optional `GET` argument",
        flags: KsFlags::RW
            .union(KsFlags::ACCESS)
            .union(KsFlags::UPDATE)
            .union(KsFlags::VARIABLE_FLAGS),
        ..KeySpec::single(1, KsFlags::empty())
    }],
    group: Group::String,
    since: "1.0.0",
    summary:
        "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
    complexity: "O(1)",
    handler: set,
    ..CommandSpec::DEFAULT
};

fn set(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let value = args.get(2);
    let o = expire_opts::parse(args, 3, Which::Set, "set", ctx.keys.now)?;
    let old_expire = if o.get || o.nx || o.xx || o.keepttl {
        match ctx.keys.get_mut(key) {
            None => {
                if o.get {
                    ctx.out.null();
                }
                if o.xx {
                    if !o.get {
                        ctx.out.null();
                    }
                    return Ok(());
                }
                None
            }
            Some(e) => {
                if o.get {
                    match e.entry().value() {
                        Value::Str(v, _) => ctx.out.bulk(v),
                        Value::Object(_) => return Err(Error::WrongType),
                    }
                }
                if o.nx {
                    if !o.get {
                        ctx.out.null();
                    }
                    return Ok(());
                }
                Some(e.entry().expire())
            }
        }
    } else {
        None
    };
    let expire = match (o.expire_at, o.keepttl) {
        (Some(at), _) => Some(at),
        (None, true) => old_expire.flatten(),
        (None, false) => None,
    };
    ctx.keys
        .set(key, NewValue::Str(value, encoding_for(value)), expire);
    ctx.keys.changed("set", key);
    if !o.get {
        ctx.out.ok();
    }
    Ok(())
}
