//! Subscriptions (assinaturas): a recurring contract bills every period on
//! its anchor day. The billing job is a delayed job per subscription,
//! due at the next period start; it bills every period that has started
//! (catching up after downtime) and the unique (subscription, period)
//! key makes a second run a no-op.

pub mod http;
pub mod model;
pub mod repo;
pub mod service;
