//! Documents built once per width from the corpus and the annotations, with
//! no reader state: wrapped lines with roles, where quotes and items fall.
//! The app keeps them; the ui draws them.

pub mod article;
pub mod citation;
pub mod details;
pub mod markers;
pub mod search_preview;
pub mod text;
pub mod wrap;
