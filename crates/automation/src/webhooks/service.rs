//! Webhook subscriptions: the fan-out job turns every event into one
//! delivery per subscribed endpoint (once, even if the event is delivered
//! again), the delivery job POSTs it signed ([`crate::signing`]) through
//! the egress guard, outside any transaction, and records the outcome.
//!
//! Retries: a failed attempt is tried again after [`RETRY_DELAYS`] (1 min,
//! 5 min, 30 min, 2 h, 6 h, 12 h, 24 h: [`MAX_ATTEMPTS`] in about two days).
//! A delivery that exhausts them is `failed` (replayable by hand). After
//! [`FAILURES_TO_DISABLE`] such deliveries in a row (a success resets the
//! count) the endpoint is switched off with the reason and the company's
//! owners and admins get an e-mail; pending deliveries then fail too.
//!
//! One chain of attempts per delivery: the job carries the attempt it
//! makes and does nothing unless the delivery is still pending at the
//! attempt before, and a replay is refused while a delivery is pending.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::mail::SendEmail;
use kernel::outbox::DomainEvent;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::model::{WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint};
use super::repo::{self, DeliveryRow, EndpointRow};
use crate::{ports, signing};

/// The queue name of the subscription to every event kind.
const FANOUT: &str = "automation.webhook_fanout";

/// The kind of a test delivery (not an event of the catalogue).
pub const PING: &str = "ping";

/// Waits before attempts 2, 3, …: the last is the eighth attempt.
pub const RETRY_DELAYS: [Duration; 7] = [
    Duration::minutes(1),
    Duration::minutes(5),
    Duration::minutes(30),
    Duration::hours(2),
    Duration::hours(6),
    Duration::hours(12),
    Duration::hours(24),
];
pub const MAX_ATTEMPTS: i32 = RETRY_DELAYS.len() as i32 + 1;

/// Deliveries in a row that exhausted their retries before the endpoint
/// is switched off.
pub const FAILURES_TO_DISABLE: i32 = 3;

const MAX_URL: usize = 2000;
const MAX_DESCRIPTION: usize = 200;

/// One attempt of one delivery.
#[derive(Debug, Serialize, Deserialize)]
pub struct DeliverWebhook {
    pub delivery_id: Uuid,
    /// 1 for the first attempt of a round.
    pub attempt: i32,
}

impl Job for DeliverWebhook {
    const KIND: &'static str = "automation.deliver_webhook";
    // Retries of the job itself are for our side failing (the database);
    // the endpoint's failures are counted in the delivery, not here.
    const MAX_ATTEMPTS: i32 = 5;
}

pub fn register(registry: &mut Registry) {
    let kinds: Vec<&'static str> = events::catalogue().iter().map(|e| e.kind).collect();
    registry.on_batch(
        FANOUT,
        &kinds,
        |app: App, tenant, batch| async move { fan_out(&app, tenant, batch).await },
    );
    registry.handle::<DeliverWebhook, _, _>(|app, tenant, job| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("webhook delivery without a tenant"))?;
        attempt(&app, tenant, job.delivery_id, job.attempt, true).await.map(drop)
    });
}

pub fn to_endpoint(row: EndpointRow) -> WebhookEndpoint {
    WebhookEndpoint {
        id: row.id,
        url: row.url,
        description: row.description,
        event_kinds: row.event_kinds,
        enabled: row.enabled,
        disabled_reason: row.disabled_reason,
        disabled_at: row.disabled_at,
        consecutive_failures: row.consecutive_failures,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

pub fn to_delivery(row: DeliveryRow) -> WebhookDelivery {
    WebhookDelivery {
        id: row.id,
        endpoint_id: row.endpoint_id,
        event_id: row.event_id,
        event_kind: row.event_kind,
        status: WebhookDeliveryStatus::parse(&row.status),
        attempts: row.attempts,
        response_status: row.response_status,
        error: row.error,
        next_attempt_at: row.next_attempt_at,
        created_at: row.created_at,
        delivered_at: row.delivered_at,
    }
}

/// The secret as the company's receiver uses it.
pub fn open_secret(app: &App, tenant_id: Uuid, sealed: &[u8]) -> Result<String> {
    let raw = kernel::secrets::open(&app.config, tenant_id, sealed)?;
    String::from_utf8(raw).map_err(Error::internal)
}

pub fn check_url(app: &App, v: &mut kernel::error::Violations, url: &str) -> String {
    let url = url.trim();
    if url.is_empty() || url.len() > MAX_URL || url.chars().any(char::is_whitespace) {
        v.add("url", format!("Informe um endereço https:// sem espaços (até {MAX_URL} caracteres)."));
    } else if !(url.starts_with("https://") || url.starts_with("http://")) {
        v.add("url", "O endereço deve começar com https://.");
    } else if app.egress.check(url, egress::Scope::ANY_PUBLIC_HTTPS).is_err() {
        // The same guard every delivery passes: an internal address, or
        // plain http to a host the operator did not allow, is refused now
        // rather than failing every delivery.
        v.add("url", "Endereço não permitido: use https:// para um endereço público da internet.");
    }
    url.to_owned()
}

pub fn check_description(v: &mut kernel::error::Violations, description: &str) -> String {
    let description = description.trim();
    if description.chars().count() > MAX_DESCRIPTION {
        v.add("description", format!("Use até {MAX_DESCRIPTION} caracteres."));
    }
    description.to_owned()
}

/// Known kinds, each once, in the catalogue's order.
pub fn check_kinds(v: &mut kernel::error::Violations, kinds: &[String]) -> Vec<String> {
    if kinds.is_empty() {
        v.add("event_kinds", "Escolha ao menos um evento.");
        return vec![];
    }
    for (i, kind) in kinds.iter().enumerate() {
        if events::info(kind).is_none() {
            v.add(&format!("event_kinds[{i}]"), format!("Evento desconhecido: {kind}."));
        }
    }
    events::catalogue().iter().map(|e| e.kind.to_owned()).filter(|k| kinds.contains(k)).collect()
}

fn body_of(
    endpoint_id: Uuid,
    event_id: Uuid,
    kind: &str,
    version: i16,
    occurred_at: DateTime<Utc>,
    payload: &serde_json::Value,
) -> serde_json::Value {
    // The same shape as a flow's webhook action, with the endpoint
    // instead of the flow.
    json!({
        "event_id": event_id,
        "kind": kind,
        "version": version,
        "occurred_at": occurred_at,
        "endpoint_id": endpoint_id,
        "payload": payload,
    })
}

/// The job: one delivery per subscribed endpoint, claimed with the event
/// (a redelivered event finds its deliveries and sends nothing again).
/// One company's events of a dispatch batch: a delivery per event and
/// enabled endpoint subscribed to its kind (the endpoints of each kind
/// read once per batch), all in one transaction.
async fn fan_out(app: &App, tenant: Uuid, batch: Vec<DomainEvent>) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let mut by_kind: HashMap<String, Vec<Uuid>> = HashMap::new();
    for event in &batch {
        if !by_kind.contains_key(&event.kind) {
            let endpoints = repo::enabled_for(&mut tx, tenant, &event.kind).await?;
            by_kind.insert(event.kind.clone(), endpoints);
        }
        let endpoints = by_kind.get(&event.kind).map(Vec::as_slice).unwrap_or_default();
        for &endpoint in endpoints {
            let body = body_of(
                endpoint,
                event.event_id,
                &event.kind,
                event.version,
                event.occurred_at,
                &event.payload,
            );
            let claimed = repo::claim_delivery(
                &mut tx,
                tenant,
                kernel::ids::new_id(),
                endpoint,
                event.event_id,
                &event.kind,
                &body,
            )
            .await?;
            if let Some(d) = claimed {
                enqueue_attempt(&mut tx, tenant, d.id, 1, None).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn enqueue_attempt(
    tx: &mut TenantTx,
    tenant: Uuid,
    delivery_id: Uuid,
    attempt: i32,
    run_at: Option<DateTime<Utc>>,
) -> Result<()> {
    let job = DeliverWebhook { delivery_id, attempt };
    jobs::enqueue(tx, Some(tenant), &job, EnqueueOptions { run_at, ..Default::default() }).await?;
    Ok(())
}

/// A test ping to the endpoint, sent now and once (no retries, and its
/// failure does not count towards switching the endpoint off).
pub async fn ping(app: &App, tenant: Uuid, endpoint_id: Uuid) -> Result<WebhookDelivery> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let endpoint = repo::find(&mut tx, tenant, endpoint_id).await?.ok_or(Error::NotFound)?;
    let event_id = kernel::ids::new_id();
    let body = body_of(
        endpoint.id,
        event_id,
        PING,
        1,
        Utc::now(),
        &json!({"message": "Teste de webhook do ConectCRM."}),
    );
    let d = repo::claim_delivery(&mut tx, tenant, kernel::ids::new_id(), endpoint.id, event_id, PING, &body)
        .await?
        .ok_or_else(|| Error::internal("a new ping's delivery already existed"))?;
    tx.commit().await?;
    let done = attempt(app, tenant, d.id, 1, false).await.map_err(Error::internal)?;
    done.map(to_delivery).ok_or(Error::NotFound)
}

/// Restarts a finished delivery (failed, or succeeded but lost by the
/// receiver) with a new round of attempts; the endpoint must be on.
pub async fn replay(tx: &mut TenantTx, endpoint_id: Uuid, delivery_id: Uuid) -> Result<WebhookDelivery> {
    let tenant = tx.tenant_id();
    let endpoint = repo::find(tx, tenant, endpoint_id).await?.ok_or(Error::NotFound)?;
    let d = repo::find_delivery(tx, tenant, endpoint_id, delivery_id).await?.ok_or(Error::NotFound)?;
    if !endpoint.enabled {
        return Err(Error::conflict(None, "O endpoint está desativado: reative-o antes de reenviar."));
    }
    if d.status == WebhookDeliveryStatus::Pending.as_str() {
        return Err(Error::conflict(None, "Esta entrega ainda está na fila de tentativas."));
    }
    let d = repo::restart(tx, tenant, d.id).await?;
    enqueue_attempt(tx, tenant, d.id, 1, None).await?;
    Ok(to_delivery(d))
}

/// Makes attempt number `n` of a delivery and records it. Does nothing
/// (`None`) when the delivery is gone or no longer waits for that attempt
/// (a job left from a round already finished).
async fn attempt(
    app: &App,
    tenant: Uuid,
    delivery_id: Uuid,
    n: i32,
    retries: bool,
) -> anyhow::Result<Option<DeliveryRow>> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(d) = repo::lock_delivery(&mut tx, tenant, delivery_id).await? else { return Ok(None) };
    if d.status != WebhookDeliveryStatus::Pending.as_str() || d.attempts != n - 1 {
        return Ok(None);
    }
    let Some(endpoint) = repo::find(&mut tx, tenant, d.endpoint_id).await? else { return Ok(None) };
    // A ping (even replayed) is one call that proves nothing about events:
    // no retries, and it never counts towards switching the endpoint off.
    let retries = retries && d.event_kind != PING;
    if !endpoint.enabled && d.event_kind != PING {
        let d = repo::record_attempt(
            &mut tx,
            tenant,
            d.id,
            WebhookDeliveryStatus::Failed.as_str(),
            d.attempts,
            d.response_status,
            Some("Endpoint desativado: reative-o e reenvie esta entrega."),
            None,
        )
        .await?;
        tx.commit().await?;
        return Ok(Some(d));
    }
    tx.commit().await?;

    // The call, outside any transaction.
    let secret = kernel::secrets::open(&app.config, tenant, &endpoint.secret)?;
    let body = serde_json::to_vec(&d.body)?;
    let headers = signing::headers(&secret, d.id, &body);
    let outcome = ports::get()?.post_webhook(app, &endpoint.url, &headers, body).await;

    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let recorded = match outcome {
        Ok(status) => {
            if d.event_kind != PING {
                repo::reset_failures(&mut tx, tenant, endpoint.id).await?;
            }
            repo::record_attempt(
                &mut tx,
                tenant,
                d.id,
                WebhookDeliveryStatus::Succeeded.as_str(),
                n,
                Some(i32::from(status)),
                None,
                None,
            )
            .await?
        }
        Err(failure) => {
            let status = failure.status.map(i32::from);
            let retry_in = if retries { RETRY_DELAYS.get((n - 1) as usize).copied() } else { None };
            match retry_in {
                Some(delay) => {
                    let at = Utc::now() + delay;
                    enqueue_attempt(&mut tx, tenant, d.id, n + 1, Some(at)).await?;
                    repo::record_attempt(
                        &mut tx,
                        tenant,
                        d.id,
                        WebhookDeliveryStatus::Pending.as_str(),
                        n,
                        status,
                        Some(&failure.message),
                        Some(at),
                    )
                    .await?
                }
                None => {
                    if retries {
                        exhausted(app, &mut tx, &endpoint).await?;
                    }
                    repo::record_attempt(
                        &mut tx,
                        tenant,
                        d.id,
                        WebhookDeliveryStatus::Failed.as_str(),
                        n,
                        status,
                        Some(&failure.message),
                        None,
                    )
                    .await?
                }
            }
        }
    };
    tx.commit().await?;
    Ok(Some(recorded))
}

/// A delivery exhausted its retries: count it, and switch the endpoint off
/// (telling the owners and admins, once) when it is the last straw.
async fn exhausted(app: &App, tx: &mut TenantTx, endpoint: &EndpointRow) -> anyhow::Result<()> {
    let tenant = tx.tenant_id();
    let failures = repo::count_failure(tx, tenant, endpoint.id).await?;
    if failures < FAILURES_TO_DISABLE {
        return Ok(());
    }
    let reason = format!(
        "Desativado automaticamente: {failures} entregas seguidas falharam em todas as {MAX_ATTEMPTS} tentativas."
    );
    if !repo::disable_failing(tx, tenant, endpoint.id, &reason).await? {
        return Ok(());
    }
    let link = format!("{}/configuracoes/integracoes", app.config.frontend_url.trim_end_matches('/'));
    let name =
        if endpoint.description.is_empty() { endpoint.url.as_str() } else { endpoint.description.as_str() };
    for to in ports::get()?.admin_emails(tx).await? {
        let mail = SendEmail {
            to,
            subject: format!("Webhook desativado: {name}"),
            text: format!(
                "Olá!\n\nO ConectCRM desativou o webhook {name} ({url}).\n\n{reason}\n\n\
                 Nenhum evento será enviado a ele até que alguém o reative. Corrija o endpoint, \
                 reative-o e reenvie as entregas que falharam em Configurações → Integrações:\n{link}\n",
                url = endpoint.url
            ),
            html: None,
            attachments: vec![],
        };
        jobs::enqueue(tx, Some(tenant), &mail, EnqueueOptions::default()).await?;
    }
    tracing::warn!(endpoint_id = %endpoint.id, "webhook endpoint disabled after persistent failure");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_attempts_over_about_two_days() {
        assert_eq!(MAX_ATTEMPTS, 8);
        let total: Duration = RETRY_DELAYS.iter().copied().sum();
        assert_eq!(total, Duration::minutes(1 + 5 + 30) + Duration::hours(2 + 6 + 12 + 24));
    }

    #[test]
    fn kinds_must_be_known_and_come_back_in_catalogue_order() {
        let mut v = kernel::error::Violations::new();
        let kinds =
            check_kinds(&mut v, &["TicketCreated".into(), "CompanyCreated".into(), "Inventado".into()]);
        assert_eq!(kinds, ["CompanyCreated", "TicketCreated"]);
        let p = v.finish().expect_err("unknown kind").to_problem();
        let fields: Vec<String> = p.errors.unwrap_or_default().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["event_kinds[2]"]);
        let mut v = kernel::error::Violations::new();
        check_kinds(&mut v, &[]);
        assert!(!v.is_empty());
    }
}
