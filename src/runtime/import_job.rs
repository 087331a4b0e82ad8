//! The reader's `i` on the runtime side: the import runs on its own thread
//! (reading a file or fetching a URL can take seconds) and its result goes
//! back as an [`Action::Imported`].

use crate::app::Action;
use std::path::PathBuf;
use std::thread;

/// Imports `source` into the corpus at `corpus` off the UI thread; the
/// result goes to `send`.
pub fn spawn(
    corpus: PathBuf,
    source: String,
    send: impl FnOnce(Action) + Send + 'static,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        send(Action::Imported(crate::import::import_into(
            &corpus, &source,
        )))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn import(corpus: &std::path::Path, source: &str) -> Result<crate::import::Imported, String> {
        let (tx, rx) = mpsc::channel();
        spawn(corpus.to_path_buf(), source.to_string(), move |a| {
            tx.send(a).unwrap()
        })
        .join()
        .unwrap();
        match rx.recv().unwrap() {
            Action::Imported(result) => result,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_import_writes_the_article_into_the_corpus_and_refuses_it_twice() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let page = dir.path().join("page.txt");
        std::fs::write(
            &page,
            "Le conseil vote le budget\n\ndate 2024-03-05\n\n« Nous tiendrons nos engagements », a déclaré Marie Dupont.\n",
        )
        .unwrap();
        let page = page.display().to_string();
        let imported = import(&corpus, &page).unwrap();
        assert_eq!(imported.title, "Le conseil vote le budget");
        assert_eq!(imported.quotes, 1);
        assert_eq!(
            imported.path,
            corpus.join(format!("articles/{}.md", imported.id))
        );
        let loaded = crate::corpus::load_dir(&corpus, &Default::default()).unwrap();
        let article = loaded.corpus.article_index(&imported.id).unwrap();
        assert_eq!(
            loaded.corpus.article(article).quotes[0].speaker.as_deref(),
            Some("Marie Dupont")
        );

        let again = import(&corpus, &page).unwrap_err();
        assert!(again.contains("already imported"), "{again}");
        assert!(again.contains(&imported.id), "{again}");
        let missing = import(&corpus, "/nonexistent/page.html").unwrap_err();
        assert!(missing.starts_with("/nonexistent/page.html"), "{missing}");
        assert!(!missing.contains('\n'));
    }
}
