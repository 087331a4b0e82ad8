//! The reader's own key bindings: the text of a `keymap.yaml` (read by
//! `runtime::keymap_file`) laid over the embedded keymap. No IO here.
//!
//! Same sections and entries as the embedded file. For each action an entry
//! names, in that section, its keys replace the default ones (`keys: []`
//! unbinds it), and those keys leave whatever else they did in that section;
//! `help` and `hint` are optional. A copy of the whole default file
//! (`chronique --print-keymap`) is therefore a valid start.

use super::action::Command;
use super::keymap::{display_key, parse_key, Binding, Keymap, Section};
use crate::diagnostic::Diagnostic;
use crate::yaml::{self, At, Seg};
use crate::yaml_path;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
struct UserBinding {
    keys: Vec<String>,
    action: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    hint: Option<String>,
}

#[allow(clippy::useless_vec)] // yaml_path! builds owned paths
/// `base` with the bindings of `text` laid over it. `path` is only used in
/// error messages (`path:line:col: error: …`).
pub fn overlay(mut base: Keymap, text: &str, path: &Path) -> Result<Keymap, Diagnostic> {
    let fail =
        |at: At, message: String| Diagnostic::error(path, yaml::place(text, &at, 0), message);
    if text.trim().is_empty() {
        return Ok(base);
    }
    let mut unknown = Vec::new();
    let raw: BTreeMap<String, Vec<UserBinding>> =
        yaml::from_str(text, &mut unknown).map_err(|p| {
            fail(
                p.at,
                p.message
                    .replace("a map", "sections (`global:`, `events:`, `search:`, …)"),
            )
        })?;
    if let Some(p) = unknown.into_iter().next() {
        let name = match p.last() {
            Some(Seg::Key(k)) => k.clone(),
            _ => String::new(),
        };
        return Err(fail(
            At::Key(p),
            format!("unknown field `{name}`: an entry has `keys`, `action`, and optionally `help` and `hint`"),
        ));
    }
    for (name, entries) in raw {
        let Some(section) = Section::named(&name) else {
            return Err(fail(
                At::Key(yaml_path![name.as_str()]),
                format!("unknown section `{name}`: use {}", Section::names()),
            ));
        };
        for (i, entry) in entries.into_iter().enumerate() {
            let command: Command = entry
                .action
                .parse()
                .map_err(|e: String| fail(At::Value(yaml_path![name.as_str(), i, "action"]), e))?;
            if let Some(why) = section.refuses_action(command) {
                return Err(fail(At::Value(yaml_path![name.as_str(), i, "action"]), why));
            }
            let mut keys = Vec::new();
            for (j, spec) in entry.keys.iter().enumerate() {
                let at = || At::Value(yaml_path![name.as_str(), i, "keys", j]);
                let key = parse_key(spec).map_err(|e| fail(at(), e))?;
                if let Some(why) = section.refuses_key(key, spec) {
                    return Err(fail(at(), why));
                }
                keys.push(key);
            }
            let labels = entry.keys.iter().map(|k| display_key(k)).collect();
            bind(
                &mut base, section, command, keys, labels, entry.help, entry.hint,
            );
            if !base.quits_in_every_pane() {
                return Err(fail(
                    At::Key(yaml_path![name.as_str(), i, "keys"]),
                    "this entry leaves no key that quits chronique in every pane: keep one \
                     (e.g. `- { keys: [q], action: quit }` under `global:`)"
                        .into(),
                ));
            }
            if !base.confirms_quit() {
                return Err(fail(
                    At::Key(yaml_path![name.as_str(), i, "keys"]),
                    "this entry leaves no key that quits when asked `Quit without saving?`: \
                     keep one (e.g. `- { keys: [y], action: quit }` under `confirm-quit:`)"
                        .into(),
                ));
            }
            if let Some(popup) = base.popup_without_way_out() {
                return Err(fail(
                    At::Key(yaml_path![name.as_str(), i, "keys"]),
                    format!(
                        "this entry leaves no key that closes `{}`: keep one for `close`",
                        popup.name()
                    ),
                ));
            }
        }
    }
    Ok(base)
}

/// Gives `command` exactly `keys` in `section`, taking them from any other
/// binding there.
fn bind(
    map: &mut Keymap,
    section: Section,
    command: Command,
    keys: Vec<crossterm::event::KeyEvent>,
    labels: Vec<String>,
    help: Option<String>,
    hint: Option<String>,
) {
    // The same action's help, in this section first (a popup's `close`
    // says what closing it does).
    let default_help = map
        .section(section)
        .iter()
        .chain(map.sections.iter().flat_map(|(_, b)| b))
        .find(|b| b.command == command)
        .map_or_else(|| command.name().to_string(), |b| b.help.clone());
    if !map.sections.iter().any(|(s, _)| *s == section) {
        map.sections.push((section, Vec::new()));
        map.sections.sort_by_key(|(s, _)| *s);
    }
    let Some((_, bindings)) = map.sections.iter_mut().find(|(s, _)| *s == section) else {
        return;
    };
    for b in bindings.iter_mut().filter(|b| b.command != command) {
        let kept: Vec<usize> = (0..b.keys.len())
            .filter(|&k| !keys.contains(&b.keys[k]))
            .collect();
        b.labels = kept.iter().map(|&k| b.labels[k].clone()).collect();
        b.keys = kept.iter().map(|&k| b.keys[k]).collect();
    }
    match bindings.iter_mut().find(|b| b.command == command) {
        Some(b) => {
            b.keys = keys;
            b.labels = labels;
            if let Some(help) = help {
                b.help = help;
            }
            if hint.is_some() {
                b.hint = hint;
            }
        }
        None => bindings.push(Binding {
            keys,
            labels,
            command,
            help: help.unwrap_or(default_help),
            hint,
        }),
    }
    // An action with no key left is not listed.
    bindings.retain(|b| !b.keys.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::action::Pane;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn user(text: &str) -> Result<Keymap, String> {
        overlay(Keymap::default_map(), text, Path::new("keymap.yaml")).map_err(|d| d.to_string())
    }

    #[test]
    fn an_action_gets_the_readers_keys_and_they_leave_other_actions() {
        let map = user("global:\n  - { keys: [x, s], action: quit }\n").unwrap();
        let default = Keymap::default_map();
        assert_eq!(map.lookup(Pane::Events, key('x')), Some(Command::Quit));
        assert_eq!(map.lookup(Pane::Events, key('s')), Some(Command::Quit));
        assert_eq!(
            map.lookup(Pane::Events, key('q')),
            None,
            "q is no longer quit"
        );
        // `s` starred before: it has no key left, so it is not listed.
        assert_eq!(
            default.lookup(Pane::Events, key('s')),
            Some(Command::ToggleStar)
        );
        assert_eq!(map.keys_for(Pane::Events, Command::ToggleStar), None);
        // The help overlay reads the same bindings.
        assert_eq!(map.keys_for(Pane::Events, Command::Quit), Some("x"));
        // Everything else is as before.
        assert_eq!(map.lookup(Pane::Events, key('j')), Some(Command::Down));
    }

    #[test]
    fn empty_keys_unbind_and_pane_sections_can_gain_actions() {
        let map = user(
            "global:\n  - { keys: [], action: open-url }\narticle:\n  - { keys: [ctrl-o], action: open-url, help: Open in the browser, hint: web }\n",
        )
        .unwrap();
        assert_eq!(map.lookup(Pane::Events, key('o')), None);
        let ctrl_o = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL);
        assert_eq!(map.lookup(Pane::Article, ctrl_o), Some(Command::OpenUrl));
        assert_eq!(map.lookup(Pane::Events, ctrl_o), None);
        let hint = map
            .hints(Pane::Article)
            .find(|b| b.command == Command::OpenUrl)
            .and_then(|b| b.hint.clone());
        assert_eq!(hint.as_deref(), Some("web"));
    }

    #[test]
    fn a_keymap_that_leaves_no_way_to_quit_is_refused() {
        let err = user(
            "global:\n  - { keys: [x], action: search }\n  - { keys: [q, ctrl-c], action: help }\n",
        )
        .unwrap_err();
        assert!(
            err.starts_with("keymap.yaml:3:7: error: this entry leaves no key that quits"),
            "{err}"
        );
        let err = user("global:\n  - { keys: [], action: quit }\n").unwrap_err();
        assert!(err.contains("no key that quits"), "{err}");
        // Taking q in one pane while Ctrl-c still quits there is fine…
        assert!(user("article:\n  - { keys: [q], action: next-quote }\n").is_ok());
        // …taking both there is not.
        let err = user("article:\n  - { keys: [q, ctrl-c], action: next-quote }\n").unwrap_err();
        assert!(err.contains("no key that quits"), "{err}");
        // Moving quit to another key is the documented way.
        assert!(user("global:\n  - { keys: [x], action: quit }\n").is_ok());
    }

    #[test]
    fn the_printed_default_is_a_valid_keymap_that_changes_nothing() {
        let map = user(crate::app::keymap::DEFAULT).unwrap();
        assert_eq!(map.sections, Keymap::default_map().sections);
        assert_eq!(user("").unwrap().sections, Keymap::default_map().sections);
    }

    #[test]
    fn the_readmes_example_works_as_it_says() {
        let readme = include_str!("../../README.md");
        let from = readme.find("**Your own keys.**").expect("the section");
        let block = &readme[from..];
        let start = block.find("```yaml\n").expect("an example") + 8;
        let end = start + block[start..].find("```").expect("its end");
        let map = user(&block[start..end]).unwrap();
        let ctrl_o = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL);
        assert_eq!(map.lookup(Pane::Events, key('x')), Some(Command::Quit));
        assert_eq!(map.lookup(Pane::Events, key('q')), None);
        assert_eq!(map.lookup(Pane::Events, key('o')), None);
        assert_eq!(map.lookup(Pane::Article, ctrl_o), Some(Command::OpenUrl));
    }

    #[test]
    fn a_popup_key_is_rebound_in_its_section_only() {
        use crate::app::keymap::Popup;
        let map = user("search:\n  - { keys: [ctrl-g], action: close }\nmark:\n  - { keys: [e], action: extend-word }\nfilter:\n  - { keys: [x], action: close }\n").unwrap();
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        let ctrl_g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL);
        assert_eq!(map.lookup_in(Popup::Search, ctrl_g), Some(Command::Close));
        assert_eq!(map.lookup_in(Popup::Search, esc), None);
        assert_eq!(map.label_in(Popup::Search, Command::Close), "Ctrl-g");
        // Elsewhere Esc still closes.
        assert_eq!(map.lookup_in(Popup::Tags, esc), Some(Command::Close));
        assert_eq!(map.lookup(Pane::Events, esc), Some(Command::Close));
        // `e` joins `w` (and →) for the word; `w` keeps it.
        assert_eq!(
            map.lookup_in(Popup::Mark, key('e')),
            Some(Command::ExtendWord)
        );
        assert_eq!(map.lookup_in(Popup::Mark, key('w')), None);
        assert_eq!(map.lookup_in(Popup::Filter, key('x')), Some(Command::Close));
        assert_eq!(map.lookup_in(Popup::Filter, key('q')), None);
        // The views fall back to the global moves; the text popups do not.
        assert_eq!(
            map.lookup_in(Popup::Articles, key('j')),
            Some(Command::Down)
        );
        assert_eq!(map.lookup_in(Popup::Search, key('j')), None);
        // The help scrolls by a page with Space, once the reader says so.
        let map = user("reading:\n  - { keys: [space], action: page-down }\n").unwrap();
        let mut state = crate::app::ready_state(
            crate::corpus::embedded::load(&crate::corpus::Progress::default()),
            80,
            24,
        );
        state.keymap = map;
        state.overlay = Some(crate::app::state::Overlay::Help { scroll: 0 });
        let command = crate::app::overlay::views::command_for(&state, key(' '));
        assert_eq!(command, Some(Command::PageDown));
        state.overlay = None;
        let command = crate::app::overlay::views::command_for(&state, key(' '));
        assert_eq!(command, None, "only in the reading popups");
    }

    #[test]
    fn mistakes_are_reported_where_they_are() {
        let cases = [
            (
                "global:\n  - { keys: [x], action: qiut }\n",
                "keymap.yaml:2:26: error: unknown action `qiut`",
            ),
            (
                "events:\n  - keys: [j, ctrl-nope]\n    action: down\n",
                "keymap.yaml:2:15: error: unknown key `nope`",
            ),
            (
                "panes:\n  - { keys: [x], action: quit }\n",
                "keymap.yaml:1:1: error: unknown section `panes`",
            ),
            (
                "global:\n  - { keys: [x], action: quit, colour: red }\n",
                "keymap.yaml:2:32: error: unknown field `colour`",
            ),
            ("global: 3\n", "keymap.yaml:1:9: error: "),
            (
                "search:\n  - { keys: [ctrl-g], action: toggle-star }\n",
                "keymap.yaml:2:31: error: `toggle-star` is not an action of `search`",
            ),
            (
                "search:\n  - { keys: [ctrl-g, x], action: close }\n",
                "keymap.yaml:2:22: error: `x` is typed as text in `search`",
            ),
            (
                "line-edit:\n  - { keys: [space], action: yank }\n",
                "keymap.yaml:2:14: error: `space` is typed as text in `line-edit`",
            ),
            (
                "global:\n  - { keys: [o], action: sort }\n",
                "keymap.yaml:2:26: error: `sort` is not an action of `global` (it belongs in articles); its actions: quit,",
            ),
            (
                "filter:\n  - { keys: [], action: close }\n",
                "keymap.yaml:2:7: error: this entry leaves no key that closes `filter`",
            ),
            (
                "articles:\n  - { keys: [esc], action: sort }\n",
                "keymap.yaml:2:7: error: this entry leaves no key that closes `articles`",
            ),
            (
                "chart:\n  - { keys: [esc, enter], action: open }\n",
                "keymap.yaml:2:7: error: this entry leaves no key that closes `chart`",
            ),
            (
                "confirm-quit:\n  - { keys: [], action: quit }\n",
                "keymap.yaml:2:7: error: this entry leaves no key that quits when asked",
            ),
            (
                "serach:\n  - { keys: [esc], action: close }\n",
                "keymap.yaml:1:1: error: unknown section `serach`: use global, events, article, details, search,",
            ),
        ];
        for (text, expected) in cases {
            let got = user(text).unwrap_err();
            assert!(got.starts_with(expected), "{text:?}: {got}");
        }
    }
}
