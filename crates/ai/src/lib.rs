//! Text analysis for triage, offline by default, and the LLM clients.
//!
//! - [`triage::analyse`]: intent, priority, sentiment, language and urgency
//!   cues of a message, from the built-in pt-BR [`starter`] model and, when
//!   the company has one, its own [`CompanyModel`] — microseconds, no
//!   network, no download at run time;
//! - [`bayes`], [`text`]: the classifier and its features, shared with
//!   `build.rs`, which trains the starter model from `data/starter/`;
//! - [`sentiment`]: the LeIA lexicon with VADER's rules;
//! - [`mask`]: personal data out of a text before it leaves the server;
//! - [`similar`]: TF-IDF cosine ranking, for reply suggestions offline;
//! - [`summary`]: an extractive summary of a conversation, offline;
//! - [`topics`]: the words customers use more than in the period before;
//! - [`eval`]: accuracy, macro-F1 and the confusion matrix of a model on a
//!   held-out set (`conectcrm ai eval`);
//! - [`llm`]: OpenAI (and OpenAI-compatible servers) and Anthropic behind
//!   one trait, answering JSON to a schema, through [`egress`] only; the
//!   typed triage, summary and reply suggestion on top.
//!
//! Knows no table: the domains store what it returns.

pub mod bayes;
pub mod cues;
pub mod eval;
pub mod language;
pub mod llm;
pub mod mask;
pub mod sentiment;
pub mod similar;
pub mod starter;
pub mod summary;
pub mod text;
pub mod topics;
pub mod triage;

pub use events::{Intent, Priority, Sentiment, TriageEngine};
pub use triage::{Analysis, CompanyModel, Guess, Labelled, analyse};
