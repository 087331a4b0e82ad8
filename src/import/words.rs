//! The words attribution reads: verbs of saying, pronouns, determiners,
//! words that are not names; a tokenizer keeping byte offsets; sentence
//! bounds that step over quoted passages.

/// Verbs of saying, as they follow `a`/`ont` or stand alone.
pub(super) const VERBS: &[&str] = &[
    "déclaré",
    "déclare",
    "déclarait",
    "écrit",
    "écrivait",
    "ajouté",
    "ajoute",
    "affirmé",
    "affirme",
    "souligné",
    "souligne",
    "expliqué",
    "explique",
    "estimé",
    "estime",
    "indiqué",
    "indique",
    "précisé",
    "précise",
    "dit",
    "assuré",
    "assure",
    "demandé",
    "demande",
    "noté",
    "note",
    "retenu",
    "tranché",
    "tranche",
    "répondu",
    "répond",
    "martelé",
    "martèle",
    "reconnu",
    "reconnaît",
    "insisté",
    "insiste",
    "prévenu",
    "prévient",
    "lancé",
    "lance",
    "confié",
    "confie",
    "raconté",
    "raconte",
    "rappelé",
    "rappelle",
    "poursuivi",
    "poursuit",
    "argue",
    "argué",
    "avance",
    "avancé",
    "conclu",
    "conclut",
    "décrit",
    "commenté",
    "commente",
    "déploré",
    "déplore",
    "réaffirmé",
    "réaffirme",
    "regretté",
    "regrette",
    "considère",
    "considéré",
    "prédit",
    "dénoncé",
    "dénonce",
    "said",
    "says",
    "told",
    "wrote",
    "writes",
    "added",
    "adds",
    "stated",
    "states",
    "explained",
    "argued",
    "noted",
    "asked",
    "asks",
    "insisted",
    "replied",
    "claimed",
    "warned",
];
pub(super) const AUXILIARIES: &[&str] = &[
    "a", "ont", "avait", "avaient", "aurait", "has", "have", "had",
];
pub(super) const PRONOUNS: &[&str] = &["il", "elle", "ils", "elles", "he", "she", "they"];
pub(super) const DETERMINERS: &[&str] = &[
    "le", "la", "les", "l'", "l’", "the", "son", "sa", "ses", "leur",
];
/// Capitalised words that are not names (sentence openers).
pub(super) const NOT_NAMES: &[&str] = &[
    "Mais",
    "Et",
    "Or",
    "Donc",
    "Puis",
    "Ensuite",
    "Dans",
    "Selon",
    "Pour",
    "Par",
    "Ce",
    "Cette",
    "Ces",
    "Cela",
    "C'est",
    "C’est",
    "Il",
    "Elle",
    "Ils",
    "Elles",
    "On",
    "Le",
    "La",
    "Les",
    "L'",
    "Un",
    "Une",
    "Des",
    "Si",
    "En",
    "Au",
    "Aux",
    "Toutefois",
    "Cependant",
    "Enfin",
    "Source",
    "The",
    "A",
    "An",
    "But",
    "And",
    "In",
    "According",
    "He",
    "She",
    "They",
    "It",
    "This",
    "That",
    "We",
    "Nous",
    "Vous",
    "Je",
    "Parmi",
    "Après",
    "Avant",
    "Lors",
    "Quand",
    "Lorsque",
    "Que",
    "Qui",
    "Pourquoi",
    "Comment",
];
/// Words that end a common-noun speaker ("les avocats d'Amazon dans …").
pub(super) const PHRASE_ENDS: &[&str] = &[
    "dans", "au", "aux", "à", "en", "lors", "pour", "sur", "devant", "que", "qui", "qu", "avant",
    "après", "in", "on", "at", "to", "for", "with", "who", "that", "a", "ont",
];
/// Words before a name that make it an object ("told Fox News", "à Amy
/// Peikoff"), not a subject.
pub(super) const OBJECT_MARKERS: &[&str] = &[
    "à", "au", "aux", "de", "du", "des", "par", "pour", "sur", "contre", "avec", "chez", "to",
    "with", "by", "for", "on", "against", "from", "of",
];
/// The longest apposition skipped between a name and its verb
/// ("Greg Falco, chercheur … à l'Université de Stanford, décrit").
pub(super) const APPOSITION_MAX_TOKENS: usize = 16;
/// How far back a pronoun looks for the person it names.
pub(super) const LOOKBACK_BYTES: usize = 1500;
/// At most this many words in a common-noun speaker.
pub(super) const PHRASE_MAX_WORDS: usize = 4;

#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    pub(super) text: &'a str,
    pub(super) start: usize,

    pub(super) word: bool,
}

pub(super) fn tokens(s: &str, base: usize) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let is_word_char = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    for (i, c) in s.char_indices() {
        if is_word_char(c) {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(w) = word_start.take() {
            out.push(Token {
                text: &s[w..i],
                start: base + w,
                word: true,
            });
        }
        if !c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
            let end = i + c.len_utf8();
            out.push(Token {
                text: &s[i..end],
                start: base + i,
                word: false,
            });
        }
    }
    if let Some(w) = word_start {
        out.push(Token {
            text: &s[w..],
            start: base + w,
            word: true,
        });
    }
    out
}

pub(super) fn capitalised(t: &Token) -> bool {
    let name = t
        .text
        .strip_prefix("d'")
        .or_else(|| t.text.strip_prefix("d’"))
        .unwrap_or(t.text);
    t.word && name.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&t.text)
}

pub(super) fn lower(t: &Token) -> String {
    t.text.to_lowercase()
}

pub(super) fn is_verb(t: &Token) -> bool {
    t.word && VERBS.contains(&lower(t).as_str())
}

/// `a-t-il déclaré`, `ajoute-t-elle`, `dit-il`: the pronoun of an inverted
/// attribution.
pub(super) fn inverted_pronoun(t: &Token, next: Option<&Token>) -> bool {
    let w = lower(t);
    let ends_pronoun = PRONOUNS.iter().any(|p| w.ends_with(&format!("-{p}")));
    if !ends_pronoun {
        return false;
    }
    let head = w.split('-').next().unwrap_or("");
    VERBS.contains(&head) || (AUXILIARIES.contains(&head) && next.is_some_and(is_verb))
}

/// Participles of saying: "Amazon a suspendu le compte, expliquant…" —
/// the sentence's subject speaks.
pub(super) const PARTICIPLES: &[&str] = &[
    "expliquant",
    "affirmant",
    "estimant",
    "arguant",
    "assurant",
    "soulignant",
    "ajoutant",
    "indiquant",
    "précisant",
    "déclarant",
    "saying",
    "adding",
    "arguing",
];

/// The source text from the first token to the last.
pub(super) fn span(toks: &[Token]) -> String {
    toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// Where the sentence containing `at` ends: `.`, `!`, `?` or a paragraph
/// break outside the quotes `spans`.
pub(super) fn sentence_end(body: &str, at: usize, spans: &[std::ops::Range<usize>]) -> usize {
    if spans.iter().any(|s| s.end == at && ends_sentence(body, s)) {
        return at;
    }
    let mut prev_newline = false;
    let mut i = at;
    while i < body.len() {
        if let Some(s) = spans.iter().find(|s| s.start == i) {
            if ends_sentence(body, s) {
                return s.end;
            }
            i = s.end;
            prev_newline = false;
            continue;
        }
        let c = body[i..].chars().next().expect("in bounds");
        if matches!(c, '.' | '!' | '?') || (c == '\n' && prev_newline) {
            return i;
        }
        prev_newline = c == '\n';
        i += c.len_utf8();
    }
    body.len()
}

/// Where the sentence containing `at` starts (outside the quotes `spans`).
pub(super) fn sentence_start(body: &str, at: usize, spans: &[std::ops::Range<usize>]) -> usize {
    let mut i = at;
    while i > 0 {
        if let Some(s) = spans.iter().find(|s| s.end == i) {
            if ends_sentence(body, s) {
                return i;
            }
            i = s.start;
            continue;
        }
        let c = body[..i].chars().next_back().expect("in bounds");
        if matches!(c, '.' | '!' | '?') || (c == '\n' && body[..i - 1].ends_with('\n')) {
            return i;
        }
        i -= c.len_utf8();
    }
    0
}

/// A quote ending with `.`, `!` or `?` followed by a capital letter (or
/// nothing, or a paragraph break) ends its sentence: `« … fini. » Le
/// document explique` is two sentences, `« … ? » demande X` one.
fn ends_sentence(body: &str, quote: &std::ops::Range<usize>) -> bool {
    let inner = body[quote.start..quote.end]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | '!' | '?' | '…'));
    let after = body[quote.end..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    inner.ends_with(['.', '!', '?', '…'])
        && (after.is_empty() || after.starts_with('\n') || after.starts_with(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_ending_a_sentence_ends_it_only_before_a_capital() {
        let body = "Il dit : « C'est fini. » Le texte suit. « Est-ce fini ? » demande X.";
        let first = body.find('«').unwrap()..body.find('»').unwrap() + '»'.len_utf8();
        let second = body.rfind('«').unwrap()..body.rfind('»').unwrap() + '»'.len_utf8();
        let spans = [first.clone(), second.clone()];
        assert_eq!(sentence_end(body, first.end, &spans), first.end);
        assert_eq!(
            sentence_start(body, body.find("Le texte").unwrap(), &spans),
            first.end
        );
        assert_eq!(
            &body[second.end..sentence_end(body, second.end, &spans)],
            " demande X"
        );
    }
}
