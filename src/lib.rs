//! chronique: a terminal news-and-timeline reader.

pub mod annotations;
pub mod app;
pub mod cache;
pub mod check;
pub mod cli;
pub mod corpus;
pub mod diagnostic;
pub mod editor;
pub mod export;
pub mod fsread;
pub mod generate;
pub mod import;
pub mod links;
pub mod reload;
pub mod run;
pub mod safe_text;
pub mod search;
pub mod theme;
pub mod tui;
pub mod ui;
