//! The differential suite: the same requests to a real redis-server and to shoal, replies
//! compared. See ../README.md for how to run it and what is skipped when.

mod allow;
mod bitmaps;
mod blocking;
mod command_info;
mod connection;
mod engine;
mod gen;
mod geo;
mod hash_ttl;
mod hashes;
mod hll;
mod keyspace;
mod known_bugs;
mod lists;
mod protocol;
mod sets;
mod sort;
mod strings;
mod zsets;
