//! The import prompt's state (`i`, see `overlay::import`).

use crate::app::line_edit::LineEditor;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct ImportPrompt {
    /// The file path or URL being typed.
    pub input: LineEditor,
    /// The corpus directory the article is written to.
    pub corpus: PathBuf,
    /// The source being imported in the background, while it runs.
    pub running: Option<String>,
    /// Why the last import failed, shown until the next one starts.
    pub error: Option<String>,
}

impl ImportPrompt {
    pub fn new(corpus: PathBuf) -> ImportPrompt {
        ImportPrompt {
            input: LineEditor::new("a .html, .txt or .md file, or an http(s):// URL"),
            corpus,
            running: None,
            error: None,
        }
    }
}
