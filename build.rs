//! Embeds the sample corpus in `data/` into the binary: generates a list of
//! `include_str!` for `data/timeline.yaml` and every `data/articles/*.md`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut out = String::new();
    let timeline = root.join("timeline.yaml");
    if timeline.exists() {
        writeln!(
            out,
            "pub const TIMELINE: Option<&str> = Some(include_str!({:?}));",
            timeline
        )
        .unwrap();
    } else {
        out.push_str("pub const TIMELINE: Option<&str> = None;\n");
    }
    let mut names: Vec<String> = std::fs::read_dir(root.join("articles"))
        .map(|dir| {
            dir.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".md") && !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    out.push_str("pub const ARTICLES: &[(&str, &str)] = &[\n");
    for name in names {
        let path = root.join("articles").join(&name);
        writeln!(out, "    ({name:?}, include_str!({path:?})),").unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_corpus.rs");
    std::fs::write(dest, out).unwrap();
}
