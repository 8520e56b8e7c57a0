//! Reading a WhatsApp Cloud API webhook body: customers' messages and the
//! delivery status of ours. Check its signature with
//! [`super::verify_signature`] first.
//!
//! Shape: `object: "whatsapp_business_account"`,
//! `entry[].changes[].value.{metadata, contacts, messages, statuses}`.
//! Meta adds message types over time; one we do not know still becomes a
//! message (text None, no media) so it is seen rather than lost.

use serde::Deserialize;
use serde_json::Value;

use crate::message::{
    DeliveryState, InboundMedia, InboundMessage, Location, MediaKind, SharedContact, StatusUpdate,
};
use crate::{Error, phone, reason};

/// What one webhook call reported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notification {
    /// Which of our numbers the change is about; picks the tenant's channel.
    pub phone_number_id: Option<String>,
    pub messages: Vec<InboundMessage>,
    pub statuses: Vec<StatusUpdate>,
}

/// Reads a webhook body into one [`Notification`]. Meta may batch changes of
/// several of our numbers into one call; when one app serves several
/// numbers, use [`parse_webhook_all`], which keeps them apart.
pub fn parse_webhook(body: &[u8]) -> Result<Notification, Error> {
    let mut merged = Notification::default();
    for notification in parse_webhook_all(body)? {
        merged.phone_number_id = merged.phone_number_id.or(notification.phone_number_id);
        merged.messages.extend(notification.messages);
        merged.statuses.extend(notification.statuses);
    }
    Ok(merged)
}

/// Reads a webhook body into one [`Notification`] per change, each with the
/// number it concerns. Changes that are not about messages (template or
/// account updates) are left out.
pub fn parse_webhook_all(body: &[u8]) -> Result<Vec<Notification>, Error> {
    let envelope: Envelope = crate::decode(body)?;
    if envelope.object != "whatsapp_business_account" {
        return Err(Error::Decode(format!("not a WhatsApp webhook (object {:?})", envelope.object)));
    }
    let mut out = Vec::new();
    for change in envelope.entry.into_iter().flat_map(|entry| entry.changes) {
        if change.field.as_deref().is_some_and(|field| field != "messages") {
            continue;
        }
        let Some(value) = change.value else {
            continue;
        };
        out.push(notification(value)?);
    }
    Ok(out)
}

/// Whether a failed status is WhatsApp's "more than 24 hours since the
/// customer last wrote": the message must go again as a template.
pub fn outside_window_status(status: &StatusUpdate) -> bool {
    status.state == DeliveryState::Failed
        && status.error.as_deref().and_then(crate::code_of) == Some(super::OUTSIDE_WINDOW_CODE)
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    object: String,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    field: Option<String>,
    value: Option<ChangeValue>,
}

#[derive(Deserialize)]
struct ChangeValue {
    metadata: Option<Metadata>,
    #[serde(default)]
    contacts: Vec<Profile>,
    // Read one by one, so a message of a shape we do not know cannot make
    // the rest of the batch unreadable.
    #[serde(default)]
    messages: Vec<Value>,
    #[serde(default)]
    statuses: Vec<RawStatus>,
}

#[derive(Deserialize)]
struct Metadata {
    display_phone_number: Option<String>,
    phone_number_id: Option<String>,
}

#[derive(Deserialize)]
struct Profile {
    wa_id: Option<String>,
    profile: Option<ProfileName>,
}

#[derive(Deserialize)]
struct ProfileName {
    name: Option<String>,
}

/// What every message has; without it a message cannot be told apart.
#[derive(Deserialize)]
struct Head {
    id: String,
    from: String,
    timestamp: Option<Value>,
    context: Option<Context>,
}

#[derive(Deserialize)]
struct Context {
    id: Option<String>,
}

/// The content, one field per message type.
#[derive(Deserialize)]
struct Content {
    #[serde(rename = "type")]
    kind: Option<String>,
    text: Option<Text>,
    image: Option<Media>,
    audio: Option<Media>,
    video: Option<Media>,
    document: Option<Media>,
    sticker: Option<Media>,
    location: Option<RawLocation>,
    contacts: Option<Vec<RawContact>>,
    interactive: Option<Interactive>,
    button: Option<Button>,
}

#[derive(Deserialize)]
struct Text {
    body: Option<String>,
}

#[derive(Deserialize)]
struct Media {
    id: Option<String>,
    mime_type: Option<String>,
    filename: Option<String>,
    caption: Option<String>,
}

#[derive(Deserialize)]
struct RawLocation {
    latitude: f64,
    longitude: f64,
    name: Option<String>,
    address: Option<String>,
}

#[derive(Deserialize)]
struct RawContact {
    name: Option<ContactName>,
    #[serde(default)]
    phones: Vec<ContactPhone>,
}

#[derive(Deserialize)]
struct ContactName {
    formatted_name: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

#[derive(Deserialize)]
struct ContactPhone {
    phone: Option<String>,
    wa_id: Option<String>,
}

#[derive(Deserialize)]
struct Interactive {
    button_reply: Option<Reply>,
    list_reply: Option<Reply>,
}

#[derive(Deserialize)]
struct Reply {
    title: Option<String>,
}

/// A template's quick-reply button.
#[derive(Deserialize)]
struct Button {
    text: Option<String>,
    payload: Option<String>,
}

#[derive(Deserialize)]
struct RawStatus {
    id: String,
    status: String,
    timestamp: Option<Value>,
    #[serde(default)]
    errors: Vec<RawError>,
}

#[derive(Deserialize)]
struct RawError {
    code: Option<u64>,
    title: Option<String>,
    message: Option<String>,
    error_data: Option<ErrorData>,
}

#[derive(Deserialize)]
struct ErrorData {
    details: Option<String>,
}

fn notification(value: ChangeValue) -> Result<Notification, Error> {
    let (phone_number_id, to) = match value.metadata {
        Some(m) => (m.phone_number_id, m.display_phone_number.map(|n| phone::e164(&phone::digits(&n)))),
        None => (None, None),
    };
    let mut messages = Vec::with_capacity(value.messages.len());
    for raw in value.messages {
        let mut message = message(raw)?;
        message.to = to.clone();
        message.from_name = sender_name(&value.contacts, &message.from);
        messages.push(message);
    }
    let statuses = value.statuses.into_iter().filter_map(status).collect();
    Ok(Notification { phone_number_id, messages, statuses })
}

/// The profile name of the sender; with one contact in the change it is the
/// sender's even when Meta leaves out its `wa_id`.
fn sender_name(contacts: &[Profile], from: &str) -> Option<String> {
    let contact = match contacts {
        [only] => only,
        _ => contacts.iter().find(|c| c.wa_id.as_deref().map(phone::e164).as_deref() == Some(from))?,
    };
    contact.profile.as_ref()?.name.clone().filter(|n| !n.trim().is_empty())
}

fn message(raw: Value) -> Result<InboundMessage, Error> {
    let head = Head::deserialize(&raw).map_err(|e| Error::Decode(format!("WhatsApp message: {e}")))?;
    let mut message = InboundMessage {
        provider_message_id: head.id,
        from: phone::e164(&head.from),
        timestamp: head.timestamp.as_ref().and_then(unix),
        reply_to_provider_id: head.context.and_then(|c| c.id),
        ..InboundMessage::default()
    };
    // A known type in a shape we do not expect is kept like an unknown type.
    if let Ok(content) = Content::deserialize(&raw) {
        fill(&mut message, content);
    }
    Ok(message)
}

fn fill(message: &mut InboundMessage, content: Content) {
    let kind = content.kind.as_deref().unwrap_or_default();
    match kind {
        "text" => message.text = content.text.and_then(|t| t.body),
        "image" | "audio" | "video" | "document" | "sticker" => {
            let (kind, media) = match kind {
                "image" => (MediaKind::Image, content.image),
                "audio" => (MediaKind::Audio, content.audio),
                "video" => (MediaKind::Video, content.video),
                "document" => (MediaKind::Document, content.document),
                _ => (MediaKind::Sticker, content.sticker),
            };
            if let Some(media) = media {
                message.media.push(InboundMedia {
                    kind,
                    provider_id: media.id,
                    url: None,
                    mime_type: media.mime_type,
                    filename: media.filename,
                    caption: media.caption,
                });
            }
        }
        "location" => {
            message.location = content.location.map(|l| Location {
                latitude: l.latitude,
                longitude: l.longitude,
                name: l.name,
                address: l.address,
            });
        }
        "contacts" => {
            message.contacts = content.contacts.unwrap_or_default().into_iter().map(contact).collect()
        }
        "interactive" => {
            let reply =
                content.interactive.and_then(|i| i.button_reply.or(i.list_reply)).and_then(|r| r.title);
            message.text.clone_from(&reply);
            message.interactive_reply = reply;
        }
        "button" => {
            let reply = content.button.and_then(|b| b.text.or(b.payload));
            message.text.clone_from(&reply);
            message.interactive_reply = reply;
        }
        _ => {}
    }
}

fn contact(raw: RawContact) -> SharedContact {
    let name = raw
        .name
        .and_then(|n| {
            n.formatted_name.filter(|f| !f.trim().is_empty()).or_else(|| {
                let joined = [n.first_name, n.last_name].into_iter().flatten().collect::<Vec<_>>().join(" ");
                Some(joined).filter(|j| !j.trim().is_empty())
            })
        })
        .unwrap_or_default();
    // The wa_id is the number WhatsApp knows; the `phone` text is as the
    // sender saved it and may lack the country code.
    let phones = raw
        .phones
        .into_iter()
        .filter_map(|p| p.wa_id.map(|id| phone::e164(&id)).or(p.phone.map(|p| p.trim().to_owned())))
        .filter(|p| !p.is_empty())
        .collect();
    SharedContact { name, phones }
}

fn status(raw: RawStatus) -> Option<StatusUpdate> {
    let state = match raw.status.as_str() {
        "sent" => DeliveryState::Sent,
        "delivered" => DeliveryState::Delivered,
        "read" => DeliveryState::Read,
        "failed" => DeliveryState::Failed,
        // "deleted", "warning" and whatever Meta adds change no delivery state.
        _ => return None,
    };
    let error = raw.errors.into_iter().next().and_then(|e| {
        let text = e.message.or(e.title);
        let details = e.error_data.and_then(|d| d.details).filter(|d| Some(d) != text.as_ref());
        let text = match (text, details) {
            (Some(text), Some(details)) => Some(format!("{text}: {details}")),
            (text, details) => text.or(details),
        };
        reason(e.code, text.as_deref())
    });
    Some(StatusUpdate {
        provider_message_id: raw.id,
        state,
        timestamp: raw.timestamp.as_ref().and_then(unix),
        error,
    })
}

/// Meta writes timestamps as strings of unix seconds; accept numbers too.
fn unix(value: &Value) -> Option<i64> {
    match value {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    }
}
