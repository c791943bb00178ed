//! whosaid: index a news archive and search its quotes by speaker and place.
//!
//! One direction of flow (see `ARCHITECTURE.md`):
//! archive → reader → [`Article`] → [`extract`] → quotes, speakers, places → [`index`] writer;
//! query → [`search`] → render.

pub mod archive;
pub mod article;
pub mod extract;
pub mod places;

pub use article::Article;
