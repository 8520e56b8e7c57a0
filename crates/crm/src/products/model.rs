use chrono::{DateTime, Utc};
use kernel::error::Violations;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use events::Billing;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Product {
    pub id: Uuid,
    pub sku: String,
    pub name: String,
    pub description: Option<String>,
    /// `un`, `h`, `mês`, `kg`…
    pub unit: String,
    pub price_cents: i64,
    pub currency: String,
    pub billing: Billing,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductPage {
    pub items: Vec<Product>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductRequest {
    pub sku: String,
    pub name: String,
    pub description: Option<String>,
    #[serde(default = "default_unit")]
    pub unit: String,
    pub price_cents: i64,
    #[serde(default = "default_billing")]
    pub billing: Billing,
    #[serde(default = "yes")]
    pub active: bool,
}

fn default_unit() -> String {
    "un".into()
}
fn default_billing() -> Billing {
    Billing::OneTime
}
fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProductRequest {
    pub sku: Option<String>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "kernel::http::nullable")]
    #[schema(value_type = Option<String>)]
    pub description: Option<Option<String>>,
    pub unit: Option<String>,
    pub price_cents: Option<i64>,
    pub billing: Option<Billing>,
    pub active: Option<bool>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductFilter {
    pub limit: Option<i64>,
    pub cursor: Option<String>,
    /// Name or SKU.
    pub q: Option<String>,
    pub active: Option<bool>,
}

impl Product {
    /// Validates the product as it would be saved.
    pub fn check(&self) -> kernel::Result<()> {
        let mut v = Violations::new();
        if self.sku.is_empty() || self.sku.chars().count() > 60 {
            v.add("sku", "Informe o código (até 60 caracteres).");
        }
        if self.name.is_empty() || self.name.chars().count() > 200 {
            v.add("name", "Informe o nome (até 200 caracteres).");
        }
        if self.unit.is_empty() || self.unit.chars().count() > 20 {
            v.add("unit", "Informe a unidade (até 20 caracteres).");
        }
        if self.price_cents < 0 {
            v.add("price_cents", "O preço não pode ser negativo.");
        }
        if self.price_cents > 100_000_000_000 {
            v.add("price_cents", "Preço acima do permitido.");
        }
        v.finish()
    }
}
