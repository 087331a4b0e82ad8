//! Loading a corpus: files are read and parsed in parallel, then ids are
//! checked and cross-references resolved. Every problem becomes a
//! [`Diagnostic`]; a bad file is reported and skipped, never fatal.

use super::last_good::{self, LastGood};
use super::model::{self, Corpus, IdMap};
use super::parse::{
    parse_article, parse_timeline, ArticleFile, Pending, PendingEvent, TimelineFile,
};
use super::reuse::{self, ParsedFile, Part, Reuse, Stamp};
/// What the loader reads and hands the parser.
pub use super::source::SourceFile;
pub(crate) use super::timeline_order::timeline_order;
use crate::diagnostic::{self, clip, Diagnostic, Pos};
use crate::fsread;
use crate::yaml::{self, At, YamlPath};
use crate::yaml_path;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Debug, Default, Clone)]
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
    load_dir_keeping(dir, progress, None)
}

/// [`load_dir`], keeping in `last_good` each file that parses cleanly and
/// showing, for a file that has errors, the version kept there (live reload).
pub(crate) fn load_dir_keeping(
    dir: &Path,
    progress: &Progress,
    last_good: Option<&LastGood>,
) -> Result<Loaded, LoadError> {
    load_dir_reusing(dir, progress, last_good, None)
}

/// [`load_dir_keeping`], taking from `reuse` the parse of each file that has
/// not changed since it was kept there, and giving it each file parsed (the
/// on-disk cache). With `reuse`, the last good versions are `reuse`'s, not
/// `last_good`'s, which only says that the reader wants them.
pub fn load_dir_reusing(
    dir: &Path,
    progress: &Progress,
    last_good: Option<&LastGood>,
    reuse: Option<&dyn Reuse>,
) -> Result<Loaded, LoadError> {
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
    let mut diagnostics = Vec::new();
    // (file name, whether it is a symlink): only links can lead outside.
    let mut article_paths = Vec::new();
    match std::fs::read_dir(&articles_dir) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name_str = name.to_string_lossy();
                if reuse::is_article_name(&name_str) {
                    let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
                    article_paths.push((name, is_link));
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !timeline_path.exists() {
                return Err(LoadError::NotACorpus {
                    path: dir.to_path_buf(),
                });
            }
        }
        Err(e) => diagnostics.push(Diagnostic::error(
            shown.join("articles"),
            Pos::START,
            format!("cannot read the articles folder: {e}; none of its articles is loaded"),
        )),
    }
    article_paths.sort();
    progress
        .total
        .store(article_paths.len() + 1, Ordering::Relaxed);
    let articles_dir_is_link = is_symlink(&articles_dir);
    let timeline_relative = Path::new("timeline.yaml");
    let timeline = match open(
        dir,
        timeline_relative,
        &shown,
        true,
        reuse,
        is_symlink(&timeline_path),
    ) {
        Ok(input) => Some(input),
        Err(e) => {
            let mut message = e.message("the timeline");
            if e.is_missing() {
                message.push_str("; create timeline.yaml with an `events:` list");
            }
            diagnostics.push(Diagnostic::error(
                shown.join("timeline.yaml"),
                Pos::START,
                message,
            ));
            None
        }
    };
    // Each article is read inside the task that parses it: no barrier
    // between reading all files and parsing them.
    let read = |(name, is_link): (std::ffi::OsString, bool)| {
        let relative = reuse::article_path(&name);
        let via_link = is_link || articles_dir_is_link;
        open(dir, &relative, &shown, false, reuse, via_link).map_err(|e| {
            Diagnostic::error(shown.join(&relative), Pos::START, e.message("the article"))
        })
    };
    let mut loaded = load_with(
        Some(dir.to_path_buf()),
        timeline,
        article_paths,
        read,
        progress,
        last_good,
        reuse,
    );
    loaded.diagnostics.extend(diagnostics);
    diagnostic::sort(&mut loaded.diagnostics);
    Ok(loaded)
}

pub(super) fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Why a corpus file is not read.
#[derive(Debug)]
pub(super) enum NotRead {
    Read(fsread::ReadError),
    LeavesCorpus,
}

impl NotRead {
    /// The diagnostic's message; `what` names the file ("the timeline").
    fn message(&self, what: &str) -> String {
        match self {
            NotRead::Read(e) => format!("cannot read {what}: {e}"),
            NotRead::LeavesCorpus => "not read: this symlink leaves the corpus directory (only files inside the corpus are read); copy the file into the corpus instead".into(),
        }
    }

    fn is_missing(&self) -> bool {
        matches!(self, NotRead::Read(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

/// A file to parse, or its parse kept by a [`Reuse`].
pub(super) enum Input {
    /// `at`: its path relative to the corpus and its modification time,
    /// when it is read from a corpus directory for a [`Reuse`].
    Read {
        file: SourceFile,
        at: Option<(PathBuf, u128)>,
    },
    Kept {
        parsed: ParsedFile,
        relative: PathBuf,
    },
}

/// Opens `relative` in `corpus_dir`: its kept parse when `reuse` has one of
/// the right kind, else its bytes; unless it is reached through a symlink
/// (`via_link`) that resolves outside `corpus_dir`: a corpus is read, never
/// what it points at elsewhere on the machine.
pub(super) fn open(
    corpus_dir: &Path,
    relative: &Path,
    shown_root: &Path,
    is_timeline: bool,
    reuse: Option<&dyn Reuse>,
    via_link: bool,
) -> Result<Input, NotRead> {
    let path = corpus_dir.join(relative);
    let shown = shown_root.join(relative);
    if via_link && fsread::leaves_dir(corpus_dir, &path) {
        return Err(NotRead::LeavesCorpus);
    }
    if let Some(kept) = reuse.and_then(|r| r.unchanged(relative, &path)) {
        if kept.is_timeline() == is_timeline {
            // A copy when it stays kept: the cross-file checks change it.
            let mut kept = Arc::unwrap_or_clone(kept);
            kept.rebase(&shown);
            return Ok(Input::Kept {
                parsed: kept,
                relative: relative.to_path_buf(),
            });
        }
    }
    // Before reading: a write during the read is a change next time.
    let modified_ns = reuse.map(|_| std::fs::metadata(&path).map_or(0, |m| reuse::modified_ns(&m)));
    let bytes = fsread::read(&path).map_err(NotRead::Read)?;
    Ok(Input::Read {
        file: SourceFile { path: shown, bytes },
        at: modified_ns.map(|m| (relative.to_path_buf(), m)),
    })
}

/// Parses `input` (or takes its kept parse), giving `reuse` what was parsed.
pub(super) fn parse_input<F: Part>(
    input: Input,
    reuse: Option<&dyn Reuse>,
    last_good: Option<&LastGood>,
    parse: fn(SourceFile) -> F,
    diagnostics: fn(&mut F) -> &mut Vec<Diagnostic>,
) -> F {
    let (file, relative, modified_ns, reuse) = match (input, reuse) {
        // Unchanged since it broke: still shown in its last good version.
        (Input::Kept { parsed, relative }, Some(reuse)) => {
            let shown = shown_good(parsed, reuse, &relative, last_good);
            return F::from_parsed(shown).expect("checked by open");
        }
        (Input::Kept { parsed, .. }, None) => {
            return F::from_parsed(parsed).expect("checked by open")
        }
        (
            Input::Read {
                file,
                at: Some((relative, path)),
            },
            Some(reuse),
        ) => (file, relative, path, reuse),
        (Input::Read { file, .. }, _) => return parse_keeping(file, last_good, parse, diagnostics),
    };
    let stamp = Stamp::new(modified_ns, &file.bytes);
    let parsed = Arc::new(parse(file).into_parsed());
    reuse.parsed(&relative, stamp, &parsed);
    let parsed = Arc::unwrap_or_clone(parsed);
    F::from_parsed(shown_good(parsed, reuse, &relative, last_good)).expect("the same kind")
}

/// `parsed`, or while it has errors and the reader wants them
/// (`last_good`), its last good version kept by `reuse`.
fn shown_good(
    parsed: ParsedFile,
    reuse: &dyn Reuse,
    relative: &Path,
    last_good: Option<&LastGood>,
) -> ParsedFile {
    // Asked only for a broken file: a good version the reader is shown
    // means the corpus is not the files' (its index is not kept for them).
    let good = (last_good.is_some() && parsed.has_errors())
        .then(|| reuse.last_good(relative))
        .flatten();
    match good {
        Some(mut good) => {
            good.rebase(parsed.path());
            good.shown_instead_of(parsed)
        }
        None => parsed,
    }
}

/// Shows `dir` relative to the working directory when it is below it.
pub(super) fn display_root(dir: &Path) -> PathBuf {
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
    let read = |file| Ok(Input::Read { file, at: None });
    let timeline = timeline.map(|file| Input::Read { file, at: None });
    load_with(root, timeline, articles, read, progress, None, None)
}

/// Loads a corpus whose articles are read by `read` (in the parallel tasks
/// that parse them).
fn load_with<T: Send>(
    root: Option<PathBuf>,
    timeline: Option<Input>,
    articles: Vec<T>,
    read: impl Fn(T) -> Result<Input, Diagnostic> + Sync,
    progress: &Progress,
    last_good: Option<&LastGood>,
    reuse: Option<&dyn Reuse>,
) -> Loaded {
    let (timeline, parsed): (Option<TimelineFile>, Vec<ArticleFile>) = rayon::join(
        || {
            let t = timeline
                .map(|t| parse_input(t, reuse, last_good, parse_timeline, |t| &mut t.diagnostics));
            progress.done.fetch_add(1, Ordering::Relaxed);
            t
        },
        || {
            articles
                .into_par_iter()
                .map(|item| {
                    let a = match read(item) {
                        Ok(input) => parse_input(input, reuse, last_good, parse_article, |a| {
                            &mut a.diagnostics
                        }),
                        Err(d) => ArticleFile::unreadable(d),
                    };
                    progress.done.fetch_add(1, Ordering::Relaxed);
                    a
                })
                .collect()
        },
    );
    let mut corpus = Corpus {
        root,
        ..Corpus::default()
    };
    // The two sides are independent until the references between them.
    let ((mut article_files, mut diagnostics), timeline) =
        rayon::join(|| first_articles(parsed), || timeline.map(first_events));
    let mut events: Vec<PendingEvent> = Vec::new();
    let mut timeline_yaml = crate::shared_text::SharedText::default();
    let mut timeline_path = PathBuf::new();
    let mut timeline_problems = Pending::new(0);
    if let Some((t, kept, problems)) = timeline {
        diagnostics.extend(t.diagnostics);
        corpus.title = t.title;
        corpus.description = t.description;
        corpus.language = t.language;
        timeline_yaml = t.yaml;
        timeline_path = t.path;
        events = kept;
        timeline_problems = problems;
    }
    let event_ids: IdMap<&str, ()> = events.iter().map(|e| (e.event.id.as_str(), ())).collect();

    // References from articles and quotes to events.
    let unknown_events: Vec<Diagnostic> = article_files
        .par_iter_mut()
        .flat_map_iter(|file| unknown_event_diagnostics(file, |id| event_ids.contains_key(id)))
        .collect();
    diagnostics.extend(unknown_events);
    corpus.articles = article_files
        .into_iter()
        .map(|f| f.article.unwrap())
        .collect();
    corpus.links.article_by_id = Arc::new(
        corpus
            .indexed_articles()
            .map(|(i, a)| (a.id.clone(), i))
            .collect(),
    );

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
        for (i, account) in std::mem::take(&mut pending.accounts)
            .into_iter()
            .enumerate()
        {
            match corpus.resolve_source(&account.source) {
                Some(source) => pending.event.accounts.push(model::Account {
                    source,
                    says: account.says,
                    date: account.date,
                    disputes: account.disputes,
                }),
                None => timeline_problems.error(
                    At::Value(yaml_path!["events", pending.row, "accounts", i, "source"]),
                    unknown_source_message(&corpus, &account.source),
                ),
            }
        }
    }
    diagnostics.extend(timeline_problems.place(&timeline_path, &timeline_yaml));
    let events: Vec<model::Event> = events.into_iter().map(|p| p.event).collect();
    corpus.events = timeline_order(events).into();
    corpus.link();
    model::list_quotes_naming_events(&mut corpus);
    diagnostic::sort(&mut diagnostics);
    Loaded {
        corpus,
        diagnostics,
    }
}

/// The articles parsed, the first of each id kept (a later one is an
/// error), in the order of the timeline (date, then id); and the files'
/// diagnostics.
fn first_articles(parsed: Vec<ArticleFile>) -> (Vec<ArticleFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut article_files: Vec<ArticleFile> = Vec::with_capacity(parsed.len());
    let mut first_path: IdMap<model::Id, PathBuf> = IdMap::default();
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
                    clip(&article.id),
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
    (article_files, diagnostics)
}

/// The timeline's events, the first of each id kept (a later one is an
/// error, in the returned problems); the timeline without them.
fn first_events(mut t: TimelineFile) -> (TimelineFile, Vec<PendingEvent>, Pending) {
    let mut problems = Pending::new(0);
    let mut events = Vec::with_capacity(t.events.len());
    let mut seen: IdMap<model::Id, usize> = IdMap::default();
    for e in std::mem::take(&mut t.events) {
        if let Some(&first) = seen.get(&e.event.id) {
            problems.error(
                At::Value(yaml_path!["events", e.row, "id"]),
                format!(
                    "duplicate event id `{}`: event #{} already uses it; this event is skipped, give it another id",
                    clip(&e.event.id),
                    first + 1
                ),
            );
            continue;
        }
        seen.insert(e.event.id.clone(), e.row);
        events.push(e);
    }
    (t, events, problems)
}

/// Parses `file`, showing its last good version while it has errors when
/// `last_good` is given (live reload).
fn parse_keeping<F>(
    file: SourceFile,
    last_good: Option<&LastGood>,
    parse: fn(SourceFile) -> F,
    diagnostics: fn(&mut F) -> &mut Vec<Diagnostic>,
) -> F {
    match last_good {
        None => parse(file),
        Some(kept) => last_good::keeping(
            file.path,
            file.bytes,
            kept,
            |path, bytes| parse(SourceFile { path, bytes }),
            diagnostics,
        ),
    }
}

/// Drops an article's (and its quotes') references to unknown events, and
/// says where each was.
pub(super) fn unknown_event_diagnostics(
    file: &mut ArticleFile,
    is_event: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let article = file.article.as_mut().unwrap();
    let known = |ids: &[model::Id]| ids.iter().all(|id| is_event(id));
    if known(&article.events) && article.quotes.iter().all(|q| known(&q.events)) {
        return Vec::new(); // the article stays shared as it is
    }
    let article = Arc::make_mut(article);
    let mut problems: Vec<(String, YamlPath)> = Vec::new();
    article.events.retain_with_index(|i, id| {
        let known = is_event(id);
        if !known {
            problems.push((id.to_string(), yaml_path!["events", i]));
        }
        known
    });
    for (quote, &row) in article.quotes.iter_mut().zip(&file.quote_rows) {
        quote.events.retain_with_index(|i, id| {
            let known = is_event(id);
            if !known {
                problems.push((id.to_string(), yaml_path!["quotes", row, "events", i]));
            }
            known
        });
    }
    let mut pending = Pending::new(1);
    for (id, path) in problems {
        pending.error(
            At::Value(path),
            format!(
                "unknown event `{}`: no event in the timeline has this id",
                clip(&id)
            ),
        );
    }
    pending.place(&file.path, &file.yaml)
}

fn unknown_source_message(corpus: &Corpus, reference: &str) -> String {
    let shown = clip(reference);
    match reference.split_once('#') {
        Some((article, quote)) if corpus.article_index(article).is_some() => format!(
            "unknown quote `{}` in source `{shown}`: article `{}` has no quote with this id",
            clip(quote),
            clip(article)
        ),
        Some((article, _)) => format!(
            "unknown article `{}` in source `{shown}`: no article has this id",
            clip(article)
        ),
        None => format!(
            "unknown source `{shown}`: no article has this id (cite an article id, or `article#quote`)"
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
