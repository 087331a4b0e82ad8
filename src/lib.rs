//! chronique: a terminal news-and-timeline reader.

pub mod annotations;
pub mod app;
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
pub mod runtime;
pub mod safe_text;
pub mod search;
pub mod theme;
pub mod ui;
pub mod view;
pub mod whitespace;
pub mod yaml;
