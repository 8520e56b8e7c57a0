//! The dashboard (`/dashboard`, the app's home): the period's numbers of
//! support, sales and finance against the period before, from daily
//! rollups per company and per person that the typed events keep current
//! ([`rollup`]), never by scanning the records per request.

pub mod facts;
pub mod http;
pub mod metric;
pub mod model;
pub mod period;
pub mod repo;
pub mod rollup;
