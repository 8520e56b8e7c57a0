//! The Asaas v3 calls ConectCRM makes.

use std::fmt;

use serde::{Deserialize, Serialize};

use egress::Egress;

use super::API;
use crate::{Error, wire};

/// An Asaas API client for one account (one API key).
#[derive(Clone)]
pub struct Client {
    base_url: String,
    api_key: String,
    http: Egress,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("asaas::Client")
            .field("base_url", &self.base_url)
            .field("api_key", &"[hidden]")
            .finish()
    }
}

/// How the customer may pay; `Undefined` lets them choose on Asaas's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BillingType {
    Pix,
    Boleto,
    CreditCard,
    Undefined,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomer {
    pub name: String,
    pub cpf_cnpj: Option<String>,
    pub email: Option<String>,
    /// Our id for the customer, echoed back by Asaas.
    pub external_reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCharge {
    /// The Asaas customer id (`cus_…`).
    pub customer: String,
    pub billing_type: BillingType,
    pub value_cents: i64,
    pub due_date: chrono::NaiveDate,
    pub description: String,
    /// Our id for what is charged (the invoice), echoed back in webhooks.
    pub external_reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// `pay_…`
    pub id: String,
    /// Asaas's status, e.g. `PENDING`, `RECEIVED`, `OVERDUE`.
    pub status: String,
    pub value_cents: i64,
    /// Asaas's payment page, where the customer may pay by any allowed method.
    pub invoice_url: Option<String>,
    /// The boleto PDF, for boleto charges.
    pub bank_slip_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PixQrCode {
    /// A PNG of the QR code, base64-encoded.
    pub encoded_image: String,
    /// The "copia e cola" BR Code.
    pub payload: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoletoLine {
    /// The 47-digit "linha digitável" a payer types into the bank app.
    pub identification_field: String,
    /// The 44-digit bar code.
    pub bar_code: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CustomerBody<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cpf_cnpj: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    external_reference: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChargeBody<'a> {
    customer: &'a str,
    billing_type: BillingType,
    value: f64,
    due_date: String,
    description: &'a str,
    external_reference: &'a str,
}

#[derive(Deserialize)]
struct Created {
    id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCharge {
    id: String,
    status: String,
    value: f64,
    invoice_url: Option<String>,
    bank_slip_url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPixQrCode {
    encoded_image: String,
    payload: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawBoletoLine {
    identification_field: String,
    bar_code: String,
}

impl Client {
    /// `base_url` is [`super::PRODUCTION_BASE_URL`] or
    /// [`super::SANDBOX_BASE_URL`].
    pub fn new(http: &Egress, base_url: &str, api_key: &str) -> Client {
        Client { base_url: egress::base_url(base_url), api_key: api_key.to_owned(), http: http.clone() }
    }

    /// Registers a customer and returns its `cus_…` id. Asaas requires the
    /// CPF/CNPJ before a charge can be created for the customer.
    pub async fn create_customer(&self, c: &NewCustomer) -> Result<String, Error> {
        let body = CustomerBody {
            name: &c.name,
            cpf_cnpj: c.cpf_cnpj.as_deref(),
            email: c.email.as_deref(),
            external_reference: &c.external_reference,
        };
        let created: Created = self.send_json(self.post("/v3/customers").json(&body)).await?;
        Ok(created.id)
    }

    /// Creates a charge (an Asaas "payment").
    pub async fn create_charge(&self, c: &NewCharge) -> Result<Charge, Error> {
        let body = ChargeBody {
            customer: &c.customer,
            billing_type: c.billing_type,
            value: wire::cents_to_reais(c.value_cents),
            due_date: c.due_date.format("%Y-%m-%d").to_string(),
            description: &c.description,
            external_reference: &c.external_reference,
        };
        let raw: RawCharge = self.send_json(self.post("/v3/payments").json(&body)).await?;
        Ok(Charge {
            value_cents: wire::reais_to_cents(raw.value)
                .ok_or_else(|| Error::Decode(format!("charge value {}", raw.value)))?,
            id: raw.id,
            status: raw.status,
            invoice_url: raw.invoice_url,
            bank_slip_url: raw.bank_slip_url,
        })
    }

    /// The PIX QR code of a charge (any billing type but boleto-only ones).
    pub async fn pix_qr_code(&self, payment_id: &str) -> Result<PixQrCode, Error> {
        let raw: RawPixQrCode = self.send_json(self.payment_get(payment_id, "pixQrCode")).await?;
        Ok(PixQrCode { encoded_image: raw.encoded_image, payload: raw.payload })
    }

    /// The boleto's typeable line and bar code.
    pub async fn boleto_line(&self, payment_id: &str) -> Result<BoletoLine, Error> {
        let request = self.payment_get(payment_id, "identificationField");
        let raw: RawBoletoLine = self.send_json(request).await?;
        Ok(BoletoLine { identification_field: raw.identification_field, bar_code: raw.bar_code })
    }

    /// Proves the key works (the "test connection" button) by reading the
    /// balance, which needs a valid key and changes nothing.
    pub async fn check(&self) -> Result<(), Error> {
        let request = self.request(egress::Method::GET, "/v3/finance/balance");
        self.http.send(request, API, error_message).await?;
        Ok(())
    }

    async fn send_json<T: serde::de::DeserializeOwned>(
        &self,
        request: egress::RequestBuilder,
    ) -> Result<T, Error> {
        Ok(self.http.send_json(request, API, error_message).await?)
    }

    fn post(&self, path: &str) -> egress::RequestBuilder {
        self.request(egress::Method::POST, path)
    }

    fn payment_get(&self, payment_id: &str, what: &str) -> egress::RequestBuilder {
        let path = format!("/v3/payments/{}/{what}", egress::path_segment(payment_id));
        self.request(egress::Method::GET, &path)
    }

    fn request(&self, method: egress::Method, path: &str) -> egress::RequestBuilder {
        self.http.request(method, &format!("{}{path}", self.base_url)).header("access_token", &self.api_key)
    }
}

/// Asaas's errors read `{"errors": [{"code": "...", "description": "..."}]}`,
/// the description in Portuguese and fit to show the user.
fn error_message(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        errors: Vec<Detail>,
    }
    #[derive(Deserialize)]
    struct Detail {
        code: Option<String>,
        description: Option<String>,
    }
    let first = serde_json::from_slice::<Body>(body).ok()?.errors.into_iter().next()?;
    first.description.or(first.code)
}
