//! The Events field of the reader's-quote form: events are picked by what
//! the reader remembers of them (title, date, id), not by ids they never
//! see. Typing after the last comma lists the best matches (fuzzy, accents
//! and case folded as in search); Tab puts the first one's id in; an
//! unknown id on saving is answered with the closest one.

use crate::app::state::editors::{Form, FormKind};
use crate::app::state::State;
use crate::search::fold::fold;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

/// How many matches the form lists.
pub const SHOWN: usize = 4;

/// The field of [`Form::highlight`] that names events.
pub const EVENTS_FIELD: usize = 2;

/// Every event the reader can link, corpus's and theirs: (id, "date · title").
fn events(state: &State) -> Vec<(String, String)> {
    let corpus = &state.corpus;
    let lang = corpus.date_lang();
    let theirs = corpus.events.iter().map(|e| {
        (
            e.id.to_string(),
            format!("{} · {}", e.date.short(lang), e.title),
        )
    });
    let mine = state
        .notes
        .data
        .reader_events
        .iter()
        .map(|e| (e.id.clone(), format!("{} · {} (yours)", e.date, e.title)));
    theirs.chain(mine).collect()
}

/// The events best matching `query`, best first (none for a blank query).
pub fn matches(state: &State, query: &str) -> Vec<(String, String)> {
    let query = fold(query.trim());
    if query.is_empty() {
        return Vec::new();
    }
    let matcher = SkimMatcherV2::default();
    let mut scored: Vec<(i64, (String, String))> = events(state)
        .into_iter()
        .filter_map(|(id, label)| {
            let hay = fold(&format!("{label} {id}"));
            matcher.fuzzy_match(&hay, &query).map(|s| (s, (id, label)))
        })
        .collect();
    // Stable: equal scores keep the timeline's order.
    scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    scored.into_iter().map(|(_, e)| e).take(SHOWN).collect()
}

/// After a key in the form: the Events field lists the matches of what is
/// typed after its last comma; other fields list nothing.
pub fn choices(state: &State, f: &Form) -> Vec<(String, String)> {
    match f.kind {
        FormKind::Highlight { .. } if f.focus == EVENTS_FIELD => {
            let typed = f.value(EVENTS_FIELD);
            let fragment = typed.rsplit(',').next().unwrap_or("");
            let known = |id: &str| {
                state.corpus.event_index(id).is_some()
                    || state.notes.data.reader_event(id).is_some()
            };
            if known(fragment.trim()) {
                Vec::new()
            } else {
                matches(state, fragment)
            }
        }
        _ => Vec::new(),
    }
}

/// Tab in the Events field: the fragment becomes the first match's id.
/// Whether there was one.
pub fn complete(f: &mut Form) -> bool {
    let Some((id, _)) = f.choices.first().cloned() else {
        return false;
    };
    let typed = f.value(EVENTS_FIELD);
    let head = typed
        .rfind(',')
        .map_or(String::new(), |i| format!("{} ", &typed[..=i]));
    if let Some((_, field)) = f.fields.get_mut(EVENTS_FIELD) {
        field.set_text(&format!("{head}{id}, "));
    }
    f.choices.clear();
    true
}

/// "did you mean …" for an id that names no event: the closest id by
/// spelling, else the best fuzzy match of it.
pub fn closest(state: &State, unknown: &str) -> Option<String> {
    let all = events(state);
    let by_spelling = all
        .iter()
        .map(|(id, label)| (strsim::jaro_winkler(&fold(unknown), &fold(id)), id, label))
        .filter(|(score, ..)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id, label)| (id.clone(), label.clone()));
    let (id, label) = by_spelling.or_else(|| matches(state, unknown).into_iter().next())?;
    Some(format!("{id} ({label})"))
}
