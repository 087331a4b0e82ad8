//! A corpus file as read, before it is parsed: what the loader hands the
//! parser (a leaf, so neither imports the other for it).

use std::path::PathBuf;

/// A file's display path and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}
