//! The `export` subcommand: arguments, reading, writing.

use super::{render, select, Format, Options};
use crate::annotations::{format::from_yaml, store::write_atomic, Annotations, Status};
use crate::corpus::{CorpusLocation, PartialDate};
use crate::safe_text::one_line;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The format to write
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    pub format: Format,
    /// The corpus directory (default: ./data if it has a timeline.yaml, else the built-in sample)
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// The annotations file to read (default: `<corpus>/annotations.yaml` when it exists)
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
    /// Write to FILE (atomically: a temporary file renamed over it) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only events tagged TAG, in the corpus or by you (on the event or a quote about it); repeatable
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only events you starred (or with a starred quote)
    #[arg(long)]
    pub starred: bool,
    /// Only events with this status (on the event or a quote about it)
    #[arg(long, value_parser = parse_status, value_name = "to-check|verified|disputed")]
    pub status: Option<Status>,
    /// Only events whose period ends on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub from: Option<PartialDate>,
    /// Only events whose period starts on or before DATE
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub to: Option<PartialDate>,
    /// Only the event with this id (yours or the corpus's); repeatable
    #[arg(long = "event", value_name = "ID")]
    pub events: Vec<String>,
    /// Leave your annotations out (notes, tags, stars, statuses, your quotes and events)
    #[arg(long)]
    pub no_notes: bool,
    /// Leave your own events and quotes out (keep your notes on the corpus's)
    #[arg(long)]
    pub corpus_only: bool,
}

fn parse_status(s: &str) -> Result<Status, String> {
    [Status::ToCheck, Status::Verified, Status::Disputed]
        .into_iter()
        .find(|st| st.as_str() == s)
        .ok_or_else(|| "expected to-check, verified or disputed".into())
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    PartialDate::parse(s).map_err(|e| e.0)
}

impl ExportArgs {
    pub fn options(&self) -> Options {
        Options {
            tags: self.tags.clone(),
            starred: self.starred,
            status: self.status,
            filter: None,
            from: self.from,
            to: self.to,
            events: self.events.clone(),
            no_notes: self.no_notes,
            corpus_only: self.corpus_only,
        }
    }
}

/// Runs the command: 0 when written (even empty), 2 on a usage, corpus,
/// annotations or write error.
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match export(args, out, err) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            writeln!(err, "{}", one_line(&message)).ok();
            ExitCode::from(2)
        }
    }
}

fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), String> {
    let location = CorpusLocation::resolve(args.corpus.as_deref());
    let loaded = crate::cache::load(&location).map_err(|e| format!("chronique: error: {e}"))?;
    // Never freed, as in `check`: the command ends with the export.
    let loaded = std::mem::ManuallyDrop::new(loaded);
    if loaded.errors() > 0 {
        let n = loaded.errors();
        writeln!(
            err,
            "chronique: warning: the corpus has {n} error{} (`chronique check` lists them); exporting what was read",
            if n == 1 { "" } else { "s" }
        )
        .ok();
    }
    let annotations = read_annotations(args.annotations.as_deref(), &location, err)?;
    let corpus = &loaded.corpus;
    for id in &args.events {
        if corpus.event_index(id).is_none() && annotations.reader_event(id).is_none() {
            return Err(format!(
                "chronique: error: --event {id}: no such event in the corpus or your annotations"
            ));
        }
    }
    let selection = select(corpus, &annotations, &args.options());
    if selection.is_empty() {
        writeln!(
            err,
            "chronique: nothing matched the filters; the document is empty"
        )
        .ok();
    }
    let document = render(args.format, &selection);
    match &args.output {
        Some(path) => write_atomic(path, document.as_bytes(), false)
            .map_err(|e| format!("chronique: error: {}: cannot write: {e}", path.display())),
        None => match out
            .write_all(document.as_bytes())
            .and_then(|()| out.flush())
        {
            Ok(()) => Ok(()),
            // A closed pipe (`| head`) is the reader's choice, not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(format!("chronique: error: standard output: {e}")),
        },
    }
}

/// The file named, else `<corpus>/annotations.yaml` (or the built-in
/// sample's own file) when it exists, else none. A named file must exist;
/// a malformed one is an error with its position.
fn read_annotations(
    named: Option<&Path>,
    location: &CorpusLocation,
    err: &mut dyn Write,
) -> Result<Annotations, String> {
    let path = match named {
        Some(p) => p.to_path_buf(),
        None => match crate::config::default_path(location) {
            Some(p) if p.is_file() => p,
            _ => return Ok(Annotations::default()),
        },
    };
    // Regular files only, size-capped: a FIFO or /dev/zero named here
    // must not hang or fill memory.
    let text = crate::fsread::read_to_string(&path).map_err(|e| {
        let message = format!("cannot read the annotations file: {e}");
        crate::diagnostic::Diagnostic::error(&path, e.pos(), message).to_string()
    })?;
    let (annotations, warnings) = from_yaml(&text, &path).map_err(|d| d.to_string())?;
    for w in warnings {
        writeln!(err, "{w}").ok();
    }
    Ok(annotations)
}
