//! Outgoing e-mail: SMTP when `SMTP_URL` is set, otherwise an outbox folder
//! in the data dir (one RFC 5322 `.eml` file per message), so every flow
//! that sends mail works in development and tests. Mail is always sent from
//! a job ([`SendEmail`]), never inside a request's transaction.

use std::path::PathBuf;

use lettre::message::{Mailbox, MultiPart, SinglePart, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::error::Result;
use crate::jobs::{self, EnqueueOptions, Job};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    #[serde(with = "base64_bytes")]
    pub content: Vec<u8>,
}

impl std::fmt::Debug for Attachment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Attachment({}, {} bytes)", self.filename, self.content.len())
    }
}

mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        STANDARD.decode(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl Job for SendEmail {
    const KIND: &'static str = "mail.send";
    const MAX_ATTEMPTS: i32 = 8;
}

/// A [`SendEmail`] that carries a secret link (sign-up confirmation,
/// invitation, password reset): sealed with `SECRETS_KEY` and the tenant id
/// ([`crate::secrets`]) before it is written to `jobs`, so the queue, its
/// backups and the dead-job listing never hold a usable link in clear.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendSealedEmail {
    /// base64 of `nonce ‖ ciphertext` of the JSON [`SendEmail`].
    pub sealed: String,
}

impl Job for SendSealedEmail {
    const KIND: &'static str = "mail.send_sealed";
    const MAX_ATTEMPTS: i32 = 8;
}

impl SendSealedEmail {
    pub fn open(&self, config: &Config, tenant_id: uuid::Uuid) -> Result<SendEmail> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&self.sealed)
            .map_err(|_| crate::Error::internal("sealed e-mail is not base64"))?;
        let plain = crate::secrets::open(config, tenant_id, &bytes)?;
        Ok(serde_json::from_slice(&plain).map_err(anyhow::Error::from)?)
    }
}

/// Enqueues `mail` sealed (see [`SendSealedEmail`]) in the caller's transaction.
pub async fn enqueue_sealed(
    conn: &mut sqlx::PgConnection,
    config: &Config,
    tenant_id: uuid::Uuid,
    mail: &SendEmail,
) -> Result<bool> {
    use base64::Engine;
    let plain = serde_json::to_vec(mail).map_err(anyhow::Error::from)?;
    let sealed = crate::secrets::seal(config, tenant_id, &plain)?;
    let job = SendSealedEmail { sealed: base64::engine::general_purpose::STANDARD.encode(sealed) };
    jobs::enqueue(conn, Some(tenant_id), &job, EnqueueOptions::default()).await
}

pub enum Mailer {
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Outbox { dir: PathBuf, from: Mailbox },
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let from: Mailbox = config.mail_from.parse().map_err(|e| anyhow::anyhow!("MAIL_FROM: {e}"))?;
        match &config.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))?
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => {
                let dir = config.outbox_dir();
                std::fs::create_dir_all(&dir)?;
                Ok(Mailer::Outbox { dir, from })
            }
        }
    }

    fn from(&self) -> &Mailbox {
        match self {
            Mailer::Smtp { from, .. } | Mailer::Outbox { from, .. } => from,
        }
    }

    pub fn build(&self, email: &SendEmail) -> anyhow::Result<Message> {
        let to: Mailbox = email.to.parse().map_err(|e| anyhow::anyhow!("recipient: {e}"))?;
        let builder = Message::builder().from(self.from().clone()).to(to).subject(email.subject.clone());
        let body = match &email.html {
            Some(html) => MultiPart::alternative_plain_html(email.text.clone(), html.clone()),
            None => MultiPart::mixed().singlepart(SinglePart::plain(email.text.clone())),
        };
        let message = if email.attachments.is_empty() {
            match &email.html {
                Some(_) => builder.multipart(body)?,
                None => builder.header(ContentType::TEXT_PLAIN).body(email.text.clone())?,
            }
        } else {
            let mut mixed = MultiPart::mixed().multipart(body);
            for a in &email.attachments {
                let ct =
                    ContentType::parse(&a.content_type).map_err(|e| anyhow::anyhow!("content type: {e}"))?;
                mixed = mixed.singlepart(
                    lettre::message::Attachment::new(a.filename.clone()).body(a.content.clone(), ct),
                );
            }
            builder.multipart(mixed)?
        };
        Ok(message)
    }

    /// Sends a message built elsewhere (support's replies, with their own
    /// threading headers) to `to`, from `from`.
    pub async fn send_raw(&self, from: &str, to: &str, bytes: &[u8]) -> anyhow::Result<()> {
        match self {
            Mailer::Smtp { transport, .. } => {
                let envelope = lettre::address::Envelope::new(Some(from.parse()?), vec![to.parse()?])?;
                transport.send_raw(&envelope, bytes).await?;
                tracing::info!("raw e-mail sent by SMTP");
            }
            Mailer::Outbox { dir, .. } => {
                let name = format!(
                    "{}-{}.eml",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f"),
                    crate::ids::new_id()
                );
                let tmp = dir.join(format!(".{name}.tmp"));
                tokio::fs::write(&tmp, bytes).await?;
                tokio::fs::rename(&tmp, dir.join(&name)).await?;
                tracing::info!(file = %name, "raw e-mail written to the outbox folder");
            }
        }
        Ok(())
    }

    /// The configured sender address (MAIL_FROM), for channels without their own.
    pub fn from_address(&self) -> String {
        self.from().email.to_string()
    }

    pub async fn send(&self, email: &SendEmail) -> anyhow::Result<()> {
        let message = self.build(email)?;
        match self {
            Mailer::Smtp { transport, .. } => {
                transport.send(message).await?;
                tracing::info!(subject = %email.subject, "e-mail sent by SMTP");
            }
            Mailer::Outbox { dir, .. } => {
                let name = format!(
                    "{}-{}.eml",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3f"),
                    crate::ids::new_id()
                );
                let tmp = dir.join(format!(".{name}.tmp"));
                tokio::fs::write(&tmp, message.formatted()).await?;
                tokio::fs::rename(&tmp, dir.join(&name)).await?;
                // The body may hold single-use links: log the file, not the text.
                tracing::info!(subject = %email.subject, file = %name, "e-mail written to the outbox folder");
            }
        }
        Ok(())
    }
}
