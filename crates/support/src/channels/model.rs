use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use events::ChannelKind;

/// What each channel kind needs from the company, a support rule about
/// the kinds of the shared vocabulary.
pub trait ChannelRules {
    /// The token a provider sends back to prove a webhook is ours (e-mail's
    /// `?token=`, Meta's `hub.verify_token`): sealed, generated when absent.
    fn inbound_secret_key(self) -> Option<&'static str>;
    /// Secrets each kind needs (sealed), and settings (plain).
    fn required(self) -> (&'static [&'static str], &'static [&'static str]);
}

impl ChannelRules for ChannelKind {
    fn inbound_secret_key(self) -> Option<&'static str> {
        match self {
            Self::Email => Some("inbound_token"),
            Self::Whatsapp => Some("verify_token"),
            _ => None,
        }
    }

    fn required(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Self::Webchat => (&[], &[]),
            Self::Email => (&[], &["address"]),
            Self::Whatsapp => (&["access_token", "app_secret"], &["phone_number_id"]),
            Self::TwilioSms | Self::TwilioWhatsapp => (&["auth_token"], &["account_sid", "from"]),
        }
    }
}

/// Secrets as stored (sealed JSON): access_token, app_secret, verify_token,
/// auth_token, sendgrid_api_key, inbound_token…
pub type Secrets = BTreeMap<String, String>;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Channel {
    pub id: Uuid,
    pub kind: ChannelKind,
    pub name: String,
    /// Plain settings: phone_number_id, account_sid, from, address, color, greeting, prechat…
    #[schema(value_type = Object)]
    pub config: serde_json::Value,
    pub enabled: bool,
    pub team_id: Option<Uuid>,
    /// `<tenant>.<channel>`: the web-chat widget's `data-channel`, and the last part of webhook URLs.
    pub public_id: String,
    /// Paste into the provider (WhatsApp, Twilio, SendGrid Inbound Parse, or any MIME forwarder).
    pub webhook_url: Option<String>,
    /// Names of the secrets stored (never their values).
    pub secrets: Vec<String>,
    /// E-mail: the inbound token; WhatsApp: the verify token. Whole for
    /// owners and admins; other roles see only its last 4 characters.
    pub inbound_secret: Option<String>,
    /// E-mail: whether replies go out From `config.address` (proven by a
    /// code) or from the platform's sender with Reply-To the address.
    pub sender: Option<SenderStatus>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SenderStatus {
    pub address: String,
    /// The address received and confirmed a code: replies go out From it.
    pub verified: bool,
    /// When the last code was sent to this address (pending confirmation).
    pub code_sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifySenderRequest {
    /// The 6 digits e-mailed to the channel's address.
    pub code: String,
}

/// Shown once, right after a rotation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RotatedSecret {
    pub inbound_secret: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct SaveChannelRequest {
    pub kind: ChannelKind,
    pub name: String,
    #[serde(default)]
    #[schema(value_type = Object)]
    pub config: serde_json::Value,
    /// Replaces the stored secrets given here; others stay.
    #[serde(default)]
    pub secrets: Secrets,
    pub enabled: Option<bool>,
    pub team_id: Option<Uuid>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChannelTest {
    pub ok: bool,
    pub message: String,
}
