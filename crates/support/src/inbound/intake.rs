//! The job behind every stored inbound payload: re-read it, pick the item
//! its key names, download media (outside any transaction), and hand the
//! normalised message to [`crate::tickets::service::ingest`] or the status
//! to [`crate::tickets::outbound::apply_status`]. A duplicate does nothing;
//! a status for a message we have not recorded yet is retried (it can
//! overtake our own send); a body we cannot use is marked failed with the
//! reason, for the channel's log and its replay button.

use base64::Engine;
use chrono::Utc;
use kernel::inbox::{self, Event as EventRow, InboxStatus, Processor};
use kernel::jobs::{Job, Registry};
use kernel::tenant::TenantTx;
use kernel::{App, Error};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use crate::channels::model::ChannelKind;
use crate::channels::repo::{self as channels_repo, ChannelRow};
use crate::tickets::outbound::apply_status;
use crate::tickets::service::{self, Incoming, IncomingFile, MAX_ATTACHMENT_BYTES, refuse_attachment};

#[derive(Debug, Serialize, Deserialize)]
pub struct ProcessInbound {
    pub event_id: Uuid,
}

impl Job for ProcessInbound {
    const KIND: &'static str = "support.process_inbound";
}

impl Processor for ProcessInbound {
    fn for_event(event_id: Uuid) -> Self {
        Self { event_id }
    }
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: ProcessInbound| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("inbound without tenant"))?;
        process(&app, tenant, job.event_id).await
    });
}

enum Item {
    Message(Box<Incoming>, Vec<channels::InboundMedia>),
    Status(channels::StatusUpdate),
}

/// The web chat's own payload (stored by the public web-chat endpoint).
#[derive(Debug, Serialize, Deserialize)]
pub struct WebchatPayload {
    /// The message's place in the conversation, fixed when it was received
    /// (absent in payloads stored before it existed).
    #[serde(default)]
    pub position: Option<Uuid>,
    pub client_id: String,
    pub visitor_id: Uuid,
    pub name: Option<String>,
    pub email: Option<String>,
    pub text: String,
}

fn media_text(kind: channels::MediaKind) -> &'static str {
    match kind {
        channels::MediaKind::Image => "[imagem]",
        channels::MediaKind::Audio => "[áudio]",
        channels::MediaKind::Video => "[vídeo]",
        channels::MediaKind::Document => "[documento]",
        channels::MediaKind::Sticker => "[figurinha]",
    }
}

fn from_message(m: channels::InboundMessage, kind: ChannelKind) -> (Incoming, Vec<channels::InboundMedia>) {
    let phone = matches!(kind, ChannelKind::Whatsapp | ChannelKind::TwilioSms | ChannelKind::TwilioWhatsapp);
    let mut text = m.text.clone().unwrap_or_default();
    if text.is_empty() {
        let parts: Vec<String> = m
            .media
            .iter()
            .map(|x| match &x.caption {
                Some(c) => format!("{} {c}", media_text(x.kind)),
                None => media_text(x.kind).to_string(),
            })
            .chain(m.location.iter().map(|l| {
                format!(
                    "[localização] {}",
                    l.name.clone().unwrap_or_else(|| format!("{}, {}", l.latitude, l.longitude))
                )
            }))
            .chain(m.contacts.iter().map(|c| format!("[contato] {} {}", c.name, c.phones.join(", "))))
            .collect();
        text = parts.join("\n");
    }
    let extra = json!({
        "media": m.media.iter().map(|x| json!({ "kind": format!("{:?}", x.kind).to_lowercase(), "mime_type": x.mime_type,
                                                "filename": x.filename, "caption": x.caption })).collect::<Vec<_>>(),
        "location": m.location.as_ref().map(|l| json!({ "latitude": l.latitude, "longitude": l.longitude, "name": l.name, "address": l.address })),
        "contacts": m.contacts.iter().map(|c| json!({ "name": c.name, "phones": c.phones })).collect::<Vec<_>>(),
        "interactive_reply": m.interactive_reply,
        "reply_to": m.reply_to_provider_id,
    });
    let mut thread_ids = m.references.clone();
    if let Some(r) = &m.reply_to_provider_id
        && kind == ChannelKind::Email
    {
        thread_ids.push(r.clone());
    }
    let mut files = vec![];
    let mut refused = vec![];
    for a in m.attachments {
        match refuse_attachment(&a.content_type, a.content.len()) {
            Some(why) => refused.push(format!("{}: {why}", a.filename)),
            None => files.push(IncomingFile {
                filename: a.filename,
                content_type: a.content_type,
                bytes: a.content,
            }),
        }
    }
    let incoming = Incoming {
        id: None,
        provider_message_id: m.provider_message_id,
        address: m.from.clone(),
        name: m.from_name,
        phone: phone.then(|| m.from.clone()),
        email: (kind == ChannelKind::Email).then(|| m.from.clone()),
        subject: m.subject,
        text,
        html: m.html,
        extra,
        thread_ids,
        files,
        refused,
        auto_reply: m.auto_submitted,
    };
    (incoming, m.media)
}

fn decode(event: &EventRow, kind: ChannelKind) -> Result<Option<Item>, String> {
    let key = event.event_id.as_str();
    let want = key.strip_prefix("msg:");
    match kind {
        ChannelKind::Webchat => {
            let p: WebchatPayload = serde_json::from_str(&event.body).map_err(|e| e.to_string())?;
            Ok(Some(Item::Message(
                Box::new(Incoming {
                    id: p.position,
                    provider_message_id: format!("webchat:{}:{}", p.visitor_id, p.client_id),
                    address: format!("visitor:{}", p.visitor_id),
                    name: p.name,
                    email: p.email,
                    text: p.text,
                    extra: json!({}),
                    ..Default::default()
                }),
                vec![],
            )))
        }
        ChannelKind::Whatsapp => {
            let n = channels::whatsapp::parse_webhook(event.body.as_bytes()).map_err(|e| e.to_string())?;
            if let Some(id) = want {
                return Ok(n.messages.into_iter().find(|m| m.provider_message_id == id).map(|m| {
                    let (i, media) = from_message(m, kind);
                    Item::Message(Box::new(i), media)
                }));
            }
            Ok(n.statuses
                .into_iter()
                .find(|s| key == format!("status:{}:{:?}", s.provider_message_id, s.state))
                .map(Item::Status))
        }
        ChannelKind::TwilioSms | ChannelKind::TwilioWhatsapp => {
            let params: Vec<(String, String)> =
                serde_urlencoded::from_str(&event.body).map_err(|e| e.to_string())?;
            Ok(Some(match channels::twilio::parse_webhook(&params).map_err(|e| e.to_string())? {
                channels::twilio::Event::Message(m) => {
                    let (i, media) = from_message(m, kind);
                    Item::Message(Box::new(i), media)
                }
                channels::twilio::Event::Status(s) => Item::Status(s),
            }))
        }
        ChannelKind::Email => {
            let raw =
                base64::engine::general_purpose::STANDARD.decode(&event.body).map_err(|e| e.to_string())?;
            let m = if event.content_type.starts_with("multipart/form-data") {
                channels::sendgrid::parse_inbound_multipart(&event.content_type, &raw)
            } else {
                channels::email::parse_mime(&raw)
            }
            .map_err(|e| e.to_string())?;
            let (i, media) = from_message(m, kind);
            Ok(Some(Item::Message(Box::new(i), media)))
        }
    }
}

/// Media a provider holds (WhatsApp media ids, Twilio URLs), fetched before
/// the transaction; too large or forbidden ones are refused with a reason.
async fn fetch_media(
    app: &App,
    tenant: Uuid,
    channel: &ChannelRow,
    media: &[channels::InboundMedia],
    m: &mut Incoming,
) -> kernel::Result<()> {
    if media.is_empty() {
        return Ok(());
    }
    let secrets = channel.secrets(app, tenant)?;
    for (i, x) in media.iter().enumerate() {
        let name = x.filename.clone().unwrap_or_else(|| format!("anexo-{}", i + 1));
        // Reading stops at the attachment limit: a bigger file is refused
        // without being held in memory.
        let fetched = match channel.kind()? {
            ChannelKind::Whatsapp => {
                let client = channel.whatsapp(app, &secrets);
                match &x.provider_id {
                    Some(id) => match client.media_url(id).await {
                        Ok((url, mime)) => client
                            .download(&url, MAX_ATTACHMENT_BYTES)
                            .await
                            .map(|b| (b, mime.or(x.mime_type.clone()))),
                        Err(e) => Err(e),
                    },
                    None => continue,
                }
            }
            // The client sends the account's Basic auth to its own API host
            // only, and refuses a URL anywhere but Twilio's hosts.
            ChannelKind::TwilioSms | ChannelKind::TwilioWhatsapp => match &x.url {
                Some(url) => channel
                    .twilio(app, &secrets)
                    .download(url, MAX_ATTACHMENT_BYTES)
                    .await
                    .map(|b| (b, x.mime_type.clone())),
                None => continue,
            },
            _ => continue,
        };
        match fetched {
            Ok((bytes, mime)) => {
                let content_type = mime.unwrap_or_else(|| "application/octet-stream".into());
                match refuse_attachment(&content_type, bytes.len()) {
                    Some(why) => m.refused.push(format!("{name}: {why}")),
                    None => m.files.push(IncomingFile { filename: name, content_type, bytes }),
                }
            }
            // The provider failed: retry the whole item later.
            Err(e) if e.is_retryable() => return Err(Error::internal(format!("media {name}: {e}"))),
            Err(e) => m.refused.push(format!("{name}: não foi possível baixar ({e})")),
        }
    }
    Ok(())
}

async fn process(app: &App, tenant: Uuid, event_id: Uuid) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    let Some(event) = inbox::find(&mut tx, tenant, event_id).await? else { return Ok(()) };
    if event.status()? != InboxStatus::Received {
        return Ok(());
    }
    let intake =
        channels_repo::find_for_intake(&mut tx, tenant, event.source_id).await?.ok_or(Error::NotFound)?;
    let channel = &intake.row;
    let kind = channel.kind()?;
    let item = match decode(&event, kind) {
        Ok(Some(item)) => item,
        Ok(None) => {
            inbox::finish(
                &mut tx,
                tenant,
                event_id,
                InboxStatus::Failed,
                Some("o item indicado não está no conteúdo"),
            )
            .await?;
            return Ok(tx.commit().await?);
        }
        Err(why) => {
            let why = format!("conteúdo ilegível: {why}");
            inbox::finish(&mut tx, tenant, event_id, InboxStatus::Failed, Some(&why)).await?;
            return Ok(tx.commit().await?);
        }
    };
    // A message without media is taken in the transaction that read it (one
    // BEGIN/COMMIT per message); media downloads happen outside any.
    match item {
        Item::Message(mut incoming, media) => {
            if !media.is_empty() {
                tx.commit().await?;
                fetch_media(app, tenant, channel, &media, &mut incoming).await?;
                tx = TenantTx::begin(&app.db, tenant).await?;
            }
            let outcome = service::ingest(app, &mut tx, &intake, *incoming).await?;
            let (status, note) = match outcome {
                service::Ingested::Duplicate => (InboxStatus::Ignored, Some("mensagem repetida")),
                _ => (InboxStatus::Processed, None),
            };
            inbox::finish(&mut tx, tenant, event_id, status, note).await?;
            tx.commit().await?;
            Ok(())
        }
        Item::Status(s) => {
            match apply_status(&mut tx, &s).await {
                Ok(changed) => {
                    let note = (!changed).then_some("situação antiga ou repetida: nada muda");
                    inbox::finish(
                        &mut tx,
                        tenant,
                        event_id,
                        if changed { InboxStatus::Processed } else { InboxStatus::Ignored },
                        note,
                    )
                    .await?;
                    tx.commit().await?;
                    Ok(())
                }
                // Not ours (yet): a status can overtake the send that records its id.
                Err(Error::NotFound) if Utc::now() - event.received_at < chrono::Duration::minutes(10) => {
                    anyhow::bail!("status for unknown message {} (retrying)", s.provider_message_id)
                }
                Err(Error::NotFound) => {
                    drop(tx);
                    finish(
                        app,
                        tenant,
                        event_id,
                        InboxStatus::Ignored,
                        Some("mensagem desconhecida (enviada fora do ConectCRM?)"),
                    )
                    .await
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

async fn finish(
    app: &App,
    tenant: Uuid,
    event_id: Uuid,
    status: InboxStatus,
    error: Option<&str>,
) -> anyhow::Result<()> {
    let mut tx = TenantTx::begin(&app.db, tenant).await?;
    inbox::finish(&mut tx, tenant, event_id, status, error).await?;
    tx.commit().await?;
    Ok(())
}
