//! Loading a corpus: files are read and parsed in parallel, then ids are
//! checked and cross-references resolved. Every problem becomes a
//! [`Diagnostic`]; a bad file is reported and skipped, never fatal.

use super::model::{self, Corpus};
use super::raw::{self, Scalar};
use super::yaml::{self, At, DisplayPath, Seg, YamlPath, YamlProblem};
use super::{date::PartialDate, passage};
use crate::diagnostic::{self, Diagnostic, Pos, Severity};
use crate::yaml_path;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A file's display path and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub corpus: Corpus,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// How far loading has got, readable from another thread.
#[derive(Debug, Default)]
pub struct Progress {
    pub total: AtomicUsize,
    pub done: AtomicUsize,
}

/// The corpus directory itself cannot be used (as opposed to a bad file in it).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read the corpus directory: {source}", path.display())]
    Dir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not a corpus: there is no timeline.yaml and no articles/ directory in it", path.display())]
    NotACorpus { path: PathBuf },
}

/// Loads the corpus in `dir`. `dir` is also how paths are shown in
/// diagnostics, made relative to the working directory when possible.
pub fn load_dir(dir: &Path, progress: &Progress) -> Result<Loaded, LoadError> {
    let meta = std::fs::metadata(dir).map_err(|source| LoadError::Dir {
        path: dir.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(LoadError::Dir {
            path: dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory"),
        });
    }
    let shown = display_root(dir);
    let timeline_path = dir.join("timeline.yaml");
    let articles_dir = dir.join("articles");
    let mut article_paths = Vec::new();
    match std::fs::read_dir(&articles_dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name_str = name.to_string_lossy();
                if name_str.ends_with(".md") && !name_str.starts_with('.') {
                    article_paths.push(name);
                }
            }
        }
        Err(_) if !timeline_path.exists() => {
            return Err(LoadError::NotACorpus {
                path: dir.to_path_buf(),
            })
        }
        Err(_) => {}
    }
    article_paths.sort();
    progress
        .total
        .store(article_paths.len() + 1, Ordering::Relaxed);
    let mut diagnostics = Vec::new();
    let timeline = match std::fs::read(&timeline_path) {
        Ok(bytes) => Some(SourceFile {
            path: shown.join("timeline.yaml"),
            bytes,
        }),
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                shown.join("timeline.yaml"),
                Pos::START,
                format!(
                    "cannot read the timeline: {e}; create timeline.yaml with an `events:` list"
                ),
            ));
            None
        }
    };
    // Each article is read inside the task that parses it: no barrier
    // between reading all files and parsing them.
    let read = |name: std::ffi::OsString| {
        let shown_path = shown.join("articles").join(&name);
        std::fs::read(articles_dir.join(&name))
            .map(|bytes| SourceFile {
                path: shown_path.clone(),
                bytes,
            })
            .map_err(|e| Diagnostic::error(shown_path, Pos::START, format!("cannot read: {e}")))
    };
    let mut loaded = load_with(
        Some(dir.to_path_buf()),
        timeline,
        article_paths,
        read,
        progress,
    );
    loaded.diagnostics.extend(diagnostics);
    diagnostic::sort(&mut loaded.diagnostics);
    Ok(loaded)
}

/// Shows `dir` relative to the working directory when it is below it.
fn display_root(dir: &Path) -> PathBuf {
    if dir.is_absolute() {
        if let Ok(cwd) = std::env::current_dir() {
            if let Ok(rel) = dir.strip_prefix(&cwd) {
                return if rel.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    rel.to_path_buf()
                };
            }
        }
    }
    dir.to_path_buf()
}

/// Loads a corpus from files already in memory.
pub fn load_files(
    root: Option<PathBuf>,
    timeline: Option<SourceFile>,
    articles: Vec<SourceFile>,
    progress: &Progress,
) -> Loaded {
    load_with(root, timeline, articles, Ok, progress)
}

/// Loads a corpus whose articles are read by `read` (in the parallel tasks
/// that parse them).
fn load_with<T: Send>(
    root: Option<PathBuf>,
    timeline: Option<SourceFile>,
    articles: Vec<T>,
    read: impl Fn(T) -> Result<SourceFile, Diagnostic> + Sync,
    progress: &Progress,
) -> Loaded {
    let (timeline, parsed): (Option<TimelineFile>, Vec<ArticleFile>) = rayon::join(
        || {
            let t = timeline.map(parse_timeline);
            progress.done.fetch_add(1, Ordering::Relaxed);
            t
        },
        || {
            articles
                .into_par_iter()
                .map(|item| {
                    let a = match read(item) {
                        Ok(f) => parse_article(f),
                        Err(d) => ArticleFile::unreadable(d),
                    };
                    progress.done.fetch_add(1, Ordering::Relaxed);
                    a
                })
                .collect()
        },
    );
    let mut diagnostics = Vec::new();
    let mut corpus = Corpus {
        root,
        ..Corpus::default()
    };

    // Articles: keep the first of each id.
    let mut article_files: Vec<ArticleFile> = Vec::with_capacity(parsed.len());
    let mut first_path: HashMap<String, PathBuf> = HashMap::new();
    for mut file in parsed {
        diagnostics.append(&mut file.diagnostics);
        let Some(article) = &file.article else {
            continue;
        };
        if let Some(first) = first_path.get(&article.id) {
            let pos = yaml::place(&file.yaml, &At::Value(yaml_path!["id"]), 1);
            diagnostics.push(Diagnostic::error(
                &file.path,
                pos,
                format!(
                    "duplicate article id `{}`: {} already uses it; this article is skipped, give it another id",
                    article.id,
                    first.display()
                ),
            ));
            continue;
        }
        first_path.insert(article.id.clone(), file.path.clone());
        article_files.push(file);
    }
    article_files.sort_by(|a, b| {
        let (a, b) = (a.article.as_ref().unwrap(), b.article.as_ref().unwrap());
        (a.published, &a.id).cmp(&(b.published, &b.id))
    });

    // Events: keep the first of each id.
    let mut events: Vec<PendingEvent> = Vec::new();
    let mut timeline_yaml = String::new();
    let mut timeline_path = PathBuf::new();
    let mut timeline_problems = Pending::new(0);
    if let Some(t) = timeline {
        diagnostics.extend(t.diagnostics);
        corpus.title = t.title;
        corpus.description = t.description;
        corpus.language = t.language;
        timeline_yaml = t.yaml;
        timeline_path = t.path;
        let mut seen: HashMap<String, usize> = HashMap::new();
        for e in t.events {
            if let Some(&first) = seen.get(&e.event.id) {
                timeline_problems.error(
                    At::Value(yaml_path!["events", e.row, "id"]),
                    format!(
                        "duplicate event id `{}`: event #{} already uses it; this event is skipped, give it another id",
                        e.event.id,
                        first + 1
                    ),
                );
                continue;
            }
            seen.insert(e.event.id.clone(), e.row);
            events.push(e);
        }
    }
    let event_ids: HashMap<&str, ()> = events.iter().map(|e| (e.event.id.as_str(), ())).collect();

    // References from articles and quotes to events.
    let unknown_events: Vec<Diagnostic> = article_files
        .par_iter_mut()
        .flat_map_iter(|file| unknown_event_diagnostics(file, &event_ids))
        .collect();
    diagnostics.extend(unknown_events);
    corpus.articles = article_files
        .into_iter()
        .map(|f| f.article.unwrap())
        .collect();
    corpus.links.article_by_id = corpus
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();

    // Sources of events.
    for pending in &mut events {
        for (i, reference) in pending.sources.iter().enumerate() {
            match corpus.resolve_source(reference) {
                Some(source) => pending.event.sources.push(source),
                None => timeline_problems.error(
                    At::Value(yaml_path!["events", pending.row, "sources", i]),
                    unknown_source_message(&corpus, reference),
                ),
            }
        }
    }
    diagnostics.extend(timeline_problems.place(&timeline_path, &timeline_yaml));
    let events: Vec<model::Event> = events.into_iter().map(|p| p.event).collect();
    corpus.events = timeline_order(events);
    corpus.link();
    diagnostic::sort(&mut diagnostics);
    Loaded {
        corpus,
        diagnostics,
    }
}

/// Drops an article's (and its quotes') references to unknown events, and
/// says where each was.
fn unknown_event_diagnostics(
    file: &mut ArticleFile,
    event_ids: &HashMap<&str, ()>,
) -> Vec<Diagnostic> {
    let article = file.article.as_mut().unwrap();
    let mut problems: Vec<(String, YamlPath)> = Vec::new();
    article.events.retain_with_index(|i, id| {
        let known = event_ids.contains_key(id.as_str());
        if !known {
            problems.push((id.clone(), yaml_path!["events", i]));
        }
        known
    });
    for (quote, &row) in article.quotes.iter_mut().zip(&file.quote_rows) {
        quote.events.retain_with_index(|i, id| {
            let known = event_ids.contains_key(id.as_str());
            if !known {
                problems.push((id.clone(), yaml_path!["quotes", row, "events", i]));
            }
            known
        });
    }
    let mut pending = Pending::new(1);
    for (id, path) in problems {
        pending.error(
            At::Value(path),
            format!("unknown event `{id}`: no event in the timeline has this id"),
        );
    }
    pending.place(&file.path, &file.yaml)
}

/// Sorts events by date, ties in file order. An event known only to the month
/// (or year) is not "the 1st": it keeps its place in the file among the events
/// of that month, right after the nearest earlier event in the file that falls
/// in it; with none, it opens the month.
pub fn timeline_order(events: Vec<model::Event>) -> Vec<model::Event> {
    use super::date::Precision;
    // The last event seen so far in each month and each year, so a vague
    // event finds its anchor at once (a backwards scan is quadratic).
    let mut last_in_month: HashMap<(i32, u32), usize> = HashMap::new();
    let mut last_in_year: HashMap<i32, usize> = HashMap::new();
    // (date the event sorts at, file index of that anchor, own file index)
    let mut keys: Vec<(PartialDate, usize, usize)> = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let anchor = match (e.date.precision(), e.date.month) {
            (Precision::Month, Some(m)) => last_in_month.get(&(e.date.year, m)).copied(),
            (Precision::Year, _) => last_in_year.get(&e.date.year).copied(),
            _ => None,
        };
        keys.push(match anchor {
            Some(j) => (keys[j].0, keys[j].1, i),
            None => (e.date, i, i),
        });
        if let Some(m) = e.date.month {
            last_in_month.insert((e.date.year, m), i);
        }
        last_in_year.insert(e.date.year, i);
    }
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    let mut slots: Vec<Option<model::Event>> = events.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

fn unknown_source_message(corpus: &Corpus, reference: &str) -> String {
    match reference.split_once('#') {
        Some((article, quote)) if corpus.article_index(article).is_some() => format!(
            "unknown quote `{quote}` in source `{reference}`: article `{article}` has no quote with this id"
        ),
        Some((article, _)) => format!(
            "unknown article `{article}` in source `{reference}`: no article has this id"
        ),
        None => format!(
            "unknown source `{reference}`: no article has this id (cite an article id, or `article#quote`)"
        ),
    }
}

trait RetainWithIndex<T> {
    fn retain_with_index(&mut self, f: impl FnMut(usize, &T) -> bool);
}

impl<T> RetainWithIndex<T> for Vec<T> {
    fn retain_with_index(&mut self, mut f: impl FnMut(usize, &T) -> bool) {
        let mut i = 0;
        self.retain(|x| {
            let keep = f(i, x);
            i += 1;
            keep
        });
    }
}

/// An id is lowercase letters, digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn invalid_id_message(what: &str, id: &str) -> String {
    let suggestion: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let suggestion = suggestion.trim_matches('-');
    if suggestion.is_empty() {
        format!("invalid {what} id `{id}`: use lowercase letters, digits and `-`")
    } else {
        format!(
            "invalid {what} id `{id}`: use lowercase letters, digits and `-` (e.g. `{suggestion}`)"
        )
    }
}

/// Problems found in one YAML text, placed together when done (one walk of
/// the text for all of them, however many there are).
struct Pending {
    line_offset: usize,
    items: Vec<(At, Severity, String)>,
}

impl Pending {
    fn new(line_offset: usize) -> Pending {
        Pending {
            line_offset,
            items: Vec::new(),
        }
    }

    fn error(&mut self, at: At, message: String) {
        self.items.push((at, Severity::Error, message));
    }

    fn place(self, path: &Path, yaml: &str) -> Vec<Diagnostic> {
        if self.items.is_empty() {
            return Vec::new();
        }
        let ats: Vec<&At> = self.items.iter().map(|(at, ..)| at).collect();
        let positions = yaml::place_all(yaml, &ats, self.line_offset);
        self.items
            .into_iter()
            .zip(positions)
            .map(|((_, severity, message), pos)| Diagnostic {
                path: path.to_path_buf(),
                pos,
                severity,
                message,
            })
            .collect()
    }
}

/// Collects diagnostics for one YAML text.
struct Reporter<'a> {
    path: &'a Path,
    yaml: &'a str,
    pending: Pending,
}

impl Reporter<'_> {
    fn new<'a>(path: &'a Path, yaml: &'a str, line_offset: usize) -> Reporter<'a> {
        Reporter {
            path,
            yaml,
            pending: Pending::new(line_offset),
        }
    }

    fn error(&mut self, at: At, message: String) {
        self.pending.error(at, message);
    }

    fn finish(self) -> Vec<Diagnostic> {
        self.pending.place(self.path, self.yaml)
    }

    fn problem(&mut self, p: YamlProblem) {
        self.error(p.at, p.message);
    }

    fn unknown_fields(
        &mut self,
        paths: Vec<YamlPath>,
        top: (&str, &[&str]),
        nested: (&str, &[&str]),
    ) {
        for path in paths {
            let name = match path.last() {
                Some(Seg::Key(k)) => k.clone(),
                _ => DisplayPath(&path).to_string(),
            };
            let (what, known) = if path.len() <= 1 { top } else { nested };
            let message = yaml::unknown_field_message(&name, what, known);
            self.pending
                .items
                .push((At::Key(path), Severity::Warning, message));
        }
    }

    fn date(&mut self, value: &str, path: YamlPath) -> Option<PartialDate> {
        PartialDate::parse(value)
            .map_err(|e| self.error(At::Value(path), e.0))
            .ok()
    }
}

/// An item of a list (an event, a quote) read on its own: the unknown fields
/// found in it, and the item or the problem that stopped it.
type Item<T> = (Vec<YamlPath>, Result<T, YamlProblem>);

/// Items of a document read in one go (it had no error): each takes the
/// unknown fields found inside it out of `unknown`.
fn items_with_unknowns<T>(items: Vec<T>, key: &str, unknown: &mut Vec<YamlPath>) -> Vec<Item<T>> {
    let mut inside: Vec<Vec<YamlPath>> = items.iter().map(|_| Vec::new()).collect();
    let mut rest = Vec::new();
    for path in std::mem::take(unknown) {
        match path.as_slice() {
            [Seg::Key(k), Seg::Index(row), _, ..] if k == key && *row < inside.len() => {
                inside[*row].push(path)
            }
            _ => rest.push(path),
        }
    }
    *unknown = rest;
    inside
        .into_iter()
        .zip(items)
        .map(|(u, item)| (u, Ok(item)))
        .collect()
}

/// Items of a document that had an error somewhere: each is read on its own,
/// so one bad item loses only itself.
fn items_from_values<T: serde::de::DeserializeOwned>(
    values: Vec<serde_yaml::Value>,
    key: &str,
) -> Vec<Item<T>> {
    values
        .into_iter()
        .enumerate()
        .map(|(row, value)| {
            let mut unknown = Vec::new();
            let parsed = yaml::from_value(value, &[Seg::from(key), Seg::from(row)], &mut unknown);
            (unknown, parsed)
        })
        .collect()
}

fn map_quotes<Q, R>(mut a: raw::Article<Q>, f: impl FnOnce(Vec<Q>) -> Vec<R>) -> raw::Article<R> {
    let quotes = f(std::mem::take(&mut a.quotes));
    raw::Article {
        id: a.id,
        title: a.title,
        source: a.source,
        author: a.author,
        published: a.published,
        language: a.language,
        url: a.url,
        tags: a.tags,
        events: a.events,
        quotes,
    }
}

struct PendingEvent {
    event: model::Event,
    /// The event's index in the timeline's `events:` list.
    row: usize,
    sources: Vec<String>,
}

struct TimelineFile {
    path: PathBuf,
    yaml: String,
    title: Option<String>,
    description: Option<String>,
    language: Option<String>,
    events: Vec<PendingEvent>,
    diagnostics: Vec<Diagnostic>,
}

fn parse_timeline(file: SourceFile) -> TimelineFile {
    let mut t = TimelineFile {
        path: file.path,
        yaml: String::new(),
        title: None,
        description: None,
        language: None,
        events: Vec::new(),
        diagnostics: Vec::new(),
    };
    let text = match decode(&t.path, file.bytes) {
        Ok(text) => text,
        Err(d) => {
            t.diagnostics.push(d);
            return t;
        }
    };
    if text.trim().is_empty() {
        t.diagnostics.push(Diagnostic::error(
            &t.path,
            Pos::START,
            "empty timeline: write `events:` followed by a list of events",
        ));
        return t;
    }
    let mut r = Reporter::new(&t.path, &text, 0);
    let mut unknown = Vec::new();
    let typed = match yaml::may_have_tags(&text) {
        true => None,
        false => yaml::try_from_str::<raw::Timeline<raw::Event>>(&text, &mut unknown),
    };
    let raw: raw::Timeline<Item<raw::Event>> = match typed {
        Some(raw) => raw::Timeline {
            events: items_with_unknowns(raw.events, "events", &mut unknown),
            title: raw.title,
            description: raw.description,
            language: raw.language,
        },
        None => match yaml::from_str::<raw::Timeline>(&text, &mut unknown) {
            Ok(raw) => raw::Timeline {
                events: items_from_values(raw.events, "events"),
                title: raw.title,
                description: raw.description,
                language: raw.language,
            },
            Err(p) => {
                r.problem(p);
                t.diagnostics = r.finish();
                return t;
            }
        },
    };
    r.unknown_fields(
        unknown,
        ("the timeline", raw::TIMELINE_FIELDS),
        ("the timeline", raw::TIMELINE_FIELDS),
    );
    t.title = Scalar::into_opt(raw.title);
    t.description = Scalar::into_opt(raw.description);
    t.language = Scalar::into_opt(raw.language);
    for (row, (unknown, parsed)) in raw.events.into_iter().enumerate() {
        r.unknown_fields(
            unknown,
            ("event", raw::EVENT_FIELDS),
            ("event", raw::EVENT_FIELDS),
        );
        let e = match parsed {
            Ok(e) => e,
            Err(p) => {
                r.problem(p);
                continue;
            }
        };
        if !is_valid_id(&e.id) {
            r.error(
                At::Value(yaml_path!["events", row, "id"]),
                invalid_id_message("event", &e.id),
            );
        }
        let Some(date) = r.date(&e.date.0, yaml_path!["events", row, "date"]) else {
            continue;
        };
        if e.title.0.trim().is_empty() {
            r.error(
                At::Value(yaml_path!["events", row, "title"]),
                "empty title: give the event a title".into(),
            );
        }
        t.events.push(PendingEvent {
            event: model::Event {
                id: e.id,
                date,
                title: e.title.0.trim().to_string(),
                summary: Scalar::into_opt(e.summary).map(|s| s.trim_end().to_string()),
                actors: e.actors.into_iter().map(|s| s.0).collect(),
                tags: e.tags.into_iter().map(|s| s.0).collect(),
                sources: Vec::new(),
            },
            row,
            sources: e.sources,
        });
    }
    t.diagnostics = r.finish();
    t.yaml = text;
    t
}

struct ArticleFile {
    path: PathBuf,
    /// The front matter's YAML text (kept to place diagnostics).
    yaml: String,
    article: Option<model::Article>,
    /// For each kept quote, its index in the front matter's `quotes:` list.
    quote_rows: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
}

impl ArticleFile {
    fn unreadable(d: Diagnostic) -> ArticleFile {
        ArticleFile {
            path: d.path.clone(),
            yaml: String::new(),
            article: None,
            quote_rows: Vec::new(),
            diagnostics: vec![d],
        }
    }
}

/// Turns bytes into text, or says where the file stops being UTF-8.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            if let Some(nul) = s.find('\0') {
                return Err(Diagnostic::error(
                    path,
                    Pos::of_offset(&s, nul),
                    "this looks like a binary file (it contains a NUL byte): corpus files are UTF-8 text",
                ));
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            Err(Diagnostic::error(
                path,
                Pos::of_offset(prefix, valid),
                format!(
                    "invalid UTF-8 (byte 0x{:02X}): save the file as UTF-8",
                    bytes[valid]
                ),
            ))
        }
    }
}

/// Where the front matter and body are in an article's text.
struct Split {
    yaml: std::ops::Range<usize>,
    body: std::ops::Range<usize>,
}

fn split_front_matter(text: &str) -> Result<Split, (Pos, &'static str)> {
    if text.trim().is_empty() {
        return Err((
            Pos::START,
            "empty file: an article starts with a `---` line, its YAML front matter (id, title…), a closing `---` line, then the body",
        ));
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err((
            Pos::START,
            "missing front matter: an article starts with a line `---`, then YAML (id, title…), then a closing `---` line, then the body",
        ));
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut at = yaml_start;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: yaml_start..at,
                body: body_start..text.len(),
            });
        }
        at = end + 1;
    }
    Err((
        Pos::START,
        "the front matter is not closed: add a line `---` between the YAML and the body",
    ))
}

fn parse_article(file: SourceFile) -> ArticleFile {
    let mut out = ArticleFile {
        path: file.path,
        yaml: String::new(),
        article: None,
        quote_rows: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut text = match decode(&out.path, file.bytes) {
        Ok(t) => t,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let split = match split_front_matter(&text) {
        Ok(s) => s,
        Err((pos, message)) => {
            out.diagnostics
                .push(Diagnostic::error(&out.path, pos, message));
            return out;
        }
    };
    out.yaml = text[split.yaml.clone()].to_string();
    // The body keeps the file's allocation: drop the front matter in place.
    text.truncate(text.trim_end().len().max(split.body.start));
    text.drain(..split.body.start);
    let lead = text.len() - text.trim_start_matches(['\n', '\r']).len();
    text.drain(..lead);
    text.shrink_to_fit(); // the front matter's bytes go back (about a quarter of a small file)
    let body = text;

    let mut r = Reporter::new(&out.path, &out.yaml, 1);
    let mut unknown = Vec::new();
    let typed = match yaml::may_have_tags(&out.yaml) {
        true => None,
        false => yaml::try_from_str::<raw::Article<raw::Quote>>(&out.yaml, &mut unknown),
    };
    let raw: raw::Article<Item<raw::Quote>> = match typed {
        Some(a) => map_quotes(a, |quotes| {
            items_with_unknowns(quotes, "quotes", &mut unknown)
        }),
        None => match yaml::from_str::<raw::Article>(&out.yaml, &mut unknown) {
            Ok(a) => map_quotes(a, |quotes| items_from_values(quotes, "quotes")),
            Err(p) => {
                r.problem(p);
                out.diagnostics = r.finish();
                return out;
            }
        },
    };
    r.unknown_fields(
        unknown,
        ("article front matter", raw::ARTICLE_FIELDS),
        ("article front matter", raw::ARTICLE_FIELDS),
    );
    if !is_valid_id(&raw.id) {
        r.error(
            At::Value(yaml_path!["id"]),
            invalid_id_message("article", &raw.id),
        );
    }
    let published = raw
        .published
        .and_then(|d| r.date(&d.0, yaml_path!["published"]));
    let mut quotes: Vec<model::Quote> = Vec::with_capacity(raw.quotes.len());
    // Prepared once for all the article's quotes (none: not built).
    let searchable = (!raw.quotes.is_empty()).then(|| passage::Body::new(&body));
    for (row, (unknown, parsed)) in raw.quotes.into_iter().enumerate() {
        r.unknown_fields(
            unknown,
            ("quote", raw::QUOTE_FIELDS),
            ("quote", raw::QUOTE_FIELDS),
        );
        let q = match parsed {
            Ok(q) => q,
            Err(p) => {
                r.problem(p);
                continue;
            }
        };
        let id = q.id.0;
        if !is_valid_id(&id) {
            r.error(
                At::Value(yaml_path!["quotes", row, "id"]),
                invalid_id_message("quote", &id),
            );
        }
        if quotes.iter().any(|other| other.id == id) {
            r.error(
                At::Value(yaml_path!["quotes", row, "id"]),
                format!("duplicate quote id `{id}` in this article: this quote is skipped, give it another id"),
            );
            continue;
        }
        let occurrence = q.occurrence.unwrap_or(1).max(1) as usize;
        if q.occurrence == Some(0) {
            r.error(
                At::Value(yaml_path!["quotes", row, "occurrence"]),
                "`occurrence` counts from 1".into(),
            );
        }
        let (span, found) = searchable
            .as_ref()
            .map_or((None, 0), |b| b.find(&q.text.0, occurrence));
        if span.is_none() {
            let message = if q.text.0.trim().is_empty() {
                format!("quote `{id}` has an empty text: copy the passage from the body")
            } else if found == 0 {
                format!(
                    "quote `{id}` is not in the body: its text must be a verbatim passage (only whitespace may differ); check apostrophes (’ or '), accents and punctuation"
                )
            } else {
                format!(
                    "quote `{id}`: occurrence {occurrence} asked for, but the passage occurs only {found} time(s) in the body"
                )
            };
            r.error(At::Value(yaml_path!["quotes", row, "text"]), message);
        }
        out.quote_rows.push(row);
        quotes.push(model::Quote {
            id,
            text: q.text.0,
            speaker: Scalar::into_opt(q.speaker),
            events: q.events,
            span,
        });
    }
    out.article = Some(model::Article {
        id: raw.id,
        title: raw.title.0.trim().to_string(),
        source: Scalar::into_opt(raw.source),
        author: Scalar::into_opt(raw.author),
        published,
        language: Scalar::into_opt(raw.language),
        url: Scalar::into_opt(raw.url),
        tags: raw.tags.into_iter().map(|s| s.0).collect(),
        events: raw.events,
        quotes,
        body,
        path: out.path.clone(),
    });
    out.diagnostics = r.finish();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, date: &str) -> model::Event {
        model::Event {
            id: id.into(),
            date: PartialDate::parse(date).unwrap(),
            title: id.into(),
            summary: None,
            actors: Vec::new(),
            tags: Vec::new(),
            sources: Vec::new(),
        }
    }

    #[test]
    fn vague_dates_keep_their_place_in_the_file_among_their_month() {
        let events = vec![
            event("attack", "2021-01-06"),
            event("ban", "2021-01-08"),
            event("gab-growth", "2021-01"), // written after the 8th
            event("suit", "2021-01-11"),
            event("spring", "2021-03"), // no earlier March event: opens March
            event("march-3", "2021-03-03"),
            event("year", "2021"), // after the last 2021 event in the file
            event("feb", "2021-02-10"),
            event("early", "2020-12-31"),
        ];
        let ids: Vec<String> = timeline_order(events).into_iter().map(|e| e.id).collect();
        assert_eq!(
            ids,
            [
                "early",
                "attack",
                "ban",
                "gab-growth",
                "suit",
                "feb",
                "spring",
                "march-3",
                "year"
            ]
        );
    }
}
