//! Reading a source: a file (regular files only, size-capped, through
//! [`crate::fsread`]) or standard input (`-`), as UTF-8 text.

use crate::fsread;
use std::io::Read;
use std::path::Path;

/// A source's text and how to name it.
pub struct Loaded {
    pub text: String,
    /// Markdown (`.md`, `.markdown`) rather than plain text.
    pub markdown: bool,
    /// How errors name it: the path as given, or `<stdin>`.
    pub shown: String,
    /// What `imported_from:` records: the absolute path, or `stdin`.
    pub origin: String,
}

/// Reads `name`; the error is a whole `path:line:col: error: …` line.
pub fn read(name: &str) -> Result<Loaded, String> {
    if name == "-" {
        return read_stdin();
    }
    if name.starts_with("http://") || name.starts_with("https://") {
        return Err(format!(
            "{name}: error: importing from a URL is not supported yet: save the page as text and import the file"
        ));
    }
    let path = Path::new(name);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("html" | "htm" | "xhtml")) {
        return Err(format!(
            "{name}: error: HTML import is not supported yet: save the page as text and import the file"
        ));
    }
    let text = fsread::read_to_string(path).map_err(|e| {
        let pos = e.pos();
        format!("{name}:{}:{}: error: {e}", pos.line, pos.col)
    })?;
    let origin = std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    Ok(Loaded {
        text,
        markdown: matches!(ext.as_deref(), Some("md" | "markdown")),
        shown: name.to_string(),
        origin,
    })
}

fn read_stdin() -> Result<Loaded, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(fsread::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("<stdin>: error: {e}"))?;
    if bytes.len() as u64 > fsread::MAX_FILE_BYTES {
        return Err(format!(
            "<stdin>: error: more than {} MiB",
            fsread::MAX_FILE_BYTES >> 20
        ));
    }
    let text = fsread::utf8(bytes)
        .map_err(|e| format!("<stdin>:{}:{}: error: {e}", e.pos.line, e.pos.col))?;
    Ok(Loaded {
        text,
        markdown: false,
        shown: "<stdin>".into(),
        origin: "stdin".into(),
    })
}
