//! Integration tests of shoal-commands (one binary, one module per topic).

mod command_info_golden;
mod compat_doc;
