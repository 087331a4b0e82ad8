//! Reading `provenance:` (how a field the sources do not state was known)
//! and `accounts:` (what each source says about an event), with every
//! problem placed in the file.

use super::date::PartialDate;
use super::model::{Provenance, ProvenanceKind};
use super::raw;
use crate::diagnostic::{clip, Severity};
use crate::yaml::{self, At, Seg, YamlPath};

/// Where each problem goes: its place, how bad, the message.
pub(super) type Report<'a> = dyn FnMut(At, Severity, String) + 'a;

/// The provenance notes of an item whose fields are `fields`, in that
/// order. `base` is the path to the `provenance:` map; `what` names the
/// item in messages ("event", "article front matter").
pub(super) fn read_provenance(
    report: &mut Report,
    notes: Option<raw::Provenance>,
    base: &YamlPath,
    what: &str,
    fields: &[&str],
) -> Vec<Provenance> {
    let mut out = Vec::new();
    for (field, note) in notes.unwrap_or_default() {
        let mut path = base.clone();
        path.push(Seg::Key(field.clone()));
        if !fields.contains(&field.as_str()) {
            let what = format!("the provenance of an {what}");
            report(
                At::Key(path),
                Severity::Warning,
                yaml::unknown_field_message(&field, &what, fields),
            );
            continue;
        }
        let note = note.0.trim().to_string();
        let Some(kind) = ProvenanceKind::of_note(&note) else {
            report(At::Value(path), Severity::Error,
                format!(
                    "provenance of `{}` must begin with `editorial` (the editor wrote it: the source has none) or `inferred` (worked out: say how), not `{}`",
                    clip(&field),
                    clip(&note)
                ),
            );
            continue;
        };
        out.push(Provenance { field, kind, note });
    }
    out.sort_by_key(|p| fields.iter().position(|f| *f == p.field));
    out
}

/// An account read from the timeline, its source not yet resolved.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct PendingAccount {
    pub(super) source: String,
    pub(super) says: String,
    pub(super) date: Option<PartialDate>,
    pub(super) disputes: bool,
}

/// The accounts of event `row`; a date that is not a date is reported and
/// the account kept without it.
pub(super) fn read_accounts(
    report: &mut Report,
    accounts: Vec<raw::Account>,
    row: usize,
) -> Vec<PendingAccount> {
    accounts
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let date = a.date.and_then(|d| {
                PartialDate::parse(&d.0)
                    .map_err(|e| {
                        let path = crate::yaml_path!["events", row, "accounts", i, "date"];
                        report(At::Value(path), Severity::Error, e.0)
                    })
                    .ok()
            });
            if a.says.0.trim().is_empty() {
                let path = crate::yaml_path!["events", row, "accounts", i, "says"];
                report(
                    At::Value(path),
                    Severity::Error,
                    "empty account: write what the source says".into(),
                );
            }
            PendingAccount {
                source: a.source,
                says: a.says.0.trim().to_string(),
                date,
                disputes: a.disputes.unwrap_or(false),
            }
        })
        .collect()
}

/// Unknown fields found inside an event's `accounts:` are named against the
/// account's fields, not the event's.
pub(super) fn is_account_field(path: &YamlPath) -> bool {
    matches!(path.as_slice(), [_, _, Seg::Key(k), Seg::Index(_), _, ..] if k == "accounts")
}
