//! `chronique import`: an HTML page, a URL, text, Markdown or standard
//! input in, an article of the corpus out, with its quoted passages found
//! and attributed.
//!
//! Each source is read ([`source`]: files, standard input, [`fetch`] for
//! URLs, [`charset`] for pages) into a [`draft::Draft`] ([`text`],
//! [`html`] and [`html_meta`]), its quotes found
//! ([`quotes`]) and attributed ([`speakers`]), then written ([`write`]).
//! A source that fails writes nothing; the others go on.

pub(crate) mod anaphora;
pub mod charset;
pub(crate) mod dateline;
pub mod draft;
pub mod fetch;
pub mod html;
pub(crate) mod html_depth;
pub(crate) mod html_meta;
pub mod quotes;
pub mod source;
pub mod speakers;
pub mod text;
pub mod words;
pub mod write;

use crate::corpus::{self, LoadError};
use crate::safe_text::one_line;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use write::QuoteOut;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The corpus to import into (created, with an empty timeline, when missing)
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub corpus: PathBuf,
    /// Link the article and its quotes to this existing event (repeatable)
    #[arg(long = "event", value_name = "ID")]
    pub events: Vec<String>,
    /// The article's title, instead of the headline found (one source only)
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Give up on a URL that has not answered in full after this many seconds
    #[arg(long, value_name = "SECS", default_value_t = fetch::TIMEOUT.as_secs_f64())]
    pub timeout: f64,
    /// Print the articles instead of writing them
    #[arg(long)]
    pub dry_run: bool,
    /// `.html`/`.htm`, `.txt` or `.md` files, `http(s)://` URLs, or `-` for standard input
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
}

/// What the corpus already holds, so nothing is imported twice.
#[derive(Default)]
struct Known {
    ids: HashSet<String>,
    events: HashSet<String>,
    /// Body fingerprint → the article that has it.
    bodies: HashMap<u64, String>,
    /// `url:` → the article that has it.
    urls: HashMap<String, String>,
}

/// Runs the command; the exit status is 1 when a source failed, 2 when
/// nothing could be tried (bad corpus, unknown event, bad arguments).
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let mut known = match known(&args.corpus) {
        Ok(k) => k,
        Err(e) => {
            let _ = writeln!(err, "chronique: error: {}", one_line(&e));
            return ExitCode::from(2);
        }
    };
    let unknown: Vec<&str> = args
        .events
        .iter()
        .filter(|e| !known.events.contains(e.as_str()))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        let _ = writeln!(
            err,
            "chronique: error: unknown event(s) {} in {}: import links articles to existing events and never creates one; add them to timeline.yaml first",
            one_line(&unknown.join(", ")),
            one_line(&args.corpus.join("timeline.yaml").display().to_string())
        );
        return ExitCode::from(2);
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        let _ = writeln!(
            err,
            "chronique: error: --timeout takes a number of seconds above 0"
        );
        return ExitCode::from(2);
    }
    if args.title.is_some() && args.sources.len() > 1 {
        let _ = writeln!(
            err,
            "chronique: error: --title names one article: give one source"
        );
        return ExitCode::from(2);
    }
    let (mut written, mut failed, mut quote_count) = (0, 0, 0);
    for name in &args.sources {
        match import_one(args, name, &mut known, out) {
            Ok(imported) => {
                written += 1;
                quote_count += imported.quotes;
            }
            Err(message) => {
                failed += 1;
                let _ = writeln!(err, "{}", one_line(&message));
            }
        }
    }
    let verb = if args.dry_run {
        "would import"
    } else {
        "imported"
    };
    // With --dry-run, standard output is the articles alone.
    let summary =
        format!("{verb} {written} article(s), {quote_count} quote(s); {failed} source(s) failed");
    let _ = match args.dry_run {
        true => writeln!(err, "{summary}"),
        false => writeln!(out, "{summary}"),
    };
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// An article written by an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    /// How many quotes were found in it.
    pub quotes: usize,
}

/// Imports one file or `http(s)://` URL into the corpus at `dir`, as
/// `chronique import --corpus DIR SOURCE` does (the reader's `i`): the
/// article written, or the one-line error.
pub(crate) fn import_into(dir: &Path, source: &str) -> Result<Imported, String> {
    let args = ImportArgs {
        corpus: dir.to_path_buf(),
        events: Vec::new(),
        title: None,
        timeout: fetch::TIMEOUT.as_secs_f64(),
        dry_run: false,
        sources: vec![source.to_string()],
    };
    let mut known = known(dir).map_err(|e| one_line(&e).into_owned())?;
    import_one(&args, source, &mut known, &mut std::io::sink())
        .map_err(|e| one_line(&e).into_owned())
}

/// Imports one source; the article written, or the one-line error.
fn import_one(
    args: &ImportArgs,
    name: &str,
    known: &mut Known,
    out: &mut dyn Write,
) -> Result<Imported, String> {
    if source::is_url(name) {
        if let Some(id) = known.urls.get(name) {
            return Err(format!(
                "{name}: error: already imported: article `{id}` has this URL"
            ));
        }
    }
    let limits = fetch::Limits {
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        ..fetch::Limits::default()
    };
    let loaded = source::read(name, limits)?;
    let mut draft = match loaded.kind {
        source::Kind::Html => html::read(&loaded.text, loaded.url.as_deref()),
        kind => text::read(&loaded.text, kind == source::Kind::Markdown).map_err(|e| e.to_string()),
    }
    .map_err(|e| format!("{}: error: {e}", loaded.shown))?;
    if let Some(t) = &args.title {
        draft.title = Some(t.clone());
    }
    let url_known = draft
        .url
        .iter()
        .chain(loaded.url.iter())
        .find_map(|u| known.urls.get(u));
    if let Some(id) = url_known {
        return Err(format!(
            "{}: error: already imported: article `{id}` has this URL",
            loaded.shown
        ));
    }
    let body = draft.body();
    let fingerprint = fingerprint(&body);
    if let Some(id) = known.bodies.get(&fingerprint) {
        return Err(format!(
            "{}: error: already imported: article `{id}` has the same text",
            loaded.shown
        ));
    }
    let quotes = quotes_of(&body);
    let title = draft.title.clone().unwrap_or_default();
    let base = write::slug(draft.published.as_deref(), &title);
    let articles = args.corpus.join("articles");
    let id = write::unique_id(&base, |id| {
        known.ids.contains(id) || articles.join(format!("{id}.md")).exists()
    });
    let imported_from = format!(
        "{} at {}",
        loaded.origin,
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
    );
    let text = write::article_text(&id, &draft, &args.events, &quotes, &imported_from);
    let path = articles.join(format!("{id}.md"));
    if args.dry_run {
        let _ = write!(out, "{text}");
    } else {
        write::ensure_corpus(&args.corpus)
            .and_then(|()| write::write_new(&path, &text))
            .map_err(|e| {
                format!(
                    "{}: error: cannot write {}: {e}",
                    loaded.shown,
                    path.display()
                )
            })?;
        let _ = writeln!(
            out,
            "{}\t{}\t{} quote(s)",
            one_line(&path.display().to_string()),
            one_line(&title),
            quotes.len()
        );
    }
    known.ids.insert(id.clone());
    known.bodies.insert(fingerprint, id.clone());
    for u in draft.url.iter().chain(loaded.url.iter()) {
        known.urls.insert(u.clone(), id.clone());
    }
    if source::is_url(name) {
        known.urls.insert(name.to_string(), id.clone());
    }
    Ok(Imported {
        id,
        path,
        title,
        quotes: quotes.len(),
    })
}

/// The quotes of `body`, attributed, each with its occurrence.
pub fn quotes_of(body: &str) -> Vec<QuoteOut> {
    let found = quotes::find(body);
    let speakers = speakers::attribute(body, &found);
    let searchable = corpus::passage::Body::new(body);
    found
        .into_iter()
        .zip(speakers)
        .map(|(q, speaker)| {
            // Which occurrence of the passage this is, counted as the
            // loader counts them, so it finds this very place.
            let occurrence = (1..)
                .find(|&n| match searchable.find(&q.text, n).0 {
                    Some(span) => span.start >= q.start,
                    None => true,
                })
                .unwrap_or(1);
            QuoteOut {
                text: q.text,
                speaker,
                occurrence,
            }
        })
        .collect()
}

/// A body's text with whitespace collapsed, hashed: re-wrapping does not
/// make a body new.
fn fingerprint(body: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for word in body.split_whitespace() {
        word.hash(&mut h);
    }
    h.finish()
}

/// The corpus's ids, events, bodies and URLs; an empty [`Known`] when the
/// directory does not exist yet or is empty.
fn known(dir: &Path) -> Result<Known, String> {
    // Through the corpus cache (unless --no-cache): on a warm cache only
    // the changed files are parsed, and the cache written is the reader's.
    let location = corpus::CorpusLocation::Dir(dir.to_path_buf());
    let loaded = match crate::cache::load(&location) {
        Ok(l) => l,
        Err(LoadError::Dir { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Known::default())
        }
        Err(LoadError::NotACorpus { path }) => {
            let empty = std::fs::read_dir(&path)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            return if empty {
                Ok(Known::default())
            } else {
                Err(format!(
                    "{}: not a corpus and not empty: give a corpus directory or a new one",
                    path.display()
                ))
            };
        }
        Err(e) => return Err(e.to_string()),
    };
    let corpus = loaded.corpus;
    let mut known = Known {
        events: corpus.events.iter().map(|e| e.id.to_string()).collect(),
        ..Known::default()
    };
    for a in corpus.articles {
        known.bodies.insert(fingerprint(&a.body), a.id.to_string());
        if let Some(u) = a.url {
            known.urls.insert(u, a.id.to_string());
        }
        known.ids.insert(a.id.to_string());
    }
    Ok(known)
}
