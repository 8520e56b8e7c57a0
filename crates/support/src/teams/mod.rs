//! Teams (equipes) with members and their capacity, queues (filas) with a
//! routing mode, agent presence, and routing itself.

pub mod http;
pub mod model;
pub mod repo;
pub mod routing;
