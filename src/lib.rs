//! chronique: a terminal news-and-timeline reader.

pub mod annotations;
mod app;
pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod export;
pub mod fsread;
pub mod generate;
pub mod import;
pub mod links;
pub mod reader;
mod runtime;
pub mod safe_text;
pub mod search;
pub mod shared_text;
pub mod theme;
mod ui;
mod view;
pub mod whitespace;
pub mod yaml;
