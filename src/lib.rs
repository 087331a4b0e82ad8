//! chronique: a terminal news-and-timeline reader.

pub mod check;
pub mod cli;
pub mod corpus;
pub mod diagnostic;
pub mod generate;
