//! Speakers named by what they are rather than by name: a company
//! ("l'entreprise", "le géant du net"), a ruling ("le jugement"), a
//! document ("le dossier d'Amazon", "la décision … par Rothstein"), a
//! plural pronoun ("selon eux"). Each rule names one candidate (the
//! latest company named, the judge when only one is named, the name the
//! document carries); when it finds none, the description stays as
//! written, and no name is made up.

use super::words::*;

/// Nouns that stand for the company last named as a subject.
const COMPANY_NOUNS: &[&str] = &[
    "entreprise",
    "société",
    "groupe",
    "firme",
    "géant",
    "plateforme",
    "compagnie",
    "company",
    "firm",
];
/// Rulings: their author is the judge of the case.
const RULING_NOUNS: &[&str] = &["jugement", "décision", "ordonnance", "ruling", "judgment"];
/// Documents: who wrote them speaks through them.
pub(super) const DOCUMENT_NOUNS: &[&str] = &[
    "dossier",
    "communiqué",
    "plainte",
    "décision",
    "jugement",
    "motion",
    "lettre",
    "message",
    "rapport",
    "déclaration",
    "réponse",
    "réaction",
    "statement",
    "filing",
    "complaint",
    "letter",
];
/// How far after "juge " a judge's name is read.
const JUDGE_NAME_MAX_BYTES: usize = 80;
/// Longest company description ("le géant du net"), in words.
const DESCRIPTION_MAX_WORDS: usize = 4;

/// `l'entreprise`, `la société`, `le géant du net`: a determiner (or
/// `l'` glued to the noun), a company noun, a few lower-case words.
pub(super) fn is_company_description(phrase: &str) -> bool {
    let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
    let first = words.first().map(String::as_str).unwrap_or("");
    let glued = first
        .strip_prefix("l'")
        .or_else(|| first.strip_prefix("l’"));
    let noun = match glued {
        Some(noun) => noun,
        None if DETERMINERS.contains(&first) => words.get(1).map_or("", String::as_str),
        None => return false,
    };
    words.len() <= DESCRIPTION_MAX_WORDS
        && COMPANY_NOUNS.contains(&noun)
        && phrase.split_whitespace().all(|w| {
            !w.starts_with(char::is_uppercase) || DETERMINERS.contains(&w.to_lowercase().as_str())
        })
}

/// The company a description stands for: the later of the last speaker
/// that is one capitalised word ("Amazon", not "John Matze": a person)
/// and the last one-word name that is a sentence's subject ("Amazon a
/// rejeté…"), outside quotes, before `at`.
pub(super) fn company(
    body: &str,
    at: usize,
    quotes: &[std::ops::Range<usize>],
    last_speaker: Option<&(usize, String)>,
) -> Option<String> {
    let from = (at.saturating_sub(LOOKBACK_BYTES)..=at)
        .find(|&i| body.is_char_boundary(i))
        .unwrap_or(at);
    let toks = tokens(&body[from..at], from);
    let outside = |t: &Token| !quotes.iter().any(|q| q.contains(&t.start));
    let subject = toks
        .windows(3)
        .filter(|w| {
            outside(&w[1])
                && capitalised(&w[1])
                && !capitalised(&w[0])
                && !OBJECT_MARKERS.contains(&lower(&w[0]).as_str())
                && (AUXILIARIES.contains(&lower(&w[2]).as_str()) || is_verb(&w[2]))
        })
        .map(|w| (w[1].start, w[1].text.to_string()))
        .next_back();
    let speaker = last_speaker
        .filter(|(_, s)| !s.contains(' ') && s.chars().next().is_some_and(char::is_uppercase))
        .cloned();
    match (subject, speaker) {
        (Some(a), Some(b)) => Some(if a.0 > b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|(_, s)| s),
    }
}

/// "le jugement", "la décision": the judge named in the body ("la juge
/// Barbara Jacobs Rothstein"), when every judge named is the same person.
pub(super) fn ruling_author(body: &str, phrase: &str) -> Option<String> {
    let mut words = phrase.split_whitespace();
    let (det, noun) = (words.next()?, words.next()?);
    if words.next().is_some()
        || !DETERMINERS.contains(&det.to_lowercase().as_str())
        || !RULING_NOUNS.contains(&noun.to_lowercase().as_str())
    {
        return None;
    }
    let mut judges: Vec<String> = Vec::new();
    for (i, _) in body.match_indices("juge ") {
        if i > 0
            && body[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let after = i + "juge ".len();
        let end = (after..=body.len().min(after + JUDGE_NAME_MAX_BYTES))
            .rev()
            .find(|&e| body.is_char_boundary(e))
            .unwrap_or(after);
        let toks = tokens(&body[after..end], after);
        let run = toks.iter().take_while(|t| capitalised(t)).count();
        if run > 0 {
            judges.push(span(&toks[..run]));
        }
    }
    let longest = judges.iter().max_by_key(|j| j.len())?.clone();
    judges
        .iter()
        .all(|j| longest.ends_with(j.as_str()))
        .then_some(longest)
}

/// `dans le dossier d'Amazon`, `un communiqué de Parler`: the name after a
/// document noun.
pub(super) fn document_of(toks: &[Token]) -> Option<String> {
    let d = toks
        .iter()
        .position(|t| DOCUMENT_NOUNS.contains(&lower(t).as_str()))?;
    let next = toks.get(d + 1)?;
    let glued = ["d'", "d’"].iter().find_map(|p| next.text.strip_prefix(p));
    let (first, rest_from) = match glued {
        Some(name) if name.starts_with(char::is_uppercase) => (name.to_string(), d + 2),
        _ if matches!(next.text, "de" | "du") && toks.get(d + 2).is_some_and(capitalised) => {
            (toks[d + 2].text.to_string(), d + 3)
        }
        _ => return None,
    };
    let more = toks[rest_from..]
        .iter()
        .take_while(|t| capitalised(t))
        .count();
    Some(
        std::iter::once(first)
            .chain(
                toks[rest_from..rest_from + more]
                    .iter()
                    .map(|t| t.text.to_string()),
            )
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// `La décision de rejet par Rothstein de la motion de Parler dit`: the
/// subject is a document; `par X` in it names its author.
pub(super) fn document_by(toks: &[Token], verb: usize) -> Option<String> {
    let subject = &toks[..verb];
    let d = subject
        .iter()
        .position(|t| t.word && DOCUMENT_NOUNS.contains(&lower(t).as_str()))?;
    let par =
        (d + 1..subject.len()).find(|&i| matches!(lower(&subject[i]).as_str(), "par" | "by"))?;
    let run = subject[par + 1..]
        .iter()
        .take_while(|t| capitalised(t))
        .count();
    (run > 0).then(|| span(&subject[par + 1..par + 1 + run]))
}

/// `selon eux` after `Apple et Google … ont retiré …`: the pair of names
/// the sentence gives before the pronoun, when there is one.
pub(super) fn plural_subject(toks: &[Token], before: usize) -> Option<String> {
    let head = &toks[..before];
    (0..head.len().saturating_sub(2)).find_map(|i| {
        let pair = capitalised(&head[i])
            && matches!(lower(&head[i + 1]).as_str(), "et" | "and")
            && capitalised(&head[i + 2])
            && (i == 0 || !OBJECT_MARKERS.contains(&lower(&head[i - 1]).as_str()));
        pair.then(|| span(&head[i..i + 3]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_descriptions() {
        assert!(is_company_description("l’entreprise"));
        assert!(is_company_description("la société"));
        assert!(is_company_description("le géant du net"));
        assert!(!is_company_description("le juge"));
        assert!(!is_company_description("la société Amazon"));
    }

    #[test]
    fn a_description_is_the_last_company_named_as_subject_or_speaker() {
        let body = "Pour sa part, Amazon a rejeté ces accusations. Le géant du net déclare « x ».";
        let at = body.find('«').unwrap();
        assert_eq!(company(body, at, &[], None).as_deref(), Some("Amazon"));
        // A person is not a company.
        assert_eq!(
            company(
                "Le texte dit « x ».",
                13,
                &[],
                Some(&(0, "John Matze".into()))
            ),
            None
        );
    }

    #[test]
    fn a_ruling_is_its_judges_when_one_judge_is_named() {
        let body =
            "La juge Barbara Jacobs Rothstein a tranché. Rothstein a écrit, le juge Rothstein.";
        assert_eq!(
            ruling_author(body, "le jugement").as_deref(),
            Some("Barbara Jacobs Rothstein")
        );
        assert_eq!(
            ruling_author("le juge Alan Smith et la juge Jo Brown", "le jugement"),
            None
        );
        assert_eq!(ruling_author(body, "le texte"), None);
    }

    #[test]
    fn documents_name_their_authors() {
        let t = tokens("On peut lire dans le dossier d’Amazon :", 0);
        assert_eq!(document_of(&t).as_deref(), Some("Amazon"));
        let t = tokens(
            "La décision de rejet par Rothstein de la motion de Parler dit",
            0,
        );
        assert_eq!(document_by(&t, t.len() - 1).as_deref(), Some("Rothstein"));
        let t = tokens("Les géants Apple et Google ont retiré, selon eux", 0);
        assert_eq!(
            plural_subject(&t, t.len() - 2).as_deref(),
            Some("Apple et Google")
        );
    }
}
