//! The order of the timeline: by date, vague dates kept in their place in
//! the file.

use super::date::PartialDate;
use super::model;
use std::collections::HashMap;

/// Sorts events by date, ties in file order. An event known only to the month
/// (or year) is not "the 1st": it keeps its place in the file among the events
/// of that month, right after the nearest earlier event in the file that falls
/// in it; with none, it opens the month.
pub(crate) fn timeline_order(events: Vec<model::Event>) -> Vec<model::Event> {
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
            provenance: Vec::new(),
            accounts: Vec::new(),
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
        let ids: Vec<String> = timeline_order(events)
            .into_iter()
            .map(|e| e.id.into())
            .collect();
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
