//! The Inbound Parse webhook. With "POST the raw, full MIME message" on, the
//! form carries the message itself in `email`, read like any raw mail.
//! Otherwise SendGrid sends it pre-parsed: `from`, `to`, `subject`, `text`,
//! `html`, `headers` (the raw header block, where the threading headers
//! are), `charsets` (JSON: the charset of each text field),
//! `attachment-info` (JSON) and one file field per attachment.
//!
//! Inbound Parse is not signed; callers protect the URL with a secret in it.

use std::collections::HashMap;

use bytes::Bytes;
use futures::FutureExt;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::Error;
use crate::email::{html_to_text, parse_headers, parse_mailbox, parse_mime, sanitize_html};
use crate::message::{EmailAttachment, InboundMessage};

/// One form field as the caller's multipart reader gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboundField {
    Text(String),
    File { filename: String, content_type: String, bytes: Vec<u8> },
}

impl InboundField {
    fn bytes(&self) -> &[u8] {
        match self {
            InboundField::Text(text) => text.as_bytes(),
            InboundField::File { bytes, .. } => bytes,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            InboundField::Text(text) => Some(text),
            InboundField::File { .. } => None,
        }
    }
}

/// Reads the webhook's fields (name, value) in either mode.
pub fn parse_inbound(fields: &[(String, InboundField)]) -> Result<InboundMessage, Error> {
    if let Some(raw) = field(fields, "email") {
        return parse_mime(raw.bytes());
    }
    let text_of = |name| field(fields, name).and_then(InboundField::text).filter(|v| !v.trim().is_empty());
    let headers = parse_headers(text_of("headers").unwrap_or_default());
    let (from, from_name) = text_of("from")
        .and_then(parse_mailbox)
        .or(headers.from)
        .ok_or_else(|| Error::Decode("Inbound Parse post without a sender".into()))?;
    let to = text_of("to").and_then(parse_mailbox).map(|(address, _)| address).or(headers.to).or_else(|| {
        #[derive(Deserialize)]
        struct Envelope {
            #[serde(default)]
            to: Vec<String>,
        }
        let envelope: Envelope = serde_json::from_str(text_of("envelope")?).ok()?;
        envelope.to.into_iter().next()
    });
    let html = text_of("html").map(sanitize_html).filter(|h| !h.trim().is_empty());
    let text = text_of("text")
        .map(|t| t.replace("\r\n", "\n"))
        .or_else(|| text_of("html").map(html_to_text))
        .filter(|t| !t.trim().is_empty());
    let provider_message_id = headers.message_id.unwrap_or_else(|| synthetic_id(fields));
    Ok(InboundMessage {
        provider_message_id,
        from,
        from_name,
        to,
        timestamp: headers.timestamp,
        text,
        html,
        subject: text_of("subject").map(|s| s.trim().to_owned()).or(headers.subject),
        reply_to_provider_id: headers.in_reply_to,
        references: headers.references,
        auto_submitted: headers.auto_submitted,
        attachments: attachments(fields),
        ..InboundMessage::default()
    })
}

/// Reads the webhook straight from the request's `Content-Type` and body,
/// decoding each text field with the charset SendGrid declares for it.
pub fn parse_inbound_multipart(content_type: &str, body: &[u8]) -> Result<InboundMessage, Error> {
    let boundary =
        multer::parse_boundary(content_type).map_err(|e| Error::Decode(format!("not multipart: {e}")))?;
    // The whole body is in memory, so reading it never waits: the future is
    // polled once and finishes there.
    let parts = read_parts(boundary, Bytes::copy_from_slice(body))
        .now_or_never()
        .ok_or_else(|| Error::Decode("multipart body ended early".into()))??;
    // The raw message is read as bytes: its 8-bit parts may be in any charset.
    if let Some(raw) = parts.iter().find(|p| p.name == "email") {
        return parse_mime(&raw.bytes);
    }
    let charsets: HashMap<String, String> = parts
        .iter()
        .find(|p| p.name == "charsets")
        .and_then(|p| serde_json::from_slice(&p.bytes).ok())
        .unwrap_or_default();
    let fields: Vec<(String, InboundField)> = parts
        .into_iter()
        .map(|part| {
            let value = match part.filename {
                Some(filename) => InboundField::File {
                    filename,
                    content_type: part.content_type.unwrap_or_else(|| "application/octet-stream".into()),
                    bytes: part.bytes.to_vec(),
                },
                None => {
                    InboundField::Text(decode_text(&part.bytes, charsets.get(&part.name).map(String::as_str)))
                }
            };
            (part.name, value)
        })
        .collect();
    parse_inbound(&fields)
}

struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    bytes: Bytes,
}

async fn read_parts(boundary: String, body: Bytes) -> Result<Vec<Part>, Error> {
    let stream = futures::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    let bad = |e: multer::Error| Error::Decode(format!("bad multipart body: {e}"));
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let bytes = field.bytes().await.map_err(bad)?;
        parts.push(Part { name, filename, content_type, bytes });
    }
    Ok(parts)
}

fn decode_text(bytes: &[u8], charset: Option<&str>) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    match charset.and_then(|c| mail_parser::decoders::charsets::map::charset_decoder(c.trim().as_bytes())) {
        Some(decode) => decode(bytes),
        // Undeclared 8-bit text from Brazilian senders is nearly always
        // Latin-1/Windows-1252, whose decoder accepts any byte.
        None => mail_parser::decoders::charsets::map::charset_decoder(b"windows-1252")
            .map_or_else(|| String::from_utf8_lossy(bytes).into_owned(), |decode| decode(bytes)),
    }
}

fn attachments(fields: &[(String, InboundField)]) -> Vec<EmailAttachment> {
    #[derive(Deserialize)]
    struct Info {
        filename: Option<String>,
        name: Option<String>,
        #[serde(rename = "type")]
        content_type: Option<String>,
    }
    let info: HashMap<String, Info> = field(fields, "attachment-info")
        .and_then(InboundField::text)
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default();
    fields
        .iter()
        .filter_map(|(name, value)| match value {
            InboundField::File { filename, content_type, bytes } => {
                let info = info.get(name);
                let filename = info
                    .and_then(|i| i.filename.clone().or_else(|| i.name.clone()))
                    .filter(|f| !f.trim().is_empty())
                    .unwrap_or_else(|| filename.clone());
                let content_type = info
                    .and_then(|i| i.content_type.clone())
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| content_type.clone());
                Some(EmailAttachment { filename, content_type, content: bytes.clone() })
            }
            InboundField::Text(_) => None,
        })
        .collect()
}

/// An id for a post whose headers carry no Message-ID: the hash of every
/// field, so SendGrid's retry of the same post gets the same id.
fn synthetic_id(fields: &[(String, InboundField)]) -> String {
    let mut hash = Sha256::new();
    for (name, value) in fields {
        hash.update((name.len() as u64).to_be_bytes());
        hash.update(name.as_bytes());
        hash.update((value.bytes().len() as u64).to_be_bytes());
        hash.update(value.bytes());
    }
    format!("sha256:{}", hex::encode(hash.finalize()))
}

fn field<'a>(fields: &'a [(String, InboundField)], name: &str) -> Option<&'a InboundField> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}
