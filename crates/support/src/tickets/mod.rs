//! Tickets and their messages, notes and activities; the inbox's API; the
//! outbound delivery jobs; the sale in one thread ([`sale`]).

pub mod http;
pub mod model;
pub mod outbound;
pub mod repo;
pub mod sale;
pub mod service;
