//! The SendGrid v3 calls ConectCRM makes, for one API key.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use lettre::message::{Mailbox, Mailboxes};
use serde::Deserialize;
use serde_json::{Value, json};

use egress::Egress;

use super::API;
use crate::Error;
use crate::email::{Outbound, bare_id};

#[derive(Clone)]
pub struct Client {
    base_url: String,
    api_key: String,
    http: Egress,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("sendgrid::Client")
            .field("base_url", &self.base_url)
            .field("api_key", &"[hidden]")
            .finish()
    }
}

impl Client {
    /// `base_url` is [`super::API_BASE_URL`] in production.
    pub fn new(http: &Egress, base_url: &str, api_key: &str) -> Client {
        Client { base_url: egress::base_url(base_url), api_key: api_key.to_owned(), http: http.clone() }
    }

    /// Sends `out` with its threading headers, our Message-ID included, so
    /// the customer's reply names it in In-Reply-To. `from_name` overrides
    /// a display name written in `out.from`. Returns SendGrid's
    /// `X-Message-Id` (which its event webhook reports as `sg_message_id`).
    pub async fn send(&self, out: &Outbound, from_name: Option<&str>) -> Result<Option<String>, Error> {
        let request = self
            .http
            .post(&format!("{}/v3/mail/send", self.base_url))
            .bearer_auth(&self.api_key)
            .json(&mail(out, from_name)?);
        let answer = self.http.send(request, API, error_message).await?;
        Ok(answer
            .headers
            .get("x-message-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .filter(|id| !id.is_empty()))
    }

    /// Proves the key works (the "test connection" button): listing the
    /// key's scopes changes nothing.
    pub async fn check(&self) -> Result<(), Error> {
        let request = self.http.get(&format!("{}/v3/scopes", self.base_url)).bearer_auth(&self.api_key);
        self.http.send(request, API, error_message).await?;
        Ok(())
    }
}

fn mail(out: &Outbound, from_name: Option<&str>) -> Result<Value, Error> {
    let from: Mailbox =
        out.from.parse().map_err(|e| Error::Decode(format!("invalid From {:?}: {e}", out.from)))?;
    let to: Mailboxes = out.to.parse().map_err(|e| Error::Decode(format!("invalid To {:?}: {e}", out.to)))?;
    let to: Vec<Value> = to.into_iter().map(|m| address(&m, None)).collect();
    if to.is_empty() {
        return Err(Error::Decode("no recipient".into()));
    }
    // SendGrid refuses an empty content value and wants text/plain first.
    let mut content = Vec::new();
    if !out.text.is_empty() || out.html.is_none() {
        content.push(json!({"type": "text/plain", "value": out.text}));
    }
    if let Some(html) = &out.html {
        content.push(json!({"type": "text/html", "value": html}));
    }
    let message_id = bare_id(&out.message_id)?;
    let mut headers = json!({"Message-ID": format!("<{message_id}>")});
    if let Some(parent) = &out.in_reply_to {
        headers["In-Reply-To"] = json!(format!("<{}>", bare_id(parent)?));
    }
    let references = out.thread_references()?;
    if !references.is_empty() {
        headers["References"] =
            json!(references.iter().map(|id| format!("<{id}>")).collect::<Vec<_>>().join(" "));
    }
    let mut mail = json!({
        "personalizations": [{"to": to}],
        "from": address(&from, from_name),
        "subject": out.subject,
        "content": content,
        "headers": headers,
        // Comes back in SendGrid's event webhook, tying events to our row.
        "custom_args": {"message_id": message_id},
    });
    if let Some(reply_to) = &out.reply_to {
        let mailbox: Mailbox =
            reply_to.parse().map_err(|e| Error::Decode(format!("invalid Reply-To {reply_to:?}: {e}")))?;
        mail["reply_to"] = address(&mailbox, None);
    }
    if !out.attachments.is_empty() {
        mail["attachments"] = out
            .attachments
            .iter()
            .map(|a| {
                json!({
                    "content": STANDARD.encode(&a.content),
                    "filename": a.filename,
                    "type": a.content_type,
                    "disposition": "attachment",
                })
            })
            .collect();
    }
    Ok(mail)
}

fn address(mailbox: &Mailbox, name: Option<&str>) -> Value {
    let name = name.map(str::to_owned).or_else(|| mailbox.name.clone()).filter(|n| !n.trim().is_empty());
    match name {
        Some(name) => json!({"email": mailbox.email.to_string(), "name": name}),
        None => json!({"email": mailbox.email.to_string()}),
    }
}

/// SendGrid errors read `{"errors": [{"message": "...", "field": "..."}]}`.
fn error_message(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        errors: Vec<Detail>,
    }
    #[derive(Deserialize)]
    struct Detail {
        message: Option<String>,
        field: Option<String>,
    }
    let messages: Vec<String> = serde_json::from_slice::<Body>(body)
        .ok()?
        .errors
        .into_iter()
        .filter_map(|e| match (e.field, e.message) {
            (Some(field), Some(message)) => Some(format!("{field}: {message}")),
            (None, Some(message)) => Some(message),
            _ => None,
        })
        .collect();
    (!messages.is_empty()).then(|| messages.join("; "))
}
