//! Memory accounting and the `maxmemory` gate.

use shoal_config::Param;

use crate::state::Server;

/// Bytes the process has allocated (counted by the global allocator wrapper).
pub fn used_memory() -> u64 {
    shoal_util::alloc::allocated_bytes().max(0) as u64
}

/// True when a DENYOOM command must be refused. Eviction policies other than `noeviction`
/// will free memory here first; until then every policy refuses like `noeviction`.
pub fn over_maxmemory(server: &Server) -> bool {
    let max = server.config.get_i64(Param::Maxmemory);
    max > 0 && used_memory() > max as u64
}
