//! Charges at a gateway for an invoice. GatewayProvider calls happen outside any
//! database transaction: read, call, then store what the provider said.

use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use payments::{asaas, stripe};
use uuid::Uuid;

use super::model::{ChargeMethod, Credentials, Gateway, GatewayProvider};
use super::repo::{self, GatewayRow};
use crate::invoices::model::Invoice;
use crate::invoices::repo::{self as invoices, GatewayCharge};
use crate::invoices::service::{self as invoice};
use crate::parties;

pub fn credentials(app: &App, tenant_id: Uuid, row: &GatewayRow) -> Result<Credentials> {
    kernel::secrets::open_json(&app.config, tenant_id, &row.credentials)
}

pub fn to_model(app: &App, tenant_id: Uuid, row: GatewayRow) -> Result<Gateway> {
    let provider =
        GatewayProvider::parse(&row.provider).ok_or_else(|| Error::internal("gateway provider"))?;
    Ok(Gateway {
        webhook_url: format!(
            "{}/hooks/{}/{tenant_id}.{}",
            app.config.frontend_url,
            provider.as_str(),
            row.id
        ),
        id: row.id,
        provider,
        base_url: row.base_url,
        key_hint: row.key_hint,
        enabled: row.enabled,
        webhook_secret: None,
        created_at: row.created_at,
    })
}

/// The provider hosts a gateway's `base_url` may name without the
/// operator's `EGRESS_ALLOW_HOSTS`.
pub fn api_scope(provider: GatewayProvider) -> egress::Scope {
    match provider {
        GatewayProvider::Stripe => stripe::API,
        GatewayProvider::Asaas => asaas::API,
    }
}

/// A provider error as the user sees it.
pub fn provider_error(provider: &str, e: payments::Error) -> Error {
    match e {
        payments::Error::Provider { status, message } if status < 500 => {
            Error::conflict(None, format!("O {provider} recusou a cobrança: {message}"))
        }
        // A gateway saved before the allow-list existed may point anywhere.
        payments::Error::Egress(egress::Error::Refused) => Error::conflict(
            None,
            format!(
                "O endereço configurado para o {provider} não é permitido. Corrija-o em Financeiro › Gateways."
            ),
        ),
        // Transport details (addresses, TLS) stay in the log, not in the answer.
        other => {
            tracing::warn!(provider, error = %other, "payment gateway unavailable");
            Error::Unavailable(format!(
                "Não foi possível falar com o {provider} agora. Tente de novo em instantes."
            ))
        }
    }
}

/// Asks the gateway for a charge of what is due today and stores it on
/// the invoice. Returns the invoice as now seen.
pub async fn charge(app: &App, tenant_id: Uuid, invoice_id: Uuid, method: ChargeMethod) -> Result<Invoice> {
    let provider = match method {
        ChargeMethod::Card => GatewayProvider::Stripe,
        ChargeMethod::PixBoleto => GatewayProvider::Asaas,
    };
    let mut tx = TenantTx::begin(&app.db, tenant_id).await?;
    let inv = invoice::get(&mut tx, invoice_id).await?;
    if !inv.status.is_receivable() {
        return Err(Error::conflict(None, format!("A fatura {} está {}.", inv.label, inv.status.label())));
    }
    let Some(row) = repo::find_enabled(&mut tx, tenant_id, provider.as_str()).await? else {
        return Err(Error::conflict(
            None,
            match provider {
                GatewayProvider::Stripe => {
                    "Pagamento por cartão indisponível: conecte uma conta Stripe em Financeiro › Gateways."
                }
                GatewayProvider::Asaas => {
                    "PIX e boleto pelo Asaas indisponíveis: conecte uma conta Asaas em Financeiro › Gateways."
                }
            },
        ));
    };
    let creds = credentials(app, tenant_id, &row)?;
    let company = parties::company(&mut tx, tenant_id).await?;
    let customer = parties::customer(&mut tx, tenant_id, inv.customer_id).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;
    let today = company.today();
    let amount = inv.amount_due_cents;
    // Same invoice, amount and day → same charge, however often the button is pressed.
    let idempotency_key = format!("{invoice_id}:{amount}:{today}");
    let link = invoice::public_link(app, tenant_id, invoice_id);
    let stored = match provider {
        GatewayProvider::Stripe => {
            let client = stripe::Client::new(&app.egress, &row.base_url, &creds.api_key);
            let session = client
                .create_checkout_session(
                    &stripe::CheckoutRequest {
                        amount_cents: amount,
                        name: format!("Fatura {} — {}", inv.label, company.display_name()),
                        invoice_id: invoice_id.to_string(),
                        tenant_id: tenant_id.to_string(),
                        success_url: format!("{link}?pago=1"),
                        cancel_url: link.clone(),
                    },
                    &idempotency_key,
                )
                .await
                .map_err(|e| provider_error("Stripe", e))?;
            (session.payment_intent, session.url, None, None, None, None)
        }
        GatewayProvider::Asaas => {
            let client = asaas::Client::new(&app.egress, &row.base_url, &creds.api_key);
            let customer_ref = client
                .create_customer(&asaas::NewCustomer {
                    name: customer.name.clone(),
                    cpf_cnpj: customer.document.clone(),
                    email: customer.emails.first().cloned(),
                    external_reference: customer.id.to_string(),
                })
                .await
                .map_err(|e| provider_error("Asaas", e))?;
            let charge = client
                .create_charge(&asaas::NewCharge {
                    customer: customer_ref,
                    billing_type: asaas::BillingType::Undefined,
                    value_cents: amount,
                    due_date: inv.due_date.max(today),
                    description: format!("Fatura {} — {}", inv.label, company.display_name()),
                    external_reference: invoice_id.to_string(),
                })
                .await
                .map_err(|e| provider_error("Asaas", e))?;
            let pix = client.pix_qr_code(&charge.id).await.map_err(|e| provider_error("Asaas", e))?;
            let boleto = client.boleto_line(&charge.id).await.ok();
            (
                None,
                None,
                Some(charge.id),
                boleto.map(|b| b.identification_field),
                charge.bank_slip_url,
                Some(pix.payload),
            )
        }
    };
    let (intent, checkout_url, asaas_id, boleto_line, boleto_url, pix_payload) = stored;
    let mut tx = TenantTx::begin(&app.db, tenant_id).await?;
    invoices::find(&mut tx, tenant_id, invoice_id, true).await?.ok_or(Error::NotFound)?;
    invoices::set_gateway_charge(
        &mut tx,
        tenant_id,
        invoice_id,
        &GatewayCharge {
            charged_cents: amount,
            charged_on: today,
            stripe_intent_id: intent.as_deref(),
            stripe_checkout_url: checkout_url.as_deref(),
            asaas_payment_id: asaas_id.as_deref(),
            boleto_line: boleto_line.as_deref(),
            boleto_url: boleto_url.as_deref(),
            pix_payload: pix_payload.as_deref(),
        },
    )
    .await?;
    let inv = invoice::get(&mut tx, invoice_id).await?;
    tx.commit().await?;
    Ok(inv)
}

/// Calls the provider with the stored key ("test connection").
pub async fn test(app: &App, tenant_id: Uuid, row: &GatewayRow) -> Result<(bool, String)> {
    let creds = credentials(app, tenant_id, row)?;
    let result = match GatewayProvider::parse(&row.provider) {
        Some(GatewayProvider::Stripe) => {
            stripe::Client::new(&app.egress, &row.base_url, &creds.api_key).check().await
        }
        Some(GatewayProvider::Asaas) => {
            asaas::Client::new(&app.egress, &row.base_url, &creds.api_key).check().await
        }
        None => return Err(Error::internal("gateway provider")),
    };
    Ok(match result {
        Ok(()) => (true, "Conexão funcionando: a chave foi aceita.".into()),
        Err(payments::Error::Provider { status: 401, .. })
        | Err(payments::Error::Provider { status: 403, .. }) => {
            (false, "A chave foi recusada pelo provedor. Confira se copiou a chave certa.".into())
        }
        // The class of failure only (egress errors never carry the remote
        // body or the socket error), so the button cannot probe addresses.
        Err(e) => (false, format!("Falhou: {e}")),
    })
}
