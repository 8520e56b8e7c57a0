//! Invoices (faturas): a gapless number per company, items, totals, due
//! date, late fees, the public payment page and the PDF.

pub mod document;
pub mod http;
pub mod model;
pub mod public_http;
pub mod repo;
pub mod service;
