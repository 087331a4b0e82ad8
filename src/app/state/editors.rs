//! The annotation popups' state: the note editor (`a`), the tag editor with
//! completion (`t`), the small forms for a reader's event (`E`) and a
//! reader's quote, the filter menu (`f`). Their keys are in
//! `overlay::form`.

use crate::annotations::filter::Filter;
use crate::annotations::{Status, Target};
use crate::app::line_edit::LineEditor;
use tui_textarea::TextArea;

/// `a`: a multi-line note.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub target: Target,
    /// "note on event « … »"
    pub label: String,
    pub text: TextArea<'static>,
    pub original: String,
    /// Esc on changed text: asking before discarding.
    pub confirm_discard: bool,
}

impl NoteEditor {
    pub fn new(target: Target, label: String, original: &str) -> NoteEditor {
        let mut text = TextArea::new(original.lines().map(str::to_string).collect());
        text.move_cursor(tui_textarea::CursorMove::Bottom);
        text.move_cursor(tui_textarea::CursorMove::End);
        NoteEditor {
            target,
            label,
            text,
            original: original.to_string(),
            confirm_discard: false,
        }
    }

    pub fn value(&self) -> String {
        self.text.lines().join("\n")
    }

    pub fn is_changed(&self) -> bool {
        self.value().trim_end() != self.original.trim_end()
    }
}

/// `t`: comma-separated tags, completing from those already used.
#[derive(Debug, Clone)]
pub struct TagEditor {
    pub target: Target,
    pub label: String,
    /// Edited with readline's keys (`app::line_edit`).
    pub input: LineEditor,
    pub known: Vec<String>,
    /// The item's tags when the editor opened: what it changed is told
    /// from what the file changed meanwhile.
    pub original: Vec<String>,
}

impl TagEditor {
    /// The fragment being typed (after the last comma).
    pub fn fragment(&self) -> String {
        let line = self.input.text();
        line.rsplit(',').next().unwrap_or("").trim().to_string()
    }

    pub fn tags(&self) -> Vec<String> {
        let line = self.input.text();
        line.split(',')
            .map(|t| t.trim().trim_start_matches('#').to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// Known tags that start with the fragment and are not listed yet,
    /// accents and case folded as in search (`heb` finds `hébergement`).
    pub fn completions(&self) -> Vec<&str> {
        use crate::search::fold::fold;
        let frag = fold(self.fragment().trim_start_matches('#'));
        let have = self.tags();
        self.known
            .iter()
            .filter(|t| fold(t).starts_with(&frag) && !have.contains(t))
            .map(String::as_str)
            .collect()
    }
}

/// A small form: labelled single-line fields.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    /// A line of context above the fields ("Linked to quote « … »").
    pub context: Vec<String>,
    /// Labelled one-line fields, edited with readline's keys.
    pub fields: Vec<(String, LineEditor)>,
    pub focus: usize,
    pub error: Option<String>,
    pub confirm_discard: bool,
    /// Events matching what is typed in the Events field: (id, "date ·
    /// title"), best first (see `overlay::event_pick`).
    pub choices: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub enum FormKind {
    /// `E`: date, title, summary; linked to a quote (`article#quote` or a
    /// highlight id) when one was selected.
    ReaderEvent {
        quote: Option<String>,
        source: Option<String>,
    },
    /// `E` on one of the reader's events: its date, title, summary and
    /// links (sources), pre-filled; saving updates the event `id`.
    EditReaderEvent {
        id: String,
        /// The values it opened with (what "changed" compares with, and
        /// what tells the form's edits from the file's meanwhile).
        original: Vec<String>,
        /// The event as it was, kept whole: put back with the form's
        /// values if the file removed it meanwhile.
        opened: Box<crate::annotations::ReaderEvent>,
    },
    /// After a passage selection: speaker, note, linked events.
    Highlight {
        article: String,
        text: String,
        occurrence: u32,
    },
}

fn field(value: &str, placeholder: &str) -> LineEditor {
    let mut t = LineEditor::new(placeholder);
    t.set_text(value);
    t
}

impl Form {
    pub fn reader_event(
        quote: Option<String>,
        source: Option<String>,
        context: Vec<String>,
    ) -> Form {
        Form {
            kind: FormKind::ReaderEvent { quote, source },
            title: " New event ".into(),
            context,
            fields: vec![
                ("Date".into(), field("", "YYYY-MM-DD, YYYY-MM or YYYY")),
                ("Title".into(), field("", "what happened")),
                ("Summary".into(), field("", "optional")),
            ],
            focus: 0,
            error: None,
            confirm_discard: false,
            choices: Vec::new(),
        }
    }

    /// The form editing the reader's event `e`, filled with its fields.
    pub fn edit_reader_event(e: &crate::annotations::ReaderEvent) -> Form {
        let original = Form::reader_event_values(e);
        let placeholders = [
            "YYYY-MM-DD, YYYY-MM or YYYY",
            "what happened",
            "optional",
            "article or article#quote, comma-separated",
        ];
        let names = ["Date", "Title", "Summary", "Links"];
        Form {
            kind: FormKind::EditReaderEvent {
                id: e.id.clone(),
                original: original.clone(),
                opened: Box::new(e.clone()),
            },
            title: " Edit your event ".into(),
            context: vec![format!(
                "Editing « {} »",
                crate::view::text::truncate(&e.title, 200)
            )],
            fields: names
                .iter()
                .zip(&original)
                .zip(placeholders)
                .map(|((name, value), hint)| (name.to_string(), field(value, hint)))
                .collect(),
            focus: 0,
            error: None,
            confirm_discard: false,
            choices: Vec::new(),
        }
    }

    /// The event-editing form's values of `e`: date, title, summary,
    /// links, as its fields show them (on one line, trimmed), so that a
    /// field left alone compares equal to them.
    pub fn reader_event_values(e: &crate::annotations::ReaderEvent) -> Vec<String> {
        let summary = e.summary.as_deref().unwrap_or_default();
        [
            e.date.as_str(),
            e.title.as_str(),
            summary,
            &e.sources.join(", "),
        ]
        .map(|v| crate::app::line_edit::one_line(v).trim().to_string())
        .into()
    }

    pub fn highlight(article: String, text: String, occurrence: u32, events: &str) -> Form {
        let context = vec![format!("« {} »", crate::view::text::truncate(&text, 200))];
        Form {
            kind: FormKind::Highlight {
                article,
                text,
                occurrence,
            },
            title: " Your quote ".into(),
            context,
            fields: vec![
                ("Speaker".into(), field("", "optional")),
                ("Note".into(), field("", "optional")),
                (
                    "Events".into(),
                    field(events, "title, date or id; Tab completes; comma-separated"),
                ),
            ],
            focus: 0,
            error: None,
            confirm_discard: false,
            choices: Vec::new(),
        }
    }

    pub fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map_or("", |(_, t)| t.text())
            .trim()
            .to_string()
    }

    /// The fields' values, in order.
    pub fn values(&self) -> Vec<String> {
        (0..self.fields.len()).map(|i| self.value(i)).collect()
    }

    /// Puts `values` back in the fields (a recovered draft).
    pub fn refill(&mut self, values: &[String]) {
        for ((_, input), value) in self.fields.iter_mut().zip(values) {
            input.set_text(value);
        }
    }

    /// What the reader typed, as they would read it: "Title: …" lines.
    pub fn as_text(&self) -> String {
        self.fields
            .iter()
            .enumerate()
            .map(|(i, (name, _))| format!("{name}: {}", self.value(i)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn is_changed(&self) -> bool {
        match &self.kind {
            FormKind::ReaderEvent { .. } => {
                (0..self.fields.len()).any(|i| !self.value(i).is_empty())
            }
            FormKind::EditReaderEvent { original, .. } => self.values() != *original,
            // A selection was made: leaving loses it.
            FormKind::Highlight { .. } => true,
        }
    }
}

/// `f`: what the timeline can be filtered by.
#[derive(Debug, Clone)]
pub struct FilterMenu {
    pub items: Vec<(String, Option<Filter>)>,
    pub selected: usize,
}

impl FilterMenu {
    /// The fixed filters, then a filter per tag of `known_tags`; the
    /// `current` filter selected.
    pub fn new(current: &Option<Filter>, known_tags: Vec<String>) -> FilterMenu {
        let mut items: Vec<(String, Option<Filter>)> =
            vec![("All events (no filter)".into(), None)];
        for f in [
            Filter::Starred,
            Filter::Noted,
            Filter::Status(Status::ToCheck),
            Filter::Status(Status::Verified),
            Filter::Status(Status::Disputed),
            Filter::SourcesDisagree,
        ] {
            items.push((f.label(), Some(f)));
        }
        for t in known_tags {
            items.push((format!("#{t}"), Some(Filter::Tag(t))));
        }
        let selected = items.iter().position(|(_, f)| f == current).unwrap_or(0);
        FilterMenu { items, selected }
    }
}
