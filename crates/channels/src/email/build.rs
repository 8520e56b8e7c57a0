//! Outbound mail: the MIME for a reply, threaded so the customer's client
//! shows it inside the same conversation.

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, Mailboxes, MultiPart, SinglePart};

use crate::Error;
use crate::message::EmailAttachment;

/// A message to send. Message-IDs are written without angle brackets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outbound {
    /// `suporte@empresa.com.br` or `Empresa <suporte@empresa.com.br>`.
    pub from: String,
    /// One address, or several separated by commas.
    pub to: String,
    /// Where the customer's answer goes when `from` is not the company's own
    /// address (a sender that has not proven it controls the address).
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// Ours, from [`new_message_id`]; the customer's reply names it in
    /// In-Reply-To, which is how the reply finds its ticket.
    pub message_id: String,
    /// The customer's message this one answers.
    pub in_reply_to: Option<String>,
    /// The conversation so far, oldest first.
    pub references: Vec<String>,
    pub attachments: Vec<EmailAttachment>,
}

impl Outbound {
    /// References as they go on the wire: the given ones, then In-Reply-To if
    /// missing (RFC 5322 §3.6.4: the parent's references plus the parent),
    /// each once.
    pub fn thread_references(&self) -> Result<Vec<String>, Error> {
        let mut out: Vec<String> = Vec::with_capacity(self.references.len() + 1);
        for id in self.references.iter().chain(self.in_reply_to.as_ref()) {
            let id = bare_id(id)?;
            if !out.contains(&id) {
                out.push(id);
            }
        }
        Ok(out)
    }
}

/// A fresh Message-ID (without brackets) under our sending domain: a UUIDv7,
/// so ids are unique across nodes and sort by time.
pub fn new_message_id(domain: &str) -> String {
    format!("{}@{}", uuid::Uuid::now_v7(), domain.trim().trim_start_matches('@'))
}

/// Builds the full RFC 5322 message: multipart/alternative when there is
/// HTML, inside multipart/mixed when there are attachments.
pub fn build_mime(out: &Outbound) -> Result<Vec<u8>, Error> {
    let from: Mailbox = out.from.parse().map_err(|e| invalid("From", &out.from, e))?;
    let to: Mailboxes = out.to.parse().map_err(|e| invalid("To", &out.to, e))?;
    let mut builder = Message::builder()
        .from(from)
        .subject(out.subject.clone())
        .message_id(Some(format!("<{}>", bare_id(&out.message_id)?)));
    for mailbox in to {
        builder = builder.to(mailbox);
    }
    if let Some(reply_to) = &out.reply_to {
        let mailbox: Mailbox = reply_to.parse().map_err(|e| invalid("Reply-To", reply_to, e))?;
        builder = builder.reply_to(mailbox);
    }
    if let Some(parent) = &out.in_reply_to {
        builder = builder.in_reply_to(format!("<{}>", bare_id(parent)?));
    }
    let references = out.thread_references()?;
    if !references.is_empty() {
        let joined: Vec<String> = references.iter().map(|id| format!("<{id}>")).collect();
        builder = builder.references(joined.join(" "));
    }

    let body = match &out.html {
        Some(html) => Body::Multi(MultiPart::alternative_plain_html(out.text.clone(), html.clone())),
        None => Body::Single(SinglePart::plain(out.text.clone())),
    };
    let message = if out.attachments.is_empty() {
        match body {
            Body::Multi(part) => builder.multipart(part),
            Body::Single(part) => builder.singlepart(part),
        }
    } else {
        let mut mixed = match body {
            Body::Multi(part) => MultiPart::mixed().multipart(part),
            Body::Single(part) => MultiPart::mixed().singlepart(part),
        };
        for attachment in &out.attachments {
            mixed = mixed.singlepart(attachment_part(attachment));
        }
        builder.multipart(mixed)
    };
    let message = message.map_err(|e| Error::Decode(format!("cannot build the e-mail: {e}")))?;
    Ok(message.formatted())
}

enum Body {
    Single(SinglePart),
    Multi(MultiPart),
}

fn attachment_part(attachment: &EmailAttachment) -> SinglePart {
    // A stored content type we cannot parse must not stop the reply; the
    // customer's client still sees the bytes and the name.
    let content_type = ContentType::parse(&attachment.content_type).unwrap_or_else(|_| {
        ContentType::parse("application/octet-stream").unwrap_or(ContentType::TEXT_PLAIN)
    });
    let filename: String = attachment.filename.chars().filter(|c| !c.is_control()).collect();
    Attachment::new(filename).body(attachment.content.clone(), content_type)
}

/// A Message-ID without its brackets, refused when it could not be one
/// (whitespace or brackets inside would break the header or inject one).
pub(crate) fn bare_id(id: &str) -> Result<String, Error> {
    let id = id.trim();
    let id = id.strip_prefix('<').and_then(|i| i.strip_suffix('>')).unwrap_or(id);
    let valid = !id.is_empty() && id.chars().all(|c| c.is_ascii_graphic() && c != '<' && c != '>');
    if valid { Ok(id.to_owned()) } else { Err(Error::Decode(format!("not a Message-ID: {id:?}"))) }
}

fn invalid(header: &str, value: &str, error: impl std::fmt::Display) -> Error {
    Error::Decode(format!("invalid {header} address {value:?}: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_are_bare_and_safe() {
        assert_eq!(bare_id("<abc@x.com>").ok().as_deref(), Some("abc@x.com"));
        assert_eq!(bare_id(" abc@x.com ").ok().as_deref(), Some("abc@x.com"));
        assert!(bare_id("a b@x").is_err());
        assert!(bare_id("a@x>\r\nBcc: evil@y").is_err());
        assert!(bare_id("<>").is_err());
    }

    #[test]
    fn new_ids_are_unique_under_the_domain() {
        let a = new_message_id("mail.conectcrm.com.br");
        let b = new_message_id("@mail.conectcrm.com.br");
        assert_ne!(a, b);
        assert!(a.ends_with("@mail.conectcrm.com.br") && b.ends_with("@mail.conectcrm.com.br"));
        assert!(bare_id(&a).is_ok());
    }
}
