//! `A`: every article, one row each (date, outlet, title, quotes, events).

use super::table;
use crate::app::state::articles::ArticleList;
use crate::app::state::State;
use crate::app::Command;
use crate::corpus::{DateLang, PartialDate};
use crate::theme::Theme;
use crate::ui::popup::{self, Size};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub fn render(state: &State, list: &ArticleList, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = format!(
        "All articles · {} · by {}",
        list.rows.len(),
        list.sort.label()
    );
    let inner = popup::open(
        area,
        // Borders and the header around the rows.
        Size::reading(150, (list.rows.len() as u16).saturating_add(3).max(5)),
        &title,
        &footer(state, list),
        theme,
        buf,
    );
    if list.rows.is_empty() {
        Line::styled("No articles in this corpus.", theme.dim).render(inner, buf);
        return;
    }
    let lang = state.corpus.date_lang();
    let wide = inner.width >= 90;
    let (header, widths): (&[&str], Vec<Constraint>) = if wide {
        (
            &["Date", "Outlet", "Title", "Quotes", "Events it reports"],
            vec![
                Constraint::Length(13),
                Constraint::Length(18),
                Constraint::Fill(3),
                Constraint::Length(6),
                Constraint::Fill(2),
            ],
        )
    } else {
        (
            &["Date", "Outlet", "Title", "Q", "Ev"],
            vec![
                Constraint::Length(if inner.width >= 60 { 13 } else { 8 }),
                Constraint::Fill(1),
                Constraint::Fill(3),
                Constraint::Length(2),
                Constraint::Length(2),
            ],
        )
    };
    let with_year = inner.width >= 60;
    let cells = |i: usize| {
        let r = &list.rows[i];
        let events = match (wide, r.events.len()) {
            (_, 0) => "–".to_string(),
            (false, n) => n.to_string(),
            (true, n) => format!("{n} · {}", r.events.join("; ")),
        };
        vec![
            (date(r.published, lang, with_year), theme.event_date),
            (r.outlet.clone(), theme.dim),
            (r.title.clone(), theme.popup),
            (format!("{:>2}", r.quotes), theme.popup),
            (events, theme.dim),
        ]
    };
    let rows = table::Rows {
        len: list.rows.len(),
        cells: &cells,
    };
    table::render(
        theme,
        (header, &widths),
        rows,
        (list.selected_row(), true),
        inner,
        buf,
    );
}

/// "11 janv. 2021" (or "11 janv." when `year` is off), "mars 2021", "2021".
pub fn date(date: Option<PartialDate>, lang: DateLang, year: bool) -> String {
    match date {
        None => "–".into(),
        Some(d) if year => d.short_with_year(lang),
        Some(d) if d.month.is_none() => d.year.to_string(),
        Some(d) => d.short(lang),
    }
}

/// "Enter open · S by outlet · Esc close", from the keymap.
fn footer(state: &State, list: &ArticleList) -> String {
    let key = |c| {
        state
            .keymap
            .label_in(crate::app::keymap::Popup::Articles, c)
    };
    format!(
        "{} open · {} by {} · {} close",
        key(Command::Open),
        key(Command::Sort),
        list.sort.next().label(),
        key(Command::Close)
    )
}
