//! `http(s)://` sources, against a small HTTP server on 127.0.0.1 run by
//! the test itself (std's `TcpListener`): redirects, errors, a slow
//! answer, a page over the size cap, a wrong content type, the charset of
//! the `Content-Type` header. Nothing here reaches past this machine.

use super::{articles, check_clean, import, text};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// The server stops after this many connections (a test makes a dozen
/// or two: the redirect loop alone takes 11).
const MAX_CONNECTIONS: usize = 64;
/// How long `/slow` waits before answering (the client gives up first).
const SLOW_ANSWER: Duration = Duration::from_secs(5);
/// `/big` sends this much: more than the 16 MiB cap.
const BIG_PAGE_BYTES: usize = 17 * 1024 * 1024;

/// A windows-1252 page, without a `<meta charset>`: only the header says.
fn article_page() -> Vec<u8> {
    let mut page = b"<html><head><title>Le march\xe9 couvert rouvre</title></head><body><nav><a href='/'>Accueil</a> <a href='/ville'>Ville</a></nav><article><h1>Le march\xe9 couvert rouvre</h1>".to_vec();
    page.extend_from_slice(b"<p>Apr\xe8s dix-huit mois de travaux, le march\xe9 couvert de la ville a rouvert ses portes samedi matin, en pr\xe9sence de plusieurs centaines de clients venus d\xe8s l'aube.</p>");
    page.extend_from_slice(b"<p>\x93C'est un vrai soulagement pour nous tous\x94, a d\xe9clar\xe9 Martine Roux, qui tient un \xe9tal de fromages depuis trente ans.</p>");
    page.extend_from_slice(b"<p>La mairie promet des horaires \xe9largis d\xe8s le mois prochain, et une nocturne chaque premier vendredi.</p></article><footer>Mentions l\xe9gales</footer></body></html>");
    page
}

/// Starts the server; its base URL (`http://127.0.0.1:PORT`).
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(MAX_CONNECTIONS).flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    base
}

fn answer(mut stream: TcpStream) {
    // A TLS handshake (record type 22) gets plain HTTP back, as from a
    // server that does not speak TLS on this port.
    let mut first = [0u8; 1];
    if stream.peek(&mut first).is_ok_and(|n| n == 1) && first[0] == 0x16 {
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        return;
    }
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The rest of the request head.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let (status, headers, body): (&str, &str, Vec<u8>) = match path {
        "/article" => (
            "200 OK",
            "Content-Type: text/html; charset=windows-1252\r\n",
            article_page(),
        ),
        "/old" => ("301 Moved Permanently", "Location: /article\r\n", vec![]),
        "/loop" => ("302 Found", "Location: /loop\r\n", vec![]),
        "/missing" => (
            "404 Not Found",
            "Content-Type: text/html\r\n",
            b"<h1>Not found</h1>".to_vec(),
        ),
        "/broken" => ("500 Internal Server Error", "", vec![]),
        "/slow" => {
            std::thread::sleep(SLOW_ANSWER);
            ("200 OK", "Content-Type: text/html\r\n", article_page())
        }
        "/big" => (
            "200 OK",
            "Content-Type: text/html\r\n",
            vec![b' '; BIG_PAGE_BYTES],
        ),
        "/report.pdf" => (
            "200 OK",
            "Content-Type: application/pdf\r\n",
            b"%PDF-1.4".to_vec(),
        ),
        _ => ("404 Not Found", "", vec![]),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    // The client may hang up first (size cap, timeout): not an error here.
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

#[test]
fn a_page_is_fetched_through_a_redirect_in_the_charset_its_server_names() {
    let base = serve();
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let url = format!("{base}/old");
    let out = import(&corpus, &[&url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    check_clean(&corpus);
    let files = articles(&corpus);
    let article = std::fs::read_to_string(&files[0]).unwrap();
    for expected in [
        "title: Le marché couvert rouvre\n".to_string(),
        // The page names no canonical URL: where it was read, after the redirect.
        format!("url: {base}/article\n"),
        format!("imported_from: {url} at "),
        "    text: C'est un vrai soulagement pour nous tous\n    speaker: Martine Roux\n".into(),
        "Après dix-huit mois de travaux, le marché couvert".into(),
    ] {
        assert!(
            article.contains(&expected),
            "missing {expected:?} in\n{article}"
        );
    }
    assert!(
        !article.contains("Accueil") && !article.contains("Mentions"),
        "{article}"
    );

    // The same URL again, or the page it redirected to: not fetched twice.
    let id = files[0].file_stem().unwrap().to_str().unwrap();
    for again in [url.clone(), format!("{base}/article")] {
        let out = import(&corpus, &[&again]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            text(&out.stderr).lines().next().unwrap(),
            format!("{again}: error: already imported: article `{id}` has this URL")
        );
    }
    assert_eq!(articles(&corpus).len(), 1);
}

#[test]
fn http_errors_redirect_loops_timeouts_size_and_type_are_one_line_errors_and_the_others_go_on() {
    let base = serve();
    // A port nobody listens on: bound, then let go.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    let tls = base.replace("http://", "https://");
    let cases = [
        (format!("{base}/missing"), "the server answered HTTP 404 (not found)".to_string()),
        (format!("{base}/broken"), "the server answered HTTP 500 (internal server error)".into()),
        (format!("{base}/loop"), "more than 10 redirects".into()),
        (format!("{base}/slow"), "no complete answer within 0.5 s (timeout)".into()),
        (format!("{base}/big"), "the page is larger than 16 MiB (the size cap)".into()),
        (
            format!("{base}/report.pdf"),
            "not an HTML page: the server sent content type `application/pdf` (only text/html is imported)".into(),
        ),
        (format!("http://127.0.0.1:{closed}/"), "could not connect to the server (connection refused)".into()),
    ];
    let mut args: Vec<&str> = vec!["--timeout", "0.5"];
    args.extend(cases.iter().map(|(u, _)| u.as_str()));
    let good = format!("{base}/article");
    args.push(&good);
    args.push(&tls);
    let out = import(&corpus, &args);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), cases.len() + 1, "{err}");
    for ((url, message), line) in cases.iter().zip(&lines) {
        assert_eq!(*line, format!("{url}: error: {message}"));
    }
    // A TLS handshake with a server that speaks plain HTTP.
    assert!(
        lines[cases.len()].starts_with(&format!("{tls}: error: TLS error: ")),
        "{err}"
    );
    assert_eq!(articles(&corpus).len(), 1, "the good page is written");
    assert!(text(&out.stdout).contains("imported 1 article(s), 1 quote(s); 8 source(s) failed"));
}

#[test]
fn a_timeout_that_is_not_a_positive_number_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    for bad in ["0", "-1", "NaN"] {
        let flag = format!("--timeout={bad}");
        let out = import(&corpus, &[&flag, "http://127.0.0.1:9/"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert_eq!(
            text(&out.stderr),
            "chronique: error: --timeout takes a number of seconds above 0\n"
        );
    }
    assert!(!corpus.exists());
}
