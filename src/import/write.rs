//! The article file: its id, its front matter written with the
//! annotations' YAML emitter (every value reads back identical), and an
//! atomic write into `DIR/articles/`.

use super::draft::Draft;
use crate::annotations::emit;
use std::io::Write;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// At most this many bytes of title in an id (the date comes first).
const SLUG_TITLE_MAX: usize = 60;

/// One quote to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteOut {
    pub text: String,
    pub speaker: Option<String>,
    /// Which occurrence of `text` in the body (1 is not written).
    pub occurrence: usize,
}

/// The lowercase `[a-z0-9-]` id of date and title: accents folded,
/// other characters become single hyphens, cut at a word.
pub(crate) fn slug(date: Option<&str>, title: &str) -> String {
    let folded: String = title
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(|c| match c {
            'œ' | 'Œ' => "oe".chars().collect::<Vec<_>>(),
            'æ' | 'Æ' => "ae".chars().collect(),
            'ß' => "ss".chars().collect(),
            c => c.to_lowercase().collect(),
        })
        .collect();
    let mut words: Vec<String> = Vec::new();
    let mut len = 0;
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if len + word.len() > SLUG_TITLE_MAX && !words.is_empty() {
            break;
        }
        len += word.len() + 1;
        words.push(word.chars().take(SLUG_TITLE_MAX).collect());
    }
    let title = if words.is_empty() {
        "article".to_string()
    } else {
        words.join("-")
    };
    match date {
        Some(d) => format!("{d}-{title}"),
        None => title,
    }
}

/// `base`, or `base-2`, `base-3`… the first not taken.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("an unbounded range has a free id")
}

/// The whole `.md` file.
pub(crate) fn article_text(
    id: &str,
    draft: &Draft,
    events: &[String],
    quotes: &[QuoteOut],
    imported_from: &str,
) -> String {
    let mut out = String::from("---\n");
    emit::field(&mut out, "id", id, 0);
    let title = draft.title.as_deref().unwrap_or(id);
    emit::field(&mut out, "title", title, 0);
    let optional = [
        ("source", &draft.site),
        ("author", &draft.author),
        ("published", &draft.published),
        ("language", &draft.language),
        ("url", &draft.url),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            emit::field(&mut out, key, v, 0);
        }
    }
    emit::field(&mut out, "imported_from", imported_from, 0);
    emit::list(&mut out, "events", events, 0);
    if !quotes.is_empty() {
        out.push_str("quotes:\n");
    }
    for (n, q) in quotes.iter().enumerate() {
        out.push_str("  - ");
        emit::field_here(&mut out, "id", &format!("q{}", n + 1), 4);
        emit::field(&mut out, "text", &q.text, 4);
        if let Some(s) = &q.speaker {
            emit::field(&mut out, "speaker", s, 4);
        }
        emit::list(&mut out, "events", events, 4);
        if q.occurrence > 1 {
            // A number, not the string the emitter would quote.
            out.push_str(&format!("    occurrence: {}\n", q.occurrence));
        }
    }
    out.push_str("---\n");
    out.push_str(&draft.body());
    out
}

/// Makes `dir` a corpus when it is not one: the directory, `articles/` and
/// a timeline with no events.
pub(crate) fn ensure_corpus(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("articles"))?;
    let timeline = dir.join("timeline.yaml");
    if !timeline.exists() {
        write_new(&timeline, "events: []\n")?;
    }
    Ok(())
}

/// Writes `text` to `path` through a temporary file in the same directory
/// and a rename that refuses to replace an existing file: a reader never
/// sees half an article, and a crash leaves no partial file under the name.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".import-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_cut_at_a_word() {
        assert_eq!(
            slug(Some("2021-03"), "Parler renonce à sa plainte : l’œuvre !"),
            "2021-03-parler-renonce-a-sa-plainte-l-oeuvre"
        );
        assert_eq!(slug(None, "¿?"), "article");
        let long = slug(None, &"mot ".repeat(40));
        assert!(long.len() <= SLUG_TITLE_MAX + 4, "{long}");
    }

    #[test]
    fn unique_ids_count_from_two() {
        let taken = ["a", "a-2"];
        assert_eq!(unique_id("a", |id| taken.contains(&id)), "a-3");
        assert_eq!(unique_id("b", |id| taken.contains(&id)), "b");
    }
}
