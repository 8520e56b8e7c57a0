//! Channels of a company: web chat, e-mail, WhatsApp Cloud API, Twilio SMS
//! and WhatsApp. Secrets are sealed at rest; each channel has the webhook
//! URL to paste into its provider and a log of what arrived.

pub mod clients;
pub mod http;
pub mod model;
pub mod repo;
