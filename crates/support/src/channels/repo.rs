use chrono::{DateTime, Utc};
use kernel::pagination::PageRequest;
use kernel::{App, Result};
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Channel, ChannelKind, Secrets};

pub struct ChannelRow {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub config: serde_json::Value,
    pub credentials: Option<Vec<u8>>,
    pub enabled: bool,
    pub team_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
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

    pub fn to_model(&self, app: &App, tenant_id: Uuid) -> Result<Channel> {
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
        Ok(Channel {
            id: self.id,
            kind,
            name: self.name.clone(),
            config: self.config.clone(),
            enabled: self.enabled,
            team_id: self.team_id,
            public_id,
            webhook_url,
            secrets: self.secrets(app, tenant_id)?.into_keys().collect(),
            created_at: self.created_at,
        })
    }
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<ChannelRow>> {
    Ok(sqlx::query_as!(
        ChannelRow,
        "select id, kind, name, config, credentials, enabled, team_id, created_at
           from support_channels where tenant_id = $1 order by created_at",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<ChannelRow>> {
    Ok(sqlx::query_as!(
        ChannelRow,
        "select id, kind, name, config, credentials, enabled, team_id, created_at
           from support_channels where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
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
        sqlx::query!("delete from support_channels where tenant_id = $1 and id = $2", tenant_id, id)
            .execute(conn)
            .await?
            .rows_affected()
    };
    Ok(n == 1)
}

pub struct EventRow {
    pub id: Uuid,
    pub channel_id: Uuid,
    pub dedupe_key: String,
    pub body: String,
    pub content_type: String,
    pub status: String,
    pub error: Option<String>,
    pub received_at: DateTime<Utc>,
    pub processed_at: Option<DateTime<Utc>>,
}

pub async fn list_events(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    page: &PageRequest,
    status: Option<&str>,
) -> Result<Vec<EventRow>> {
    Ok(sqlx::query_as!(
        EventRow,
        "select id, channel_id, dedupe_key, body, content_type, status, error, received_at, processed_at
           from support_inbound_events
          where tenant_id = $1 and channel_id = $2 and ($3::uuid is null or id < $3)
            and ($4::text is null or status = $4)
          order by id desc limit $5",
        tenant_id,
        channel_id,
        page.after,
        status,
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?)
}
