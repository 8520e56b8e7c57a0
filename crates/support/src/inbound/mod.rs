//! What arrives: provider webhooks and web-chat messages are verified,
//! stored raw (one row per provider message or status, keyed by the
//! provider's id, so redeliveries are not stored twice) and acknowledged;
//! [`intake`] turns them into tickets and messages.

pub mod hooks;
pub mod intake;
pub mod repo;
