//! Which commands this build of shoal knows. Tests ask the registry instead of assuming, so
//! they run today on a partial command set and cover more as families land.

use shoal_commands::registry;

/// True if shoal knows the command `args` would run: the command and, for a container
/// command (CONFIG, CLIENT, OBJECT...), its subcommand. Unknown subcommands of a known
/// container count as unknown.
pub fn knows(args: &[&[u8]]) -> bool {
    let Some(first) = args.first() else {
        return false;
    };
    if super::shoal::against_redis() {
        return true;
    }
    let reg = registry();
    let Some(top) = reg.lookup(first) else {
        return false;
    };
    if top.spec.subcommands.is_empty() {
        return true;
    }
    match args.get(1) {
        Some(sub) => reg.lookup_sub(top, sub).is_some(),
        // A bare container name: its arity error is shoal's to give.
        None => true,
    }
}

/// `"get"` or `"config|get"`.
pub fn has(fullname: &str) -> bool {
    if super::shoal::against_redis() {
        return true;
    }
    let parts: Vec<&[u8]> = fullname.split('|').map(str::as_bytes).collect();
    if parts.len() == 1 {
        registry().lookup(parts[0]).is_some()
    } else {
        knows(&parts)
    }
}

/// True if every named command exists; otherwise prints which are missing and why the test
/// is not run, and returns false.
pub fn require(test: &str, commands: &[&str]) -> bool {
    let missing: Vec<&str> = commands.iter().copied().filter(|c| !has(c)).collect();
    if missing.is_empty() {
        return true;
    }
    eprintln!(
        "NOTE: {test} skipped: shoal does not implement {} yet",
        missing.join(", ").to_uppercase()
    );
    false
}
