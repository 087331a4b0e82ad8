//! `@`: who said what. The speakers of the corpus's quotes (one person
//! written with and without accents is one speaker), most quoted first;
//! Enter lists the selected speaker's quotes, Enter on one jumps to it in
//! its article as the search does.

use super::list_keys;
use crate::app::action::{Command, Pane};
use crate::app::nav;
use crate::app::state::speakers::{Speaker, SpeakerFocus, SpeakerIx, SpeakerList, SpokenQuote};
use crate::app::state::{Overlay, State};
use crate::corpus::{Corpus, QuoteRef};
use crate::view::details::DetailsMode;
use std::collections::HashMap;

pub fn open(state: &mut State) {
    let mut list = build(&state.corpus);
    // The speaker of the quote being read, if it has one.
    let reading = state
        .article
        .open
        .zip(state.article.quote)
        .map(|(article, quote)| QuoteRef { article, quote });
    if let Some(at) = reading.and_then(|q| speaker_of(&list, q)) {
        list.selected = Some(at);
    }
    let at = list.selected;
    select_speaker(&mut list, at);
    state.overlay = Some(Overlay::Speakers(Box::new(list)));
}

/// A speaker as written, split into the name and the role written after it
/// in parentheses: "John Matze (PDG de Parler)" is John Matze, PDG de
/// Parler, and "John Matze (cofondateur)" the same person.
pub fn name_and_role(written: &str) -> (&str, Option<String>) {
    let written = written.trim();
    let Some((name, rest)) = written
        .split_once(" (")
        .filter(|(n, _)| !n.trim().is_empty())
    else {
        return (written, None);
    };
    // "X (juge), citant l'accord": the role is what the parentheses hold
    // and what follows them.
    let (inside, after) = rest.split_once(')').unwrap_or((rest, ""));
    let after = after.trim_start_matches([',', ' ']).trim();
    let role = match (inside.trim(), after) {
        ("", "") => None,
        (inside, "") => Some(inside.to_string()),
        ("", after) => Some(after.to_string()),
        (inside, after) => Some(format!("{inside}, {after}")),
    };
    (name.trim(), role)
}

/// The name as a grouping key: case, accents and runs of spaces do not
/// tell people apart ("Elisabeth  BORNE" is "Élisabeth Borne").
pub fn speaker_key(name: &str) -> String {
    let folded = crate::search::fold::fold(name);
    crate::whitespace::collapse(&folded)
}

/// Every attributed quote, grouped by speaker.
pub fn build(corpus: &Corpus) -> SpeakerList {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut speakers: Vec<Speaker> = Vec::new();
    // How often each spelling is written, per speaker.
    let mut spellings: Vec<HashMap<&str, usize>> = Vec::new();
    let mut unattributed = 0;
    // Articles are in date order: each speaker's quotes come oldest first.
    for (a, article) in corpus.indexed_articles() {
        for (q, quote) in article.indexed_quotes() {
            let (name, role) = name_and_role(quote.speaker.as_deref().unwrap_or(""));
            let key = speaker_key(name);
            if key.is_empty() {
                unattributed += 1;
                continue;
            }
            let at = *by_key.entry(key.clone()).or_insert_with(|| {
                speakers.push(Speaker {
                    name: String::new(),
                    key,
                    roles: Vec::new(),
                    quotes: Vec::new(),
                    first: None,
                    last: None,
                    articles: 0,
                });
                spellings.push(HashMap::new());
                speakers.len() - 1
            });
            *spellings[at].entry(name).or_default() += 1;
            let speaker = &mut speakers[at];
            if let Some(role) = role.filter(|r| !speaker.roles.contains(r)) {
                speaker.roles.push(role);
            }
            if speaker
                .quotes
                .last()
                .is_none_or(|last| last.quote.article != a)
            {
                speaker.articles += 1;
            }
            if let Some(date) = article.published {
                speaker.first = Some(speaker.first.map_or(date, |d| d.min(date)));
                speaker.last = Some(speaker.last.map_or(date, |d| d.max(date)));
            }
            speaker.quotes.push(SpokenQuote {
                quote: QuoteRef {
                    article: a,
                    quote: q,
                },
                published: article.published,
                article_title: article.title.clone(),
                outlet: article.source.as_deref().unwrap_or_default().to_string(),
                text: crate::whitespace::collapse(&quote.text),
            });
        }
    }
    for (speaker, spelled) in speakers.iter_mut().zip(&spellings) {
        // The most written spelling; on a tie the accented one.
        speaker.name = spelled
            .iter()
            .max_by_key(|(name, n)| (**n, name.chars().filter(|c| !c.is_ascii()).count(), *name))
            .map(|(name, _)| name.to_string())
            .unwrap_or_default();
    }
    speakers.sort_by(|a, b| {
        b.quotes
            .len()
            .cmp(&a.quotes.len())
            .then_with(|| a.key.cmp(&b.key))
    });
    SpeakerList {
        selected: (!speakers.is_empty()).then_some(SpeakerIx(0)),
        speakers,
        quote: None,
        focus: SpeakerFocus::Speakers,
        unattributed,
    }
}

fn speaker_of(list: &SpeakerList, quote: QuoteRef) -> Option<SpeakerIx> {
    list.speakers
        .iter()
        .position(|s| s.quotes.iter().any(|q| q.quote == quote))
        .map(SpeakerIx)
}

/// Selects `at`, its first quote selected in the list beside it.
fn select_speaker(list: &mut SpeakerList, at: Option<SpeakerIx>) {
    list.selected = at;
    list.quote = list
        .speaker()
        .and_then(|s| s.quotes.first())
        .map(|q| q.quote);
}

fn list(state: &mut State) -> Option<&mut SpeakerList> {
    match &mut state.overlay {
        Some(Overlay::Speakers(list)) => Some(list),
        _ => None,
    }
}

pub fn command(state: &mut State, c: Command) {
    let page = list_keys::page(state);
    let Some(list) = list(state) else {
        return;
    };
    if let Some(delta) = list_keys::list_delta(c, page) {
        match list.focus {
            SpeakerFocus::Speakers => {
                let from = list.selected.map_or(0, |s| s.0);
                let at = list_keys::moved(from, delta, list.speakers.len());
                select_speaker(list, (at < list.speakers.len()).then_some(SpeakerIx(at)));
            }
            SpeakerFocus::Quotes => {
                let from = list.quote_row().unwrap_or(0);
                let quotes = list.speaker().map_or(&[][..], |s| &s.quotes[..]);
                let at = list_keys::moved(from, delta, quotes.len());
                list.quote = quotes.get(at).map(|q| q.quote);
            }
        }
        return;
    }
    match (c, list.focus) {
        (Command::Open | Command::FocusNext | Command::FocusPrev, SpeakerFocus::Speakers)
            if list.speaker().is_some() =>
        {
            list.focus = SpeakerFocus::Quotes;
            if list.quote_row().is_none() {
                let at = list.selected;
                select_speaker(list, at);
            }
        }
        (Command::Open, SpeakerFocus::Quotes) => {
            if let Some(q) = list.quote {
                jump(state, q);
            }
        }
        (Command::Close | Command::FocusNext | Command::FocusPrev, SpeakerFocus::Quotes) => {
            list.focus = SpeakerFocus::Speakers
        }
        (Command::Close | Command::Speakers | Command::Help, _) => state.overlay = None,
        _ => {}
    }
}

/// To the quote in its article, as a search result leads there.
fn jump(state: &mut State, q: QuoteRef) {
    state.overlay = None;
    state.focus = Pane::Article;
    state.details.mode = Some(DetailsMode::Quotes(q.article));
    nav::open_article(state, q.article, Some(q.quote));
}

/// After a reload: the speakers of the new corpus, the same speaker (by
/// name) and quote (by ids) selected if they are still there.
pub fn reloaded(state: &mut State, old: &Corpus) {
    let corpus = state.corpus.clone();
    let Some(list) = list(state) else {
        return;
    };
    let key = list.speaker().map(|s| s.key.clone());
    let quote = list.quote.and_then(|q| {
        let article = old.get_article(q.article)?;
        Some((article.id.clone(), article.get_quote(q.quote)?.id.clone()))
    });
    let mut rebuilt = build(&corpus);
    rebuilt.focus = list.focus;
    let at = key
        .and_then(|k| rebuilt.speakers.iter().position(|s| s.key == k))
        .map(SpeakerIx);
    let at = at.or(rebuilt.selected);
    select_speaker(&mut rebuilt, at);
    let quote = quote.and_then(|(article, id)| {
        let a = corpus.article_index(&article)?;
        let q = corpus.article(a).quote_ix(&id)?;
        Some(QuoteRef {
            article: a,
            quote: q,
        })
    });
    if quote.is_some()
        && rebuilt
            .speaker()
            .is_some_and(|s| s.quotes.iter().any(|x| Some(x.quote) == quote))
    {
        rebuilt.quote = quote;
    }
    if rebuilt.speaker().is_none() {
        rebuilt.focus = SpeakerFocus::Speakers;
    }
    *list = rebuilt;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{ready_state, update, Action};
    use crate::corpus::{embedded, ArticleIx, Progress};

    fn opened() -> State {
        let mut state = ready_state(embedded::load(&Progress::default()), 120, 40);
        update(&mut state, Action::Command(Command::Speakers));
        state
    }

    fn list(state: &State) -> &SpeakerList {
        match &state.overlay {
            Some(Overlay::Speakers(list)) => list,
            other => panic!("not the speakers: {other:?}"),
        }
    }

    #[test]
    fn one_person_written_two_ways_is_one_speaker_but_two_people_stay_two() {
        let mut corpus = embedded::load(&Progress::default()).corpus;
        let quotes = &mut corpus.articles[0].quotes;
        assert!(quotes.len() >= 3, "the sample's first article has quotes");
        quotes[0].speaker = Some("Élisabeth Borne".into());
        quotes[1].speaker = Some("  elisabeth   BORNE ".into());
        quotes[2].speaker = Some("Élisabeth Borne".into());
        let list = build(&corpus);
        let borne: Vec<&Speaker> = list
            .speakers
            .iter()
            .filter(|s| s.key.starts_with("elisabeth borne"))
            .collect();
        // Shown as most often written.
        assert_eq!(borne.len(), 1);
        assert_eq!(borne[0].quotes.len(), 3);
        assert_eq!(borne[0].name, "Élisabeth Borne");
        let other = &mut corpus.articles[0].quotes;
        other[2].speaker = Some("Élisabeth Bornet".into());
        let list = build(&corpus);
        assert_eq!(
            list.speakers
                .iter()
                .filter(|s| s.key.starts_with("elisabeth born"))
                .count(),
            2
        );
    }

    #[test]
    fn the_role_in_parentheses_is_not_part_of_the_name() {
        let mut corpus = embedded::load(&Progress::default()).corpus;
        let quotes = &mut corpus.articles[0].quotes;
        quotes[0].speaker = Some("Jean Dupont (maire)".into());
        quotes[1].speaker = Some("Jean Dupont (candidat, LR)".into());
        quotes[2].speaker = Some("Jean Dupond (maire)".into());
        let list = build(&corpus);
        let dupont = list
            .speakers
            .iter()
            .find(|s| s.name == "Jean Dupont")
            .unwrap();
        assert_eq!(dupont.quotes.len(), 2);
        assert_eq!(dupont.roles, ["maire", "candidat, LR"]);
        assert!(list.speakers.iter().any(|s| s.name == "Jean Dupond"));
        assert_eq!(name_and_role(" (anonyme)"), ("(anonyme)", None));
        assert_eq!(
            name_and_role("B. Rothstein (juge), citant l'accord"),
            ("B. Rothstein", Some("juge, citant l'accord".to_string()))
        );
    }

    #[test]
    fn every_attributed_quote_is_listed_once_most_quoted_first() {
        let state = opened();
        let l = list(&state);
        let listed: usize = l.speakers.iter().map(|s| s.quotes.len()).sum();
        assert_eq!(listed + l.unattributed, state.corpus.quote_count());
        assert!(l
            .speakers
            .windows(2)
            .all(|w| w[0].quotes.len() >= w[1].quotes.len()));
        for s in &l.speakers {
            assert!(s.first <= s.last);
            assert!(s
                .quotes
                .windows(2)
                .all(|w| w[0].published <= w[1].published));
        }
    }

    #[test]
    fn enter_lists_a_speakers_quotes_and_enter_again_jumps_to_one() {
        let mut state = opened();
        update(&mut state, Action::Command(Command::Down));
        update(&mut state, Action::Command(Command::Open));
        assert_eq!(list(&state).focus, SpeakerFocus::Quotes);
        update(&mut state, Action::Command(Command::Bottom));
        let q = list(&state).quote.unwrap();
        assert_eq!(
            Some(q),
            list(&state)
                .speaker()
                .unwrap()
                .quotes
                .last()
                .map(|s| s.quote)
        );
        // Esc goes back to the speakers, Enter again to the same quote.
        update(&mut state, Action::Command(Command::Close));
        assert_eq!(list(&state).focus, SpeakerFocus::Speakers);
        update(&mut state, Action::Command(Command::Open));
        assert_eq!(list(&state).quote, Some(q));
        update(&mut state, Action::Command(Command::Open));
        assert!(state.overlay.is_none());
        assert_eq!(state.focus, Pane::Article);
        assert_eq!(state.article.open, Some(q.article));
        assert_eq!(state.article.quote, Some(q.quote));
    }

    #[test]
    fn a_reload_keeps_the_speaker_and_quote_by_name_and_id() {
        let mut state = opened();
        update(&mut state, Action::Command(Command::Open));
        update(&mut state, Action::Command(Command::Bottom));
        let before = list(&state).clone();
        let key = before.speaker().unwrap().key.clone();
        let q = before.quote.unwrap();
        let ids = (
            state.corpus.article(q.article).id.clone(),
            state.corpus.quote(q).id.clone(),
        );
        assert_ne!(
            q.article,
            ArticleIx::new(0),
            "the quote is not in the article the reload drops"
        );
        super::super::views::tests::reload_without_first_article(&mut state);
        let after = list(&state);
        assert_eq!(after.focus, SpeakerFocus::Quotes);
        assert_eq!(after.speaker().unwrap().key, key);
        let now = after.quote.unwrap();
        let now_ids = (
            state.corpus.article(now.article).id.clone(),
            state.corpus.quote(now).id.clone(),
        );
        assert_eq!(now_ids, ids);
        update(&mut state, Action::Command(Command::Open));
        assert!(state.overlay.is_none(), "jumps with no panic");
    }
}
