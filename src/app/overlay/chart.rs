//! `T`: the timeline as a chart over time. j/k move the selection from
//! event to event (the timeline's selection follows); Enter or Esc return
//! to the timeline.

use super::list_keys;
use crate::app::action::{Command, Pane};
use crate::app::nav;
use crate::app::state::chart::{Chart, Placed, Unit};
use crate::app::state::{EventRow, Overlay, State};
use crate::corpus::{Corpus, DateLang, EventIx, PartialDate};
use crate::view::details::DetailsMode;
use chrono::{Datelike, Months, NaiveDate};

/// Columns around the chart's buckets: the popup's margins and borders.
const CHROME: u16 = 6;

pub fn open(state: &mut State) {
    let mut chart = build(state);
    if chart.events.is_empty() {
        state.message = Some("No dated event to chart: the timeline shows none.".into());
        return;
    }
    chart.selected = state
        .events
        .selected_event()
        .filter(|e| chart.events.iter().any(|p| p.event == *e))
        .or(chart.events.first().map(|p| p.event));
    state.overlay = Some(Overlay::Chart(Box::new(chart)));
}

/// After a resize or a reload: the chart again, its event kept by id.
pub fn rebuild(state: &mut State) {
    let Some(Overlay::Chart(old)) = &state.overlay else {
        return;
    };
    let was = old.selected;
    let mut chart = build(state);
    // A reload rebuilt the timeline, its selection found again by id.
    chart.selected = state
        .events
        .selected_event()
        .or(was)
        .filter(|e| chart.events.iter().any(|p| p.event == *e))
        .or(chart.events.first().map(|p| p.event));
    state.overlay = Some(Overlay::Chart(Box::new(chart)));
}

/// The first and last day a date covers.
fn days(d: &PartialDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))?;
    let last = match (d.month, d.day) {
        (_, Some(_)) => first,
        (Some(_), None) => first.checked_add_months(Months::new(1))?.pred_opt()?,
        (None, None) => NaiveDate::from_ymd_opt(d.year, 12, 31)?,
    };
    Some((first, last))
}

/// The bucket of `day` counted from the bucket of `start`.
fn bucket(unit: Unit, start: NaiveDate, day: NaiveDate) -> usize {
    let months = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let n = match unit {
        Unit::Day => (day - start).num_days(),
        Unit::Week => {
            let monday =
                |d: NaiveDate| d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
            (monday(day) - monday(start)).num_days() / 7
        }
        Unit::Month => i64::from(months(day) - months(start)),
        Unit::Quarter => i64::from(months(day) / 3 - months(start) / 3),
        Unit::Year => i64::from(day.year() - start.year()),
    };
    usize::try_from(n).unwrap_or(0)
}

/// The first day of bucket `b`.
fn bucket_start(unit: Unit, start: NaiveDate, b: usize) -> NaiveDate {
    let b32 = u32::try_from(b).unwrap_or(u32::MAX);
    let month_start = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    let quarter_start =
        NaiveDate::from_ymd_opt(start.year(), start.month0() / 3 * 3 + 1, 1).unwrap_or(start);
    let year_start = NaiveDate::from_ymd_opt(start.year(), 1, 1).unwrap_or(start);
    let monday = start - chrono::Days::new(u64::from(start.weekday().num_days_from_monday()));
    match unit {
        Unit::Day => start + chrono::Days::new(b as u64),
        Unit::Week => monday + chrono::Days::new(7 * b as u64),
        Unit::Month => month_start + Months::new(b32),
        Unit::Quarter => quarter_start + Months::new(b32.saturating_mul(3)),
        Unit::Year => year_start + Months::new(b32.saturating_mul(12)),
    }
    .min(NaiveDate::MAX)
}

fn label(unit: Unit, day: NaiveDate, lang: DateLang) -> String {
    match unit {
        Unit::Day | Unit::Week => format!("{} {}", day.day(), lang.month_abbrev(day.month())),
        Unit::Month => format!("{} {}", lang.month_abbrev(day.month()), day.year()),
        Unit::Quarter => format!("T{} {}", day.month0() / 3 + 1, day.year()),
        Unit::Year => day.year().to_string(),
    }
}

/// Builds the chart of the events the timeline shows, for this screen.
pub fn build(state: &State) -> Chart {
    let corpus: &Corpus = &state.corpus;
    let mut dated: Vec<(EventIx, NaiveDate, NaiveDate)> = Vec::new();
    let mut reader_events = 0;
    for row in &state.events.rows {
        match row {
            EventRow::Event(e) => {
                if let Some((first, last)) = days(&corpus.event(*e).date) {
                    dated.push((*e, first, last));
                }
            }
            EventRow::Reader(_) => reader_events += 1,
            EventRow::Month(_) => {}
        }
    }
    let start = dated.iter().map(|d| d.1).min();
    let end = dated.iter().map(|d| d.2).max();
    let columns = usize::from(state.layout.area.width.saturating_sub(CHROME)).max(1);
    let (Some(start), Some(end)) = (start, end) else {
        return Chart {
            unit: Unit::Day,
            labels: Vec::new(),
            period_starts: Vec::new(),
            counts: Vec::new(),
            starred: Vec::new(),
            events: Vec::new(),
            lanes: Vec::new(),
            selected: None,
            longest_gap: None,
            reader_events,
        };
    };
    // The finest bucket that fits the width (a year always does).
    let unit = Unit::ALL
        .into_iter()
        .find(|&u| bucket(u, start, end) < columns)
        .unwrap_or(Unit::Year);
    let n = bucket(unit, start, end) + 1;
    let lang = corpus.date_lang();
    let starts: Vec<NaiveDate> = (0..n).map(|b| bucket_start(unit, start, b)).collect();
    let labels = starts.iter().map(|&d| label(unit, d, lang)).collect();
    let period_starts = starts
        .iter()
        .enumerate()
        .map(|(b, d)| {
            b == 0
                || match unit {
                    Unit::Day | Unit::Week => d.month() != starts[b - 1].month(),
                    _ => d.year() != starts[b - 1].year(),
                }
        })
        .collect();
    let starred = |e: EventIx| {
        state
            .notes
            .data
            .events
            .get(corpus.event(e).id.as_str())
            .is_some_and(|n| n.starred)
    };
    let events: Vec<Placed> = dated
        .iter()
        .map(|&(event, first, last)| Placed {
            event,
            from: bucket(unit, start, first),
            to: bucket(unit, start, last),
            starred: starred(event),
        })
        .collect();
    let mut counts = vec![0u64; n];
    for p in events.iter().filter(|p| !p.is_span()) {
        counts[p.from] += 1;
    }
    let mut starred = vec![false; n];
    for p in events.iter().filter(|p| p.starred) {
        starred[p.from..=p.to].iter_mut().for_each(|s| *s = true);
    }
    let lanes = first_fit_lanes(&events);
    let mut chart = Chart {
        unit,
        labels,
        period_starts,
        counts,
        starred,
        events,
        lanes,
        selected: None,
        longest_gap: None,
        reader_events,
    };
    chart.longest_gap = longest_gap(&chart);
    chart
}

/// The spans of `events` in lanes, each on the first lane whose last span
/// ends before it starts. A tree of each lane range's earliest free bucket
/// finds that lane in O(log n), so 20,000 overlapping "janvier 2021" take
/// 20,000 steps of the tree, not 200 million comparisons.
fn first_fit_lanes(events: &[Placed]) -> Vec<Vec<usize>> {
    let spans = events.iter().filter(|p| p.is_span()).count();
    let leaves = spans.next_power_of_two().max(1);
    // The smallest "last bucket taken" under each node; -1 for a lane not
    // opened yet (it fits anything, and lies right of every open lane).
    let mut taken = vec![-1i64; 2 * leaves];
    let mut lanes: Vec<Vec<usize>> = Vec::new();
    for (at, p) in events.iter().enumerate().filter(|(_, p)| p.is_span()) {
        let from = p.from as i64;
        let mut node = 1;
        while node < leaves {
            node = if taken[2 * node] < from {
                2 * node
            } else {
                2 * node + 1
            };
        }
        let lane = node - leaves;
        if lane == lanes.len() {
            lanes.push(Vec::new());
        }
        lanes[lane].push(at);
        taken[node] = p.to as i64;
        while node > 1 {
            node /= 2;
            taken[node] = taken[2 * node].min(taken[2 * node + 1]);
        }
    }
    lanes
}

fn longest_gap(chart: &Chart) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut run: Option<usize> = None;
    for b in 0..=chart.counts.len() {
        let empty = b < chart.counts.len() && chart.empty_at(b);
        match (empty, run) {
            (true, None) => run = Some(b),
            (false, Some(from)) => {
                if best.is_none_or(|(f, t)| b - from > t - f + 1) {
                    best = Some((from, b - 1));
                }
                run = None;
            }
            _ => {}
        }
    }
    best
}

pub fn command(state: &mut State, c: Command) {
    let Some(Overlay::Chart(chart)) = &mut state.overlay else {
        return;
    };
    let delta = match c {
        Command::Up | Command::PageUp | Command::HalfPageUp => -1,
        Command::Down | Command::PageDown | Command::HalfPageDown => 1,
        Command::Top => isize::MIN / 2,
        Command::Bottom => isize::MAX / 2,
        Command::Open | Command::Close | Command::Chart | Command::Help => {
            state.overlay = None;
            nav::focus(state, Pane::Events);
            return;
        }
        _ => return,
    };
    let from = chart.selected_position().unwrap_or(0);
    let at = list_keys::moved(from, delta, chart.events.len());
    let Some(event) = chart.events.get(at).map(|p| p.event) else {
        return;
    };
    chart.selected = Some(event);
    // The timeline (and the details beside it) follow.
    nav::select_event(state, event);
    nav::set_details(state, DetailsMode::Event(event));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{ready_state, update, Action};
    use crate::corpus::{embedded, Progress};

    fn opened(width: u16) -> State {
        let mut state = ready_state(embedded::load(&Progress::default()), width, 40);
        update(&mut state, Action::Command(Command::Chart));
        state
    }

    /// First fit, the plain way: each span on the first lane whose last
    /// span ends before it.
    fn naive_lanes(events: &[Placed]) -> Vec<Vec<usize>> {
        let mut lanes: Vec<Vec<usize>> = Vec::new();
        for (at, p) in events.iter().enumerate().filter(|(_, p)| p.is_span()) {
            match lanes
                .iter_mut()
                .find(|l| l.last().is_some_and(|&last| events[last].to < p.from))
            {
                Some(lane) => lane.push(at),
                None => lanes.push(vec![at]),
            }
        }
        lanes
    }

    proptest::proptest! {
        #[test]
        fn the_lanes_are_those_of_plain_first_fit(
            dates in proptest::collection::vec((0usize..40, 0usize..8), 0..120)
        ) {
            let events: Vec<Placed> = dates
                .iter()
                .enumerate()
                .map(|(e, &(from, len))| Placed {
                    event: EventIx::new(e),
                    from,
                    to: from + len,
                    starred: false,
                })
                .collect();
            proptest::prop_assert_eq!(first_fit_lanes(&events), naive_lanes(&events));
        }
    }

    fn chart(state: &State) -> &Chart {
        match &state.overlay {
            Some(Overlay::Chart(chart)) => chart,
            other => panic!("not the chart: {other:?}"),
        }
    }

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn a_date_covers_its_whole_precision() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            days(&date("2021-02")),
            Some((day("2021-02-01"), day("2021-02-28")))
        );
        assert_eq!(
            days(&date("2020")),
            Some((day("2020-01-01"), day("2020-12-31")))
        );
        assert_eq!(
            days(&date("2021-01-06")),
            Some((day("2021-01-06"), day("2021-01-06")))
        );
        let start = day("2021-01-06");
        assert_eq!(bucket(Unit::Week, start, day("2021-01-10")), 0, "same week");
        assert_eq!(
            bucket(Unit::Week, start, day("2021-01-11")),
            1,
            "next Monday"
        );
        assert_eq!(bucket(Unit::Quarter, start, day("2021-04-01")), 1);
        assert_eq!(bucket_start(Unit::Month, start, 2), day("2021-03-01"));
    }

    #[test]
    fn the_bucket_is_the_finest_that_fits_the_width() {
        // The sample spans January to March 2021: 90 days.
        assert_eq!(chart(&opened(120)).unit, Unit::Day);
        assert_eq!(chart(&opened(80)).unit, Unit::Week);
        let narrow = opened(12);
        assert_eq!(chart(&narrow).unit, Unit::Month);
        assert_eq!(chart(&narrow).labels.len(), 3);
        // Resizing chooses again.
        let mut state = opened(120);
        update(&mut state, Action::Resize(80, 24));
        assert_eq!(chart(&state).unit, Unit::Week);
    }

    #[test]
    fn precise_dates_are_counted_vague_ones_are_spans_and_gaps_are_empty() {
        let state = opened(120);
        let c = chart(&state);
        let corpus = &state.corpus;
        let precise = c.events.iter().filter(|p| !p.is_span()).count();
        assert_eq!(c.counts.iter().sum::<u64>(), precise as u64);
        for p in &c.events {
            let event = corpus.event(p.event);
            assert_eq!(p.is_span(), event.date.day.is_none(), "{}", event.id);
        }
        let (from, to) = c.longest_gap.unwrap();
        assert!(to > from);
        assert!((from..=to).all(|b| c.empty_at(b)));
        assert!(!c.empty_at(from.saturating_sub(1)) || from == 0);
    }

    #[test]
    fn j_and_k_move_along_the_chart_and_the_timeline_follows() {
        let mut state = opened(120);
        let order: Vec<EventIx> = chart(&state).events.iter().map(|p| p.event).collect();
        assert_eq!(chart(&state).selected, Some(order[0]));
        update(&mut state, Action::Command(Command::Down));
        update(&mut state, Action::Command(Command::Down));
        assert_eq!(chart(&state).selected, Some(order[2]));
        assert_eq!(state.events.selected_event(), Some(order[2]));
        assert_eq!(state.details.mode, Some(DetailsMode::Event(order[2])));
        update(&mut state, Action::Command(Command::Bottom));
        assert_eq!(chart(&state).selected, order.last().copied());
        update(&mut state, Action::Command(Command::Open));
        assert!(state.overlay.is_none());
        assert_eq!(state.focus, Pane::Events);
        assert_eq!(state.events.selected_event(), order.last().copied());
    }

    #[test]
    fn a_starred_event_is_marked() {
        let mut state = ready_state(embedded::load(&Progress::default()), 120, 40);
        update(&mut state, Action::Command(Command::ToggleStar));
        let starred = state.events.selected_event().unwrap();
        update(&mut state, Action::Command(Command::Chart));
        let c = chart(&state);
        let placed = c.events.iter().find(|p| p.event == starred).unwrap();
        assert!(placed.starred);
        assert!(c.starred_at(placed.from));
        assert_eq!(c.events.iter().filter(|p| p.starred).count(), 1);
    }

    #[test]
    fn a_reload_under_the_chart_keeps_it_and_its_event() {
        let mut state = opened(120);
        update(&mut state, Action::Command(Command::Down));
        let selected = chart(&state).selected.unwrap();
        let id = state.corpus.event(selected).id.clone();
        crate::app::overlay::views::tests::reload_without_first_article(&mut state);
        let c = chart(&state);
        let now = c.selected.unwrap();
        assert_eq!(state.corpus.event(now).id, id);
        update(&mut state, Action::Command(Command::Down));
        assert!(chart(&state).selected.is_some());
    }
}
