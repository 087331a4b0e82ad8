//! Who said a quote: the attribution phrases of French and English news
//! ("a déclaré X", "selon X", "X a écrit", "a-t-elle ajouté", "X said",
//! "according to X", "X told"), before or after the passage. A pronoun is
//! the last named person. When no phrase is recognised, no speaker: a guess
//! is never written down as a fact.

use super::anaphora;
use super::quotes::Found;
use super::words::*;

/// `dossier d'Amazon :` — how close to the colon the document is named.
const DOCUMENT_TAIL_TOKENS: usize = 4;
/// Nouns that make the quote after them a name, not a statement:
/// `le hashtag « Hang Mike Pence »`.
const MENTION_NOUNS: &[&str] = &[
    "hashtag",
    "slogan",
    "mot-clé",
    "mot-dièse",
    "surnom",
    "titre",
];

/// Stands for a quoted passage in a sentence's frame.
const QUOTE_MARK: &str = "«»";

/// The speaker of each quote (`None` for terms and when unsure).
pub(crate) fn attribute(body: &str, quotes: &[Found]) -> Vec<Option<String>> {
    let mut speakers: Vec<Option<String>> = vec![None; quotes.len()];
    let top: Vec<usize> = (0..quotes.len())
        .filter(|&i| {
            !quotes[..i]
                .iter()
                .any(|o| o.outer.end >= quotes[i].outer.end)
        })
        .collect();
    let spans: Vec<std::ops::Range<usize>> = top.iter().map(|&i| quotes[i].outer.clone()).collect();
    // The last speaker given, and where: a pronoun may refer to it.
    let mut last_speaker: Option<(usize, String)> = None;
    let mut previous: Option<(usize, Option<String>)> = None;
    for (n, &i) in top.iter().enumerate() {
        let q = &quotes[i];
        let start = sentence_start(body, q.outer.start, &spans);
        let end = sentence_end(body, q.outer.end, &spans);
        let (frame, at) = frame(body, start..end, &spans, n);
        let mention = at > 0 && MENTION_NOUNS.contains(&lower(&frame[at - 1]).as_str());
        let who = if q.term || mention {
            None
        } else {
            after_phrase(&frame[at + 1..])
                .or_else(|| before_phrase(&frame[..at]))
                .or_else(|| verb_anywhere(&frame, at))
                .or_else(|| selon(&frame))
                .or_else(|| participle(&frame))
                .or_else(|| {
                    let alone = frame.iter().all(|t| !t.word);
                    let intro = alone.then(|| introducing_sentence(body, start)).flatten();
                    // A quote alone in its sentence continues the quote
                    // before it in the paragraph.
                    intro.or_else(|| match &previous {
                        // (The quote before may end past this sentence's start.)
                        Some((p, Some(name)))
                            if alone && !body[(*p).min(start)..start].contains("\n\n") =>
                        {
                            Some(Who::Named(name.clone()))
                        }
                        _ => None,
                    })
                })
        };
        let who = match who {
            Some(Who::Named(n)) if anaphora::is_company_description(&n) => {
                let opens = frame[..at].iter().all(|t| !t.word);
                let intro = match opens.then(|| introducing_sentence(body, start)).flatten() {
                    Some(Who::Named(x)) => Some(x),
                    _ => None,
                };
                intro
                    .or_else(|| {
                        anaphora::company(body, q.outer.start, &spans, last_speaker.as_ref())
                    })
                    .or(Some(n))
            }
            Some(Who::Named(n)) => anaphora::ruling_author(body, &n)
                .or_else(|| role_name(body, q.outer.start, &n))
                .or(Some(n)),
            Some(Who::Pronoun) => last_named(body, q.outer.start, last_speaker.as_ref()),
            None => None,
        };
        if let Some(name) = &who {
            last_speaker = Some((q.outer.start, name.clone()));
        }
        if !q.term {
            previous = Some((q.outer.end, who.clone()));
        }
        speakers[i] = who;
    }
    speakers
}

/// "le juge" after "la juge Barbara Jacobs Rothstein" earlier: the name
/// the role was given.
fn role_name(body: &str, at: usize, phrase: &str) -> Option<String> {
    let mut words = phrase.split_whitespace();
    let det = words.next()?;
    let noun = words.next()?;
    if words.next().is_some() || !DETERMINERS.contains(&det.to_lowercase().as_str()) {
        return None;
    }
    let head = &body[..at];
    head.rmatch_indices(noun).find_map(|(i, _)| {
        let after = i + noun.len();
        if !head[after..].starts_with(' ') {
            return None;
        }
        let toks = tokens(&head[after..], after);
        let run = toks.iter().take_while(|t| capitalised(t)).count();
        (run > 0 && toks.get(run).is_none_or(|t| !t.word || !capitalised(t)))
            .then(|| span(&toks[..run]))
    })
}

/// The sentence's tokens with each top-level quote as one [`QUOTE_MARK`]
/// token, and the index of quote `n`'s.
fn frame<'a>(
    body: &'a str,
    sentence: std::ops::Range<usize>,
    spans: &[std::ops::Range<usize>],
    n: usize,
) -> (Vec<Token<'a>>, usize) {
    let mut out = Vec::new();
    let mut at = 0;
    let mut pos = sentence.start;
    for (k, span) in spans.iter().enumerate() {
        if span.end <= sentence.start || span.start >= sentence.end {
            continue;
        }
        out.extend(tokens(&body[pos..span.start.max(pos)], pos));
        if k == n {
            at = out.len();
        }
        out.push(Token {
            text: QUOTE_MARK,
            start: span.start,
            word: false,
        });
        pos = span.end;
    }
    out.extend(tokens(&body[pos..sentence.end.max(pos)], pos));
    (out, at)
}

/// A verb of saying anywhere in the sentence outside the quotes:
/// "Amazon Web Services explique que … « … »", "« … » internautes…, a
/// indiqué Andrew Torba".
fn verb_anywhere(toks: &[Token], at: usize) -> Option<Who> {
    let v = toks.iter().position(is_verb)?;
    // `X a déclaré que « A », et sa page a été relancée avec « B »`: the
    // verb introduces the quote nearer to it, and a new clause stands
    // between it and this one (`« A » et « B »` share it). An attribution
    // after the quotes covers them all.
    if let Some(k) = (v + 1..at).rev().find(|&k| toks[k].text == QUOTE_MARK) {
        let joined = toks[k + 1..at]
            .iter()
            .all(|t| !t.word || matches!(lower(t).as_str(), "et" | "ou" | "and" | "or"));
        if !joined {
            return None;
        }
    }
    let aux = v > 0 && AUXILIARIES.contains(&lower(&toks[v - 1]).as_str());
    let subject_end = if aux { v - 1 } else { v };
    name_backward(toks, subject_end).or_else(|| name_forward(toks, v + 1))
}

/// "X a suspendu le compte, expliquant …": the name opening the sentence.
fn participle(toks: &[Token]) -> Option<Who> {
    toks.iter()
        .any(|t| PARTICIPLES.contains(&lower(t).as_str()))
        .then_some(())?;
    let first = toks.iter().position(|t| t.word)?;
    let run = toks[first..].iter().take_while(|t| capitalised(t)).count();
    if run > 0 {
        return Some(Who::Named(span(&toks[first..first + run])));
    }
    // `Au lendemain de …, Parler lui intente un procès arguant`: the name
    // after the opening phrase's comma, before the participle.
    let p = toks
        .iter()
        .position(|t| PARTICIPLES.contains(&lower(t).as_str()))?;
    (1..p)
        .rev()
        .find(|&i| toks[i - 1].text == "," && capitalised(&toks[i]) && !capitalised(&toks[i + 1]))
        .map(|i| Who::Named(toks[i].text.to_string()))
}

enum Who {
    Named(String),
    Pronoun,
}

/// After the passage: `», a déclaré X`, `», a-t-il ajouté`, `» demande X`,
/// `", X said`, `", said X`, `", he told`.
fn after_phrase(toks: &[Token]) -> Option<Who> {
    // `« A » et « B », a dit X`: the attribution after the last quote.
    let mut i = toks
        .iter()
        .position(|t| t.word && !matches!(lower(t).as_str(), "et" | "ou" | "and" | "or"))?;
    if toks[..i].iter().any(|t| t.text == ".") {
        return None;
    }
    if inverted_pronoun(&toks[i], toks.get(i + 1)) {
        return Some(Who::Pronoun);
    }
    if AUXILIARIES.contains(&lower(&toks[i]).as_str()) {
        // `a de nouveau affirmé`: a few adverbs between.
        if let Some(v) = (i + 1..toks.len().min(i + 4)).find(|&j| is_verb(&toks[j])) {
            i = v;
        }
    }
    if is_verb(&toks[i]) {
        if let Some(who) = name_forward(toks, i + 1) {
            return Some(who);
        }
        // `affirmé lundi Amazon`: a word or two before the name.
        return (i + 2..toks.len().min(i + 4))
            .take_while(|&j| toks[j - 1].word && toks[j].word)
            .find(|&j| capitalised(&toks[j]))
            .and_then(|j| name_forward(toks, j));
    }
    // `", X said` / `", he said`
    let subject_end = (i..toks.len().min(i + 5)).find(|&j| is_verb(&toks[j]))?;
    name_backward(toks, subject_end)
}

/// Before the passage: `X a déclaré : «`, `X ajoute : «`, `X a souligné que «`,
/// `X said: "`.
fn before_phrase(toks: &[Token]) -> Option<Who> {
    let mut j = toks.len();
    while j > 0 && !toks[j - 1].word {
        if !matches!(toks[j - 1].text, ":" | ",") {
            return None;
        }
        j -= 1;
    }
    // `On peut lire dans le dossier d'Amazon : «`
    if toks[j..].iter().any(|t| t.text == ":") {
        let tail = &toks[j.saturating_sub(DOCUMENT_TAIL_TOKENS)..j];
        if let Some(author) = anaphora::document_of(tail) {
            return Some(Who::Named(author));
        }
    }
    while j > 0 && {
        let w = lower(&toks[j - 1]);
        matches!(w.as_str(), "que" | "qu'" | "qu’" | "that")
            || w.starts_with("qu'")
            || w.starts_with("qu’")
    } {
        j -= 1;
    }
    if j == 0 || !is_verb(&toks[j - 1]) {
        return None;
    }
    let mut k = j - 1;
    if k > 0 && AUXILIARIES.contains(&lower(&toks[k - 1]).as_str()) {
        k -= 1;
    }
    name_backward(toks, k).or_else(|| anaphora::document_by(toks, k).map(Who::Named))
}

/// `selon X` / `according to X` anywhere in the sentence.
fn selon(toks: &[Token]) -> Option<Who> {
    let i = toks.iter().enumerate().position(|(i, t)| {
        let w = lower(t);
        w == "selon" || (w == "according" && toks.get(i + 1).is_some_and(|n| lower(n) == "to"))
    })?;
    let skip = if lower(&toks[i]) == "according" { 2 } else { 1 };
    match toks.get(i + skip).map(lower).as_deref() {
        Some("eux" | "elles" | "them") => anaphora::plural_subject(toks, i).map(Who::Named),
        Some(p) if PRONOUNS.contains(&p) || p == "lui" => None,
        _ => name_forward(toks, i + skip),
    }
}

/// A quote that opens its sentence, after a sentence ending with `:` that
/// starts with a name and a verb ("Amazon a rejeté ces accusations :").
fn introducing_sentence(body: &str, quote_sentence_start: usize) -> Option<Who> {
    let prefix = body[..quote_sentence_start].trim_end();
    if !prefix.ends_with(':') {
        return None;
    }
    let start = sentence_start(body, prefix.len() - 1, &[]);
    let toks = tokens(&body[start..prefix.len()], start);
    let run = toks.iter().take_while(|t| capitalised(t)).count();
    (run > 0 && toks.get(run).is_some_and(|t| t.word && !capitalised(t)))
        .then(|| Who::Named(span(&toks[..run])))
        .or_else(|| anaphora::document_of(&toks).map(Who::Named))
}

/// The name starting at `toks[i]`: capitalised words (with `de`, `d'`),
/// or a determiner and a few words ("le juge", "les avocats d'Amazon").
fn name_forward(toks: &[Token], i: usize) -> Option<Who> {
    let first = toks.get(i)?;
    if PRONOUNS.contains(&lower(first).as_str()) {
        return Some(Who::Pronoun);
    }
    if capitalised(first) {
        let mut end = i + 1;
        while end < toks.len()
            && (capitalised(&toks[end])
                || (matches!(toks[end].text, "de" | "du" | "von" | "van")
                    && toks.get(end + 1).is_some_and(capitalised)))
        {
            end += 1;
        }
        return Some(Who::Named(span(&toks[i..end])));
    }
    if anaphora::is_company_description(first.text) {
        return Some(Who::Named(first.text.to_string()));
    }
    if DETERMINERS.contains(&lower(first).as_str()) {
        // `la décision de la juge Barbara Jacobs Rothstein`: the name.
        let named = (i + 1..toks.len().min(i + 1 + 2 * PHRASE_MAX_WORDS))
            .take_while(|&j| toks[j].word)
            .find(|&j| capitalised(&toks[j]) && !toks[j].text.starts_with(['d']));
        if let Some(j) = named {
            return name_forward(toks, j);
        }
        let end = (i + 1..toks.len().min(i + 1 + PHRASE_MAX_WORDS))
            .take_while(|&j| toks[j].word && !PHRASE_ENDS.contains(&lower(&toks[j]).as_str()))
            .last()?;
        return Some(Who::Named(span(&toks[i..=end])));
    }
    None
}

/// The name ending right before `toks[end]`, skipping an apposition
/// between commas ("Jeffrey Wernick, le COO de Parler, a déclaré").
fn name_backward(toks: &[Token], end: usize) -> Option<Who> {
    let mut j = end;
    if j > 0 && toks[j - 1].text == "," {
        let open = (j.saturating_sub(APPOSITION_MAX_TOKENS)..j - 1)
            .rev()
            .find(|&k| toks[k].text == ",")?;
        j = open;
    }
    let last = toks.get(j.checked_sub(1)?)?;
    if PRONOUNS.contains(&lower(last).as_str()) {
        return Some(Who::Pronoun);
    }
    let mut start = j;
    while start > 0
        && (capitalised(&toks[start - 1])
            || (start < j
                && matches!(toks[start - 1].text, "de" | "du")
                && start >= 2
                && capitalised(&toks[start - 2])))
    {
        start -= 1;
    }
    // `la motion de Parler dit`: the name completes a noun, the noun
    // speaks; unsure which name that is, so no speaker.
    if start < j && start >= 2 && matches!(toks[start - 1].text, "de" | "du" | "des" | "par") {
        return None;
    }
    if start < j {
        // `les avocats d'Amazon`: a determiner and a noun before the name.
        if start >= 2
            && toks[start - 1].word
            && !capitalised(&toks[start - 1])
            && DETERMINERS.contains(&lower(&toks[start - 2]).as_str())
            && toks[start].text.starts_with(['d', 'D'])
        {
            start -= 2;
        }
        return Some(Who::Named(span(&toks[start..j])));
    }
    // `le juge a écrit`
    if j >= 2 && last.word && DETERMINERS.contains(&lower(&toks[j - 2]).as_str()) {
        return Some(Who::Named(span(&toks[j - 2..j])));
    }
    // `le géant du net déclare`
    (j.saturating_sub(4)..j)
        .map(|d| span(&toks[d..j]))
        .find(|phrase| anaphora::is_company_description(phrase))
        .map(Who::Named)
}

/// The last person named before `at`: the later of the last speaker and
/// the last name of two or more capitalised words.
fn last_named(body: &str, at: usize, last_speaker: Option<&(usize, String)>) -> Option<String> {
    let from = (at.saturating_sub(LOOKBACK_BYTES)..=at)
        .find(|&i| body.is_char_boundary(i))
        .unwrap_or(at);
    let toks = tokens(&body[from..at], from);
    let mut name: Option<(usize, String)> = None;
    let mut k = 0;
    while k < toks.len() {
        let run = toks[k..]
            .iter()
            .take_while(|t| capitalised(t) && !t.text.starts_with(['d']))
            .count();
        // A name after "told" or a preposition is who was spoken to or
        // about, not someone a pronoun would name.
        let according = k >= 2 && lower(&toks[k - 2]) == "according";
        let object = k > 0
            && !according
            && (is_verb(&toks[k - 1]) || OBJECT_MARKERS.contains(&lower(&toks[k - 1]).as_str()));
        if run >= 2 && !object {
            name = Some((toks[k].start, span(&toks[k..k + run])));
        }
        k += run.max(1);
    }
    match (name, last_speaker) {
        (Some((p, n)), Some((q, s))) => Some(if p > *q { n } else { s.clone() }),
        (Some((_, n)), None) => Some(n),
        (None, Some((_, s))) => Some(s.clone()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::quotes;
    use super::*;

    /// Each quote's text and speaker in `body`.
    fn who(body: &str) -> Vec<(String, Option<String>)> {
        let found = quotes::find(body);
        let speakers = attribute(body, &found);
        found.into_iter().map(|q| q.text).zip(speakers).collect()
    }

    fn speaker_of(body: &str) -> Option<String> {
        who(body).pop().and_then(|(_, s)| s)
    }

    #[test]
    fn a_company_description_is_the_company_named_before() {
        let intro = "Amazon a rejeté ces accusations dans un communiqué :\n\n« Il est clair que le contenu viole nos conditions », a indiqué l’entreprise.";
        assert_eq!(speaker_of(intro).as_deref(), Some("Amazon"));
        let subject = "Pour sa part, Amazon a rejeté ces accusations. Dans sa réaction, le géant du net déclare qu’il « était clair qu’il y avait un contenu violent ».";
        assert_eq!(speaker_of(subject).as_deref(), Some("Amazon"));
        // A person is not what "la société" stands for: left as written.
        let person = "« Nous reviendrons très bientôt en ligne », a dit John Matze. « Les clients de tous bords sont servis », a estimé la société.";
        assert_eq!(speaker_of(person).as_deref(), Some("la société"));
    }

    #[test]
    fn documents_speak_for_their_authors() {
        let dossier = "On peut lire dans le dossier d’Amazon : « Cette affaire n'a pas pour but de supprimer des discours ».";
        assert_eq!(speaker_of(dossier).as_deref(), Some("Amazon"));
        let by = "La décision de rejet par Rothstein de la motion de Parler dit que « les preuves sont de plus en plus légères ».";
        assert_eq!(speaker_of(by).as_deref(), Some("Rothstein"));
        let ruling = "Selon la décision de la juge Barbara Jacobs Rothstein, rien ne change. Le résultat serait « la poursuite de la publication du contenu violent », a retenu le jugement.";
        assert_eq!(
            speaker_of(ruling).as_deref(),
            Some("Barbara Jacobs Rothstein")
        );
        let two_judges = "Le juge Alan Smith et la juge Jo Brown siègent. « La demande est rejetée sans appel », a retenu le jugement.";
        assert_eq!(speaker_of(two_judges).as_deref(), Some("le jugement"));
    }

    #[test]
    fn plural_pronouns_participles_and_according_to() {
        let plural = "Les géants Apple et Google ont retiré le réseau où se multipliaient, selon eux, « menaces de violences ».";
        assert_eq!(speaker_of(plural).as_deref(), Some("Apple et Google"));
        let participle = "Au lendemain de la suspension, Parler lui intente un procès arguant d’une décision « motivée par des animosités politiques ».";
        assert_eq!(speaker_of(participle).as_deref(), Some("Parler"));
        let according = "According to Daniel Price, the chief, it costs a lot. “Every ship that diverts is business lost,” he told reporters.";
        assert_eq!(speaker_of(according).as_deref(), Some("Daniel Price"));
    }

    #[test]
    fn mentions_and_quotes_of_another_clause_get_no_speaker() {
        let hashtag = "Le hashtag « Hang Mike Pence » était populaire ce soir-là, avance l’entreprise dans ses arguments.";
        assert_eq!(speaker_of(hashtag), None);
        let clause = "Le PDG John Matze a déclaré que la plateforme allait « revenir en force », et sa page d'accueil a été relancée avec la promesse de « résoudre tout défi très bientôt ».";
        assert_eq!(speaker_of(clause), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]
        /// Any text of quote marks, apostrophes, names and attribution
        /// words is read without a panic (a byte slice inside « once did).
        #[test]
        fn any_text_is_attributed_without_panicking(
            body in "(« Le texte est clair », a retenu le jugement\\. |la juge Ève Ré |« Oui », a indiqué l’entreprise\\. |« |»|“|”|\"|‘|’|'|:|,|\\.|\n\n| |é|Amazon|la juge|juge Ré|l’entreprise|le jugement|selon eux|Apple et Google|a déclaré|said|he|dossier d’|par|arguant|le hashtag|[a-zA-Zàéô]{1,6}){0,120}"
        ) {
            let found = quotes::find(&body);
            let speakers = attribute(&body, &found);
            proptest::prop_assert_eq!(speakers.len(), found.len());
        }
    }
}
