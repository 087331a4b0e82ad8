//! The searches the reader ran, kept across runs: newest last, each query
//! once, at most [`LIMIT`]. Pure data; reading and writing the file is
//! the runtime's (`runtime::history_file`).

/// How many queries are kept.
pub const LIMIT: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchHistory {
    /// Oldest first.
    pub queries: Vec<String>,
}

impl SearchHistory {
    /// Records `query` as the newest; an earlier copy of it goes, and the
    /// oldest queries beyond [`LIMIT`]. Returns whether the list changed.
    pub fn record(&mut self, query: &str) -> bool {
        let query = query.trim();
        if query.is_empty() || self.queries.last().is_some_and(|q| q == query) {
            return false;
        }
        self.queries.retain(|q| q != query);
        self.queries.push(query.to_string());
        let excess = self.queries.len().saturating_sub(LIMIT);
        self.queries.drain(..excess);
        true
    }

    /// The file's text: one query a line, oldest first.
    pub fn to_text(&self) -> String {
        self.queries.iter().map(|q| format!("{q}\n")).collect()
    }

    /// Reads the file's text, tolerating anything: blank lines are skipped,
    /// duplicates and excess dropped as [`record`](Self::record) would.
    pub fn from_text(text: &str) -> SearchHistory {
        let mut history = SearchHistory::default();
        for line in text.lines() {
            history.record(line);
        }
        history
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recording_dedups_moves_to_newest_and_bounds_the_length() {
        let mut h = SearchHistory::default();
        assert!(h.record("tuer entreprise"));
        assert!(h.record("préavis"));
        assert!(!h.record("préavis"), "the newest again changes nothing");
        assert!(!h.record("   "));
        assert!(h.record(" tuer entreprise "));
        assert_eq!(h.queries, ["préavis", "tuer entreprise"]);
        for i in 0..LIMIT + 5 {
            h.record(&format!("q{i}"));
        }
        assert_eq!(h.queries.len(), LIMIT);
        assert_eq!(h.queries.first().unwrap(), "q5");
        assert_eq!(h.queries.last().unwrap(), &format!("q{}", LIMIT + 4));
    }

    #[test]
    fn the_file_round_trips_and_bad_content_is_tolerated() {
        let mut h = SearchHistory::default();
        h.record("a b");
        h.record("'exact ^début");
        assert_eq!(SearchHistory::from_text(&h.to_text()), h);
        let messy = SearchHistory::from_text("x\n\n  \ny\r\nx\n");
        assert_eq!(messy.queries, ["y", "x"]);
    }
}
