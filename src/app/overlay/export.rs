//! `x`: export what the timeline shows now (its filter included). A small
//! form picks the format (←/→) and the path (typed, Tab completes it; it
//! follows the format's extension until edited); Enter asks the runtime to
//! write it in the background ([`Effect::Export`]), which answers with
//! `Action::Exported`. Completion needs the directory's entries, so Tab is
//! an effect too ([`Effect::CompletePath`]), answered by `Action::PathCompleted`.

use super::outcome::Outcome;
use crate::app::action::Command;
use crate::app::keymap::{Keymap, Popup};
use crate::app::state::export::ExportForm;
use crate::app::state::{Effect, Overlay, State};
use crate::export::{Format, Job, Options};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

pub fn default_path(format: Format) -> String {
    format!("./chronique-export.{}", format.extension())
}

pub fn open(state: &mut State) {
    if !state.is_ready() {
        return;
    }
    state.overlay = Some(Overlay::Export(ExportForm {
        format: Format::Markdown,
        path: default_path(Format::Markdown),
        edited: false,
    }));
}

/// The format `step` places after `format` in [`Format::ALL`], wrapping.
fn cycle(format: Format, step: isize) -> Format {
    let all = Format::ALL;
    let i = all.iter().position(|f| *f == format).unwrap_or(0) as isize;
    all[(i + step).rem_euclid(all.len() as isize) as usize]
}

/// A key in the form (the keymap's `export` section, then typed text):
/// the format and the path change in place; Enter with a path submits.
pub fn key(
    form: &mut ExportForm,
    keymap: &Keymap,
    key: KeyEvent,
    effects: &mut Vec<Effect>,
) -> Outcome {
    match keymap.lookup_in(Popup::Export, key) {
        Some(Command::Close) => return Outcome::Close(None),
        Some(Command::Complete) => effects.push(Effect::CompletePath(form.path.clone())),
        Some(c @ (Command::PrevFormat | Command::NextFormat)) => {
            let step = if c == Command::PrevFormat { -1 } else { 1 };
            form.format = cycle(form.format, step);
            if !form.edited {
                form.path = default_path(form.format);
            }
        }
        Some(Command::DeleteBack) => {
            form.path.pop();
            form.edited = true;
        }
        Some(Command::DeleteToStart) => {
            form.path.clear();
            form.edited = true;
        }
        Some(Command::Submit) if form.path.trim().is_empty() => {
            return Outcome::KeepSaying("Export: type a path first.".into())
        }
        Some(Command::Submit) => return Outcome::Submit(Command::Submit),
        Some(_) => {}
        None => {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            if let KeyCode::Char(c) = key.code {
                if !ctrl && !c.is_control() {
                    form.path.push(c);
                    form.edited = true;
                }
            }
        }
    }
    Outcome::Keep
}

/// Asks the runtime to write the export (the form is closed).
pub fn submit(state: &mut State, form: ExportForm) {
    let path = PathBuf::from(form.path.trim());
    write(state, form.format, path);
}

fn write(state: &mut State, format: Format, path: PathBuf) {
    state.message = Some(format!(
        "Exporting {} to {}…",
        format.name(),
        path.display()
    ));
    state.effects.push(Effect::Export(Box::new(Job {
        corpus: state.corpus.clone(),
        annotations: state.notes.data.clone(),
        format,
        path,
        options: Options {
            filter: state.notes.filter.clone(),
            ..Options::default()
        },
    })));
}

/// The runtime's completion of `typed`: taken if the form still shows it.
pub fn path_completed(state: &mut State, typed: String, completed: Option<String>) {
    let Some(Overlay::Export(form)) = &mut state.overlay else {
        return;
    };
    match completed {
        Some(path) if form.path == typed => {
            form.edited |= path != form.path;
            form.path = path;
        }
        Some(_) => {}
        None => state.message = Some(format!("No file or directory starts with {typed}")),
    }
}

/// `typed` completed from the entries of its directory (name, is a
/// directory): as far as all the names starting with its last part agree,
/// and a `/` after a directory that is the only one. `None` when no name
/// starts so. Hidden names only when the part starts with a dot.
pub fn complete(typed: &str, entries: &[(String, bool)]) -> Option<String> {
    let (dir, stem) = match typed.rfind('/') {
        Some(i) => typed.split_at(i + 1),
        None => ("", typed),
    };
    let matching: Vec<&(String, bool)> = entries
        .iter()
        .filter(|(name, _)| {
            name.starts_with(stem) && (stem.starts_with('.') || !name.starts_with('.'))
        })
        .collect();
    let (first, is_dir) = matching.first()?;
    let mut common = first.as_str();
    for (name, _) in &matching[1..] {
        let same = common
            .char_indices()
            .zip(name.chars())
            .find(|((_, a), b)| a != b)
            .map_or(common.len().min(name.len()), |((i, _), _)| i);
        common = &common[..same];
    }
    let slash = if matching.len() == 1 && *is_dir {
        "/"
    } else {
        ""
    };
    Some(format!("{dir}{common}{slash}"))
}

/// The runtime's answer: the path written, or why not.
pub fn exported(state: &mut State, result: Result<PathBuf, String>) {
    state.message = Some(match result {
        Ok(path) => format!("Exported to {}", path.display()),
        Err(e) => format!("Export failed: {e}"),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::filter::Filter;
    use crate::app::{update, Action};
    use crate::corpus::{embedded, Progress};
    use crossterm::event::KeyEvent;

    fn state() -> State {
        crate::app::ready_state(embedded::load(&Progress::default()), 100, 30)
    }

    fn press(state: &mut State, code: KeyCode) {
        update(state, Action::Key(KeyEvent::from(code)));
    }

    fn form(state: &State) -> &ExportForm {
        match &state.overlay {
            Some(Overlay::Export(f)) => f,
            other => panic!("no export form: {other:?}"),
        }
    }

    #[test]
    fn x_opens_the_form_and_the_path_follows_the_format_until_typed_in() {
        let mut s = state();
        update(&mut s, Action::Command(Command::Export));
        assert_eq!(form(&s).path, "./chronique-export.md");
        press(&mut s, KeyCode::Right);
        assert_eq!(
            (form(&s).format, form(&s).path.as_str()),
            (Format::Html, "./chronique-export.html")
        );
        press(&mut s, KeyCode::Backspace);
        press(&mut s, KeyCode::Char('x'));
        press(&mut s, KeyCode::Left);
        assert_eq!(form(&s).format, Format::Markdown);
        assert_eq!(form(&s).path, "./chronique-export.htmx", "typed: kept");
        press(&mut s, KeyCode::Esc);
        assert!(s.overlay.is_none() && s.effects.is_empty());
    }

    #[test]
    fn enter_asks_for_an_export_of_what_the_timeline_shows() {
        let mut s = state();
        s.notes.filter = Some(Filter::Starred);
        update(&mut s, Action::Command(Command::Export));
        press(&mut s, KeyCode::Enter);
        assert!(s.overlay.is_none());
        let [Effect::Export(job)] = s.effects.as_slice() else {
            panic!("{:?}", s.effects);
        };
        assert_eq!(job.format, Format::Markdown);
        assert_eq!(job.path, PathBuf::from("./chronique-export.md"));
        assert_eq!(
            job.options.filter,
            Some(Filter::Starred),
            "the timeline's filter"
        );
        assert!(s
            .message
            .as_deref()
            .unwrap()
            .starts_with("Exporting markdown"));
        update(&mut s, Action::Exported(Ok(PathBuf::from("/tmp/x.md"))));
        assert_eq!(s.message.as_deref(), Some("Exported to /tmp/x.md"));
        update(
            &mut s,
            Action::Exported(Err("/nope/x.md: cannot write".into())),
        );
        assert!(s
            .message
            .as_deref()
            .unwrap()
            .starts_with("Export failed: /nope"));
    }

    #[test]
    fn tab_completes_the_path_from_the_directory_entries() {
        let entries = [
            ("exports".to_string(), true),
            ("export-mars.md".to_string(), false),
            ("notes.txt".to_string(), false),
            (".cache".to_string(), true),
        ];
        assert_eq!(complete("./ex", &entries).as_deref(), Some("./export"));
        assert_eq!(
            complete("./exports", &entries).as_deref(),
            Some("./exports/")
        );
        assert_eq!(complete("n", &entries).as_deref(), Some("notes.txt"));
        assert_eq!(
            complete("/tmp/", &entries[2..3]).as_deref(),
            Some("/tmp/notes.txt")
        );
        assert_eq!(complete("./.c", &entries).as_deref(), Some("./.cache/"));
        assert_eq!(complete("./zz", &entries), None);

        let mut s = state();
        update(&mut s, Action::Command(Command::Export));
        press(&mut s, KeyCode::Tab);
        assert_eq!(
            s.effects,
            [Effect::CompletePath("./chronique-export.md".into())]
        );
        update(
            &mut s,
            Action::PathCompleted {
                typed: "./chronique-export.md".into(),
                completed: Some("./chronique-export.md.old".into()),
            },
        );
        assert_eq!(form(&s).path, "./chronique-export.md.old");
        assert!(form(&s).edited);
    }

    #[test]
    fn an_empty_path_is_refused_and_the_form_stays() {
        let mut s = state();
        update(&mut s, Action::Command(Command::Export));
        update(
            &mut s,
            Action::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        );
        press(&mut s, KeyCode::Enter);
        assert!(s.effects.is_empty());
        assert_eq!(form(&s).path, "");
        assert!(s.message.is_some());
    }
}
