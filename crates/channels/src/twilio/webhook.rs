//! Reading Twilio's form posts: an incoming SMS or WhatsApp message, or a
//! status callback for one we sent. Check the signature with
//! [`super::verify_signature`] first.

use crate::message::{DeliveryState, InboundMedia, InboundMessage, Location, MediaKind, StatusUpdate};
use crate::{Error, reason};

const WHATSAPP_PREFIX: &str = "whatsapp:";

/// Twilio sends at most 10 media per message; a larger `NumMedia` is not
/// Twilio's and must not make us loop.
const MAX_MEDIA: usize = 10;

// One event per webhook call, never held in bulk: the size difference costs
// nothing, and boxing would only make callers unbox.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Message(InboundMessage),
    Status(StatusUpdate),
}

/// Whether the post concerns a WhatsApp conversation rather than SMS.
pub fn is_whatsapp(params: &[(String, String)]) -> bool {
    ["From", "To"].iter().any(|name| param(params, name).is_some_and(|v| v.starts_with(WHATSAPP_PREFIX)))
}

/// Whether a failed status is WhatsApp's 24-hour window closing (error
/// 63016): the message must go again as a template.
pub fn outside_window_status(status: &StatusUpdate) -> bool {
    status.state == DeliveryState::Failed
        && status.error.as_deref().and_then(crate::code_of) == Some(super::OUTSIDE_WINDOW_CODE)
}

/// Reads a webhook's form parameters. A post with a `MessageStatus` other
/// than `received` is a status callback; anything else is a message.
pub fn parse_webhook(params: &[(String, String)]) -> Result<Event, Error> {
    let sid = param(params, "MessageSid")
        .or_else(|| param(params, "SmsMessageSid"))
        .or_else(|| param(params, "SmsSid"))
        .ok_or_else(|| Error::Decode("Twilio webhook without MessageSid".into()))?;
    let status = param(params, "MessageStatus").or_else(|| param(params, "SmsStatus"));
    match status {
        Some(status) if !matches!(status, "received" | "receiving") => {
            Ok(Event::Status(status_update(params, sid, status)?))
        }
        _ => Ok(Event::Message(message(params, sid)?)),
    }
}

fn status_update(params: &[(String, String)], sid: &str, status: &str) -> Result<StatusUpdate, Error> {
    let state = match status {
        // Still on Twilio's side, which the model has no state for; "sent"
        // is the nearest, and callers only move states forward.
        "accepted" | "scheduled" | "queued" | "sending" | "sent" => DeliveryState::Sent,
        "delivered" => DeliveryState::Delivered,
        "read" => DeliveryState::Read,
        "undelivered" | "failed" | "canceled" => DeliveryState::Failed,
        other => return Err(Error::Decode(format!("unknown Twilio MessageStatus {other:?}"))),
    };
    let code = param(params, "ErrorCode").and_then(|c| c.trim().parse::<u64>().ok()).filter(|&c| c != 0);
    let error = if state == DeliveryState::Failed || code.is_some() {
        reason(code, param(params, "ErrorMessage"))
    } else {
        None
    };
    Ok(StatusUpdate { provider_message_id: sid.to_owned(), state, timestamp: None, error })
}

fn message(params: &[(String, String)], sid: &str) -> Result<InboundMessage, Error> {
    let from = param(params, "From").map(strip_channel).filter(|f| !f.is_empty());
    let from = from.ok_or_else(|| Error::Decode("Twilio message without From".into()))?;
    let count = param(params, "NumMedia").and_then(|n| n.trim().parse::<usize>().ok()).unwrap_or(0);
    let media = (0..count.min(MAX_MEDIA))
        .filter_map(|i| {
            let url = param(params, &format!("MediaUrl{i}"))?;
            let mime_type = param(params, &format!("MediaContentType{i}")).map(str::to_owned);
            Some(InboundMedia {
                kind: mime_type.as_deref().map_or(MediaKind::Document, MediaKind::from_mime),
                provider_id: None,
                url: Some(url.to_owned()),
                mime_type,
                filename: None,
                caption: None,
            })
        })
        .collect();
    // WhatsApp quick replies and list picks arrive with their title.
    let interactive_reply = non_empty(params, "ButtonText").or_else(|| non_empty(params, "ListTitle"));
    let text = non_empty(params, "Body").or_else(|| interactive_reply.clone());
    Ok(InboundMessage {
        provider_message_id: sid.to_owned(),
        from,
        from_name: non_empty(params, "ProfileName"),
        to: param(params, "To").map(strip_channel).filter(|t| !t.is_empty()),
        timestamp: None,
        text,
        media,
        location: location(params),
        reply_to_provider_id: non_empty(params, "OriginalRepliedMessageSid"),
        interactive_reply,
        ..InboundMessage::default()
    })
}

/// A WhatsApp location shared through Twilio.
fn location(params: &[(String, String)]) -> Option<Location> {
    let coordinate =
        |name| param(params, name).and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite());
    Some(Location {
        latitude: coordinate("Latitude")?,
        longitude: coordinate("Longitude")?,
        name: non_empty(params, "Label"),
        address: non_empty(params, "Address"),
    })
}

fn strip_channel(address: &str) -> String {
    let address = address.trim();
    address.strip_prefix(WHATSAPP_PREFIX).unwrap_or(address).trim().to_owned()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn non_empty(params: &[(String, String)], name: &str) -> Option<String> {
    param(params, name).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}
