//! shoal-server's integration tests: one binary, the real server started in-process with three
//! shards on 127.0.0.1. See README.md in this folder for what runs when.

mod support;

mod client;
mod concurrency;
mod diff;
mod protocol;
mod tools;
