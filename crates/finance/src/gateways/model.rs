use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use events::GatewayProvider;

/// Stored sealed (AES-256-GCM); never returned by the API.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Credentials {
    pub api_key: String,
    /// Stripe: the endpoint's signing secret (whsec_…). Asaas: the token sent in `asaas-access-token`.
    pub webhook_secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Gateway {
    pub id: Uuid,
    pub provider: GatewayProvider,
    pub base_url: String,
    /// Last four characters of the API key.
    pub key_hint: String,
    pub enabled: bool,
    /// Paste this into the provider's webhook settings.
    pub webhook_url: String,
    /// Only in the answer that created it, when we generated it (Asaas): paste it as the webhook's token.
    pub webhook_secret: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct SaveGatewayRequest {
    pub provider: GatewayProvider,
    pub api_key: String,
    /// Stripe: required (whsec_…). Asaas: generated when empty.
    pub webhook_secret: Option<String>,
    /// Asaas sandbox instead of production.
    #[serde(default)]
    pub sandbox: bool,
    /// Another API address (a proxy, or a local test server).
    pub base_url: Option<String>,
    pub enabled: Option<bool>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConnectionTest {
    pub ok: bool,
    pub message: String,
}

/// How the customer wants to pay, for a charge at a gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChargeMethod {
    /// Stripe Checkout.
    Card,
    /// Asaas charge with PIX QR code and boleto.
    PixBoleto,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct ChargeRequest {
    pub method: ChargeMethod,
}
