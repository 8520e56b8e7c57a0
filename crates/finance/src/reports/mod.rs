//! Finance views: receivables (due soon, overdue by age, received), cash
//! received by month, MRR/ARR and churned MRR, and the CSV export.

pub mod http;
pub mod model;
pub mod repo;
