use super::color::contrast;
use super::parse::{parse, Kind};
use super::*;
use ratatui::style::{Color, Modifier};
use std::fs;
use std::path::Path;

fn user(text: &str) -> Result<Theme, String> {
    parse(text, Path::new("t/mine.yaml"), Kind::User("mine"))
        .map(|p| p.theme)
        .map_err(|d| d.to_string())
}

fn builtin_text(name: &str) -> &'static str {
    BUILTIN.iter().find(|(n, ..)| *n == name).unwrap().2
}

#[test]
fn every_builtin_parses_and_sets_every_style() {
    for (name, path, text) in BUILTIN {
        let parsed =
            parse(text, path.as_ref(), Kind::BuiltIn(name)).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(parsed.theme.name, *name);
        assert!(parsed.description.is_some(), "{name} has no description");
        assert!(parsed.theme.speakers.len() >= 6, "{name}: speaker palette");
        // The parser rejects a built-in missing a style; check the text too,
        // so an accidental `Style::default()` fallback cannot hide one.
        for style in STYLE_NAMES {
            assert!(
                text.contains(&format!("\n  {style}: ")),
                "{name} does not set `{style}`"
            );
        }
    }
    assert_eq!(Theme::default().name, "default");
    assert!(Theme::builtin("nope").is_none());
}

#[test]
fn a_builtin_missing_a_style_is_an_error() {
    let text = builtin_text("default").replace("  quote_selected:", "  # quote_selected:");
    let e = parse(
        &text,
        Path::new("themes/default.yaml"),
        Kind::BuiltIn("default"),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("missing: quote_selected"), "{e}");
}

#[test]
fn highlights_stand_apart_in_every_builtin() {
    for (name, ..) in BUILTIN {
        let t = Theme::builtin(name).unwrap();
        let distinct = [t.quote, t.quote_selected, t.reader_quote, t.selection];
        for (i, a) in distinct.iter().enumerate() {
            for b in &distinct[i + 1..] {
                assert_ne!(a, b, "{name}: two highlights look the same");
            }
        }
        for s in &t.speakers {
            assert_ne!(*s, t.quote, "{name}: a speaker looks like a quote");
        }
    }
}

/// Contrast of `fg` over `bg`, falling back to the base colours.
fn ratio(t: &Theme, style: Style) -> f64 {
    let fg = style.fg.or(t.base.fg).unwrap();
    let bg = style.bg.or(t.base.bg).unwrap();
    contrast(fg, bg).unwrap()
}

#[test]
fn coloured_builtins_are_readable() {
    for (name, min_text, min_any) in [
        ("default", 7.0, 4.5),
        ("light", 7.0, 4.5),
        ("high-contrast", 15.0, 7.0),
    ] {
        let t = Theme::builtin(name).unwrap();
        assert!(
            ratio(&t, t.body) >= min_text,
            "{name}: body {:.1}",
            ratio(&t, t.body)
        );
        for (style_name, style) in t.styles() {
            // Borders are decoration, not text.
            if style_name.starts_with("border") || style.fg.is_none() {
                continue;
            }
            let r = ratio(&t, style);
            assert!(r >= min_any, "{name}: `{style_name}` contrast {r:.1}");
        }
        for (i, s) in t.speakers.iter().enumerate() {
            let r = ratio(&t, *s);
            assert!(r >= min_any, "{name}: speaker {i} contrast {r:.1}");
        }
    }
}

#[test]
fn speaker_colours_differ_from_each_other_and_from_quotes() {
    for name in ["default", "light", "high-contrast"] {
        let t = Theme::builtin(name).unwrap();
        let fgs: Vec<Color> = t.speakers.iter().map(|s| s.fg.unwrap()).collect();
        for (i, a) in fgs.iter().enumerate() {
            for b in &fgs[i + 1..] {
                assert_ne!(a, b, "{name}: two speakers share a colour");
            }
            assert_ne!(
                Some(*a),
                t.quote.fg,
                "{name}: speaker {i} uses the quote colour"
            );
            assert_ne!(
                Some(*a),
                t.quote.bg,
                "{name}: speaker {i} uses the quote colour"
            );
        }
    }
}

#[test]
fn monochrome_has_no_colours_but_distinct_highlights() {
    let t = resolve(Some("light"), true, None).unwrap();
    assert_eq!(t.name, "monochrome");
    let no_color = |c: Option<Color>| matches!(c, None | Some(Color::Reset));
    for (name, s) in t.styles() {
        assert!(no_color(s.fg) && no_color(s.bg), "`{name}` has a colour");
    }
    for s in &t.speakers {
        assert!(no_color(s.fg) && no_color(s.bg));
    }
    let highlights = [t.quote, t.quote_selected, t.reader_quote, t.selection];
    for (i, a) in highlights.iter().enumerate() {
        assert_ne!(
            a.add_modifier,
            Modifier::empty(),
            "highlight {i} is invisible"
        );
        for b in &highlights[i + 1..] {
            assert_ne!(a, b);
        }
    }
}

#[test]
fn speaker_style_is_stable_and_uses_the_palette() {
    let t = Theme::default();
    // FNV-1a is fixed: these indexes hold on every run and machine.
    let a = t.speaker_style("Parler");
    assert_eq!(a, t.speaker_style("Parler"));
    assert_eq!(a, t.speaker_style("  Parler "));
    assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(
        a,
        t.speakers[(fnv1a("Parler") % t.speakers.len() as u64) as usize]
    );
    assert_eq!(t.speaker_style(""), t.speaker);
    let names = [
        "Parler",
        "AWS",
        "John Matze",
        "Barbara Rothstein",
        "Amy Klobuchar",
        "Apple",
        "Google",
        "Twitter",
    ];
    let used: std::collections::HashSet<_> = names.iter().map(|n| t.speaker_style(n)).collect();
    assert!(
        used.len() >= 4,
        "8 speakers use only {} colours",
        used.len()
    );
    let empty = Theme {
        speakers: vec![],
        ..Theme::default()
    };
    assert_eq!(empty.speaker_style("AWS"), empty.speaker);
}

#[test]
fn user_themes_extend_default_and_override_styles() {
    let t = user("styles:\n  quote: { fg: red, modifiers: [italic] }\n").unwrap();
    let d = Theme::default();
    assert_eq!(t.name, "mine");
    assert_eq!(
        t.quote,
        Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC)
    );
    assert_eq!(t.body, d.body);
    assert_eq!(t.speakers, d.speakers);

    let t = user("extends: light\npalette:\n  ink: \"#102030\"\nstyles:\n  body: ink\nspeakers: [red, 208]\n").unwrap();
    let l = Theme::builtin("light").unwrap();
    assert_eq!(t.body, Style::new().fg(Color::Rgb(0x10, 0x20, 0x30)));
    assert_eq!(t.quote, l.quote);
    assert_eq!(
        t.speakers,
        vec![
            Style::new().fg(Color::Red),
            Style::new().fg(Color::Indexed(208))
        ]
    );
}

/// The error for `text`, with its position.
fn error(text: &str) -> String {
    user(text).unwrap_err()
}

#[test]
fn errors_name_file_line_and_column() {
    // Unknown style key, with a suggestion.
    let e = error("name: mine\nstyles:\n  body: red\n  quot: { fg: red }\n");
    assert!(
        e.starts_with("t/mine.yaml:4:3: error: unknown field `quot`"),
        "{e}"
    );
    assert!(e.contains("did you mean `quote`?"), "{e}");
    // Bad colour, in a map and as a bare colour; earliest first.
    let e = error("styles:\n  quote: { fg: amberr }\n  body: bleu\n");
    assert!(
        e.starts_with("t/mine.yaml:2:16: error: unknown colour `amberr`"),
        "{e}"
    );
    let e = error("styles:\n  body: bleu\n");
    assert!(
        e.starts_with("t/mine.yaml:2:9: error: unknown colour `bleu`"),
        "{e}"
    );
    assert!(e.contains("did you mean `blue`?"), "{e}");
    // Bad modifier in a block list.
    let e = error("styles:\n  quote:\n    fg: red\n    modifiers:\n      - bold\n      - blink\n");
    assert!(
        e.starts_with("t/mine.yaml:6:9: error: unknown modifier `blink`"),
        "{e}"
    );
    // Unknown key inside a style map.
    let e = error("styles:\n  quote: { fg: red, colour: blue }\n");
    assert!(
        e.starts_with("t/mine.yaml:2:21: error: unknown field `colour`"),
        "{e}"
    );
    // Unknown top-level key.
    let e = error("style:\n  quote: red\n");
    assert!(
        e.starts_with("t/mine.yaml:1:1: error: unknown field `style`"),
        "{e}"
    );
    // Wrong type.
    let e = error("styles:\n  quote: [red]\n");
    assert!(e.starts_with("t/mine.yaml:2:10: error:"), "{e}");
    let e = error("speakers:\n  - red\n  - { fg: 300 }\n");
    assert!(
        e.starts_with("t/mine.yaml:3:11: error: colour index 300"),
        "{e}"
    );
    // YAML syntax error.
    let e = error("styles:\n  quote: { fg: red\n  body: blue\n");
    assert!(e.starts_with("t/mine.yaml:3:"), "{e}");
    // Unknown theme to extend.
    let e = error("extends: dark\n");
    assert!(
        e.starts_with("t/mine.yaml:1:10: error: unknown built-in theme `dark`"),
        "{e}"
    );
    // Name that does not match the file.
    let e = error("name: other\n");
    assert!(e.starts_with("t/mine.yaml:1:7: error:"), "{e}");
    // Palette problems.
    let e = error("palette:\n  amber: \"#e0af6\"\n");
    assert!(e.starts_with("t/mine.yaml:2:10: error: bad colour"), "{e}");
    assert!(error("").contains("empty theme file"));
}

#[test]
fn a_builtin_cannot_extend() {
    let e = parse(
        "extends: light\n",
        Path::new("themes/x.yaml"),
        Kind::BuiltIn("x"),
    )
    .unwrap_err();
    assert_eq!(e.pos, crate::diagnostic::Pos::new(1, 1));
}

#[test]
fn resolve_prefers_user_themes_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("default.yaml"), "styles:\n  body: red\n").unwrap();
    fs::write(
        d.join("sepia.yaml"),
        "description: Brown ink\nextends: light\nstyles:\n  body: \"#5b4636\"\n",
    )
    .unwrap();
    fs::write(d.join("broken.yaml"), "styles:\n  body: rouge\n").unwrap();
    fs::write(d.join("notes.txt"), "not a theme").unwrap();

    assert_eq!(
        resolve(None, false, Some(d)).unwrap().body,
        Style::new().fg(Color::Red)
    );
    assert_eq!(
        resolve(Some("light"), false, Some(d)).unwrap(),
        Theme::builtin("light").unwrap()
    );
    let sepia = resolve(Some("sepia"), false, Some(d)).unwrap();
    assert_eq!(sepia.body.fg, Some(Color::Rgb(0x5b, 0x46, 0x36)));
    assert_eq!(
        resolve(Some("sepia"), false, None).unwrap_err().to_string(),
        "unknown theme `sepia`: available themes are default, light, high-contrast, monochrome"
    );
    let e = resolve(Some("broken"), false, Some(d)).unwrap_err();
    assert_eq!(e.path(), Some(d.join("broken.yaml").as_path()));
    assert!(e.to_string().ends_with("broken.yaml:2:9: error: unknown colour `rouge`: use a palette name, `#rrggbb`, an index 0-255, or one of black, red, green, yellow, blue, magenta, cyan, gray, dark_gray, light_red, light_green, light_yellow, light_blue, light_magenta, light_cyan, white, reset"), "{e}");
    let e = resolve(Some("nope"), false, Some(d))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("broken") && e.contains("sepia") && e.contains("high-contrast"),
        "{e}"
    );
    assert!(resolve(Some("../x"), false, Some(d)).is_err());
    // NO_COLOR wins over any name, even a user theme.
    assert_eq!(
        resolve(Some("sepia"), true, Some(d)).unwrap(),
        Theme::monochrome()
    );

    let names: Vec<String> = list(Some(d)).into_iter().map(|t| t.name).collect();
    assert_eq!(
        names,
        [
            "default",
            "light",
            "high-contrast",
            "monochrome",
            "broken",
            "sepia"
        ]
    );
    let text = list_text(Some(d));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(
        lines[0].starts_with("default ") && lines[0].contains("(replaces the built-in)"),
        "{text}"
    );
    assert!(
        lines[1].contains("built-in") && lines[1].contains("Light theme"),
        "{text}"
    );
    assert!(
        lines[4].contains("BROKEN: ") && lines[4].contains("broken.yaml:2:9: error"),
        "{text}"
    );
    assert!(lines[5].ends_with("Brown ink"), "{text}");
    assert_eq!(list_text(Some(&d.join("missing"))).lines().count(), 4);
}

#[test]
fn duplicates_wrong_shapes_and_syntax_errors_are_placed() {
    let e = error("styles:\n  quote:\n    fg: red\n  body: blue\n  quote: blue\n");
    assert_eq!(
        e,
        "t/mine.yaml:2:3: error: `quote` is set more than once in `styles`: keep one"
    );
    let e = error("styles:\n  quote: { fg: red\n  body: blue\n");
    assert!(e.starts_with("t/mine.yaml:3:7: error: "), "{e}");
    assert!(e.contains("did not find expected ','"), "{e}");
    let e = error("- a\n");
    assert!(
        e.starts_with(
            "t/mine.yaml:1:1: error: wrong type: sequence, expected a map of theme settings"
        ),
        "{e}"
    );
    let e = error("styles:\n  quote: { modifiers: bold }\n");
    assert!(
        e.starts_with("t/mine.yaml:2:23: error: `modifiers`: wrong type"),
        "{e}"
    );
}

#[test]
fn indexed_themes_have_no_rgb_and_keep_highlights_apart() {
    for (name, ..) in BUILTIN {
        let t = Theme::builtin(name).unwrap().to_indexed();
        let all = t
            .styles()
            .into_iter()
            .map(|(_, s)| s)
            .chain(t.speakers.iter().copied());
        for s in all {
            assert!(!matches!(s.fg, Some(Color::Rgb(..))), "{name}: {s:?}");
            assert!(!matches!(s.bg, Some(Color::Rgb(..))), "{name}: {s:?}");
        }
        let highlights = [t.quote, t.quote_selected, t.reader_quote, t.selection];
        for (i, a) in highlights.iter().enumerate() {
            for b in &highlights[i + 1..] {
                assert_ne!(a, b, "{name}");
            }
        }
        if *name == "monochrome" {
            continue;
        }
        let body_bg = t.base.bg;
        let fgs: std::collections::HashSet<_> = t.speakers.iter().map(|s| s.fg).collect();
        assert_eq!(
            fgs.len(),
            t.speakers.len(),
            "{name}: speakers merge in 256 colours"
        );
        assert_ne!(
            t.selection.bg, body_bg,
            "{name}: selection vanishes in 256 colours"
        );
        assert_ne!(
            t.reader_quote.bg, body_bg,
            "{name}: reader quote vanishes in 256 colours"
        );
    }
}

#[test]
fn the_readme_example_is_a_valid_theme() {
    let doc = include_str!("../../README.md");
    let from = doc.find("# ~/.config/chronique/themes/sepia.yaml").unwrap();
    let start = doc[..from].rfind("```yaml\n").unwrap() + 8;
    let end = start + doc[start..].find("```").unwrap();
    let t = parse(
        &doc[start..end],
        Path::new("sepia.yaml"),
        Kind::User("sepia"),
    )
    .unwrap_or_else(|d| panic!("{d}"))
    .theme;
    assert_eq!(t.body.fg, Some(Color::Rgb(0x5b, 0x46, 0x36)));
    assert_eq!(t.speakers.len(), 5);
    assert_eq!(t.status_bar, Theme::builtin("light").unwrap().status_bar);
}

#[test]
fn the_theme_list_is_one_line_a_theme_with_nothing_the_terminal_obeys() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("evil\x1b]0;x\x07.yaml"),
        "description: \"Sepia\\e]52;c;cHduZWQ=\\a\\nsecond line\"\n",
    )
    .unwrap();
    std::fs::write(d.join("bad.yaml"), "styles: { body: \"\\e[2J\" }\n").unwrap();
    let text = list_text(Some(d));
    assert_eq!(text.lines().count(), 6, "{text:?}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("Sepia␛]52;c;cHduZWQ=␇␊second line"), "{text}");
    assert!(text.contains("evil␛]0;x␇"), "{text}");
}

#[test]
fn a_theme_that_is_not_utf8_is_placed_at_its_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("latin1.yaml"), b"styles:\n  body: r\xE9d\n").unwrap();
    let e = resolve(Some("latin1"), false, Some(d)).unwrap_err();
    let expected = format!(
        "{}:2:10: error: invalid UTF-8 (byte 0xE9): save the file as UTF-8",
        d.join("latin1.yaml").display()
    );
    assert_eq!(e.to_string(), expected);
}

#[test]
fn a_huge_palette_and_many_bad_styles_load_in_one_pass() {
    // 50,000 palette entries: each key compared with every earlier one took
    // 5.8 s in `--list-themes`.
    let mut text = String::from("palette:\n");
    for i in 0..50_000 {
        text.push_str(&format!("  c{i}: \"#102030\"\n"));
    }
    text.push_str("styles:\n  body: c49999\n");
    assert_eq!(
        user(&text).unwrap().body,
        Style::new().fg(Color::Rgb(0x10, 0x20, 0x30))
    );
    // 20,000 unknown styles: each placed on its own was a walk of the file.
    let mut text = String::from("styles:\n");
    for i in 0..20_000 {
        text.push_str(&format!("  s{i}: red\n"));
    }
    let e = user(&text).unwrap_err();
    assert!(
        e.starts_with("t/mine.yaml:2:3: error: unknown field `s0`"),
        "{e}"
    );
}
