//! Incoming mail, parsed with Stalwart's `mail-parser`, which decodes
//! transfer encodings, charsets (ISO-8859-1, Windows-1252, …) and encoded
//! words in headers.

use mail_parser::{Address, Message, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use super::sanitize::sanitize_html;
use crate::Error;
use crate::message::{EmailAttachment, InboundMessage};

/// Reads a raw message. The HTML body comes back sanitised; the text body is
/// the text/plain part, else text derived from the HTML. A message without a
/// Message-ID gets `sha256:<hex of the raw bytes>`, stable across
/// redeliveries of the same bytes.
pub fn parse_mime(raw: &[u8]) -> Result<InboundMessage, Error> {
    let message =
        MessageParser::default().parse(raw).ok_or_else(|| Error::Decode("not an e-mail message".into()))?;
    let headers = headers_of(&message);
    let (from, from_name) =
        headers.from.clone().ok_or_else(|| Error::Decode("e-mail without a From address".into()))?;
    let text = message.body_text(0).map(|t| normalise_newlines(&t)).filter(|t| !t.trim().is_empty());
    // body_html would also turn a text-only message into HTML; only a real
    // HTML part is kept.
    let html = message
        .html_part(0)
        .and_then(|part| match &part.body {
            PartType::Html(html) => Some(sanitize_html(html)),
            _ => None,
        })
        .filter(|h| !h.trim().is_empty());
    let provider_message_id =
        headers.message_id.clone().unwrap_or_else(|| format!("sha256:{}", hex::encode(Sha256::digest(raw))));
    Ok(InboundMessage {
        provider_message_id,
        from,
        from_name,
        to: headers.to,
        timestamp: headers.timestamp,
        text,
        html,
        subject: headers.subject,
        reply_to_provider_id: headers.in_reply_to,
        references: headers.references,
        auto_submitted: headers.auto_submitted,
        attachments: attachments(&message),
        ..InboundMessage::default()
    })
}

/// The threading headers of a message or of a bare header block.
#[derive(Debug, Default)]
pub(crate) struct ParsedHeaders {
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub subject: Option<String>,
    pub timestamp: Option<i64>,
    /// Address and display name.
    pub from: Option<(String, Option<String>)>,
    pub to: Option<String>,
    /// An automatic message (RFC 3834 `Auto-Submitted` other than `no`,
    /// `X-Autoreply`, `Precedence: auto_reply/bulk/junk`): an out-of-office
    /// or a robot, never to be answered by a robot of ours.
    pub auto_submitted: bool,
}

/// Reads the headers of a raw header block (SendGrid's `headers` field).
pub(crate) fn parse_headers(block: &str) -> ParsedHeaders {
    let raw = format!("{}\r\n\r\n", block.trim_end());
    MessageParser::default().parse(raw.as_bytes()).map(|m| headers_of(&m)).unwrap_or_default()
}

/// Address and display name out of a header value such as
/// `"Ana Souza" <ana@example.com.br>` (encoded words are decoded).
pub(crate) fn parse_mailbox(value: &str) -> Option<(String, Option<String>)> {
    // A line break would end the header we build around the value.
    let value: String = value.chars().map(|c| if c == '\r' || c == '\n' { ' ' } else { c }).collect();
    let raw = format!("From: {value}\r\n\r\n");
    let message = MessageParser::default().parse(raw.as_bytes())?;
    sender(&message)
}

fn headers_of(message: &Message<'_>) -> ParsedHeaders {
    let ids = |value: &mail_parser::HeaderValue<'_>| -> Vec<String> {
        let list: Vec<&str> = match (value.as_text_list(), value.as_text()) {
            (Some(list), _) => list.iter().map(|id| id.as_ref()).collect(),
            (None, Some(one)) => vec![one],
            (None, None) => Vec::new(),
        };
        list.into_iter().flat_map(split_ids).collect()
    };
    ParsedHeaders {
        message_id: message.message_id().and_then(|id| split_ids(id).into_iter().next()),
        // A reply names one parent; a few clients add more, the first counts.
        in_reply_to: ids(message.in_reply_to()).into_iter().next(),
        references: ids(message.references()),
        subject: message.subject().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
        timestamp: message.date().filter(|d| d.is_valid()).map(|d| d.to_timestamp()),
        from: sender(message),
        to: first_address(message.to()).or_else(|| first_address(message.cc())),
        auto_submitted: is_automatic(message),
    }
}

fn is_automatic(message: &Message<'_>) -> bool {
    let text = |name: &str| message.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    text("Auto-Submitted").is_some_and(|v| !v.is_empty() && !v.starts_with("no"))
        || text("X-Autoreply").is_some()
        || text("X-Autorespond").is_some()
        || text("Precedence").is_some_and(|v| matches!(v.as_str(), "auto_reply" | "bulk" | "junk"))
}

/// Message-IDs without brackets; tolerates lists the parser left as one
/// text ("<a@x> <b@y>") and bare ids.
fn split_ids(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .map(|id| id.trim_matches(|c| c == '<' || c == '>'))
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Address and display name of the author: From, else Sender, else the
/// Return-Path.
fn sender(message: &Message<'_>) -> Option<(String, Option<String>)> {
    for address in [message.from(), message.sender()].into_iter().flatten() {
        if let Some(addr) = address.iter().find(|a| a.address().is_some_and(|a| !a.trim().is_empty())) {
            let name = addr.name().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
            return Some((addr.address()?.trim().to_owned(), name));
        }
    }
    let bare = message.return_address()?.trim();
    (!bare.is_empty()).then(|| (bare.to_owned(), None))
}

fn first_address(address: Option<&Address<'_>>) -> Option<String> {
    address?.iter().find_map(|a| a.address().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned))
}

fn attachments(message: &Message<'_>) -> Vec<EmailAttachment> {
    message
        .attachments()
        .enumerate()
        .map(|(i, part)| {
            let content_type = part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_owned(),
                })
                .map(|ct| ct.to_ascii_lowercase())
                .unwrap_or_else(|| {
                    if part.is_message() { "message/rfc822" } else { "application/octet-stream" }.to_owned()
                });
            let filename = part
                .attachment_name()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .unwrap_or_else(|| default_name(i + 1, &content_type));
            EmailAttachment { filename, content_type, content: part.contents().to_vec() }
        })
        .collect()
}

/// A name for an attachment that has none (often an inline image).
fn default_name(n: usize, content_type: &str) -> String {
    let extension = match content_type {
        "message/rfc822" => "eml",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "text/html" => "html",
        _ => "bin",
    };
    format!("attachment-{n}.{extension}")
}

fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_lose_their_brackets() {
        assert_eq!(split_ids("<a@x> <b@y>"), ["a@x", "b@y"]);
        assert_eq!(split_ids("a@x,<b@y>"), ["a@x", "b@y"]);
        assert!(split_ids("  ").is_empty());
    }
}
