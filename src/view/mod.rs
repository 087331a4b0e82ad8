//! Documents built once per width from the corpus and the annotations, with
//! no reader state: wrapped lines with roles, where quotes and items fall.
//! The app keeps them; the ui draws them.

pub mod article;
pub mod citation;
pub mod details;
pub mod details_accounts;
pub mod details_notes;
pub mod search_preview;
pub mod wrap;
