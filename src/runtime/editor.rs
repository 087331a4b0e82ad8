//! `e`: the reader's editor, run on a corpus file with the terminal handed
//! over. The input thread is paused meanwhile ([`InputGate`]): otherwise it
//! would read the keys meant for the editor.

use crate::app::state::reload::{EditItem, EditTarget};
use crate::runtime::tui::Terminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// How long the input thread waits for input before it looks whether it
/// should pause: the longest an `e` waits before the editor starts.
pub const INPUT_POLL: Duration = Duration::from_millis(50);

/// Lets the runtime stop the input thread from reading the terminal. The
/// input thread holds the lock while it polls; the runtime raises `paused`
/// (so the input thread stops taking the lock again) and then takes it.
#[derive(Debug, Default)]
pub struct InputGate {
    paused: AtomicBool,
    reading: Mutex<()>,
}

impl InputGate {
    /// For the input thread: `None` while paused (wait and ask again).
    pub fn enter(&self) -> Option<MutexGuard<'_, ()>> {
        if self.paused.load(Ordering::SeqCst) {
            return None;
        }
        Some(self.reading.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Runs `f` while nothing reads the terminal.
    pub fn paused<T>(&self, f: impl FnOnce() -> T) -> T {
        self.paused.store(true, Ordering::SeqCst);
        let guard = self.reading.lock().unwrap_or_else(|e| e.into_inner());
        let result = f();
        drop(guard);
        self.paused.store(false, Ordering::SeqCst);
        result
    }
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, split into a program and its
/// arguments at spaces (`code -w`, `emacs -nw`).
pub fn editor_command(visual: Option<&str>, editor: Option<&str>) -> Vec<String> {
    let chosen = [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .unwrap_or("vi");
    chosen.split_whitespace().map(String::from).collect()
}

/// The 1-based line where `item` is written in `text`: the line of its
/// `id:` (for a quote, the first one after `quotes:`); 1 when not found.
pub fn line_of(text: &str, item: Option<&EditItem>) -> usize {
    let (id, after) = match item {
        None => return 1,
        Some(EditItem::Event(id)) => (id, None),
        Some(EditItem::Quote(id)) => (id, Some("quotes:")),
    };
    let mut searching = after.is_none();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if !searching {
            searching = after.is_some_and(|a| trimmed.starts_with(a));
            continue;
        }
        let Some(value) = trimmed
            .trim_start_matches("- ")
            .trim_start()
            .strip_prefix("id:")
        else {
            continue;
        };
        let value = value.split(" #").next().unwrap_or("").trim();
        let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
        if unquoted == id {
            return i + 1;
        }
    }
    1
}

/// Opens the editor on `target` at its line, with the terminal handed over
/// and taken back afterwards. `Err`: why the editor could not be run.
pub fn edit(terminal: &mut Terminal, gate: &InputGate, target: &EditTarget) -> Result<(), String> {
    let text = std::fs::read_to_string(&target.path).unwrap_or_default();
    let line = line_of(&text, target.item.as_ref());
    let command = editor_command(
        std::env::var("VISUAL").ok().as_deref(),
        std::env::var("EDITOR").ok().as_deref(),
    );
    gate.paused(|| {
        terminal.suspend();
        let status = run(&command, line, &target.path);
        let resumed = terminal.resume();
        let status = status?;
        resumed.map_err(|e| format!("the terminal could not be taken back: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{} exited with {status}", command[0]))
        }
    })
}

fn run(command: &[String], line: usize, path: &Path) -> Result<std::process::ExitStatus, String> {
    std::process::Command::new(&command[0])
        .args(&command[1..])
        .arg(format!("+{line}"))
        .arg(path)
        .status()
        .map_err(|e| format!("could not start the editor `{}`: {e}", command[0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_then_editor_then_vi() {
        assert_eq!(
            editor_command(Some("code -w"), Some("nano")),
            ["code", "-w"]
        );
        assert_eq!(editor_command(Some(" "), Some("nano")), ["nano"]);
        assert_eq!(editor_command(None, None), ["vi"]);
    }

    #[test]
    fn the_line_is_the_items_id() {
        let timeline = "title: T\nevents:\n  - id: first\n    title: A\n  - id: \"second\" # why\n";
        let event = |id: &str| Some(EditItem::Event(id.into()));
        assert_eq!(line_of(timeline, event("first").as_ref()), 3);
        assert_eq!(line_of(timeline, event("second").as_ref()), 5);
        assert_eq!(line_of(timeline, event("missing").as_ref()), 1);
        assert_eq!(line_of(timeline, None), 1);
        let article = "---\nid: q1\nquotes:\n  - id: q1\n    text: x\n---\nbody\n";
        let quote = Some(EditItem::Quote("q1".into()));
        assert_eq!(
            line_of(article, quote.as_ref()),
            4,
            "the quote, not the article"
        );
    }
}
