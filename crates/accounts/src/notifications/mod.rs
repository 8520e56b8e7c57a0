//! Notifications: the bell (mentions, assignments, transfers, SLA
//! warnings, accepted proposals, payments received, failed deliveries),
//! each person's choices per kind (in the app, by e-mail, on the desktop),
//! delivered live to the person's Socket.IO room.

pub mod http;
pub mod model;
pub mod repo;
pub mod service;
