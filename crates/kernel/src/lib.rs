//! The ground every ConectCRM module stands on.
//!
//! Domain crates (`accounts`, later `crm`, `support`, `finance`, …) depend on
//! this crate only, never on each other; they talk through the domain-event
//! outbox ([`outbox`]) and background jobs ([`jobs`]).

pub mod address;
pub mod app;
pub mod auth;
pub mod br;
pub mod business_hours;
pub mod cep;
pub mod client_ip;
pub mod config;
pub mod counters;
pub mod db;
pub mod email;
pub mod error;
pub mod http;
pub mod idempotency;
pub mod ids;
pub mod inbox;
pub mod jobs;
pub mod mail;
pub mod money;
pub mod outbox;
pub mod pagination;
pub mod phone;
pub mod realtime;
pub mod search;
pub mod secrets;
pub mod session;
pub mod sheet;
pub mod storage;
pub mod tenant;

pub use app::App;
pub use error::{Error, Result};
