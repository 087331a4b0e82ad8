//! An HTML page's metadata: what its JSON-LD says first (the publisher's
//! own structured account), then its `<meta>` tags (Open Graph, article:,
//! Dublin Core, plain names), then `<title>`, `<html lang>` and
//! `<link rel=canonical>`.

use dom_query::Document;
use serde_json::Value;

/// What the page says about its article.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD` (or shorter when the page gives less).
    pub published: Option<String>,
    pub site: Option<String>,
    pub language: Option<String>,
    pub canonical: Option<String>,
}

/// The JSON-LD types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
    "WebPage",
];

/// Reads the metadata of a parsed page.
pub fn read(doc: &Document) -> PageMeta {
    let objects = json_ld_objects(doc);
    let ld = json_ld_article(&objects);
    let ld_str = |key: &str| ld.and_then(|a| a.get(key)).and_then(text_of);
    let meta = |names: &[&str]| {
        names.iter().find_map(|name| {
            let sel = format!("meta[property=\"{name}\" i], meta[name=\"{name}\" i]");
            doc.select(&sel)
                .nodes()
                .iter()
                .find_map(|n| n.attr("content").map(|c| c.trim().to_string()))
                .filter(|c| !c.is_empty())
        })
    };
    let title = ld_str("headline")
        .or_else(|| meta(&["og:title", "twitter:title", "dc.title"]))
        .or_else(|| non_empty(doc.select("title").text().to_string()));
    let author = ld
        .as_ref()
        .and_then(|a| a.get("author"))
        .and_then(names_of)
        .or_else(|| meta(&["author", "article:author", "dc.creator", "byl"]))
        // A profile URL is not a name.
        .filter(|a| !a.starts_with("http"));
    let published = ld_str("datePublished")
        .or_else(|| {
            meta(&[
                "article:published_time",
                "datePublished",
                "date",
                "pubdate",
                "dc.date",
                "dc.date.issued",
                "sailthru.date",
                "parsely-pub-date",
            ])
        })
        .or_else(|| {
            doc.select("time[datetime]")
                .nodes()
                .first()
                .and_then(|n| n.attr("datetime").map(|d| d.to_string()))
        })
        .and_then(|d| date_of(&d));
    let site = ld
        .as_ref()
        .and_then(|a| a.get("publisher"))
        .and_then(names_of)
        .or_else(|| meta(&["og:site_name", "application-name", "publisher"]))
        .or_else(|| website_name(&objects));
    let language = doc
        .select("html")
        .attr("lang")
        .and_then(|l| non_empty(l.to_string()))
        .or_else(|| meta(&["content-language", "language", "dc.language"]))
        .or_else(|| {
            doc.select("meta[http-equiv=\"content-language\" i]")
                .attr("content")
                .and_then(|l| non_empty(l.to_string()))
        })
        .or_else(|| ld_str("inLanguage"))
        .or_else(|| meta(&["og:locale"]).map(|l| l.replace('_', "-")));
    let canonical = doc
        .select("link[rel=\"canonical\" i]")
        .attr("href")
        .and_then(|h| non_empty(h.to_string()))
        .or_else(|| meta(&["og:url"]))
        .or_else(|| ld_str("url"))
        .or_else(|| ld.and_then(|a| a.get("mainEntityOfPage")).and_then(url_of));
    PageMeta {
        title: title.map(|t| strip_site_suffix(&crate::whitespace::collapse(&t), site.as_deref())),
        author: author.map(|a| crate::whitespace::collapse(&a)),
        published,
        site: site.map(|s| crate::whitespace::collapse(&s)),
        language,
        canonical,
    }
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Every object of the page's JSON-LD blocks: top-level objects, arrays
/// and `@graph`s flattened; a block that is not JSON is skipped.
fn json_ld_objects(doc: &Document) -> Vec<Value> {
    let mut found = Vec::new();
    for node in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        if let Ok(value) = serde_json::from_str::<Value>(node.text().trim()) {
            collect_objects(value, &mut found);
        }
    }
    found
}

/// The article among the JSON-LD objects: one of the [`ARTICLE_TYPES`],
/// the more specific over `WebPage`.
fn json_ld_article(objects: &[Value]) -> Option<&Value> {
    let rank = |v: &Value| {
        let types: Vec<&str> = match v.get("@type") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        types
            .iter()
            .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
            .min()
    };
    objects
        .iter()
        .filter_map(|v| rank(v).map(|r| (r == ARTICLE_TYPES.len() - 1, v)))
        .min_by_key(|(is_page, _)| *is_page)
        .map(|(_, v)| v)
}

fn collect_objects(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| collect_objects(v, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_objects(graph, out);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

/// The `name` of a `WebSite` in the page's JSON-LD.
fn website_name(objects: &[Value]) -> Option<String> {
    objects
        .iter()
        .filter(|v| v.get("@type").and_then(Value::as_str) == Some("WebSite"))
        .find_map(|v| v.get("name").and_then(text_of))
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_empty(s.clone()),
        Value::Array(a) => a.iter().find_map(text_of),
        _ => None,
    }
}

/// A person or an organisation, or a list of them: their names joined.
fn names_of(v: &Value) -> Option<String> {
    let names: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(names_of).collect(),
        Value::Object(o) => o.get("name").and_then(text_of).into_iter().collect(),
        other => text_of(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join(", "))
}

fn url_of(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(text_of),
        other => text_of(other),
    }
    .filter(|u| u.starts_with("http"))
}

/// `YYYY-MM-DD` from an ISO 8601 date or date-time (what pages put in
/// metadata); `None` for anything else.
fn date_of(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = |r: std::ops::Range<usize>| {
        s.get(r.clone())
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
    };
    let dash = |i: usize| s.as_bytes().get(i) == Some(&b'-');
    let day = digits(0..4) && dash(4) && digits(5..7) && dash(7) && digits(8..10);
    let month_or_year =
        (digits(0..4) && dash(4) && digits(5..7) && s.len() == 7) || (digits(0..4) && s.len() == 4);
    if day {
        Some(s[..10].to_string())
    } else if month_or_year {
        Some(s.to_string())
    } else {
        None
    }
}

/// "Title – Site", "Title | Site", "Title - Site": the title alone when
/// the part after the separator is the site's name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else {
        return title.to_string();
    };
    for sep in [" | ", " – ", " — ", " - ", " · ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(site.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> PageMeta {
        read(&Document::from(html))
    }

    #[test]
    fn json_ld_comes_first_then_meta_tags() {
        let m = meta_of(
            r#"<html lang="fr"><head><title>T – Site</title>
            <meta property="og:title" content="OG title">
            <meta name="author" content="Meta Author">
            <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Le Site"},
              {"@type":"NewsArticle","headline":"LD title","author":[{"name":"A B"},{"name":"C D"}],
               "datePublished":"2021-01-21T18:04:00+01:00","publisher":{"name":"Pub"}}]}</script>
            <link rel="canonical" href="https://x.example/a"></head><body></body></html>"#,
        );
        assert_eq!(
            m,
            PageMeta {
                title: Some("LD title".into()),
                author: Some("A B, C D".into()),
                published: Some("2021-01-21".into()),
                site: Some("Pub".into()),
                language: Some("fr".into()),
                canonical: Some("https://x.example/a".into()),
            }
        );
    }

    #[test]
    fn meta_tags_alone() {
        let m = meta_of(
            r#"<head><title>Port strike | The Gazette</title>
            <meta property="og:site_name" content="The Gazette">
            <meta property="article:author" content="https://x.example/tom">
            <meta property="article:published_time" content="2023-06-14T07:30:00Z">
            <meta property="og:locale" content="en_GB">
            <meta property="og:url" content="https://x.example/p"></head>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Port strike"));
        assert_eq!(m.author, None);
        assert_eq!(m.published.as_deref(), Some("2023-06-14"));
        assert_eq!(m.site.as_deref(), Some("The Gazette"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        assert_eq!(m.canonical.as_deref(), Some("https://x.example/p"));
    }

    #[test]
    fn broken_json_ld_and_odd_dates_are_ignored() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"headline": </script>
            <meta name="date" content="yesterday"><title> A  title </title>"#,
        );
        assert_eq!(m.title.as_deref(), Some("A title"));
        assert_eq!(m.published, None);
    }
}
