pub mod definition;
pub mod fan_out;
pub mod gallery;
pub mod http;
pub mod model;
pub mod repo;
pub mod schedule;
pub mod service;
