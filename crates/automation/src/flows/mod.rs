pub mod definition;
pub mod http;
pub mod model;
pub mod repo;
pub mod service;
