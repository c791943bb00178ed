//! whosaid: index a news archive and search its quotes by speaker and place.
//!
//! One direction of flow (see `ARCHITECTURE.md`):
//! [`archive`] → [`Article`] → [`extract`] (quotes, speakers, [`places`]) → [`docs`] →
//! [`index`] writer; query → [`search`] → render. [`pipeline`] runs the first half on all
//! cores; [`commands`] wires each command.

pub mod archive;
pub mod article;
pub mod cli;
pub mod commands;
pub mod docs;
pub mod error;
pub mod extract;
pub mod index;
pub mod pipeline;
pub mod places;
pub mod search;

pub use article::Article;
pub use error::{Error, Result};
