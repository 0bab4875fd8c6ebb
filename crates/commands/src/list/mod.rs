//! List commands. The list value and its encodings live in `shoal_store::list`; these files
//! parse arguments, find keys, keep the keyspace right (an emptied list's key goes) and reply.
//! `ops` holds the key-level pop and move steps the blocking variants reuse.

use shoal_config::Param;
use shoal_resp::ReplyBuf;
use shoal_store::list::{Elem, End, List};
use shoal_store::{NewValue, Object, Value, ValueMut};

use crate::args::is_c;
use crate::ctx::{Ctx, Keys};
use crate::errors::Error;
use crate::spec::{Arg, ArgFlags, ArgKind, CommandSpec};

mod blocking;
mod lindex;
mod linsert;
mod llen;
mod lmove;
pub(crate) mod lmpop;
mod lpos;
mod lrange;
mod lrem;
mod lset;
mod ltrim;
pub mod ops;
mod pop;
mod push;

pub static COMMANDS: &[&CommandSpec] = &[
    &push::LPUSH,
    &push::RPUSH,
    &push::LPUSHX,
    &push::RPUSHX,
    &pop::LPOP,
    &pop::RPOP,
    &llen::SPEC,
    &lrange::SPEC,
    &lindex::SPEC,
    &lset::SPEC,
    &linsert::SPEC,
    &lrem::SPEC,
    &ltrim::SPEC,
    &lpos::SPEC,
    &lmove::LMOVE,
    &lmove::RPOPLPUSH,
    &lmpop::SPEC,
    &blocking::BLPOP,
    &blocking::BRPOP,
    &blocking::BLMOVE,
    &blocking::BRPOPLPUSH,
    &blocking::BLMPOP,
];

/// `list-max-listpack-size` as it is now: Redis reads it at every write.
pub(crate) fn fill(ctx: &Ctx<'_>) -> i64 {
    ctx.server.config.get_i64(Param::ListMaxListpackSize)
}

/// The list at `key` for writing (no hit/miss counting); `None` when the key is missing.
pub(crate) fn list_mut<'k>(
    keys: &'k mut Keys<'_>,
    key: &[u8],
) -> Result<Option<&'k mut List>, Error> {
    match keys.get_mut(key) {
        None => Ok(None),
        Some(e) => match e.into_entry().value_mut() {
            ValueMut::Object(Object::List(l)) => Ok(Some(l)),
            _ => Err(Error::WrongType),
        },
    }
}

/// The list at `key` for reading (counts a keyspace hit or miss).
pub(crate) fn list_ref<'k>(keys: &'k mut Keys<'_>, key: &[u8]) -> Result<Option<&'k List>, Error> {
    match keys.get(key).map(|e| e.value()) {
        None => Ok(None),
        Some(Value::Object(Object::List(l))) => Ok(Some(l)),
        Some(_) => Err(Error::WrongType),
    }
}

pub(crate) fn store_new(keys: &mut Keys<'_>, key: &[u8], list: List) {
    keys.set(key, NewValue::Object(Object::List(list)), None);
}

pub(crate) fn reply_elem(out: &mut ReplyBuf, e: Elem<'_>) {
    match e {
        Elem::Str(s) => out.bulk(s),
        Elem::Int(v) => out.bulk_int(v),
    }
}

/// LEFT or RIGHT, as LMOVE and LMPOP spell the ends.
pub(crate) fn parse_end(arg: &[u8]) -> Result<End, Error> {
    if is_c(arg, "left") {
        Ok(End::Head)
    } else if is_c(arg, "right") {
        Ok(End::Tail)
    } else {
        Err(Error::Syntax)
    }
}

/// Records a change to `key` under keyspace event `event`, moving the dirty counter by exactly
/// `dirty` as Redis does for this step (it counts elements, not keys).
pub(crate) fn touched(keys: &mut Keys<'_>, event: &'static str, key: &[u8], dirty: u64) {
    keys.changed(event, key);
    keys.dirty = keys.dirty - 1 + dirty;
}

/// Deletes the key of a list that just became empty (Redis keeps no empty collections).
pub(crate) fn delete_emptied(keys: &mut Keys<'_>, key: &[u8]) {
    keys.remove(key);
    touched(keys, "del", key, 0);
}

pub(crate) fn pop_event(end: End) -> &'static str {
    match end {
        End::Head => "lpop",
        End::Tail => "rpop",
    }
}

pub(crate) fn push_event(end: End) -> &'static str {
    match end {
        End::Head => "lpush",
        End::Tail => "rpush",
    }
}

const END_CHOICES: &[Arg] = &[
    Arg {
        token: "LEFT",
        ..Arg::new("left", ArgKind::PureToken)
    },
    Arg {
        token: "RIGHT",
        ..Arg::new("right", ArgKind::PureToken)
    },
];

/// The `LEFT | RIGHT` argument of COMMAND DOCS.
pub(crate) const fn end_arg(name: &'static str) -> Arg {
    Arg {
        children: END_CHOICES,
        ..Arg::new(name, ArgKind::Oneof)
    }
}

pub(crate) const KEY_ARG: Arg = Arg::new("key", ArgKind::Key);

pub(crate) const fn optional(arg: Arg) -> Arg {
    Arg {
        flags: ArgFlags::OPTIONAL,
        ..arg
    }
}

#[cfg(test)]
mod blocking_tests;
#[cfg(test)]
mod tests;
