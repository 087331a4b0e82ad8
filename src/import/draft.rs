//! An article being imported, before it has an id: what the readers
//! (text, HTML) found, and what the quote finder adds.

/// Everything known about one source's article.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub published: Option<String>,
    pub author: Option<String>,
    /// The outlet (`source:`).
    pub site: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// Paragraphs; a paragraph starting with `# ` is a heading.
    pub paragraphs: Vec<String>,
}

impl Draft {
    /// The body as the corpus format writes it: paragraphs separated by a
    /// blank line.
    pub fn body(&self) -> String {
        let mut body = self.paragraphs.join("\n\n");
        body.push('\n');
        body
    }
}
