//! Outgoing webhooks (Configurações → Integrações): a company's endpoints
//! subscribed to event kinds, and the log of signed deliveries to them.

pub mod http;
pub mod model;
pub mod repo;
pub mod service;
