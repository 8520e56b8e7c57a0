//! Per-company finance settings: late-fee policy, PIX receiving data,
//! default due days and the dunning schedule.

pub mod http;
pub mod model;
pub mod repo;
