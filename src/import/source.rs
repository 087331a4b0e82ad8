//! Reading a source: a file (regular files only, size-capped, through
//! [`crate::fsread`]), standard input (`-`), or an `http(s)://` URL
//! ([`super::fetch`]). Text is UTF-8; HTML is decoded in the charset it
//! declares ([`super::charset`]).

use super::{charset, fetch};
use crate::fsread;
use std::io::Read;
use std::path::Path;

/// What a source's text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
}

/// A source's text and how to name it.
pub struct Loaded {
    pub text: String,
    pub kind: Kind,
    /// How errors name it: the path or URL as given, or `<stdin>`.
    pub shown: String,
    /// What `imported_from:` records: the absolute path, the URL, or `stdin`.
    pub origin: String,
    /// The URL the page was fetched from, after redirects.
    pub url: Option<String>,
}

/// Is `name` a URL to fetch?
pub(crate) fn is_url(name: &str) -> bool {
    let lower = name.get(..8).unwrap_or(name).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Reads `name`; the error is a whole `path:line:col: error: …` line.
pub fn read(name: &str, limits: fetch::Limits) -> Result<Loaded, String> {
    if name == "-" {
        return read_stdin();
    }
    if is_url(name) {
        return read_url(name, limits);
    }
    let path = Path::new(name);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let kind = match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => Kind::Html,
        Some("md" | "markdown") => Kind::Markdown,
        _ => Kind::Text,
    };
    let text = if kind == Kind::Html {
        let bytes = fsread::read(path).map_err(|e| format!("{name}: error: {e}"))?;
        charset::decode(&bytes, None).map_err(|e| format!("{name}: error: {e}"))?
    } else {
        fsread::read_to_string(path).map_err(|e| {
            let pos = e.pos();
            format!("{name}:{}:{}: error: {e}", pos.line, pos.col)
        })?
    };
    let origin = std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    Ok(Loaded {
        text,
        kind,
        shown: name.to_string(),
        origin,
        url: None,
    })
}

fn read_url(url: &str, limits: fetch::Limits) -> Result<Loaded, String> {
    let page = fetch::get(url, limits).map_err(|e| format!("{url}: error: {e}"))?;
    let text = charset::decode(&page.bytes, page.charset.as_deref())
        .map_err(|e| format!("{url}: error: {e}"))?;
    Ok(Loaded {
        text,
        kind: Kind::Html,
        shown: url.to_string(),
        origin: url.to_string(),
        url: Some(page.final_url),
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
        kind: Kind::Text,
        shown: "<stdin>".into(),
        origin: "stdin".into(),
        url: None,
    })
}
