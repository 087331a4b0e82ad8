//! Which items a change touches, and which items differ between two
//! versions of the annotations: what the history needs to know when the
//! file was changed outside the reader (an undo must not silently put back
//! what someone else just wrote). Pure.

use super::edit::{Change, Target};
use super::model::Annotations;
use std::collections::{BTreeMap, HashSet};

/// The items `change` reads or writes.
pub fn touched(change: &Change) -> Vec<Target> {
    match change {
        Change::SetNote { target, .. }
        | Change::SetTags { target, .. }
        | Change::SetStarred { target, .. }
        | Change::SetStatus { target, .. } => vec![target.clone()],
        Change::AddHighlight(h) | Change::UpdateHighlight(h) | Change::InsertHighlight(_, h) => {
            vec![Target::Highlight(h.id.clone())]
        }
        Change::RemoveHighlight(id) | Change::SetHighlightEvents { highlight: id, .. } => {
            vec![Target::Highlight(id.clone())]
        }
        Change::AddReaderEvent(e)
        | Change::UpdateReaderEvent(e)
        | Change::InsertReaderEvent(_, e) => vec![Target::ReaderEvent(e.id.clone())],
        Change::RemoveReaderEvent(id) | Change::SetEventQuote { event: id, .. } => {
            vec![Target::ReaderEvent(id.clone())]
        }
        Change::Batch(changes) => changes.iter().flat_map(touched).collect(),
    }
}

/// The items that are not the same in `before` and `after` (added,
/// removed or changed in any field).
pub fn changed_items(before: &Annotations, after: &Annotations) -> HashSet<Target> {
    let mut out = HashSet::new();
    notes(&before.events, &after.events, Target::Event, &mut out);
    notes(&before.quotes, &after.quotes, Target::Quote, &mut out);
    let highlights = |a: &Annotations| -> BTreeMap<String, _> {
        a.highlights
            .iter()
            .map(|h| (h.id.clone(), h.clone()))
            .collect()
    };
    notes(
        &highlights(before),
        &highlights(after),
        Target::Highlight,
        &mut out,
    );
    let events = |a: &Annotations| -> BTreeMap<String, _> {
        a.reader_events
            .iter()
            .map(|e| (e.id.clone(), e.clone()))
            .collect()
    };
    notes(
        &events(before),
        &events(after),
        Target::ReaderEvent,
        &mut out,
    );
    out
}

fn notes<T: PartialEq>(
    before: &BTreeMap<String, T>,
    after: &BTreeMap<String, T>,
    target: fn(String) -> Target,
    out: &mut HashSet<Target>,
) {
    let differs = |key: &String| before.get(key) != after.get(key);
    out.extend(
        before
            .keys()
            .chain(after.keys())
            .filter(|k| differs(k))
            .map(|k| target(k.clone())),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::model::{Highlight, Note};

    #[test]
    fn the_items_that_differ_are_named() {
        let mut before = Annotations::default();
        before.events.insert("a".into(), Note::default());
        before.events.get_mut("a").unwrap().starred = true;
        before
            .events
            .insert("same".into(), before.events["a"].clone());
        let mut after = before.clone();
        after.events.get_mut("a").unwrap().note = Some("x".into());
        after.events.remove("same");
        after
            .events
            .insert("same".into(), before.events["same"].clone());
        after.highlights.push(Highlight {
            id: "h".into(),
            article: "art".into(),
            text: "passage".into(),
            occurrence: None,
            speaker: None,
            events: Vec::new(),
            created: None,
            annotation: Note::default(),
        });
        let changed = changed_items(&before, &after);
        let expected: HashSet<Target> = [Target::Event("a".into()), Target::Highlight("h".into())]
            .into_iter()
            .collect();
        assert_eq!(changed, expected);
    }

    #[test]
    fn a_batch_touches_every_item_it_changes() {
        let change = Change::Batch(vec![
            Change::RemoveHighlight("h".into()),
            Change::SetEventQuote {
                event: "r".into(),
                quote: None,
            },
        ]);
        assert_eq!(
            touched(&change),
            [
                Target::Highlight("h".into()),
                Target::ReaderEvent("r".into())
            ]
        );
    }
}
