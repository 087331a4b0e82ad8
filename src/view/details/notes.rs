//! The reader's annotations in the details pane: the note, tags and markers
//! of the item shown, the reader's quotes of the open article and the
//! reader's own events.

use super::doc::{DetailsDoc, DetailsItem};
use crate::annotations::edit::note;
use crate::annotations::{Annotations, Target};
use crate::corpus::{ArticleIx, Corpus, PartialDate};
use crate::view::markers::{highlight_spans, marks_for, status_label};
use crate::view::wrap::{self, DocLine, Indent, Role, Run};

const INDENT: Indent<'static> = Indent {
    first: "    ",
    rest: "    ",
};

/// "Yours: ★ ✎ ✓ verified · #tag" then the note, when there is anything.
pub fn note_block(doc: &mut DetailsDoc, a: &Annotations, target: &Target, w: usize) {
    let Some(n) = note(a, target) else {
        return;
    };
    doc.lines.push(DocLine::blank());
    let marks = marks_for(a, target);
    let mut runs = vec![Run::new("Yours: ", Role::Label)];
    for (g, r) in &marks {
        runs.push(Run::new(g, *r));
        runs.push(Run::new(" ", Role::Plain));
    }
    let status = n.status.map(|s| format!("{} ", status_label(s)));
    if let (Some(s), Some(st)) = (&status, n.status) {
        runs.push(Run::new(s, Role::Status(st)));
    }
    let tags: Vec<String> = n.tags.iter().map(|t| format!("#{t}")).collect();
    let tags = tags.join(" ");
    if !tags.is_empty() {
        runs.push(Run::new(&tags, Role::Tag));
    }
    wrap::wrap(&runs, w, Indent::default(), &mut doc.lines);
    if let Some(text) = &n.note {
        wrap_note(doc, text, w, ("✎ ", "  "));
    }
}

/// The note and tags under a quote item (its markers are on its first line).
pub fn note_text(doc: &mut DetailsDoc, a: &Annotations, target: &Target, w: usize) {
    let Some(n) = note(a, target) else {
        return;
    };
    if !n.tags.is_empty() {
        let tags: Vec<String> = n.tags.iter().map(|t| format!("#{t}")).collect();
        wrap::wrap_text(&tags.join(" "), Role::Tag, w, INDENT, &mut doc.lines);
    }
    if let Some(text) = &n.note {
        wrap_note(doc, text, w, ("    ✎ ", "      "));
    }
}

/// "Your quotes (n)": the reader's highlights of article `a`, selectable.
pub fn reader_quotes(
    doc: &mut DetailsDoc,
    corpus: &Corpus,
    a: &Annotations,
    article: ArticleIx,
    w: usize,
) {
    let id = &corpus.article(article).id;
    let mine: Vec<usize> = (0..a.highlights.len())
        .filter(|&i| a.highlights[i].article == *id)
        .collect();
    if mine.is_empty() {
        return;
    }
    doc.lines.push(DocLine::blank());
    wrap::wrap_text(
        &format!("Your quotes ({})", mine.len()),
        Role::Label,
        w,
        Indent::default(),
        &mut doc.lines,
    );
    let found = highlight_spans(a, corpus.article(article));
    for i in mine {
        let h = &a.highlights[i];
        doc.lines.push(DocLine::blank());
        let start = doc.lines.len();
        let target = Target::Highlight(h.id.clone());
        let marks = marks_for(a, &target);
        let mut runs = vec![Run::new(" ▌ ", Role::ReaderQuote(i as u32))];
        runs.extend(marks.iter().map(|(g, r)| Run::new(g, *r)));
        if !marks.is_empty() {
            runs.push(Run::new(" ", Role::Plain));
        }
        let speaker = h.speaker.as_deref().unwrap_or("(your quote)");
        runs.push(Run::new(
            speaker,
            if h.speaker.is_some() {
                Role::Speaker
            } else {
                Role::Dim
            },
        ));
        wrap::wrap(&runs, w, Indent::default(), &mut doc.lines);
        let text = format!("« {} »", h.text);
        wrap::wrap_text(
            &text,
            Role::ReaderQuote(i as u32),
            w,
            INDENT,
            &mut doc.lines,
        );
        if !found.iter().any(|(j, _)| *j == i) {
            wrap::wrap_text(
                "(not found in the body)",
                Role::Warning,
                w,
                INDENT,
                &mut doc.lines,
            );
        }
        let events: Vec<String> = h
            .events
            .iter()
            .map(|e| match corpus.event_index(e) {
                Some(x) => corpus.event(x).title.to_string(),
                None => a
                    .reader_event(e)
                    .map_or_else(|| e.clone(), |r| r.title.clone()),
            })
            .collect();
        doc.events_line(&events, w);
        note_text(doc, a, &target, w);
        doc.items
            .push((DetailsItem::Highlight(h.id.clone()), start..doc.lines.len()));
    }
}

/// One of the reader's events: its fields, its quote, the reader's note.
pub fn reader_event(doc: &mut DetailsDoc, corpus: &Corpus, a: &Annotations, id: &str, w: usize) {
    let Some(e) = a.reader_event(id) else {
        return;
    };
    let lang = corpus.date_lang();
    wrap::wrap_text(&e.title, Role::Title, w, Indent::default(), &mut doc.lines);
    let date = PartialDate::parse(&e.date).map_or_else(|_| e.date.clone(), |d| d.long(lang));
    wrap::wrap_text(
        &format!("{date} · your event"),
        Role::Date,
        w,
        Indent::default(),
        &mut doc.lines,
    );
    if let Some(summary) = &e.summary {
        doc.lines.push(DocLine::blank());
        wrap::wrap_text(summary, Role::Body, w, Indent::default(), &mut doc.lines);
    }
    note_block(doc, a, &Target::ReaderEvent(e.id.clone()), w);
    let source = e
        .quote
        .as_deref()
        .and_then(|q| corpus.resolve_source(q))
        .or_else(|| e.sources.first().and_then(|s| corpus.resolve_source(s)));
    if let Some(s) = source {
        doc.lines.push(DocLine::blank());
        wrap::wrap_text("Source", Role::Label, w, Indent::default(), &mut doc.lines);
        let start = doc.lines.len();
        let article = corpus.article(s.article);
        let text = match s.quote {
            Some(q) => format!("« {} »", article.quote(q).text),
            None => article.title.clone(),
        };
        wrap::wrap_text(
            &text,
            Role::EventLink,
            w,
            Indent {
                first: "▤ ",
                rest: "  ",
            },
            &mut doc.lines,
        );
        doc.items
            .push((DetailsItem::Source(s), start..doc.lines.len()));
    } else if let Some(h) = e.quote.as_deref().and_then(|q| a.highlight(q)) {
        doc.lines.push(DocLine::blank());
        wrap::wrap_text(
            "From your quote",
            Role::Label,
            w,
            Indent::default(),
            &mut doc.lines,
        );
        let idx = a.highlights.iter().position(|x| x.id == h.id).unwrap_or(0);
        let start = doc.lines.len();
        wrap::wrap_text(
            &format!("« {} »", h.text),
            Role::ReaderQuote(idx as u32),
            w,
            Indent {
                first: "▌ ",
                rest: "  ",
            },
            &mut doc.lines,
        );
        doc.items
            .push((DetailsItem::Highlight(h.id.clone()), start..doc.lines.len()));
    }
}

/// A note's paragraphs, wrapped to `w` with `first` before the first line
/// of each and `rest` before the others.
fn wrap_note(doc: &mut DetailsDoc, text: &str, w: usize, (first, rest): (&str, &str)) {
    for para in text.split('\n') {
        wrap::wrap_text(para, Role::Body, w, Indent { first, rest }, &mut doc.lines);
    }
}
