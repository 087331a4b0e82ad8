//! The reading position kept across runs (see `app::session`, which
//! captures and restores it, and `runtime::session_file`, which keeps it).

use serde::{Deserialize, Serialize};

/// The reading position, as the state file holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The selected event: a corpus event's id or one of the reader's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The open article's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// The article's first line shown.
    pub scroll: usize,
    /// The selected quote, `article#quote`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// `events`, `article` or `details`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// The timeline's filter: `starred`, `noted`, `to-check`, `verified`,
    /// `disputed`, `sources-disagree` or `#tag`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

impl Session {
    /// The file's text (YAML).
    pub fn to_text(&self) -> String {
        serde_yaml::to_string(self).unwrap_or_default()
    }

    /// The session in `text`; `None` when it is not one (a corrupt file is
    /// ignored: a position is a convenience, never a reason not to start).
    pub fn from_text(text: &str) -> Option<Session> {
        serde_yaml::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_round_trips_and_anything_else_is_no_session() {
        let s = Session {
            event: Some("ev-1".into()),
            article: Some("a-2".into()),
            scroll: 14,
            quote: Some("a-2#q3".into()),
            focus: Some("article".into()),
            filter: Some("#hébergement".into()),
        };
        assert_eq!(Session::from_text(&s.to_text()), Some(s));
        assert_eq!(Session::from_text("scroll: many\n"), None);
        assert_eq!(Session::from_text("- a list\n"), None);
        assert_eq!(Session::from_text("\u{0}\u{1}garbage: ["), None);
        // Unknown and missing fields are tolerated (an older or newer file).
        let older = Session::from_text("scroll: 3\nzoom: 2\n").unwrap();
        assert_eq!(older.scroll, 3);
        assert_eq!(older.event, None);
    }
}
