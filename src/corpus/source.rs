//! A corpus file read into memory, before it is parsed.

use std::path::PathBuf;

/// A file's display path and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}
