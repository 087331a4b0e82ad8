//! The real binary in a pseudo-terminal, its screen read with vt100: the
//! reader, annotating across restarts, the search popup.

#[path = "../common/mod.rs"]
mod common;

mod annotate;
mod reader;
mod search;
