//! Rules of channel secrets and senders: inbound tokens generated, sealed
//! and rotated; an e-mail address proven by a code before anything goes
//! out From it.

use super::model::ChannelRules as _;
use chrono::{Duration, Utc};
use kernel::jobs::{self, EnqueueOptions, Job, Registry};
use kernel::mail::SendEmail;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use rand::{Rng, RngCore};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::Secrets;
use super::repo::{self, ChannelRow, LEGACY_PLAIN_SECRETS};

/// How long a sender code is good for, and how many wrong tries it takes.
pub const SENDER_CODE_TTL_MINUTES: i64 = 30;
pub const SENDER_CODE_MAX_ATTEMPTS: i32 = 5;
/// A new code is not sent more often than this (the address is someone's inbox).
pub const SENDER_CODE_RESEND_SECONDS: i64 = 60;
const SENDER_PURPOSE: &str = "support-sender-code";

pub fn random_token() -> String {
    let mut bytes = [0u8; 18];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Moves plain legacy tokens of `config` into `stored` (a sealed value
/// wins) and gives the channel its inbound token when it has none.
pub fn settle_inbound_secret(
    row_kind: super::model::ChannelKind,
    config: &mut serde_json::Value,
    stored: &mut Secrets,
) {
    if let Some(obj) = config.as_object_mut() {
        for key in LEGACY_PLAIN_SECRETS {
            if let Some(plain) = obj.remove(key).and_then(|v| v.as_str().map(str::to_string))
                && !plain.is_empty()
            {
                stored.entry(key.to_string()).or_insert(plain);
            }
        }
    }
    if let Some(key) = row_kind.inbound_secret_key()
        && stored.get(key).is_none_or(|v| v.is_empty())
    {
        stored.insert(key.to_string(), random_token());
    }
}

/// Enqueued by the migration that sealed inbound tokens, once per channel
/// that still had them in plain `config`.
#[derive(Debug, Serialize, Deserialize)]
pub struct SealInboundSecrets {
    pub channel_id: Uuid,
}

impl Job for SealInboundSecrets {
    const KIND: &'static str = "support.seal_inbound_secrets";
}

pub fn register(registry: &mut Registry) {
    registry.handle(|app: App, tenant, job: SealInboundSecrets| async move {
        let tenant = tenant.ok_or_else(|| anyhow::anyhow!("sealing without tenant"))?;
        let mut tx = TenantTx::begin(&app.db, tenant).await?;
        seal_legacy(&app, &mut tx, job.channel_id).await?;
        tx.commit().await?;
        Ok(())
    });
}

pub async fn seal_legacy(app: &App, tx: &mut TenantTx, channel_id: Uuid) -> Result<()> {
    let tenant = tx.tenant_id();
    let Some(row) = repo::find_for_update(tx, tenant, channel_id).await? else { return Ok(()) };
    if !LEGACY_PLAIN_SECRETS.iter().any(|k| row.config.get(*k).is_some()) {
        return Ok(());
    }
    let mut stored = row.secrets(app, tenant)?;
    let mut config = row.config.clone();
    settle_inbound_secret(row.kind()?, &mut config, &mut stored);
    let sealed = kernel::secrets::seal_json(&app.config, tenant, &stored)?;
    repo::set_secrets(tx, tenant, channel_id, &config, &sealed).await
}

/// A new inbound token; the old one stops working when this commits.
pub async fn rotate_inbound_secret(app: &App, tx: &mut TenantTx, row: &ChannelRow) -> Result<String> {
    let tenant = tx.tenant_id();
    let key = row.kind()?.inbound_secret_key().ok_or_else(|| {
        Error::conflict(None, "Este canal não recebe por webhook com token; não há o que trocar.")
    })?;
    let mut stored = row.secrets(app, tenant)?;
    let mut config = row.config.clone();
    settle_inbound_secret(row.kind()?, &mut config, &mut stored);
    let token = random_token();
    stored.insert(key.to_string(), token.clone());
    let sealed = kernel::secrets::seal_json(&app.config, tenant, &stored)?;
    repo::set_secrets(tx, tenant, row.id, &config, &sealed).await?;
    Ok(token)
}

fn code_data(channel_id: Uuid, address: &str, code: &str) -> Vec<u8> {
    [channel_id.as_bytes().as_slice(), address.to_lowercase().as_bytes(), b"\0", code.as_bytes()].concat()
}

/// E-mails a fresh 6-digit code to the channel's address (the previous code
/// stops working). Only its keyed digest is stored.
pub async fn send_sender_code(app: &App, tx: &mut TenantTx, row: &ChannelRow) -> Result<()> {
    let tenant = tx.tenant_id();
    let address = row.setting("address").map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
    let Some(address) = address else {
        return Err(Error::field("config.address", "Informe o e-mail do canal."));
    };
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    let digest = kernel::secrets::mac(&app.config, SENDER_PURPOSE, &code_data(row.id, &address, &code));
    repo::set_sender_code(tx, tenant, row.id, &address, &digest).await?;
    let company = repo::company_name(tx, tenant).await?;
    let mail = SendEmail {
        to: address.clone(),
        subject: format!("Código de confirmação: {code}"),
        text: format!(
            "Olá!\n\n{company} quer responder aos clientes no ConectCRM usando o endereço {address}.\n\n\
             Para confirmar que este endereço é de vocês, informe este código nas configurações do canal \"{}\":\n\n\
             {code}\n\nO código vale por {SENDER_CODE_TTL_MINUTES} minutos. Se você não reconhece este pedido, \
             ignore este e-mail: nada será enviado em nome deste endereço.\n",
            row.name
        ),
        html: None,
        attachments: vec![],
    };
    jobs::enqueue(tx, Some(tenant), &mail, EnqueueOptions::default()).await?;
    Ok(())
}

/// Sends a code when the address is new (neither proven nor already sent a code).
pub async fn sender_changed(app: &App, tx: &mut TenantTx, row: &ChannelRow) -> Result<()> {
    let Some(address) = row.setting("address").map(|a| a.trim().to_string()) else { return Ok(()) };
    let pending = row.sender_code_address.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&address));
    if row.verified_sender().is_none() && !pending {
        send_sender_code(app, tx, row).await?;
    }
    Ok(())
}

pub enum CodeCheck {
    Confirmed,
    /// Counted; the caller commits the count and answers with the error.
    Refused(Error),
}

/// Checks a code against the locked row. A wrong code counts an attempt.
pub async fn verify_sender(app: &App, tx: &mut TenantTx, row: &ChannelRow, code: &str) -> Result<CodeCheck> {
    let tenant = tx.tenant_id();
    let refuse = |m: &str| Ok(CodeCheck::Refused(Error::field("code", m)));
    let address = row.setting("address").map(|a| a.trim().to_string()).unwrap_or_default();
    if row.verified_sender().is_some() {
        return Ok(CodeCheck::Confirmed);
    }
    let (Some(digest), Some(sent_at)) = (&row.sender_code_digest, row.sender_code_sent_at) else {
        return refuse("Nenhum código pendente: peça um novo código.");
    };
    if !row.sender_code_address.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&address)) {
        return refuse("O endereço mudou depois do envio do código: peça um novo código.");
    }
    if Utc::now() - sent_at > Duration::minutes(SENDER_CODE_TTL_MINUTES) {
        return refuse("O código expirou: peça um novo código.");
    }
    if row.sender_code_attempts >= SENDER_CODE_MAX_ATTEMPTS {
        return refuse("Tentativas esgotadas: peça um novo código.");
    }
    let code = code.trim();
    if !kernel::secrets::verify_mac(&app.config, SENDER_PURPOSE, &code_data(row.id, &address, code), digest) {
        repo::count_sender_attempt(tx, tenant, row.id).await?;
        return refuse("Código incorreto.");
    }
    repo::confirm_sender(tx, tenant, row.id, &address.to_lowercase()).await?;
    Ok(CodeCheck::Confirmed)
}
