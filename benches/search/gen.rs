//! A small deterministic corpus generator for the benchmark, shaped like
//! `chronique::generate` (`Spec`, `files`) so either can be used.

use chronique::corpus::load::SourceFile;
use std::fmt::Write;
use std::path::PathBuf;

pub struct Spec {
    pub articles: usize,
    pub events: usize,
    pub quotes_per_article: usize,
    /// Extra filler bytes in each body, besides the quotes.
    pub body_bytes: usize,
    pub seed: u64,
}

const WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "une",
    "un",
    "de",
    "du",
    "et",
    "à",
    "en",
    "pour",
    "dans",
    "sur",
    "avec",
    "par",
    "mais",
    "déjà",
    "très",
    "après",
    "où",
    "être",
    "été",
    "événement",
    "réseau",
    "social",
    "hébergement",
    "plainte",
    "décision",
    "juge",
    "tribunal",
    "société",
    "contenu",
    "violence",
    "modération",
    "serveurs",
    "entreprise",
    "l’entreprise",
    "marché",
    "élection",
    "gouvernement",
    "ministre",
    "président",
    "député",
    "assemblée",
    "réforme",
    "économie",
    "sécurité",
    "liberté",
    "expression",
    "plateforme",
    "application",
    "utilisateurs",
    "données",
    "publicité",
    "concurrence",
    "enquête",
    "procès",
    "avocat",
    "accord",
    "contrat",
    "règles",
    "conditions",
    "service",
    "compte",
    "message",
    "menaces",
    "illégales",
    "conservateur",
    "partisans",
    "manifestants",
    "Capitole",
    "Washington",
    "américain",
    "européen",
    "français",
    "Bruxelles",
    "Paris",
    "semaine",
    "année",
    "mois",
    "dimanche",
    "lundi",
    "rapidement",
    "également",
    "toujours",
    "jamais",
    "encore",
    "bientôt",
    "hier",
    "demain",
    "aujourd’hui",
    "nous",
    "vous",
    "ils",
    "elle",
    "cela",
    "ceci",
    "leur",
    "notre",
    "votre",
    "tout",
    "rien",
    "peut",
    "doit",
    "veut",
    "fait",
    "dit",
    "estime",
    "affirme",
    "déclare",
    "annonce",
    "refuse",
    "accepte",
    "conteste",
    "dénonce",
    "rejette",
    "soutient",
    "important",
    "grave",
    "nouveau",
    "dernier",
    "premier",
    "politique",
    "juridique",
    "numérique",
    "technique",
    "financier",
    "préjudice",
    "dommages",
    "millions",
    "dollars",
    "euros",
    "clients",
    "fournisseurs",
    "« vraiment »",
    "“clairement”",
    "qu’il",
    "d’abord",
    "c’est",
    "n’est",
    "s’agit",
];

const SPEAKERS: &[&str] = &[
    "Amazon Web Services",
    "Parler (plainte)",
    "John Matze",
    "Barbara Rothstein (juge)",
    "Le ministre de l’Économie",
    "Émilie Durand (avocate)",
    "Hélène Léger",
    "François Pérès",
    "Jérôme Cœur (député)",
    "La Commission européenne",
    "Un porte-parole",
    "Zoë Müller",
];

const SOURCES: &[&str] = &[
    "AFP",
    "Clubic",
    "Le Monde",
    "Libération",
    "Numerama",
    "Reuters",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn sentence(&mut self, min: usize, max: usize) -> String {
        let n = min + self.below(max - min + 1);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.pick(WORDS));
        }
        s
    }
}

fn date(i: usize) -> String {
    format!("20{:02}-{:02}-{:02}", 10 + i % 15, 1 + i % 12, 1 + i % 28)
}

/// The timeline and the article files of a generated corpus.
pub fn files(spec: &Spec) -> (SourceFile, Vec<SourceFile>) {
    let mut rng = Rng(spec.seed.max(1));
    let mut timeline = String::from("title: Corpus généré\nlanguage: fr\nevents:\n");
    for e in 0..spec.events {
        let title = rng.sentence(3, 8).replace('"', "'");
        writeln!(
            timeline,
            "  - id: e{e}\n    date: {}\n    title: \"{title}\"",
            date(e)
        )
        .unwrap();
    }
    let mut articles = Vec::with_capacity(spec.articles);
    for a in 0..spec.articles {
        let title = rng.sentence(5, 12).replace('"', "'");
        let mut front = format!(
            "---\nid: a{a}\ntitle: \"{title}\"\nsource: {}\npublished: {}\nquotes:\n",
            rng.pick(SOURCES),
            date(a)
        );
        let mut body = String::new();
        for q in 0..spec.quotes_per_article {
            let text = rng.sentence(4, 18).replace('"', "'");
            let speaker = rng.pick(SPEAKERS);
            writeln!(
                front,
                "  - id: q{q}\n    text: \"{text}\"\n    speaker: \"{speaker}\""
            )
            .unwrap();
            writeln!(body, "{} : « {text} ».\n", rng.sentence(3, 10)).unwrap();
        }
        while body.len() < spec.body_bytes {
            writeln!(body, "{}.\n", rng.sentence(10, 40)).unwrap();
        }
        front.push_str("---\n");
        front.push_str(&body);
        articles.push(SourceFile {
            path: PathBuf::from(format!("articles/a{a}.md")),
            bytes: front.into_bytes(),
        });
    }
    let timeline = SourceFile {
        path: PathBuf::from("timeline.yaml"),
        bytes: timeline.into_bytes(),
    };
    (timeline, articles)
}
