//! The differential suite: the same requests to a real redis-server and to shoal, replies
//! compared. See ../README.md for how to run it and what is skipped when.

mod allow;
mod command_info;
mod connection;
mod engine;
mod gen;
mod hash_ttl;
mod hashes;
mod keyspace;
mod known_bugs;
mod lists;
mod protocol;
mod strings;
mod zsets;
