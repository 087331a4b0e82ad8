//! Drawing one frame of the reader at 200x60 with a 1 MB article open,
//! scrolled to its middle (issue target: median ≤ 2 ms).

use chronique::corpus::load::{load_files, SourceFile};
use chronique::corpus::Progress;
use chronique::reader::Screen;
use chronique::reader::{self as app, Action, Command, Pane};
use chronique::theme::Theme;
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A corpus with one ~1 MB article: French paragraphs, a heading every ten
/// paragraphs, and a quote in every paragraph.
fn big_corpus() -> chronique::corpus::Loaded {
    let paragraph = "Amazon a suspendu le compte de Parler lundi, expliquant dans une lettre \
adressée au site conservateur avoir « observé récemment une augmentation persistante de \
contenus violents ». Mais Parler estime que cette décision est plutôt motivée par « une \
animosité politique » et par la volonté de réduire la concurrence au profit de Twitter.";
    let mut body = String::new();
    let mut quotes = String::new();
    let mut n = 0;
    while body.len() < 1_000_000 {
        if n % 10 == 0 {
            body.push_str(&format!("# Partie {}\n\n", n / 10 + 1));
        }
        body.push_str(paragraph);
        body.push_str("\n\n");
        n += 1;
        quotes.push_str(&format!(
            "  - id: q{n}\n    text: \"une animosité politique\"\n    speaker: Parler\n    occurrence: {n}\n"
        ));
    }
    let text = format!(
        "---\nid: grand-article\ntitle: Un très long article\nquotes:\n{quotes}---\n{body}"
    );
    let timeline = "events:\n  - id: e1\n    date: 2021-01-11\n    title: Un événement\n    sources: [grand-article]\n";
    let loaded = load_files(
        None,
        Some(SourceFile {
            path: "timeline.yaml".into(),
            bytes: timeline.as_bytes().to_vec(),
        }),
        vec![SourceFile {
            path: "articles/grand-article.md".into(),
            bytes: text.into_bytes(),
        }],
        &Progress::default(),
    );
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diagnostics.first());
    loaded
}

fn draw(c: &mut Criterion) {
    let mut state = app::ready_state(big_corpus(), 200, 60);
    for command in [Command::Open, Command::FocusArticle] {
        app::update(&mut state, Action::Command(command));
    }
    let lines = state.article.doc.as_ref().unwrap().lines.len();
    state.article.scroll = lines / 2;
    app::update(&mut state, Action::Command(Command::NextQuote));
    assert_eq!(state.focus, Pane::Article);
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("draw 200x60, 1 MB article", |b| {
        b.iter(|| {
            terminal
                .draw(|f| {
                    f.render_widget(
                        &Screen {
                            state: &state,
                            theme: &theme,
                        },
                        f.area(),
                    )
                })
                .unwrap();
        })
    });
    // Wrapping is done once per width, not per frame; measured for reference.
    let corpus = state.corpus.clone();
    c.bench_function(
        "wrap the 1 MB article at 100 columns (once per width)",
        |b| {
            b.iter(|| {
                chronique::reader::ArticleDoc::build(
                    &corpus,
                    chronique::corpus::ArticleIx::new(0),
                    100,
                )
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = draw
}
criterion_main!(benches);
