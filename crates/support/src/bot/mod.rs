//! The service bot ("Bot IA", Automação → Bot): answers first on WhatsApp
//! and web chat — a greeting in the company's words, a numbered menu, the
//! customer's open invoices with link and PIX copia e cola (only to a
//! customer identified by the channel, and by CPF/CNPJ when one is on
//! file), the status of their tickets, the company's own FAQ — and hands
//! over to a person with what it did and a summary. [`engine`] decides,
//! purely; [`service`] is the job that runs a turn per customer message.

pub mod engine;
pub mod http;
pub mod model;
pub mod repo;
pub mod service;
