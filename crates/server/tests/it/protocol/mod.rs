//! The wire protocol over real sockets with exact bytes: frames split at every byte boundary,
//! deep pipelines, inline commands, protocol errors and limits, RESP2/RESP3 reply shapes.

mod errors;
mod inline;
mod limits;
mod pipeline;
mod replies;
mod resp3;
mod split;
