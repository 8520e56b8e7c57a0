//! Channels of a company: web chat, e-mail, WhatsApp Cloud API, Twilio SMS
//! and WhatsApp. Secrets — inbound tokens included — are sealed at rest;
//! each channel has the webhook URL to paste into its provider and a log of
//! what arrived. An e-mail channel sends as its own address only after the
//! address confirmed a code ([`service`]).

pub mod clients;
pub mod http;
pub mod model;
pub mod repo;
pub mod service;
pub mod templates;
