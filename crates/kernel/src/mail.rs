//! Outgoing e-mail: SMTP when `SMTP_URL` is set, otherwise an outbox folder
//! in the data dir (one RFC 5322 `.eml` file per message), so every flow
//! that sends mail works in development and tests. Mail is always sent from
//! a job ([`SendEmail`]), never inside a request's transaction.

use std::path::PathBuf;

use lettre::message::{Mailbox, MultiPart, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::jobs::Job;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
}

impl Job for SendEmail {
    const KIND: &'static str = "mail.send";
    const MAX_ATTEMPTS: i32 = 8;
}

pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Outbox {
        dir: PathBuf,
        from: Mailbox,
    },
}

impl Mailer {
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("MAIL_FROM: {e}"))?;
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
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| anyhow::anyhow!("recipient: {e}"))?;
        let builder = Message::builder()
            .from(self.from().clone())
            .to(to)
            .subject(email.subject.clone());
        let message = match &email.html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(
                email.text.clone(),
                html.clone(),
            ))?,
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(email.text.clone())?,
        };
        Ok(message)
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
