pub mod document;
pub mod http;
pub mod model;
pub mod pricing;
pub mod public_http;
pub mod repo;
pub mod service;
