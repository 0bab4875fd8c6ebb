//! Start-up loading: a redis.conf-style file plus `--name value` overrides,
//! parsed the way redis-server does (the overrides become extra lines after
//! the file).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::args::{repr, split_args};
use crate::config::Config;
use crate::params::{lookup, Param};
use crate::redis_names::{is_deprecated, unsupported};
use crate::value::{parse, strerror, Value};

/// The Redis version shoal is compatible with, as printed in fatal config
/// errors.
pub const REDIS_VERSION: &str = "7.2.4";

/// Why the configuration could not be loaded. `Display` gives the text to
/// print before exiting, formatted like redis-server's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The config file could not be read.
    Io { path: PathBuf, message: String },
    /// A line of the file (or a command-line override) was refused.
    Directive {
        /// 1-based line in the file with the overrides appended.
        line: usize,
        /// The offending line, trimmed.
        text: String,
        /// Redis's (or shoal's) explanation.
        message: String,
        /// The directive's name, lowercase.
        parameter: String,
    },
    /// The command line itself is not usable.
    Usage(String),
}

impl ConfigError {
    /// The directive at fault, if the error comes from one.
    pub fn parameter(&self) -> Option<&str> {
        match self {
            ConfigError::Directive { parameter, .. } => Some(parameter),
            _ => None,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Io { path, message } => {
                write!(
                    f,
                    "Fatal error, can't open config file '{}': {message}",
                    path.display()
                )
            }
            ConfigError::Directive {
                line,
                text,
                message,
                ..
            } => write!(
                f,
                "\n*** FATAL CONFIG FILE ERROR (Redis {REDIS_VERSION}) ***\n\
                 Reading the configuration file, at line {line}\n>>> '{text}'\n{message}"
            ),
            ConfigError::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Loads configuration like redis-server's argv (program name excluded): an
/// optional first argument not starting with `-` names the config file, then
/// `--name value...` groups override it. Without a file the built-in
/// defaults (`DEFAULT_CONF`) apply. The caller handles `--version`/`--help`.
pub fn from_args<I: IntoIterator<Item = String>>(args: I) -> Result<Config, ConfigError> {
    let args: Vec<String> = args.into_iter().collect();
    let (file, rest) = match args.first() {
        Some(first) if !first.starts_with('-') => (Some(first.as_str()), &args[1..]),
        _ => (None, &args[..]),
    };
    let options = overrides_to_conf(rest, file.is_none())?;

    let mut text = Vec::new();
    let mut config_file = None;
    if let Some(file) = file {
        text = std::fs::read(file).map_err(|e| ConfigError::Io {
            path: PathBuf::from(file),
            message: strerror(&e),
        })?;
        config_file =
            Some(std::path::absolute(Path::new(file)).unwrap_or_else(|_| PathBuf::from(file)));
    }
    text.push(b'\n');
    text.extend_from_slice(&options);

    let config = Config::new().with_config_file(config_file);
    load_into(&config, &text)?;
    Ok(config)
}

/// Built-in defaults overridden by `text` in config-file syntax.
pub fn from_str_conf(text: &str) -> Result<Config, ConfigError> {
    let config = Config::new();
    load_into(&config, text.as_bytes())?;
    Ok(config)
}

/// redis-server's argv-to-config translation: `--name` starts a line, other
/// words are quoted and appended as its values. A name with no value lets
/// the next word be its value even if it starts with `--` (so
/// `--requirepass --secret` works), and a bare `--save` means `save ""`.
fn overrides_to_conf(args: &[String], first_is_option: bool) -> Result<Vec<u8>, ConfigError> {
    let mut out = Vec::new();
    let mut last_name_has_value = true;
    for (j, arg) in args.iter().enumerate() {
        let is_last = j + 1 == args.len();
        if arg == "-" && ((j == 0 && first_is_option) || is_last) {
            return Err(ConfigError::Usage(
                "reading the configuration from stdin is not supported by shoal".into(),
            ));
        }
        if last_name_has_value && arg.starts_with("--") {
            if !out.is_empty() {
                out.push(b'\n');
            }
            out.extend_from_slice(&arg.as_bytes()[2..]);
            out.push(b' ');
            let words = split_args(arg.as_bytes()).map_or(0, |w| w.len());
            if words == 1 {
                last_name_has_value = false;
                let next_is_name = args.get(j + 1).is_some_and(|n| n.starts_with("--"));
                if arg.eq_ignore_ascii_case("--save") && (next_is_name || is_last) {
                    out.extend_from_slice(b"\"\"");
                    last_name_has_value = true;
                }
            } else {
                // "--port 6380" given as one argument carries its value.
                last_name_has_value = true;
            }
        } else {
            out.extend_from_slice(&repr(arg.as_bytes()));
            out.push(b' ');
            last_name_has_value = true;
        }
    }
    Ok(out)
}

/// Applies config-file text to `config`, stopping at the first bad line.
pub(crate) fn load_into(config: &Config, text: &[u8]) -> Result<(), ConfigError> {
    let mut save_seen = false;
    let lines: Vec<&[u8]> = if text.is_empty() {
        Vec::new()
    } else {
        text.split(|&b| b == b'\n').collect()
    };
    for (i, raw) in lines.iter().enumerate() {
        let line = trim(raw);
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        let fail = |parameter: &[u8], message: String| ConfigError::Directive {
            line: i + 1,
            text: String::from_utf8_lossy(line).into_owned(),
            message,
            parameter: String::from_utf8_lossy(parameter).into_owned(),
        };
        let Some(mut argv) = split_args(line) else {
            return Err(fail(b"", "Unbalanced quotes in configuration line".into()));
        };
        if argv.is_empty() {
            continue;
        }
        argv[0].make_ascii_lowercase();
        let name = argv[0].clone();

        let Some((def, _)) = lookup(&name) else {
            if is_deprecated(&name, argv.len()) {
                continue;
            }
            let message = unsupported(&name)
                .unwrap_or_else(|| "Bad directive or wrong number of arguments".to_string());
            return Err(fail(&name, message));
        };
        if !def.kind.is_multi_arg() && argv.len() != 2 {
            return Err(fail(&name, "wrong number of arguments".into()));
        }
        // A single quoted argument of a list parameter holds the whole list.
        let words: Vec<Vec<u8>> =
            if def.kind.is_multi_arg() && argv.len() == 2 && !argv[1].is_empty() {
                split_args(&argv[1]).unwrap_or_default()
            } else {
                argv.split_off(1)
            };
        let refs: Vec<&[u8]> = words.iter().map(Vec::as_slice).collect();
        let value = parse(def, &refs).map_err(|e| fail(&name, e))?;

        let value = match (&value, def.param) {
            // Successive save lines add up; the first one replaces the
            // default and `save ""` clears what came before.
            (Value::Text(new), Param::Save) if save_seen && refs != [b""] => match config
                .load(Param::Save)
            {
                Value::Text(old) if old.is_empty() => Value::Text(new.clone()),
                Value::Text(old) if new.is_empty() => Value::Text(old),
                Value::Text(old) => Value::Text([old.as_slice(), b" ", new.as_slice()].concat()),
                _ => unreachable!("save is stored as text"),
            },
            _ => value,
        };
        save_seen |= def.param == Param::Save;
        config.store(def.param, &value);
    }
    Ok(())
}

/// `sdstrim(line, " \t\r\n")`.
fn trim(s: &[u8]) -> &[u8] {
    let is_trim = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let start = s.iter().position(|b| !is_trim(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !is_trim(b)).map_or(start, |e| e + 1);
    &s[start..end]
}
