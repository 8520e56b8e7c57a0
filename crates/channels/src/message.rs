//! The normalised shape every channel's webhook is read into, so the support
//! inbox handles a WhatsApp message, an SMS and an e-mail the same way.
//!
//! Every type derives serde so callers can keep a message in a job payload.

use serde::{Deserialize, Serialize};

/// What kind of file a chat message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Image,
    Audio,
    Video,
    Document,
    Sticker,
}

impl MediaKind {
    /// The WhatsApp message type of this kind (`"image"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Audio => "audio",
            MediaKind::Video => "video",
            MediaKind::Document => "document",
            MediaKind::Sticker => "sticker",
        }
    }

    /// The kind a MIME type suggests; anything that is not an image, audio
    /// or video is offered as a document.
    pub fn from_mime(mime_type: &str) -> MediaKind {
        let top = mime_type.split('/').next().unwrap_or_default().trim().to_ascii_lowercase();
        match top.as_str() {
            "image" => MediaKind::Image,
            "audio" => MediaKind::Audio,
            "video" => MediaKind::Video,
            _ => MediaKind::Document,
        }
    }
}

/// A file attached to a chat message. It is not downloaded here: WhatsApp
/// gives an id to resolve with `whatsapp::Client::media_url`, Twilio a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboundMedia {
    pub kind: MediaKind,
    /// WhatsApp media id.
    pub provider_id: Option<String>,
    /// Twilio `MediaUrl{N}` (fetching it needs the account's Basic auth).
    pub url: Option<String>,
    pub mime_type: Option<String>,
    pub filename: Option<String>,
    pub caption: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    pub name: Option<String>,
    pub address: Option<String>,
}

/// A contact card shared in a chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedContact {
    pub name: String,
    pub phones: Vec<String>,
}

/// A file attached to an e-mail, with its bytes.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAttachment {
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

impl std::fmt::Debug for EmailAttachment {
    // Printing every byte of a PDF in a log line helps no one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailAttachment")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("content", &format_args!("[{} bytes]", self.content.len()))
            .finish()
    }
}

/// One message a customer sent, whatever the channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InboundMessage {
    /// WhatsApp `wamid…`, Twilio `MessageSid`, e-mail Message-ID (without
    /// `<>`). Providers redeliver webhooks, so callers deduplicate on it.
    pub provider_message_id: String,
    /// E.164 (`+5511987654321`) for phones; the address for e-mail.
    pub from: String,
    pub from_name: Option<String>,
    /// Our number (E.164) or address the message was sent to.
    pub to: Option<String>,
    /// Unix seconds, as the provider stated it.
    pub timestamp: Option<i64>,
    /// Plain text. For e-mail the text body, or text derived from the HTML.
    pub text: Option<String>,
    /// E-mail only: the HTML body, already sanitised.
    pub html: Option<String>,
    pub subject: Option<String>,
    pub media: Vec<InboundMedia>,
    pub location: Option<Location>,
    pub contacts: Vec<SharedContact>,
    /// The message this one answers: WhatsApp `context.id`, Twilio
    /// `OriginalRepliedMessageSid`, e-mail In-Reply-To.
    pub reply_to_provider_id: Option<String>,
    /// E-mail References, oldest first, without `<>`.
    pub references: Vec<String>,
    /// E-mail: an automatic reply (out-of-office, RFC 3834 `Auto-Submitted`).
    #[serde(default)]
    pub auto_submitted: bool,
    /// The title of the button or list row the customer picked; `text` holds
    /// it too, so a reader that only looks at `text` still sees the answer.
    pub interactive_reply: Option<String>,
    /// E-mail only.
    pub attachments: Vec<EmailAttachment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryState {
    Sent,
    Delivered,
    Read,
    Failed,
}

impl DeliveryState {
    /// Position in the normal progression, so callers can ignore a late
    /// "delivered" that arrives after "read". Failed is final.
    pub fn rank(self) -> u8 {
        match self {
            DeliveryState::Sent => 1,
            DeliveryState::Delivered => 2,
            DeliveryState::Read => 3,
            DeliveryState::Failed => 4,
        }
    }
}

/// What happened to a message we sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub provider_message_id: String,
    pub state: DeliveryState,
    pub timestamp: Option<i64>,
    /// The provider's reason for a failure, as `(#code) text`.
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_kind_follows_the_mime_type() {
        assert_eq!(MediaKind::from_mime("image/jpeg"), MediaKind::Image);
        assert_eq!(MediaKind::from_mime("audio/ogg; codecs=opus"), MediaKind::Audio);
        assert_eq!(MediaKind::from_mime("VIDEO/mp4"), MediaKind::Video);
        assert_eq!(MediaKind::from_mime("application/pdf"), MediaKind::Document);
        assert_eq!(MediaKind::from_mime(""), MediaKind::Document);
    }
}
