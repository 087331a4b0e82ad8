//! Fetching an `http(s)://` source with `ureq`: redirects followed up to a
//! bound, one timeout for the whole exchange, a size cap, HTML only.

use std::io::Read;
use std::time::Duration;

/// Redirects followed before giving up (browsers allow about 20; a news
/// page needs two or three).
pub(crate) const MAX_REDIRECTS: u32 = 10;
/// The whole exchange, connection to last byte.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);
/// A page larger than this is not an article.
pub(crate) const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

/// A fetched page.
#[derive(Debug)]
pub struct Page {
    pub bytes: Vec<u8>,
    /// The `charset` of the `Content-Type`, when the server sent one.
    pub charset: Option<String>,
    /// The URL the page was read from, after redirects.
    pub final_url: String,
}

/// The limits of one fetch (tests shorten them).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: TIMEOUT,
            max_bytes: MAX_PAGE_BYTES,
            max_redirects: MAX_REDIRECTS,
        }
    }
}

/// Fetches `url`; the error is one line, without the URL (the caller
/// names the source).
pub fn get(url: &str, limits: Limits) -> Result<Page, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .user_agent(concat!("chronique/", env!("CARGO_PKG_VERSION")))
        .accept("text/html,application/xhtml+xml;q=0.9")
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| {
        let https = url
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
        match e {
            // rustls reports a failed handshake as an IO error of bad data.
            ureq::Error::Io(io) if https && io.kind() == std::io::ErrorKind::InvalidData => {
                format!("TLS error: {io}")
            }
            e => describe(&e, limits),
        }
    })?;
    let final_url = response
        .headers()
        .get("content-location")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with("http"))
        .map(str::to_string)
        .unwrap_or_else(|| ureq::ResponseExt::get_uri(&response).to_string());
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !matches!(mime.as_str(), "text/html" | "application/xhtml+xml") {
        let shown = if mime.is_empty() { "none" } else { &mime };
        return Err(format!(
            "not an HTML page: the server sent content type `{shown}` (only text/html is imported)"
        ));
    }
    let charset = content_type
        .split(';')
        .skip(1)
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches(['"', '\'']).to_string());
    let mut bytes = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(limits.max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| match e.into_inner() {
            Some(inner) => match inner.downcast::<ureq::Error>() {
                Ok(e) => describe(&e, limits),
                Err(other) => format!("reading the page failed: {other}"),
            },
            None => "reading the page failed".to_string(),
        })?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(too_big(limits));
    }
    Ok(Page {
        bytes,
        charset,
        final_url,
    })
}

fn too_big(limits: Limits) -> String {
    format!(
        "the page is larger than {} (the size cap)",
        human_bytes(limits.max_bytes)
    )
}

fn human_bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// One line saying what went wrong, in the reader's terms.
fn describe(e: &ureq::Error, limits: Limits) -> String {
    use ureq::Error as E;
    match e {
        E::StatusCode(code) => format!("the server answered HTTP {code}{}", reason(*code)),
        E::Timeout(_) => format!(
            "no complete answer within {} s (timeout)",
            limits.timeout.as_secs_f32()
        ),
        E::HostNotFound => "host not found (DNS)".to_string(),
        E::ConnectionFailed => "could not connect to the server".to_string(),
        E::TooManyRedirects => format!("more than {} redirects", limits.max_redirects),
        E::RedirectFailed => "a redirect could not be followed".to_string(),
        E::BodyExceedsLimit(_) => too_big(limits),
        E::Tls(m) => format!("TLS error: {m}"),
        E::Rustls(r) => format!("TLS error: {r}"),
        E::BadUri(u) => format!("not a valid URL: {u}"),
        E::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => format!(
            "no complete answer within {} s (timeout)",
            limits.timeout.as_secs_f32()
        ),
        E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "could not connect to the server (connection refused)".to_string()
        }
        E::Io(io) => format!("network error: {io}"),
        other => format!("fetch failed: {other}"),
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        400 => " (bad request)",
        401 => " (unauthorized)",
        403 => " (forbidden)",
        404 => " (not found)",
        410 => " (gone)",
        429 => " (too many requests)",
        500 => " (internal server error)",
        502 => " (bad gateway)",
        503 => " (service unavailable)",
        504 => " (gateway timeout)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_as_one_line_in_the_readers_terms() {
        let limits = Limits::default();
        assert_eq!(
            describe(&ureq::Error::HostNotFound, limits),
            "host not found (DNS)"
        );
        assert_eq!(
            describe(&ureq::Error::StatusCode(503), limits),
            "the server answered HTTP 503 (service unavailable)"
        );
        assert_eq!(
            describe(&ureq::Error::StatusCode(418), limits),
            "the server answered HTTP 418"
        );
        assert_eq!(human_bytes(MAX_PAGE_BYTES), "16 MiB");
        assert_eq!(human_bytes(2048), "2 KiB");
    }
}
