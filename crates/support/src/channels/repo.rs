use super::model::ChannelRules as _;
use chrono::{DateTime, Utc};
use kernel::{App, Result};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Channel, ChannelKind, Secrets, SenderStatus};

/// Keys that older versions kept in plain `config`; never shown from there.
pub const LEGACY_PLAIN_SECRETS: [&str; 2] = ["inbound_token", "verify_token"];

pub struct ChannelRow {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub config: serde_json::Value,
    pub credentials: Option<Vec<u8>>,
    pub enabled: bool,
    pub team_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub sender_verified_address: Option<String>,
    pub sender_code_digest: Option<Vec<u8>>,
    pub sender_code_address: Option<String>,
    pub sender_code_sent_at: Option<DateTime<Utc>>,
    pub sender_code_attempts: i32,
}

impl ChannelRow {
    pub fn kind(&self) -> Result<ChannelKind> {
        ChannelKind::parse(&self.kind).ok_or_else(|| kernel::Error::internal("channel kind"))
    }

    pub fn secrets(&self, app: &App, tenant_id: Uuid) -> Result<Secrets> {
        match &self.credentials {
            Some(sealed) => kernel::secrets::open_json(&app.config, tenant_id, sealed),
            None => Ok(Secrets::new()),
        }
    }

    pub fn setting(&self, key: &str) -> Option<String> {
        self.config.get(key).and_then(|v| v.as_str()).map(str::to_string)
    }

    /// The token a webhook must carry: sealed, or (until the sealing job of
    /// the migration ran) the old plain value.
    pub fn inbound_secret(&self, app: &App, tenant_id: Uuid) -> Result<Option<String>> {
        let Some(key) = self.kind()?.inbound_secret_key() else { return Ok(None) };
        Ok(self.secrets(app, tenant_id)?.remove(key).or_else(|| self.setting(key)).filter(|t| !t.is_empty()))
    }

    /// The address replies may go out From: only one whose control was proven.
    pub fn verified_sender(&self) -> Option<String> {
        let address = self.setting("address")?;
        self.sender_verified_address
            .as_deref()
            .is_some_and(|v| v.eq_ignore_ascii_case(address.trim()))
            .then(|| address.trim().to_string())
    }

    /// `reveal`: the viewer may see inbound secrets whole (owners and admins).
    pub fn to_model(&self, app: &App, tenant_id: Uuid, reveal: bool) -> Result<Channel> {
        let kind = self.kind()?;
        let public_id = format!("{tenant_id}.{}", self.id);
        let base = &app.config.frontend_url;
        let webhook_url = match kind {
            ChannelKind::Webchat => None,
            ChannelKind::Email => Some(format!("{base}/hooks/email/{public_id}")),
            ChannelKind::Whatsapp => Some(format!("{base}/hooks/whatsapp/{public_id}")),
            ChannelKind::TwilioSms | ChannelKind::TwilioWhatsapp => {
                Some(format!("{base}/hooks/twilio/{public_id}"))
            }
        };
        let mut config = self.config.clone();
        if let Some(obj) = config.as_object_mut() {
            for key in LEGACY_PLAIN_SECRETS {
                obj.remove(key);
            }
        }
        let inbound_secret = self.inbound_secret(app, tenant_id)?.map(|token| {
            if reveal {
                token
            } else {
                let tail: String =
                    token.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
                format!("••••{tail}")
            }
        });
        let sender = match (kind, self.setting("address")) {
            (ChannelKind::Email, Some(address)) => Some(SenderStatus {
                verified: self.verified_sender().is_some(),
                code_sent_at: self
                    .sender_code_sent_at
                    .filter(|_| self.sender_code_address.as_deref() == Some(address.trim())),
                address,
            }),
            _ => None,
        };
        Ok(Channel {
            id: self.id,
            kind,
            name: self.name.clone(),
            config,
            enabled: self.enabled,
            team_id: self.team_id,
            public_id,
            webhook_url,
            secrets: self
                .secrets(app, tenant_id)?
                .into_keys()
                .filter(|k| Some(k.as_str()) != kind.inbound_secret_key())
                .collect(),
            inbound_secret,
            sender,
            created_at: self.created_at,
        })
    }
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<ChannelRow>> {
    Ok(sqlx::query_as!(
        ChannelRow,
        "select id, kind, name, config, credentials, enabled, team_id, created_at,
                sender_verified_address, sender_code_digest, sender_code_address, sender_code_sent_at,
                sender_code_attempts
           from support_channels where tenant_id = $1 order by created_at",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<ChannelRow>> {
    Ok(sqlx::query_as!(
        ChannelRow,
        "select id, kind, name, config, credentials, enabled, team_id, created_at,
                sender_verified_address, sender_code_digest, sender_code_address, sender_code_sent_at,
                sender_code_attempts
           from support_channels where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// What the company turned on that intake consults for every message,
/// read with the channel in the same statement so a message pays no extra
/// round trip for it.
#[derive(Debug, Clone, Default)]
pub struct IntakeSwitches {
    /// When the company's own triage model was trained (none: built-in only).
    pub model_trained_at: Option<DateTime<Utc>>,
    /// An LLM refines the triage of a new ticket.
    pub llm_enabled: bool,
    /// Channel kinds the service bot answers on; empty while it is off.
    pub bot_channels: Vec<String>,
}

/// A channel as intake needs it.
pub struct IntakeChannel {
    pub row: ChannelRow,
    pub switches: IntakeSwitches,
}

pub async fn find_for_intake(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Option<IntakeChannel>> {
    let found = sqlx::query!(
        r#"select c.id, c.kind, c.name, c.config, c.credentials, c.enabled, c.team_id, c.created_at,
                  c.sender_verified_address, c.sender_code_digest, c.sender_code_address, c.sender_code_sent_at,
                  c.sender_code_attempts,
                  (select m.trained_at from triage_models m where m.tenant_id = $1) as model_trained_at,
                  coalesce((select a.enabled from ai_settings a where a.tenant_id = $1), false) as "llm_enabled!",
                  coalesce((select b.channels from bot_settings b where b.tenant_id = $1 and b.enabled), '{}')
                      as "bot_channels!"
             from support_channels c where c.tenant_id = $1 and c.id = $2"#,
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(found.map(|r| IntakeChannel {
        row: ChannelRow {
            id: r.id,
            kind: r.kind,
            name: r.name,
            config: r.config,
            credentials: r.credentials,
            enabled: r.enabled,
            team_id: r.team_id,
            created_at: r.created_at,
            sender_verified_address: r.sender_verified_address,
            sender_code_digest: r.sender_code_digest,
            sender_code_address: r.sender_code_address,
            sender_code_sent_at: r.sender_code_sent_at,
            sender_code_attempts: r.sender_code_attempts,
        },
        switches: IntakeSwitches {
            model_trained_at: r.model_trained_at,
            llm_enabled: r.llm_enabled,
            bot_channels: r.bot_channels,
        },
    }))
}

pub struct SaveChannel<'a> {
    pub id: Uuid,
    pub kind: &'a str,
    pub name: &'a str,
    pub config: &'a serde_json::Value,
    pub credentials: Option<&'a [u8]>,
    pub enabled: bool,
    pub team_id: Option<Uuid>,
}

pub async fn upsert(conn: &mut PgConnection, tenant_id: Uuid, c: &SaveChannel<'_>) -> Result<()> {
    sqlx::query!(
        "insert into support_channels (tenant_id, id, kind, name, config, credentials, enabled, team_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (tenant_id, id) do update set name = excluded.name, config = excluded.config,
           credentials = excluded.credentials, enabled = excluded.enabled, team_id = excluded.team_id,
           updated_at = now()",
        tenant_id,
        c.id,
        c.kind,
        c.name,
        c.config,
        c.credentials,
        c.enabled,
        c.team_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces settings and sealed secrets only (the sealing job, a rotation).
pub async fn set_secrets(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    config: &serde_json::Value,
    credentials: &[u8],
) -> Result<()> {
    sqlx::query!(
        "update support_channels set config = $3, credentials = $4, updated_at = now()
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        config,
        credentials
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The channel, locked: sender codes are checked and counted one at a time.
pub async fn find_for_update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Option<ChannelRow>> {
    Ok(sqlx::query_as!(
        ChannelRow,
        "select id, kind, name, config, credentials, enabled, team_id, created_at,
                sender_verified_address, sender_code_digest, sender_code_address, sender_code_sent_at,
                sender_code_attempts
           from support_channels where tenant_id = $1 and id = $2 for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

/// A new pending code for `address` (its digest), attempts back to zero.
pub async fn set_sender_code(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    address: &str,
    digest: &[u8],
) -> Result<()> {
    sqlx::query!(
        "update support_channels set sender_code_digest = $3, sender_code_address = $4, sender_code_sent_at = now(),
                sender_code_attempts = 0
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        digest,
        address
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_sender_attempt(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update support_channels set sender_code_attempts = sender_code_attempts + 1 where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The address is proven: replies go out From it; the code is spent.
pub async fn confirm_sender(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, address: &str) -> Result<()> {
    sqlx::query!(
        "update support_channels set sender_verified_address = $3, sender_code_digest = null,
                sender_code_address = null, sender_code_sent_at = null, sender_code_attempts = 0
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        address
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The company's name, the display name of mail sent through the platform's
/// sender (read-only, like the CRM and finance read it for documents).
pub async fn company_name(conn: &mut PgConnection, tenant_id: Uuid) -> Result<String> {
    Ok(sqlx::query_scalar!(
        "select coalesce(trade_name, name) as \"name!\" from companies where tenant_id = $1",
        tenant_id
    )
    .fetch_one(conn)
    .await?)
}

pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    // Channels with tickets are disabled, not deleted: the history stays readable.
    let used = sqlx::query_scalar!(
        r#"select exists(select 1 from tickets where tenant_id = $1 and channel_id = $2) as "e!""#,
        tenant_id,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let n = if used {
        sqlx::query!(
            "update support_channels set enabled = false where tenant_id = $1 and id = $2",
            tenant_id,
            id
        )
        .execute(conn)
        .await?
        .rows_affected()
    } else {
        let source = kernel::inbox::SourceRef { kind: kernel::inbox::SourceKind::Channel, id };
        kernel::inbox::forget_source(&mut *conn, tenant_id, source).await?;
        sqlx::query!("delete from support_channels where tenant_id = $1 and id = $2", tenant_id, id)
            .execute(conn)
            .await?
            .rows_affected()
    };
    Ok(n == 1)
}

/// The company's channels switched on besides `except`, and what its plan
/// allows: (used, max, plan code, plan name).
pub async fn room_for_channel(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    except: Uuid,
) -> Result<(i64, i32, String, String)> {
    let r = sqlx::query!(
        r#"select (select count(*) from support_channels
                    where tenant_id = $1 and enabled and id <> $2) as "used!",
                  p.max_channels, p.code, p.name
             from companies c join plans p on p.code = c.plan_code
            where c.tenant_id = $1"#,
        tenant_id,
        except
    )
    .fetch_one(conn)
    .await?;
    Ok((r.used, r.max_channels, r.code, r.name))
}
