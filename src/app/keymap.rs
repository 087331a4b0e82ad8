//! Key bindings are data: `keymap.yaml` (embedded) says which key does what
//! in which pane and in which popup, with the help text the overlay shows
//! and the labels of the hints and footers. One source of truth.

use super::action::{Command, Pane};
pub use super::key_sections::{Popup, Section};
use super::key_spec::normalize;
pub use super::key_spec::{display_key, parse_key};
use crossterm::event::KeyEvent;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const DEFAULT: &str = include_str!("keymap.yaml");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<KeyEvent>,
    /// The keys as written in the file, for display.
    pub labels: Vec<String>,
    pub command: Command,
    pub help: String,
    /// The short label shown in the status bar's key hints.
    pub hint: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub sections: Vec<(Section, Vec<Binding>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    keys: Vec<String>,
    action: String,
    help: String,
    #[serde(default)]
    hint: Option<String>,
}

impl Keymap {
    pub fn default_map() -> Keymap {
        Keymap::parse(DEFAULT).expect("the embedded keymap is valid (tested)")
    }

    pub fn parse(text: &str) -> Result<Keymap, String> {
        let raw: BTreeMap<String, Vec<RawBinding>> =
            serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        let mut sections = Vec::new();
        for (name, bindings) in raw {
            let section =
                Section::named(&name).ok_or_else(|| format!("unknown keymap section `{name}`"))?;
            let mut out: Vec<Binding> = Vec::new();
            for b in bindings {
                let command: Command = b.action.parse()?;
                if let Some(why) = section.refuses_action(command) {
                    return Err(why);
                }
                let mut keys = Vec::new();
                for spec in &b.keys {
                    let key = parse_key(spec)?;
                    if let Some(why) = section.refuses_key(key, spec) {
                        return Err(why);
                    }
                    if out.iter().flat_map(|o| &o.keys).any(|k| *k == key) {
                        return Err(format!("`{spec}` is bound twice in `{name}`"));
                    }
                    keys.push(key);
                }
                out.push(Binding {
                    keys,
                    labels: b.keys.iter().map(|k| display_key(k)).collect(),
                    command,
                    help: b.help,
                    hint: b.hint,
                });
            }
            sections.push((section, out));
        }
        sections.sort_by_key(|(s, _)| *s);
        Ok(Keymap { sections })
    }

    /// The command for `key` in `pane`: the pane's own binding first.
    pub fn lookup(&self, pane: Pane, key: KeyEvent) -> Option<Command> {
        let key = normalize(key);
        let find = |section: Section| {
            self.sections
                .iter()
                .filter(|(s, _)| *s == section)
                .flat_map(|(_, b)| b)
                .find(|b| b.keys.contains(&key))
                .map(|b| b.command)
        };
        find(Section::Pane(pane.into())).or_else(|| find(Section::Global))
    }

    /// The bindings of `section` (none when it has none left).
    pub fn section(&self, section: Section) -> &[Binding] {
        self.sections
            .iter()
            .find(|(s, _)| *s == section)
            .map_or(&[][..], |(_, b)| b)
    }

    /// The command for `key` in `popup`: its own section, then, in the
    /// popups that take the reader's moves (the views), `global`.
    pub fn lookup_in(&self, popup: Popup, key: KeyEvent) -> Option<Command> {
        let key = normalize(key);
        let find = |section| {
            self.section(section)
                .iter()
                .find(|b| b.keys.contains(&key))
                .map(|b| b.command)
        };
        find(Section::Popup(popup))
            .or_else(|| popup.falls_back().then(|| find(Section::Global)).flatten())
    }

    /// The binding of `command` in `popup` (or in `global`, for the views),
    /// for its footer and help.
    pub fn binding_in(&self, popup: Popup, command: Command) -> Option<&Binding> {
        let find = |section| self.section(section).iter().find(|b| b.command == command);
        find(Section::Popup(popup))
            .or_else(|| popup.falls_back().then(|| find(Section::Global)).flatten())
    }

    /// The first key of `command` in `popup`, as shown ("Esc", "Ctrl-s"):
    /// what a footer says. `?` when the reader unbound it.
    pub fn label_in(&self, popup: Popup, command: Command) -> &str {
        self.binding_in(popup, command)
            .and_then(|b| b.labels.first())
            .map_or("?", String::as_str)
    }

    /// Whether `command` is bound in `pane`'s own section (not only in the
    /// global one): the status bar shows those keys first.
    pub fn pane_binding(&self, pane: Pane, command: Command) -> bool {
        let own = Section::Pane(pane.into());
        self.sections
            .iter()
            .filter(|(s, _)| *s == own)
            .flat_map(|(_, b)| b)
            .any(|b| b.command == command)
    }

    /// Whether some key quits in every pane: a keymap of the reader's own
    /// must never leave them with no way out.
    pub fn quits_in_every_pane(&self) -> bool {
        let quit_keys: Vec<KeyEvent> = self
            .sections
            .iter()
            .flat_map(|(_, b)| b)
            .filter(|b| b.command == Command::Quit)
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        Pane::ALL.iter().all(|&pane| {
            quit_keys
                .iter()
                .any(|&k| self.lookup(pane, k) == Some(Command::Quit))
        })
    }

    /// A popup left with no key that closes it, if the reader's keymap
    /// leaves one so (the views may close with the key of `global`).
    pub fn popup_without_way_out(&self) -> Option<Popup> {
        Popup::ALL.into_iter().find(|&p| {
            let leaves = self.reaches(p, Command::Close)
                || (p == Popup::Search && self.reaches(p, Command::Quit))
                || (p == Popup::Discard && self.reaches(p, Command::Discard));
            p.actions().contains(&Command::Close) && !leaves
        })
    }

    /// Whether a key answers yes to quitting without saving (else a failed
    /// save would leave no way out of chronique).
    pub fn confirms_quit(&self) -> bool {
        self.reaches(Popup::ConfirmQuit, Command::Quit)
    }

    /// Whether a key does `command` in `popup`: a view's fallback to the
    /// `global` key counts only when its own section does not take that key.
    fn reaches(&self, popup: Popup, command: Command) -> bool {
        self.binding_in(popup, command).is_some_and(|b| {
            b.keys
                .iter()
                .any(|&k| self.lookup_in(popup, k) == Some(command))
        })
    }

    /// The keys bound to `command` (pane first), for hints: "n", "]".
    pub fn keys_for(&self, pane: Pane, command: Command) -> Option<&str> {
        [Section::Pane(pane.into()), Section::Global]
            .iter()
            .find_map(|s| {
                self.sections
                    .iter()
                    .filter(|(sec, _)| sec == s)
                    .flat_map(|(_, b)| b)
                    .find(|b| b.command == command)
            })
            .and_then(|b| b.labels.first().map(String::as_str))
    }

    /// Bindings to hint in the status bar for `pane`.
    pub fn hints(&self, pane: Pane) -> impl Iterator<Item = &Binding> {
        let own = Section::Pane(pane.into());
        self.sections
            .iter()
            .filter(move |(s, _)| *s == own || *s == Section::Global)
            .flat_map(|(_, b)| b)
            .filter(|b| b.hint.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn the_default_keymap_parses_and_binds_the_documented_keys() {
        let map = Keymap::default_map();
        let none = KeyModifiers::NONE;
        assert_eq!(
            map.lookup(Pane::Events, key(KeyCode::Char('j'), none)),
            Some(Command::Down)
        );
        assert_eq!(
            map.lookup(Pane::Events, key(KeyCode::Down, none)),
            Some(Command::Down)
        );
        assert_eq!(
            map.lookup(Pane::Article, key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            map.lookup(
                Pane::Article,
                key(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Command::Quit)
        );
        assert_eq!(
            map.lookup(Pane::Details, key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Command::FocusPrev)
        );
        assert_eq!(
            map.lookup(Pane::Details, key(KeyCode::Char('x'), none)),
            Some(Command::Export)
        );
        assert_eq!(
            map.lookup(Pane::Details, key(KeyCode::Char('z'), none)),
            None
        );
    }

    #[test]
    fn pane_bindings_come_before_global_ones() {
        let map = Keymap::parse(
            "global:\n  - { keys: [x], action: quit, help: q }\nevents:\n  - { keys: [x], action: help, help: h }\n",
        )
        .unwrap();
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(map.lookup(Pane::Events, x), Some(Command::Help));
        assert_eq!(map.lookup(Pane::Article, x), Some(Command::Quit));
    }

    #[test]
    fn bad_keymaps_are_rejected_with_a_reason() {
        let err = Keymap::parse("global:\n  - { keys: [x], action: fly, help: h }\n").unwrap_err();
        assert!(err.contains("unknown action `fly`"), "{err}");
        let err =
            Keymap::parse("global:\n  - { keys: [hyper-x], action: quit, help: h }\n").unwrap_err();
        assert!(err.contains("unknown modifier"), "{err}");
    }

    #[test]
    fn every_popup_has_its_section_and_no_key_is_bound_twice_in_one() {
        let map = Keymap::default_map();
        for p in Popup::ALL {
            assert!(!map.section(Section::Popup(p)).is_empty(), "{p:?}");
            assert!(
                map.binding_in(p, Command::Close).is_some()
                    || !p.actions().contains(&Command::Close)
            );
        }
        assert_eq!(map.popup_without_way_out(), None);
        let err = Keymap::parse("search:\n  - { keys: [esc], action: close, help: c }\n  - { keys: [esc], action: quit, help: q }\n").unwrap_err();
        assert!(err.contains("`esc` is bound twice in `search`"), "{err}");
        let err = Keymap::parse("tags:\n  - { keys: [s], action: save, help: s }\n").unwrap_err();
        assert!(err.contains("typed as text"), "{err}");
        // `S` sorts in the list of articles only.
        let s = key(KeyCode::Char('S'), KeyModifiers::SHIFT);
        assert_eq!(map.lookup(Pane::Events, s), None);
        assert_eq!(map.lookup_in(Popup::Articles, s), Some(Command::Sort));
    }

    #[test]
    fn keys_display_for_people() {
        assert_eq!(display_key("ctrl-d"), "Ctrl-d");
        assert_eq!(display_key("pagedown"), "PgDn");
        assert_eq!(display_key("-"), "-");
        assert_eq!(parse_key("-").unwrap().code, KeyCode::Char('-'));
    }
}
