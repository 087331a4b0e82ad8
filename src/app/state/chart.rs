//! The timeline as a chart (`T`): the events the timeline shows, counted in
//! time buckets chosen from the corpus's span and the screen's width. Built
//! when it opens, and again on a resize or a reload.

use crate::corpus::EventIx;

/// How much time one bucket (a column of the chart) covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::Day,
        Unit::Week,
        Unit::Month,
        Unit::Quarter,
        Unit::Year,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
        }
    }
}

/// One event placed on the chart: the buckets its date covers (one for a
/// date as precise as the bucket, several for a vague one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub event: EventIx,
    pub from: usize,
    pub to: usize,
    pub starred: bool,
}

impl Placed {
    /// A date vaguer than a bucket: drawn as a span, not counted in a bar.
    pub fn is_span(&self) -> bool {
        self.to > self.from
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub unit: Unit,
    /// Each bucket's label ("6 janv.", "janv. 2021", "T1 2021", "2021").
    pub labels: Vec<String>,
    /// Whether a bucket starts a larger period (a month, a year): the axis
    /// labels those first.
    pub period_starts: Vec<bool>,
    /// Events dated within one bucket, per bucket.
    pub counts: Vec<u64>,
    /// Whether a starred event touches each bucket.
    pub starred: Vec<bool>,
    /// The events in timeline order.
    pub events: Vec<Placed>,
    /// The vague dates (spans) in lanes, each on the first lane where it
    /// fits: positions in `events`, worked out once per chart, not per frame.
    pub lanes: Vec<Vec<usize>>,
    pub selected: Option<EventIx>,
    /// The longest run of empty buckets (first, last).
    pub longest_gap: Option<(usize, usize)>,
    /// Events the timeline shows that are the reader's own (not drawn).
    pub reader_events: usize,
}

impl Chart {
    pub fn selected_placed(&self) -> Option<&Placed> {
        let selected = self.selected?;
        self.events.iter().find(|p| p.event == selected)
    }

    pub fn selected_position(&self) -> Option<usize> {
        let selected = self.selected?;
        self.events.iter().position(|p| p.event == selected)
    }

    /// Whether a starred event touches bucket `b`.
    pub fn starred_at(&self, b: usize) -> bool {
        self.starred.get(b).copied().unwrap_or(false)
    }

    /// Whether no event is dated within bucket `b` (a vague date spanning
    /// it does not fill it: it is drawn apart, as a span).
    pub fn empty_at(&self, b: usize) -> bool {
        self.counts.get(b).copied().unwrap_or(0) == 0
    }
}
