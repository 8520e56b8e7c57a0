//! Delivery of agent replies: a job per message, through the ticket's
//! channel. Timeouts, 429 and 5xx are retried with backoff (the queue's);
//! after five failed tries, or at once on a refusal, the message is marked
//! failed with the provider's reason and the inbox shows a retry button.
//! A message is sent only from `queued`/`scheduled`, so a job that runs
//! again after success sends nothing. (A crash between the provider's
//! answer and our commit can still resend once — WhatsApp and Twilio take
//! no idempotency key; e-mail carries our Message-ID, which receivers
//! deduplicate.)

use channels::whatsapp;
use chrono::{DateTime, Utc};
use events::live::MessageToVisitor;
use events::{MessageDeliveryFailed, MessageStatusChanged};
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use super::model::{DeliveryStatus, Message, Ticket};
use super::repo::{self, Delivery};
use crate::channels::model::ChannelKind;
use crate::channels::repo::{self as channels_repo, ChannelRow};

const MAX_TRIES: i32 = 5;

#[derive(Debug, Serialize, Deserialize)]
pub struct SendMessage {
    pub message_id: Uuid,
}

impl Job for SendMessage {
    const KIND: &'static str = "support.send_message";
    const MAX_ATTEMPTS: i32 = 8;
}

/// Queues a message's delivery (at `run_at` for send-later); `again` for a
/// retry, which needs a fresh dedupe key.
pub async fn queue(
    tx: &mut TenantTx,
    message_id: Uuid,
    run_at: Option<DateTime<Utc>>,
    again: bool,
) -> Result<()> {
    let tenant = tx.tenant_id();
    let suffix = if again { kernel::ids::new_id().to_string() } else { "0".into() };
    let options = EnqueueOptions {
        run_at,
        dedupe_key: Some(format!("send:{message_id}:{suffix}")),
        ..Default::default()
    };
    jobs::enqueue(tx, Some(tenant), &SendMessage { message_id }, options).await?;
    Ok(())
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: SendMessage| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("send without tenant"))?;
        send(&app, tenant, job.message_id).await
    });
}

enum Sent {
    Ok(Option<String>),
    Failed(String),
    Retry(String),
}

fn outcome(e: channels::Error) -> Sent {
    if e.is_retryable() { Sent::Retry(e.to_string()) } else { Sent::Failed(e.to_string()) }
}

fn domain_of(address: &str) -> &str {
    address.rsplit('@').next().unwrap_or("conectcrm.local")
}

async fn deliver(app: &App, tenant: Uuid, channel: &ChannelRow, t: &Ticket, m: &Message) -> Result<Sent> {
    let (message_id, text, extra) = (m.id, m.text.as_str(), &m.extra);
    let secrets = channel.secrets(app, tenant)?;
    let secret = |k: &str| secrets.get(k).cloned().unwrap_or_default();
    Ok(match channel.kind()? {
        ChannelKind::Webchat => {
            let visitor = t.contact_address.trim_start_matches("visitor:");
            let settings = crate::webchat::settings::WebchatSettings::of(&channel.config);
            let mut tx = TenantTx::begin(&app.db, tenant).await?;
            let title = crate::webchat::public_title(&mut tx, tenant, &settings).await?;
            tx.commit().await?;
            // As the visitor's history shows it: the same name, the same time.
            let reply = MessageToVisitor {
                id: message_id,
                direction: "out".into(),
                text: text.to_string(),
                author_name: crate::webchat::public_author(&settings, &title, m.author_id, &m.author_name),
                created_at: m.created_at,
            };
            app.realtime.signal_room(crate::webchat::visitor_room(visitor), &reply).await;
            Sent::Ok(None)
        }
        ChannelKind::Email => {
            let sender = sender_of(app, tenant, channel).await?;
            let address = sender.envelope_from.clone();
            let own_id = format!("{message_id}@{}", domain_of(&address));
            let thread = thread_ids(app, tenant, t.id).await?;
            let out = channels::email::Outbound {
                from: sender.from.clone(),
                reply_to: sender.reply_to.clone(),
                to: t.contact_address.clone(),
                subject: format!("Re: {} [#{}]", t.subject.trim_start_matches("Re: "), t.number),
                text: text.to_string(),
                html: None,
                message_id: own_id.clone(),
                in_reply_to: thread.last().cloned(),
                references: thread,
                attachments: vec![],
            };
            let key = secret("sendgrid_api_key");
            if key.is_empty() {
                match channels::email::build_mime(&out) {
                    Ok(bytes) => match app.mailer.send_raw(&address, &t.contact_address, &bytes).await {
                        Ok(()) => Sent::Ok(Some(own_id)),
                        Err(e) => Sent::Retry(format!("SMTP: {e}")),
                    },
                    Err(e) => Sent::Failed(e.to_string()),
                }
            } else {
                match channel.sendgrid(app, &key).send(&out, Some(&sender.display_name)).await {
                    Ok(_) => Sent::Ok(Some(own_id)),
                    Err(e) => outcome(e),
                }
            }
        }
        ChannelKind::Whatsapp => {
            let client = channel.whatsapp(app, &secrets);
            let result = match extra.get("template") {
                Some(tpl) => {
                    let name = tpl["name"].as_str().unwrap_or_default();
                    let lang = tpl["language"].as_str().unwrap_or("pt_BR");
                    let params: Vec<String> = tpl["params"]
                        .as_array()
                        .map(|a| a.iter().filter_map(|p| p.as_str().map(str::to_string)).collect())
                        .unwrap_or_default();
                    client.send_template(&t.contact_address, name, lang, &params).await
                }
                None => client.send_text(&t.contact_address, text, None).await,
            };
            match result {
                Ok(id) => Sent::Ok(Some(id)),
                Err(e) if whatsapp::outside_window_error(&e) => Sent::Failed(
                    "O WhatsApp recusou: a janela de 24 horas fechou. Envie um modelo aprovado.".into(),
                ),
                Err(e) => outcome(e),
            }
        }
        kind @ (ChannelKind::TwilioSms | ChannelKind::TwilioWhatsapp) => {
            let client = channel.twilio(app, &secrets);
            let prefix = if kind == ChannelKind::TwilioWhatsapp { "whatsapp:" } else { "" };
            let from = format!("{prefix}{}", channel.setting("from").unwrap_or_default());
            let to = format!("{prefix}{}", t.contact_address);
            let callback = format!("{}/hooks/twilio/{tenant}.{}", app.config.frontend_url, channel.id);
            match client.send(&from, &to, text, None, Some(&callback)).await {
                Ok(sid) => Sent::Ok(Some(sid)),
                Err(e) => outcome(e),
            }
        }
    })
}

struct Sender {
    /// The `From` header.
    from: String,
    display_name: String,
    /// The SMTP envelope sender: the same address as `From`.
    envelope_from: String,
    reply_to: Option<String>,
}

/// Who an e-mail reply is From. The channel's address only once it proved
/// control (a confirmed code); until then the platform's MAIL_FROM, named
/// after the company, with the channel's address in Reply-To so answers
/// still reach the company.
async fn sender_of(app: &App, tenant: Uuid, channel: &ChannelRow) -> Result<Sender> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let company = channels_repo::company_name(&mut tx, tenant).await?;
    tx.commit().await?;
    // Quotes and angle brackets would break out of the display name.
    let clean = |n: &str| {
        n.chars().filter(|c| !matches!(c, '"' | '<' | '>' | '\\') && !c.is_control()).collect::<String>()
    };
    let display_name = clean(channel.setting("from_name").as_deref().unwrap_or(&company));
    Ok(match (channel.verified_sender(), channel.setting("address")) {
        (Some(address), _) => Sender {
            from: format!("\"{display_name}\" <{address}>"),
            display_name,
            envelope_from: address,
            reply_to: None,
        },
        (None, address) => {
            let platform = app.mailer.from_address();
            let company = clean(&company);
            Sender {
                from: format!("\"{company}\" <{platform}>"),
                reply_to: address.map(|a| format!("\"{company}\" <{}>", a.trim())),
                display_name: company,
                envelope_from: platform,
            }
        }
    })
}

async fn thread_ids(app: &App, tenant: Uuid, ticket_id: Uuid) -> Result<Vec<String>> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let ids = repo::thread_ids(&mut tx, tenant, ticket_id).await?;
    tx.commit().await?;
    Ok(ids)
}

async fn send(app: &App, tenant: Uuid, message_id: Uuid) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(m) = repo::message(&mut tx, tenant, message_id, false).await? else { return Ok(()) };
    if !matches!(m.delivery_status, Some(DeliveryStatus::Queued | DeliveryStatus::Scheduled)) {
        return Ok(());
    }
    let t = repo::find(&mut tx, tenant, m.ticket_id, false).await?.ok_or(Error::NotFound)?;
    let channel = channels_repo::find(&mut tx, tenant, t.channel_id).await?.ok_or(Error::NotFound)?;
    tx.commit().await?;

    let result = deliver(app, tenant, &channel, &t, &m).await?;

    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    match result {
        Sent::Ok(provider_id) => {
            repo::set_delivery(
                &mut tx,
                tenant,
                message_id,
                &Delivery {
                    status: DeliveryStatus::Sent,
                    provider_message_id: provider_id.as_deref(),
                    failure_reason: None,
                },
            )
            .await?;
            if m.author_id.is_some() {
                repo::set_first_response(&mut tx, tenant, t.id).await?;
            }
            if channel.kind()? == ChannelKind::Email
                && let Some(id) = &provider_id
            {
                repo::touch_outbound(&mut tx, tenant, t.id, Some(id)).await?;
            }
            if channel.kind()? == ChannelKind::Webchat {
                crate::webchat::digest::schedule(&mut tx, app, t.id, message_id).await?;
            }
            tx.emit(&MessageStatusChanged {
                ticket_id: t.id,
                message_id,
                status: DeliveryStatus::Sent,
                reason: None,
            })
            .await?;
        }
        Sent::Retry(reason)
            if repo::count_attempt(&mut tx, tenant, message_id, &reason).await? < MAX_TRIES =>
        {
            tx.commit().await?;
            anyhow::bail!("message {message_id}: {reason} (will retry)");
        }
        Sent::Retry(reason) | Sent::Failed(reason) => {
            repo::set_delivery(
                &mut tx,
                tenant,
                message_id,
                &Delivery {
                    status: DeliveryStatus::Failed,
                    provider_message_id: None,
                    failure_reason: Some(&reason),
                },
            )
            .await?;
            repo::log(
                &mut tx,
                tenant,
                t.id,
                None,
                "delivery_failed",
                json!({ "message_id": message_id, "reason": reason }),
            )
            .await?;
            tx.emit(&MessageStatusChanged {
                ticket_id: t.id,
                message_id,
                status: DeliveryStatus::Failed,
                reason: Some(reason.to_string()),
            })
            .await?;
            tx.emit(&MessageDeliveryFailed {
                ticket_id: t.id,
                number: t.number,
                message_id,
                author_id: m.author_id,
                reason: reason.to_string(),
            })
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Applies a provider's delivery status; statuses only move forward.
pub async fn apply_status(tx: &mut TenantTx, s: &channels::StatusUpdate) -> Result<bool> {
    let tenant = tx.tenant_id();
    let to = match s.state {
        channels::DeliveryState::Sent => DeliveryStatus::Sent,
        channels::DeliveryState::Delivered => DeliveryStatus::Delivered,
        channels::DeliveryState::Read => DeliveryStatus::Read,
        channels::DeliveryState::Failed => DeliveryStatus::Failed,
    };
    match repo::advance_delivery(tx, tenant, &s.provider_message_id, to, s.error.as_deref()).await? {
        Some(m) => {
            tx.emit(&MessageStatusChanged {
                ticket_id: m.ticket_id,
                message_id: m.message_id,
                status: to,
                reason: s.error.clone(),
            })
            .await?;
            if to == DeliveryStatus::Failed {
                tx.emit(&MessageDeliveryFailed {
                    ticket_id: m.ticket_id,
                    number: m.number,
                    message_id: m.message_id,
                    author_id: m.author_id,
                    reason: s.error.clone().unwrap_or_else(|| "o provedor recusou a mensagem".into()),
                })
                .await?;
            }
            Ok(true)
        }
        None => Ok(false),
    }
}

/// "Test connection": the provider accepts the stored credentials.
pub async fn test_channel(app: &App, tenant: Uuid, channel: &ChannelRow) -> Result<(bool, String)> {
    let secrets = channel.secrets(app, tenant)?;
    let secret = |k: &str| secrets.get(k).cloned().unwrap_or_default();
    let result = match channel.kind()? {
        ChannelKind::Webchat => return Ok((true, "O chat do site não depende de provedor externo.".into())),
        ChannelKind::Email => {
            let key = secret("sendgrid_api_key");
            if key.is_empty() {
                return Ok((true, "Envio pelo servidor de e-mail da instalação (SMTP).".into()));
            }
            channel.sendgrid(app, &key).check().await
        }
        ChannelKind::Whatsapp => channel.whatsapp(app, &secrets).check().await,
        ChannelKind::TwilioSms | ChannelKind::TwilioWhatsapp => channel.twilio(app, &secrets).check().await,
    };
    Ok(match result {
        Ok(()) => (true, "Conexão funcionando: as credenciais foram aceitas.".into()),
        Err(channels::Error::Provider { status: 401 | 403, .. }) => {
            (false, "O provedor recusou as credenciais. Confira o token e o identificador.".into())
        }
        // The class of failure only (egress errors never carry the remote
        // body or the socket error), so the button cannot probe addresses.
        Err(e) => (false, format!("Falhou: {e}")),
    })
}
