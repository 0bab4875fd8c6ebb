//! Splitting an inline request line into arguments, as Redis `sdssplitargs`.

/// `isspace` in the C locale, which Redis uses for `LC_CTYPE`.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Unbalanced quotes, or a closing quote followed by something other than
/// whitespace.
#[derive(Debug, PartialEq, Eq)]
pub struct Unbalanced;

/// Appends the unquoted arguments of `line` to `out`, recording each one as a
/// `(start, end)` range of `out` in `spans`.
///
/// Redis walks a C string, so the end of `line` behaves like its NUL
/// terminator: `at` returns 0 past the end. Callers never pass a NUL inside
/// the line (Redis's `strchr` line search cannot see past one either).
pub fn split(
    line: &[u8],
    out: &mut Vec<u8>,
    spans: &mut Vec<(usize, usize)>,
) -> Result<(), Unbalanced> {
    let at = |i: usize| line.get(i).copied().unwrap_or(0);
    let mut p = 0;
    loop {
        while p < line.len() && is_space(line[p]) {
            p += 1;
        }
        if p >= line.len() {
            return Ok(());
        }
        let start = out.len();
        let (mut in_dq, mut in_sq) = (false, false);
        loop {
            let c = at(p);
            if in_dq {
                if c == b'\\' && at(p + 1) == b'x' {
                    if let (Some(h), Some(l)) = (hex_value(at(p + 2)), hex_value(at(p + 3))) {
                        out.push(h * 16 + l);
                        p += 4;
                        continue;
                    }
                }
                if c == b'\\' && at(p + 1) != 0 {
                    p += 1;
                    out.push(match at(p) {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 0x08,
                        b'a' => 0x07,
                        other => other,
                    });
                } else if c == b'"' {
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return Err(Unbalanced);
                    }
                    p += 1;
                    break;
                } else if c == 0 {
                    return Err(Unbalanced);
                } else {
                    out.push(c);
                }
            } else if in_sq {
                if c == b'\\' && at(p + 1) == b'\'' {
                    p += 1;
                    out.push(b'\'');
                } else if c == b'\'' {
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return Err(Unbalanced);
                    }
                    p += 1;
                    break;
                } else if c == 0 {
                    return Err(Unbalanced);
                } else {
                    out.push(c);
                }
            } else {
                // Only these end an unquoted token; \v and \f do not, although
                // they are skipped as leading whitespace.
                match c {
                    b' ' | b'\n' | b'\r' | b'\t' | 0 => {
                        if c != 0 {
                            p += 1;
                        }
                        break;
                    }
                    b'"' => in_dq = true,
                    b'\'' => in_sq = true,
                    _ => out.push(c),
                }
            }
            p += 1;
        }
        spans.push((start, out.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &[u8]) -> Result<Vec<Vec<u8>>, Unbalanced> {
        let (mut out, mut spans) = (Vec::new(), Vec::new());
        split(line, &mut out, &mut spans)?;
        Ok(spans.iter().map(|&(s, e)| out[s..e].to_vec()).collect())
    }

    fn ok(line: &str, want: &[&[u8]]) {
        let got = run(line.as_bytes()).unwrap_or_else(|_| panic!("{line:?} failed"));
        let want: Vec<Vec<u8>> = want.iter().map(|w| w.to_vec()).collect();
        assert_eq!(got, want, "{line:?}");
    }

    #[test]
    fn plain_and_whitespace() {
        ok("", &[]);
        ok("   \t ", &[]);
        ok("SET a b", &[b"SET", b"a", b"b"]);
        ok("  SET   a\tb  ", &[b"SET", b"a", b"b"]);
        ok("a\rb", &[b"a", b"b"]);
        // \v and \f are whitespace between tokens but part of a token.
        ok("\x0ba\x0bb", &[b"a\x0bb"]);
        ok("\x0c a", &[b"a"]);
        ok("caf\u{e9}", &["caf\u{e9}".as_bytes()]);
    }

    #[test]
    fn double_quotes() {
        ok(r#""hello world""#, &[b"hello world"]);
        ok(r#""""#, &[b""]);
        ok(r#"a "" b"#, &[b"a", b"", b"b"]);
        ok(r#""\n\r\t\b\a\\\"\q""#, &[b"\n\r\t\x08\x07\\\"q"]);
        ok(r#""\x41\x6a\x4A\xff""#, &[b"AjJ\xff"]);
        // Not two hex digits: `\x` is an ordinary escape of 'x'.
        ok(r#""\x4g""#, &[b"x4g"]);
        ok(r#""\x""#, &[b"x"]);
        // A quote opening mid-token joins the same argument.
        ok(r#"ab"c d""#, &[b"abc d"]);
        ok("\"a\"\t\"b\"", &[b"a", b"b"]);
        ok("\"a\"\x0b", &[b"a"]);
    }

    #[test]
    fn single_quotes() {
        ok(r"'a b'", &[b"a b"]);
        ok(r"'it\'s'", &[b"it's"]);
        ok(r"'\n'", &[b"\\n"]);
        ok(r"'a\\b'", &[b"a\\\\b"]);
        ok(r#"'"'"#, &[b"\""]);
    }

    #[test]
    fn unbalanced() {
        for line in [
            r#""abc"#,
            r#""abc"d"#,
            r"'abc",
            r"'abc'd",
            r#"a "b"c"#,
            r#""\"#,
            r#"""""#,
            r"'''",
            // `\'` is an escaped quote, so this one never closes.
            r"'\\'",
        ] {
            assert_eq!(run(line.as_bytes()), Err(Unbalanced), "{line:?}");
        }
    }
}
