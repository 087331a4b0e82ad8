//! The recovered draft (text left in an editor when chronique stopped):
//! what it was, when, and the choice to restore or discard it.

use crate::annotations::recovery::RecoveryDraft;
use crate::app::keymap::{Keymap, Popup};
use crate::app::Command;
use crate::theme::Theme;
use crate::ui::popup;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render(keymap: &Keymap, d: &RecoveryDraft, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let key = |c| keymap.label_in(Popup::Recovery, c);
    let (restore, discard) = (key(Command::Restore), key(Command::Discard));
    let mut lines = vec![
        Line::styled(
            format!(
                "Text left in the editor when chronique stopped ({}):",
                saved_at_label(&d.saved_at)
            ),
            theme.popup,
        ),
        Line::styled(d.label.clone(), theme.heading),
        Line::raw(""),
    ];
    lines.extend(
        d.text
            .lines()
            .take(8)
            .map(|l| Line::styled(format!("  {l}"), theme.body)),
    );
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{restore} restore into the editor · {discard} discard · {} decide later",
            key(Command::Close)
        ),
        theme.title_focused,
    ));
    popup::message(
        (area, 76),
        "Recovered text",
        &format!(" {restore} restore · {discard} discard "),
        lines,
        theme,
        buf,
    );
}

/// "2026-11-23 09:42 UTC" from the RFC 3339 time the draft was saved at
/// (shown as written when it does not parse).
fn saved_at_label(saved_at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(saved_at)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| saved_at.to_string())
}

#[cfg(test)]
mod saved_at_tests {
    #[test]
    fn recovery_times_read_like_a_clock() {
        assert_eq!(
            super::saved_at_label("2026-11-23T09:42:16.463805151Z"),
            "2026-11-23 09:42 UTC"
        );
        assert_eq!(super::saved_at_label("hier"), "hier");
    }
}
