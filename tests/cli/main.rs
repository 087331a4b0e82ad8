//! The command line, run as the real binary: `check`, `export`, `import`,
//! `keymap` and `search`.

mod check;
mod export;
mod import;
mod keymap;
mod search;
