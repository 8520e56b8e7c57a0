//! The provider clients a channel's settings and secrets describe, built in
//! one place for delivery, "test connection" and media downloads, all on
//! the process's one [`egress::Egress`].

use channels::{sendgrid, twilio, whatsapp};
use kernel::App;

use super::model::{ChannelKind, Secrets};
use super::repo::ChannelRow;

/// The provider hosts a channel kind's `base_url` may name without the
/// operator's `EGRESS_ALLOW_HOSTS`.
pub fn api_scope(kind: ChannelKind) -> Option<egress::Scope> {
    match kind {
        ChannelKind::Webchat => None,
        ChannelKind::Email => Some(sendgrid::API),
        ChannelKind::Whatsapp => Some(whatsapp::API),
        ChannelKind::TwilioSms | ChannelKind::TwilioWhatsapp => Some(twilio::API),
    }
}

impl ChannelRow {
    /// The stored base URL (a sandbox or test double the operator allowed),
    /// else the provider's own. Rows saved before the allow-list existed are
    /// still checked on every call.
    fn base_url(&self, provider: &str) -> String {
        self.setting("base_url").filter(|u| !u.trim().is_empty()).unwrap_or_else(|| provider.to_string())
    }

    pub fn whatsapp(&self, app: &App, secrets: &Secrets) -> whatsapp::Client {
        whatsapp::Client::new(
            &app.egress,
            &self.base_url(whatsapp::GRAPH_BASE_URL),
            secrets.get("access_token").map(String::as_str).unwrap_or_default(),
            &self.setting("phone_number_id").unwrap_or_default(),
        )
    }

    pub fn twilio(&self, app: &App, secrets: &Secrets) -> twilio::Client {
        twilio::Client::new(
            &app.egress,
            &self.base_url(twilio::API_BASE_URL),
            &self.setting("account_sid").unwrap_or_default(),
            secrets.get("auth_token").map(String::as_str).unwrap_or_default(),
        )
    }

    pub fn sendgrid(&self, app: &App, api_key: &str) -> sendgrid::Client {
        sendgrid::Client::new(&app.egress, &self.base_url(sendgrid::API_BASE_URL), api_key)
    }
}
