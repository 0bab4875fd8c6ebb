//! Redis glob matching (`stringmatchlen` from Redis 7.2 util.c), byte for byte.
//!
//! Quirks kept on purpose because clients observe them through KEYS, SCAN
//! MATCH, PSUBSCRIBE and CONFIG GET:
//! - a `[` with no closing `]` runs to the end of the pattern;
//! - ranges may be reversed (`[z-a]`) and compare bytes as C `char`, which is
//!   signed on x86_64, so bytes >= 0x80 sort below ASCII inside ranges;
//! - `\` inside a class escapes and compares case-sensitively even with nocase;
//! - `*` does not match an empty string (Redis only special-cases a lone `*`
//!   pattern at the call sites, e.g. KEYS and SCAN).
//!
//! Like Redis, a failed `*` expansion stops longer expansions of earlier `*`s
//! (CVE-2022-36021) and nesting beyond 1000 stars fails the match, so
//! matching is polynomial and the recursion depth is bounded.

/// Deepest `*` recursion before giving up, as Redis does.
const MAX_NESTING: u32 = 1000;

/// Whether `string` matches the glob `pattern`; `nocase` folds ASCII letters.
pub fn glob_match(pattern: &[u8], string: &[u8], nocase: bool) -> bool {
    let mut skip_longer = false;
    match_from(pattern, 0, string, 0, nocase, &mut skip_longer, 0)
}

/// The pattern byte at `i`, or 0 past the end: Redis reads the NUL terminator
/// of its strings there and several branches depend on that.
#[inline]
fn at(pattern: &[u8], i: usize) -> u8 {
    pattern.get(i).copied().unwrap_or(0)
}

/// glibc `tolower` on a (signed) `char` value in the C locale: ASCII letters
/// fold, and -128..=-2 come back as their unsigned byte value (the table is
/// indexed that way) while -1 is EOF and stays -1. This reorders high bytes in
/// case-insensitive ranges, and Redis inherits that.
#[inline]
fn lower(c: i32) -> i32 {
    match c {
        65..=90 => c + 32,
        -128..=-2 => c + 256,
        _ => c,
    }
}

#[inline]
fn as_c_char(b: u8) -> i32 {
    i32::from(b as i8)
}

#[inline]
fn same(a: u8, b: u8, nocase: bool) -> bool {
    if nocase {
        a.eq_ignore_ascii_case(&b)
    } else {
        a == b
    }
}

fn match_from(
    pat: &[u8],
    mut p: usize,
    s: &[u8],
    mut i: usize,
    nocase: bool,
    skip_longer: &mut bool,
    nesting: u32,
) -> bool {
    if nesting > MAX_NESTING {
        return false;
    }
    while p < pat.len() && i < s.len() {
        match pat[p] {
            b'*' => {
                while at(pat, p + 1) == b'*' {
                    p += 1;
                }
                if p + 1 == pat.len() {
                    return true;
                }
                while i < s.len() {
                    if match_from(pat, p + 1, s, i, nocase, skip_longer, nesting + 1) {
                        return true;
                    }
                    if *skip_longer {
                        return false;
                    }
                    i += 1;
                }
                // The rest of the pattern matches nowhere in the rest of the
                // string, so no earlier `*` can help by consuming more.
                *skip_longer = true;
                return false;
            }
            b'?' => i += 1,
            b'[' => {
                p += 1;
                let negate = at(pat, p) == b'^';
                if negate {
                    p += 1;
                }
                let c = s[i];
                let mut matched = false;
                loop {
                    let left = pat.len() - p;
                    if at(pat, p) == b'\\' && left >= 2 {
                        p += 1;
                        if pat[p] == c {
                            matched = true;
                        }
                    } else if at(pat, p) == b']' {
                        break;
                    } else if left == 0 {
                        // Unterminated class: step back so the shared
                        // advance below lands exactly on the end.
                        p -= 1;
                        break;
                    } else if left >= 3 && pat[p + 1] == b'-' {
                        let mut start = as_c_char(pat[p]);
                        let mut end = as_c_char(pat[p + 2]);
                        let mut ch = as_c_char(c);
                        if start > end {
                            std::mem::swap(&mut start, &mut end);
                        }
                        if nocase {
                            start = lower(start);
                            end = lower(end);
                            ch = lower(ch);
                        }
                        p += 2;
                        if ch >= start && ch <= end {
                            matched = true;
                        }
                    } else if same(pat[p], c, nocase) {
                        matched = true;
                    }
                    p += 1;
                }
                if negate {
                    matched = !matched;
                }
                if !matched {
                    return false;
                }
                i += 1;
            }
            first => {
                let lit = if first == b'\\' && pat.len() - p >= 2 {
                    p += 1;
                    pat[p]
                } else {
                    first
                };
                if !same(lit, s[i], nocase) {
                    return false;
                }
                i += 1;
            }
        }
        p += 1;
        if i == s.len() {
            while at(pat, p) == b'*' {
                p += 1;
            }
            break;
        }
    }
    p == pat.len() && i == s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        glob_match(p.as_bytes(), s.as_bytes(), false)
    }

    fn mi(p: &str, s: &str) -> bool {
        glob_match(p.as_bytes(), s.as_bytes(), true)
    }

    #[test]
    fn literals_and_wildcards() {
        let cases: &[(&str, &str, bool)] = &[
            ("", "", true),
            ("", "a", false),
            ("a", "", false),
            ("abc", "abc", true),
            ("abc", "abd", false),
            ("abc", "ab", false),
            ("ab", "abc", false),
            ("*", "anything", true),
            ("*", "", false),
            ("**", "", false),
            ("a*", "a", true),
            ("a*", "abc", true),
            ("a**", "a", true),
            ("*a", "a", true),
            ("*a", "ba", true),
            ("*a", "ab", false),
            ("a*b", "ab", true),
            ("a*b", "axxb", true),
            ("a*b", "axxbc", false),
            ("a*b*c", "abc", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXbY", false),
            ("h?llo", "hello", true),
            ("h?llo", "hllo", false),
            ("?", "", false),
            ("??", "a", false),
            ("a?*", "a", false),
            ("*?", "a", true),
            ("user:*:name", "user:1000:name", true),
            ("user:*:name", "user:1000:age", false),
        ];
        for &(p, s, want) in cases {
            assert_eq!(m(p, s), want, "pattern {p:?} string {s:?}");
        }
    }

    #[test]
    fn classes() {
        let cases: &[(&str, &str, bool)] = &[
            ("h[ae]llo", "hello", true),
            ("h[ae]llo", "hallo", true),
            ("h[ae]llo", "hillo", false),
            ("h[^e]llo", "hallo", true),
            ("h[^e]llo", "hello", false),
            ("h[a-b]llo", "hbllo", true),
            ("h[a-b]llo", "hcllo", false),
            ("h[b-a]llo", "hallo", true),
            ("h[z-a]llo", "hqllo", true),
            ("[a-c-e]", "d", false),
            ("[a-c-e]", "-", true),
            ("[a-c-e]", "e", true),
            ("[]", "a", false),
            ("[]a]", "a", false),
            ("[^]", "a", true),
            ("[a]", "", false),
            ("[abc", "a", true),
            ("[abc", "d", false),
            ("[", "a", false),
            ("[^", "a", true),
            ("a[", "a", false),
            ("[a-]", "a", true),
            ("[a-]", "_", true),
            ("[a-]", "-", false),
            ("[-a]", "-", true),
            ("[\\]]", "]", true),
            ("[\\]]", "\\", false),
            ("[\\", "\\", true),
            ("[x\\", "\\", true),
            ("[a\\-z]", "-", true),
            ("[a\\-z]", "b", false),
            ("*[0-9]", "abc7", true),
            ("*[0-9]", "abc", false),
        ];
        for &(p, s, want) in cases {
            assert_eq!(m(p, s), want, "pattern {p:?} string {s:?}");
        }
    }

    #[test]
    fn escapes() {
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "a"));
        assert!(m("a\\?b", "a?b"));
        assert!(!m("a\\?b", "axb"));
        assert!(m("\\[a]", "[a]"));
        assert!(m("\\", "\\"));
        assert!(m("a\\", "a\\"));
        assert!(m("\\\\", "\\"));
    }

    #[test]
    fn nocase() {
        assert!(mi("HELLO", "hello"));
        assert!(mi("h*O", "HellO"));
        assert!(mi("[A-C]x", "bX"));
        assert!(mi("[a-c]", "B"));
        assert!(mi("[Q]", "q"));
        assert!(!m("HELLO", "hello"));
        assert!(!m("[A-C]", "b"));
        // Escapes inside a class stay case-sensitive, as in Redis.
        assert!(!mi("[\\A]", "a"));
        assert!(mi("maxmemory*", "MAXMEMORY-policy"));
    }

    #[test]
    fn binary_and_signed_char_ranges() {
        assert!(glob_match(b"a\xffb", b"a\xffb", false));
        assert!(glob_match(b"?", b"\x00", false));
        assert!(glob_match(b"\x00*", b"\x00abc", false));
        // As signed chars 0xff is -1, so [a-\xff] spans -1..='a'.
        assert!(glob_match(b"[a-\xff]", b"0", false));
        assert!(glob_match(b"[a-\xff]", b"\xff", false));
        assert!(!glob_match(b"[a-\xff]", b"b", false));
        assert!(!glob_match(b"[a-\xff]", b"\x80", false));
        // With nocase, glibc's tolower maps 0x80..=0xfe to 128..=254 but 0xff
        // (EOF) to -1, after the bounds were ordered: [*-\xfe] becomes 254..=42,
        // which matches nothing.
        assert!(glob_match(b"[a-\xff]", b"\xff", true));
        assert!(glob_match(b"[\x80-\x90]", b"\x85", true));
        assert!(!glob_match(b"[*-\xfe]", b"\xff", true));
        assert!(glob_match(b"[*-\xfe]", b"\xff", false));
        assert!(!glob_match(b"[*-\xfe]", b"0", true));
    }

    #[test]
    fn pathological_patterns_finish_quickly() {
        let s = "a".repeat(60);
        let p = format!("{}b", "a*".repeat(30));
        let start = std::time::Instant::now();
        assert!(!m(&p, &s));
        let p2 = "*a".repeat(40) + "*b";
        assert!(!m(&p2, &"a".repeat(200)));
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn nesting_limit() {
        let s = "a".repeat(3000);
        // The 1001st star is expanded at depth 1000 and ends the pattern, so it
        // needs no deeper call; one more pair needs depth 1001 and fails.
        assert!(m(&"a*".repeat(1001), &s));
        assert!(
            !m(&"a*".repeat(1002), &s),
            "more than 1000 nested stars give up"
        );
    }
}
