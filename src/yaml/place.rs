//! Where a path is in a YAML text: yaml-rust2's event parser walks the
//! nodes, keeping the path of each, so a diagnostic made from a path
//! (serde_ignored's unknown fields, serde_path_to_error's fields) gets a
//! line and a column. Runs only when a diagnostic needs placing.

use super::{At, Seg, YamlPath};
use crate::diagnostic::Pos;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};

enum Frame {
    Map { key: Option<String>, is_key: bool },
    Seq { index: usize, is_key: bool },
}

/// Walks every node of `text`, calling `visit(path, is_key, pos)`; stops
/// early when `visit` returns true. Keys are visited as nodes of their own
/// (`is_key`). Iterative: deep nesting cannot overflow the stack.
fn walk(text: &str, mut visit: impl FnMut(&[Seg], bool, Pos) -> bool) {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut current: YamlPath = Vec::new();
    let mut pending = None;
    loop {
        let Some((event, mark)) = pending.take().or_else(|| parser.next_token().ok()) else {
            return;
        };
        let mut pos = Pos::new(mark.line(), mark.col() + 1);
        let container = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        if container {
            // A block collection's own mark is unreliable (it can sit on the
            // first key's colon): it starts where its first entry does.
            if let Ok(next) = parser.next_token() {
                if !matches!(next.0, Event::MappingEnd | Event::SequenceEnd) {
                    pos = Pos::new(next.1.line(), next.1.col() + 1);
                }
                pending = Some(next);
            }
        }
        if container || matches!(event, Event::Scalar(..) | Event::Alias(_)) {
            // Which role does this node play in its parent?
            let (seg, is_key) = match stack.last() {
                Some(Frame::Map { key: None, .. }) => {
                    let name = match &event {
                        Event::Scalar(s, ..) => s.clone(),
                        _ => String::new(),
                    };
                    (Some(Seg::Key(name)), true)
                }
                Some(Frame::Map { key: Some(k), .. }) => (Some(Seg::Key(k.clone())), false),
                Some(Frame::Seq { index, .. }) => (Some(Seg::Index(*index)), false),
                None => (None, false),
            };
            if let Some(seg) = &seg {
                current.push(seg.clone());
            }
            if visit(&current, is_key, pos) {
                return;
            }
            match event {
                Event::SequenceStart(..) => stack.push(Frame::Seq { index: 0, is_key }),
                Event::MappingStart(..) => stack.push(Frame::Map { key: None, is_key }),
                _ => {
                    if seg.is_some() {
                        current.pop();
                    }
                    finish_node(&mut stack, is_key, &event);
                }
            }
        } else if matches!(event, Event::SequenceEnd | Event::MappingEnd) {
            let Some(frame) = stack.pop() else {
                return;
            };
            let is_key = match frame {
                Frame::Map { is_key, .. } | Frame::Seq { is_key, .. } => is_key,
            };
            if !stack.is_empty() {
                current.pop();
            }
            finish_node(&mut stack, is_key, &Event::Nothing);
        } else if matches!(event, Event::StreamEnd) {
            return;
        }
    }
}

/// Finds where the node at `path` starts in `text` (its key, when `key` is
/// set). Returns `None` when the path is not there or the text does not parse.
pub fn locate(text: &str, path: &[Seg], key: bool) -> Option<Pos> {
    let mut found = None;
    walk(text, |current, is_key, pos| {
        let hit = current == path && is_key == key;
        if hit {
            found = Some(pos);
        }
        hit
    });
    found
}

/// A node is complete: move its parent on to the next key or index.
fn finish_node(stack: &mut [Frame], was_key: bool, event: &Event) {
    match stack.last_mut() {
        Some(Frame::Map { key, .. }) => {
            if was_key {
                *key = Some(match event {
                    Event::Scalar(s, ..) => s.clone(),
                    _ => String::new(),
                });
            } else {
                *key = None;
            }
        }
        Some(Frame::Seq { index, .. }) => *index += 1,
        None => {}
    }
}

/// Places a problem: `line_offset` is the number of lines before the YAML
/// text in its file (front matter starts below the `---` line).
pub fn place(text: &str, at: &At, line_offset: usize) -> Pos {
    place_all(text, &[at], line_offset)[0]
}

/// Places many problems with a single walk of the text (placing them one by
/// one would re-read a large timeline once per problem). A path that is not
/// there (a missing field) falls back to the closest enclosing node.
pub(crate) fn place_all(text: &str, ats: &[&At], line_offset: usize) -> Vec<Pos> {
    let mut wanted: HashMap<(YamlPath, bool), Option<Pos>> = HashMap::new();
    // Repeated keys: (path, nth repeat) → where, and how often each path's
    // key has been seen so far.
    let mut repeats: HashMap<(YamlPath, usize), Option<Pos>> = HashMap::new();
    let mut seen: HashMap<YamlPath, usize> = HashMap::new();
    for at in ats {
        let path = match at {
            At::Pos(_) => continue,
            At::Key(path) | At::Value(path) => {
                wanted.insert((path.clone(), matches!(at, At::Key(_))), None);
                path
            }
            At::Repeat(path, nth) => {
                repeats.insert((path.clone(), *nth), None);
                seen.insert(path.clone(), 0);
                wanted.insert((path.clone(), true), None);
                path
            }
        };
        for len in 0..path.len() {
            wanted.insert((path[..len].to_vec(), false), None);
        }
    }
    let deepest = wanted.keys().map(|(p, _)| p.len()).max().unwrap_or(0);
    if !wanted.is_empty() {
        let mut left = wanted.len() + repeats.len();
        walk(text, |current, is_key, pos| {
            if current.len() > deepest {
                return false;
            }
            if is_key && !seen.is_empty() {
                if let Some(count) = seen.get_mut(current) {
                    if let Some(slot @ None) = repeats.get_mut(&(current.to_vec(), *count)) {
                        *slot = Some(pos);
                        left -= 1;
                    }
                    *count += 1;
                }
            }
            if let Some(slot @ None) = wanted.get_mut(&(current.to_vec(), is_key)) {
                *slot = Some(pos);
                left -= 1;
            }
            left == 0
        });
    }
    let found = |path: &[Seg], key: bool| wanted.get(&(path.to_vec(), key)).copied().flatten();
    let enclosing = |path: &[Seg]| {
        (0..path.len())
            .rev()
            .find_map(|len| found(&path[..len], false))
    };
    // The parsers place an error at the end of a text without a final
    // newline on the line after it, which the file does not have.
    let end = Pos::of_offset(text, text.len());
    ats.iter()
        .map(|at| {
            let pos = match at {
                At::Pos(p) => Some(*p),
                At::Key(path) | At::Value(path) => {
                    found(path, matches!(at, At::Key(_))).or_else(|| enclosing(path))
                }
                At::Repeat(path, nth) => repeats
                    .get(&(path.clone(), *nth))
                    .copied()
                    .flatten()
                    .or_else(|| found(path, true))
                    .or_else(|| enclosing(path)),
            };
            pos.unwrap_or(Pos::START).min(end).below(line_offset)
        })
        .collect()
}
