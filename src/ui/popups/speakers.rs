//! `@`: who said what. The speakers on the left (quotes, dates), the
//! selected speaker's quotes on the right (date, the quote's start, the
//! article); one list at a time on a narrow screen.

use super::articles::date;
use super::table;
use crate::app::state::speakers::{SpeakerFocus, SpeakerList};
use crate::app::state::State;
use crate::app::Command;
use crate::corpus::DateLang;
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use crate::ui::text;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

/// The dates' language, and whether this list has the keys.
type Pane = (DateLang, bool);

pub fn render(state: &State, list: &SpeakerList, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = format!("Who said what · {} speakers", list.speakers.len());
    let longest = list
        .speakers
        .iter()
        .map(|s| s.quotes.len())
        .max()
        .unwrap_or(0);
    let rows = list.speakers.len().max(longest) as u16;
    let inner = popup::open(
        area,
        Size::reading(150, rows.saturating_add(4).max(6)),
        &title,
        &footer(state, list),
        theme,
        buf,
    );
    if list.speakers.is_empty() {
        Line::styled("No quote in this corpus names its speaker.", theme.dim).render(inner, buf);
        return;
    }
    let lang = state.corpus.date_lang();
    let focus = list.focus;
    if inner.width >= 80 {
        let [left, _, right] = Layout::horizontal([
            Constraint::Percentage(45),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        let on_speakers = focus == SpeakerFocus::Speakers;
        speakers(theme, list, (lang, on_speakers), left, buf);
        quotes(theme, list, (lang, !on_speakers), right, buf);
    } else if focus == SpeakerFocus::Speakers {
        speakers(theme, list, (lang, true), inner, buf);
    } else {
        quotes(theme, list, (lang, true), inner, buf);
    }
}

fn speakers(
    theme: &Theme,
    list: &SpeakerList,
    (lang, focused): Pane,
    area: Rect,
    buf: &mut Buffer,
) {
    // The year only when the speakers' quotes span more than one.
    let years = list
        .speakers
        .iter()
        .flat_map(|s| [s.first, s.last])
        .flatten();
    let with_year = years.clone().min().map(|d| d.year) != years.max().map(|d| d.year);
    let column = if with_year { 13 } else { 8 };
    let cells = |i: usize| {
        let s = &list.speakers[i];
        let last = if s.last == s.first { None } else { s.last };
        vec![
            (s.name.clone(), theme.speaker_style(&s.name)),
            (date(s.first, lang, with_year), theme.event_date),
            (
                last.map_or(String::new(), |d| date(Some(d), lang, with_year)),
                theme.event_date,
            ),
            // The count last: beside a date, "10 janv." would read as one.
            (format!("{:>6}", s.quotes.len()), theme.popup),
        ]
    };
    let rows = table::Rows {
        len: list.speakers.len(),
        cells: &cells,
    };
    table::render(
        theme,
        (
            &["Speaker", "First", "Last", "Quotes"],
            &[
                Constraint::Fill(1),
                Constraint::Length(column),
                Constraint::Length(column),
                Constraint::Length(6),
            ],
        ),
        rows,
        (list.selected.map(|s| s.0), focused),
        area,
        buf,
    );
}

fn quotes(theme: &Theme, list: &SpeakerList, (lang, focused): Pane, area: Rect, buf: &mut Buffer) {
    let Some(speaker) = list.speaker() else {
        return;
    };
    let articles = match speaker.articles {
        1 => "1 article".to_string(),
        n => format!("{n} articles"),
    };
    let heading = format!(
        "{} · {} in {articles}",
        speaker.name,
        match speaker.quotes.len() {
            1 => "1 quote".to_string(),
            n => format!("{n} quotes"),
        }
    );
    let width = usize::from(area.width);
    Line::from(Span::styled(
        text::truncate(&heading, width),
        theme.speaker_style(&speaker.name),
    ))
    .render(area, buf);
    // Their roles as the articles give them, on a line of their own.
    let skip = if speaker.roles.is_empty() {
        1
    } else {
        let roles = text::truncate(&speaker.roles.join(" · "), width);
        let at = Rect {
            y: area.y.saturating_add(1),
            height: area.height.saturating_sub(1).min(1),
            ..area
        };
        Line::styled(roles, theme.dim).render(at, buf);
        2
    };
    let rest = Rect {
        y: area.y.saturating_add(skip),
        height: area.height.saturating_sub(skip),
        ..area
    };
    let wide = rest.width >= 60;
    // The year only when their quotes span more than one.
    let with_year = speaker.first.map(|d| d.year) != speaker.last.map(|d| d.year);
    let date_width = if with_year { 13 } else { 9 };
    let cells = |i: usize| {
        let q = &speaker.quotes[i];
        let source = match (wide, q.outlet.is_empty()) {
            (true, false) => format!("{} · {}", q.outlet, q.article_title),
            _ => q.article_title.clone(),
        };
        vec![
            (date(q.published, lang, with_year), theme.event_date),
            (format!("« {}", q.text), theme.quote),
            (source, theme.dim),
        ]
    };
    let rows = table::Rows {
        len: speaker.quotes.len(),
        cells: &cells,
    };
    let source = if wide {
        Constraint::Fill(1)
    } else {
        Constraint::Length(0)
    };
    table::render(
        theme,
        (
            &["Date", "Quote", "Article"],
            &[Constraint::Length(date_width), Constraint::Fill(2), source],
        ),
        rows,
        (list.quote_row(), focused),
        rest,
        buf,
    );
}

/// "Enter quotes · Esc close" over the speakers, "Enter go to · Esc back"
/// over the quotes, from the keymap.
fn footer(state: &State, list: &SpeakerList) -> String {
    let key = |c| {
        state
            .keymap
            .label_in(crate::app::keymap::Popup::Speakers, c)
    };
    match list.focus {
        SpeakerFocus::Speakers => format!(
            "{} their quotes · {} close",
            key(Command::Open),
            key(Command::Close)
        ),
        SpeakerFocus::Quotes => format!(
            "{} go to the quote · {} speakers",
            key(Command::Open),
            key(Command::Close)
        ),
    }
}
