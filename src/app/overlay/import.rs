//! `i`: import a file or a URL as an article of the corpus, as `chronique
//! import` does. The prompt takes a path (Tab completes it, through
//! [`Effect::CompletePath`] as in the export form) or an `http(s)://` URL;
//! Enter asks the runtime to import it in the background
//! ([`Effect::Import`]), which answers with `Action::Imported`. The prompt
//! stays open while it runs and, on an error, shows it so the path can be
//! fixed. The article written comes in with the next reload (the
//! watcher's, or asked for when there is no watcher), and opens then.

use super::outcome::Outcome;
use crate::app::action::{Command, Pane};
use crate::app::keymap::{Keymap, Popup};
use crate::app::nav;
use crate::app::state::import::ImportPrompt;
use crate::app::state::{Effect, Overlay, State};
use crate::import::Imported;
use crate::view::details::DetailsMode;
use crossterm::event::KeyEvent;

/// What `i` says on the built-in sample, which has no directory to write to.
const SAMPLE_IS_BUILT_IN: &str = "The built-in sample cannot be written: copy it with `chronique sample DIR`, open `chronique DIR`, then import there";

/// What `i` says on a checkout's `./data` opened without being named.
const SAMPLE_CHECKOUT: &str =
    "The checkout's ./data stays untouched: open `chronique data` to import into it";

/// Opens the prompt (on a corpus directory only).
pub fn open(state: &mut State) {
    if state.sample_checkout {
        state.message = Some(SAMPLE_CHECKOUT.into());
        return;
    }
    match &state.corpus.root {
        Some(root) => {
            let mut prompt = ImportPrompt::new(root.clone());
            // Closed while an import ran: it says so again.
            prompt.running = state.import_running.clone();
            state.overlay = Some(Overlay::Import(Box::new(prompt)));
        }
        None => state.message = Some(SAMPLE_IS_BUILT_IN.into()),
    }
}

/// A key in the prompt (the keymap's `import` section, then the line's
/// editing keys): Tab completes a path, Enter imports, Esc closes (an
/// import running goes on).
pub fn key(
    prompt: &mut ImportPrompt,
    keymap: &Keymap,
    key: KeyEvent,
    effects: &mut Vec<Effect>,
) -> Outcome {
    match keymap.lookup_in(Popup::Import, key) {
        Some(Command::Close) if prompt.running.is_some() => {
            Outcome::close_saying("Importing in the background: the article opens when it is in.")
        }
        Some(Command::Close) => Outcome::Close(None),
        Some(Command::Submit) => Outcome::Submit(Command::Submit),
        Some(Command::Complete) => {
            let typed = prompt.input.text();
            if !crate::import::source::is_url(typed) {
                effects.push(Effect::CompletePath(typed.to_string()));
            }
            Outcome::Keep
        }
        _ => {
            prompt.input.key(keymap, key);
            Outcome::Keep
        }
    }
}

/// Enter: starts the import of what is typed, the prompt staying open.
pub fn submit(state: &mut State, mut prompt: ImportPrompt) {
    let source = prompt.input.text().trim().to_string();
    if prompt.running.is_some() || state.import_running.is_some() {
        state.message = Some("An import is running: wait for it to finish.".into());
    } else if source.is_empty() {
        prompt.error = Some("Type the path of a file or an http(s):// URL.".into());
    } else if source == "-" {
        // Standard input is the terminal the reader runs in.
        prompt.error = Some(
            "Standard input cannot be imported from the reader: use `chronique import -`.".into(),
        );
    } else {
        prompt.error = None;
        prompt.running = Some(source.clone());
        state.import_running = Some(source.clone());
        state.effects.push(Effect::Import {
            corpus: prompt.corpus.clone(),
            source,
        });
    }
    state.overlay = Some(Overlay::Import(Box::new(prompt)));
}

/// The runtime's completion of `typed`: taken if the prompt still shows it.
pub fn path_completed(state: &mut State, typed: String, completed: Option<String>) {
    let Some(Overlay::Import(prompt)) = &mut state.overlay else {
        return;
    };
    match completed {
        Some(path) if prompt.input.text() == typed => prompt.input.set_text(&path),
        Some(_) => {}
        None => prompt.error = Some(format!("No file or directory starts with {typed}")),
    }
}

/// The runtime's answer. The article written opens now if a reload already
/// brought it in, or with the reload asked for here; an error stays in the
/// prompt (or the status bar, if it was closed).
pub fn imported(state: &mut State, result: Result<Imported, String>) {
    state.import_running = None;
    let open_prompt = match &mut state.overlay {
        Some(Overlay::Import(prompt)) => {
            prompt.running = None;
            Some(prompt)
        }
        _ => None,
    };
    let article = match result {
        Ok(article) => article,
        Err(error) => {
            match open_prompt {
                Some(prompt) => prompt.error = Some(error),
                None => state.message = Some(format!("Import failed: {error}")),
            }
            return;
        }
    };
    if open_prompt.is_some() {
        state.overlay = None;
    }
    state.message = Some(format!(
        "Imported to {}; loading it…",
        article.path.display()
    ));
    state.open_when_loaded = Some(article.id);
    open_when_loaded(state);
    if state.open_when_loaded.is_some() {
        let root = state
            .corpus
            .root
            .as_deref()
            .unwrap_or(std::path::Path::new(""));
        let path = article.path.strip_prefix(root).unwrap_or(&article.path);
        state
            .effects
            .push(Effect::ReloadImported(path.to_path_buf()));
    }
}

/// After a reload: opens the article just imported once the corpus has it.
pub fn open_when_loaded(state: &mut State) {
    let Some(id) = &state.open_when_loaded else {
        return;
    };
    let Some(index) = state.corpus.article_index(id) else {
        return;
    };
    state.open_when_loaded = None;
    nav::set_details(state, DetailsMode::Quotes(index));
    nav::open_article(state, index, None);
    nav::focus(state, Pane::Article);
    // A reload's problems are worth more than the confirmation.
    let plain = state.message.as_deref().is_none_or(|m| {
        m.starts_with("Imported") || (m.starts_with("Reloaded") && m.ends_with('.'))
    });
    if plain {
        let article = state.corpus.article(index);
        let file = state.corpus.article_file(index);
        let quotes = article.quotes.len();
        state.message = Some(format!(
            "Imported « {} » ({quotes} quote{}): {}",
            crate::view::text::truncate(&article.title, 60),
            if quotes == 1 { "" } else { "s" },
            file.display()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::reload::tests::sample_in_dir;
    use crate::app::state::reload::Reloaded;
    use crate::app::{ready_state, update, Action, Command};
    use crate::corpus::{embedded, Loaded, Progress};
    use crossterm::event::KeyCode;
    use std::path::PathBuf;

    /// The sample with one more article, as a reload finds it after the
    /// import wrote `id`.
    fn with_article(id: &str) -> Loaded {
        let mut loaded = sample_in_dir();
        let mut article = loaded.corpus.articles[0].clone();
        article.id = id.into();
        article.title = "Le conseil vote le budget".into();
        article.path = PathBuf::from(format!("articles/{id}.md"));
        article.events.clear();
        loaded.corpus.articles.push(article);
        loaded.corpus.link();
        loaded
    }

    fn imported(id: &str) -> crate::import::Imported {
        crate::import::Imported {
            id: id.into(),
            path: PathBuf::from(format!("corpus/articles/{id}.md")),
            title: "Le conseil vote le budget".into(),
            quotes: 1,
        }
    }

    fn press(state: &mut State, code: KeyCode) {
        update(state, Action::Key(KeyEvent::from(code)));
    }

    fn typed(state: &mut State, text: &str) {
        text.chars().for_each(|c| press(state, KeyCode::Char(c)));
    }

    fn prompt(state: &State) -> &ImportPrompt {
        match &state.overlay {
            Some(Overlay::Import(p)) => p,
            other => panic!("no import prompt: {other:?}"),
        }
    }

    fn reload(state: &mut State, loaded: Loaded) {
        let what = "articles/new.md".into();
        let reload = Reloaded {
            result: Ok(loaded),
            what,
        };
        update(state, Action::Reloaded(Box::new(reload)));
    }

    #[test]
    fn i_on_the_sample_says_it_cannot_be_written_and_how_to_copy_it() {
        let mut state = ready_state(embedded::load(&Progress::default()), 120, 40);
        update(&mut state, Action::Command(Command::Import));
        assert!(state.overlay.is_none() && state.effects.is_empty());
        let message = state.message.as_deref().unwrap();
        assert!(message.contains("cannot be written"), "{message}");
        assert!(message.contains("chronique sample DIR"), "{message}");
    }

    #[test]
    fn i_on_a_checkouts_data_writes_nothing_into_the_checkout() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        state.sample_checkout = true;
        update(&mut state, Action::Command(Command::Import));
        assert!(state.overlay.is_none() && state.effects.is_empty());
        let message = state.message.as_deref().unwrap();
        assert!(message.contains("stays untouched"), "{message}");
        assert!(message.contains("`chronique data`"), "{message}");
    }

    #[test]
    fn tab_completes_the_path_and_enter_imports_it_in_the_background() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        update(&mut state, Action::Command(Command::Import));
        typed(&mut state, "./pa");
        press(&mut state, KeyCode::Tab);
        assert_eq!(state.effects, [Effect::CompletePath("./pa".into())]);
        state.effects.clear();
        let completed = Some("./pages/".to_string());
        let typed_then = "./pa".to_string();
        update(
            &mut state,
            Action::PathCompleted {
                typed: typed_then,
                completed,
            },
        );
        assert_eq!(prompt(&state).input.text(), "./pages/");
        // Readline's keys edit the line: Ctrl-w takes the last word back.
        typed(&mut state, "x y.html");
        let ctrl_w = KeyEvent::new(KeyCode::Char('w'), crossterm::event::KeyModifiers::CONTROL);
        update(&mut state, Action::Key(ctrl_w));
        typed(&mut state, "budget.html");
        press(&mut state, KeyCode::Enter);
        assert_eq!(
            state.effects,
            [Effect::Import {
                corpus: PathBuf::from("corpus"),
                source: "./pages/x budget.html".into(),
            }]
        );
        assert_eq!(
            prompt(&state).running.as_deref(),
            Some("./pages/x budget.html"),
            "the prompt stays, saying it runs"
        );
        // A URL is not completed from the disk.
        state.effects.clear();
        update(&mut state, Action::Command(Command::Close));
        update(&mut state, Action::Command(Command::Import));
        typed(&mut state, "https://example.org/a");
        press(&mut state, KeyCode::Tab);
        assert!(state.effects.is_empty());
    }

    #[test]
    fn a_second_import_waits_for_the_first_even_after_the_prompt_was_closed() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        update(&mut state, Action::Command(Command::Import));
        typed(&mut state, "one.html");
        press(&mut state, KeyCode::Enter);
        assert_eq!(state.effects.len(), 1);
        state.effects.clear();
        press(&mut state, KeyCode::Esc);
        assert!(state.overlay.is_none(), "Esc leaves it running");
        update(&mut state, Action::Command(Command::Import));
        assert_eq!(prompt(&state).running.as_deref(), Some("one.html"));
        typed(&mut state, "two.html");
        press(&mut state, KeyCode::Enter);
        assert!(state.effects.is_empty(), "no second import while one runs");
        // Once the first is in (here: failed), the next one may start.
        update(
            &mut state,
            Action::Imported(Err("one.html: error: gone".into())),
        );
        assert_eq!(prompt(&state).running, None);
        press(&mut state, KeyCode::Enter);
        assert_eq!(state.effects.len(), 1);
    }

    #[test]
    fn an_error_stays_in_the_prompt_to_fix_the_path() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        update(&mut state, Action::Command(Command::Import));
        press(&mut state, KeyCode::Enter);
        assert!(state.effects.is_empty(), "nothing typed: nothing imported");
        assert!(prompt(&state).error.is_some());
        typed(&mut state, "missing.html");
        press(&mut state, KeyCode::Enter);
        let error = "missing.html: error: cannot read: No such file or directory".to_string();
        update(&mut state, Action::Imported(Err(error.clone())));
        let p = prompt(&state);
        assert_eq!(
            (p.error.as_deref(), p.running.as_deref()),
            (Some(&*error), None)
        );
        assert_eq!(p.input.text(), "missing.html", "kept, to be fixed");
        // Typing on and importing again clears it.
        press(&mut state, KeyCode::Backspace);
        press(&mut state, KeyCode::Enter);
        assert!(prompt(&state).error.is_none());
        // Closed while it ran: the status bar says it.
        press(&mut state, KeyCode::Esc);
        assert!(state.overlay.is_none());
        update(&mut state, Action::Imported(Err(error)));
        assert!(state
            .message
            .as_deref()
            .unwrap()
            .starts_with("Import failed: missing.html"));
    }

    #[test]
    fn the_article_imported_opens_with_the_reload_and_is_there_once() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        let before = state.article.open;
        update(&mut state, Action::Command(Command::Import));
        typed(&mut state, "page.txt");
        press(&mut state, KeyCode::Enter);
        state.effects.clear();
        update(
            &mut state,
            Action::Imported(Ok(imported("2024-03-05-budget"))),
        );
        assert!(state.overlay.is_none(), "the prompt closes");
        let path = PathBuf::from("articles/2024-03-05-budget.md");
        assert_eq!(state.effects, [Effect::ReloadImported(path)]);
        assert_eq!(state.article.open, before, "not in yet");
        reload(&mut state, with_article("2024-03-05-budget"));
        let open = state.article.open.unwrap();
        assert_eq!(state.corpus.article(open).id, "2024-03-05-budget");
        assert_eq!(state.focus, Pane::Article);
        assert_eq!(state.details.mode, Some(DetailsMode::Quotes(open)));
        let message = state.message.clone().unwrap();
        assert!(
            message.starts_with("Imported « Le conseil vote le budget »"),
            "{message}"
        );
        // The watcher's reload of the same file comes in after ours.
        reload(&mut state, with_article("2024-03-05-budget"));
        let count = |s: &State| {
            s.corpus
                .articles
                .iter()
                .filter(|a| a.id == "2024-03-05-budget")
                .count()
        };
        assert_eq!(count(&state), 1);
        assert_eq!(
            state.corpus.article(state.article.open.unwrap()).id,
            "2024-03-05-budget"
        );
    }

    #[test]
    fn an_article_the_watcher_already_brought_in_opens_without_another_reload() {
        let mut state = ready_state(sample_in_dir(), 120, 40);
        reload(&mut state, with_article("2024-03-05-budget"));
        update(
            &mut state,
            Action::Imported(Ok(imported("2024-03-05-budget"))),
        );
        assert!(state.effects.is_empty());
        let open = state.article.open.unwrap();
        assert_eq!(state.corpus.article(open).id, "2024-03-05-budget");
        assert!(state.open_when_loaded.is_none());
    }
}
