pub mod device;
pub mod http;
pub mod model;
pub mod repo;
pub mod service;
