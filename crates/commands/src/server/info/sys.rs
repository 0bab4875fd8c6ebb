//! Readings from the operating system: CPU time, resident memory, uname.

/// (user, system) CPU time as `%ld.%06ld` seconds, for RUSAGE_SELF / CHILDREN / THREAD.
pub fn cpu_times(who: libc::c_int) -> (String, String) {
    // SAFETY: getrusage only writes the struct it is given.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        if libc::getrusage(who, &mut ru) != 0 {
            return ("0.000000".into(), "0.000000".into());
        }
        ru
    };
    let fmt = |tv: libc::timeval| format!("{}.{:06}", tv.tv_sec, tv.tv_usec);
    (fmt(ru.ru_utime), fmt(ru.ru_stime))
}

pub const RUSAGE_SELF: libc::c_int = libc::RUSAGE_SELF;
pub const RUSAGE_CHILDREN: libc::c_int = libc::RUSAGE_CHILDREN;
pub const RUSAGE_THREAD: libc::c_int = libc::RUSAGE_THREAD;

fn page_size() -> u64 {
    // SAFETY: sysconf has no side effects.
    let v = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if v > 0 {
        v as u64
    } else {
        4096
    }
}

/// Resident set size in bytes, from /proc/self/statm as Redis reads it.
pub fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * page_size())
}

pub fn total_system_memory() -> u64 {
    // SAFETY: sysconf has no side effects.
    let pages = unsafe { libc::sysconf(libc::_SC_PHYS_PAGES) };
    if pages > 0 {
        pages as u64 * page_size()
    } else {
        0
    }
}

/// `Linux 6.1.0 x86_64`, like Redis's `os` field.
pub fn os_name() -> String {
    // SAFETY: uname fills the struct; its fields are NUL-terminated C strings.
    unsafe {
        let mut u: libc::utsname = std::mem::zeroed();
        if libc::uname(&mut u) != 0 {
            return std::env::consts::OS.to_string();
        }
        let field = |f: &[libc::c_char]| {
            std::ffi::CStr::from_ptr(f.as_ptr())
                .to_string_lossy()
                .into_owned()
        };
        format!(
            "{} {} {}",
            field(&u.sysname),
            field(&u.release),
            field(&u.machine)
        )
    }
}
