//! Money received and given back: payments (manual or from a gateway),
//! their allocation across a customer's invoices, customer credit from
//! overpayments, refunds, and payments held for review when a gateway's
//! amount does not match.

pub mod http;
pub mod model;
pub mod receipt;
pub mod repo;
pub mod service;
