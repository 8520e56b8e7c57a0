pub mod csv_file;
pub mod http;
pub mod model;
pub mod repo;
pub mod service;
