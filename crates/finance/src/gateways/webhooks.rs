//! Processing a stored webhook: what a provider said becomes a payment, a
//! refund or a note. A payment for an unknown invoice is kept as failed
//! with the reason (replayable); a refund that arrives before its payment
//! is retried until the payment is there.

use kernel::App;
use kernel::inbox::{self, InboxStatus, Processor};
use kernel::jobs::{Job, Registry};
use kernel::tenant::TenantTx;
use payments::{asaas, stripe};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ledger::model::PaymentMethod;
use crate::ledger::service::{self as ledger, GatewayOutcome, GatewayPayment};
use crate::parties;

#[derive(Debug, Serialize, Deserialize)]
pub struct ProcessWebhook {
    pub event_row_id: Uuid,
}

impl Job for ProcessWebhook {
    const KIND: &'static str = "finance.process_webhook";
}

impl Processor for ProcessWebhook {
    fn for_event(event_row_id: Uuid) -> Self {
        Self { event_row_id }
    }
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: ProcessWebhook| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("webhook without tenant"))?;
        process(&app, tenant, job.event_row_id).await
    });
}

enum Outcome {
    Processed,
    /// Processed, with something a person should read.
    Noted(String),
    Ignored(String),
    Failed(String),
}

fn outcome_of(r: GatewayOutcome) -> Outcome {
    match r {
        GatewayOutcome::Settled => Outcome::Processed,
        GatewayOutcome::Duplicate => Outcome::Ignored("pagamento já registrado (evento repetido)".into()),
        GatewayOutcome::Review(reason) => {
            Outcome::Noted(format!("pagamento retido para conferência: {reason}"))
        }
    }
}

async fn process(app: &App, tenant: Uuid, id: Uuid) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(row) = inbox::find(&mut tx, tenant, id).await? else { return Ok(()) };
    if row.status()? != InboxStatus::Received {
        return Ok(());
    }
    let today = parties::company(&mut tx, tenant).await?.today();
    let result: kernel::Result<Outcome> = async {
        match row.provider.as_str() {
            "stripe" => {
                let event = stripe::parse_event(row.body.as_bytes()).map_err(kernel::Error::internal)?;
                match event.payment {
                    Some(stripe::PaymentEvent::Succeeded { intent_id, amount_cents, invoice_id }) => {
                        let g = GatewayPayment {
                            gateway: "stripe",
                            gateway_payment_id: &intent_id,
                            invoice_id: invoice_id.and_then(|i| i.parse().ok()),
                            amount_cents,
                            received_on: today,
                            method: PaymentMethod::Card,
                        };
                        Ok(outcome_of(ledger::record_gateway_payment(&mut tx, &g).await?))
                    }
                    Some(stripe::PaymentEvent::Failed { intent_id, reason, invoice_id }) => {
                        tx.emit(&events::PaymentFailed {
                            gateway: events::GatewayProvider::Stripe,
                            intent_id,
                            invoice_id: invoice_id.and_then(|i| i.parse().ok()),
                            reason,
                        })
                        .await?;
                        Ok(Outcome::Processed)
                    }
                    Some(stripe::PaymentEvent::Refunded { intent_id, amount_refunded_cents, .. }) => {
                        ledger::record_gateway_refund(&mut tx, "stripe", &intent_id, amount_refunded_cents)
                            .await?;
                        Ok(Outcome::Processed)
                    }
                    None => Ok(Outcome::Ignored(format!("evento {} não é usado pelo ConectCRM", event.kind))),
                }
            }
            "asaas" => {
                let event = asaas::parse_event(row.body.as_bytes()).map_err(kernel::Error::internal)?;
                match event.payment {
                    Some(asaas::PaymentEvent::Received { payment_id, value_cents, external_reference }) => {
                        let g = GatewayPayment {
                            gateway: "asaas",
                            gateway_payment_id: &payment_id,
                            invoice_id: external_reference.and_then(|i| i.parse().ok()),
                            amount_cents: value_cents,
                            received_on: today,
                            method: PaymentMethod::Pix,
                        };
                        Ok(outcome_of(ledger::record_gateway_payment(&mut tx, &g).await?))
                    }
                    Some(asaas::PaymentEvent::Refunded { payment_id, value_cents, .. }) => {
                        ledger::record_gateway_refund(&mut tx, "asaas", &payment_id, value_cents).await?;
                        Ok(Outcome::Processed)
                    }
                    Some(asaas::PaymentEvent::Overdue { .. }) => {
                        Ok(Outcome::Ignored("o ConectCRM calcula o vencimento e a régua de cobrança".into()))
                    }
                    None => Ok(Outcome::Ignored(format!("evento {} não é usado pelo ConectCRM", event.kind))),
                }
            }
            other => Ok(Outcome::Failed(format!("provedor desconhecido {other}"))),
        }
    }
    .await;
    let outcome = match result {
        Ok(o) => o,
        // A payment that names no invoice of this company will not get better by retrying.
        Err(kernel::Error::Internal(e)) if e.to_string().contains("names no invoice") => {
            Outcome::Failed(format!("nenhuma fatura desta empresa corresponde ao pagamento ({e})"))
        }
        Err(e) => {
            // Rolled back; the job retries (e.g. a refund that arrived before its payment).
            return Err(anyhow::anyhow!("webhook {id}: {e}"));
        }
    };
    let (status, error) = match &outcome {
        Outcome::Processed => (InboxStatus::Processed, None),
        Outcome::Noted(why) => (InboxStatus::Processed, Some(why.as_str())),
        Outcome::Ignored(why) => (InboxStatus::Ignored, Some(why.as_str())),
        Outcome::Failed(why) => (InboxStatus::Failed, Some(why.as_str())),
    };
    inbox::finish(&mut tx, tenant, id, status, error).await?;
    tx.commit().await?;
    Ok(())
}
