use chrono::{DateTime, Utc};
use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::device::Device;
use super::model::LoginSession;

pub struct Identity {
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub password_hash: String,
}

/// Global lookup: the only query that runs before the tenant is known.
pub async fn identity_by_email(conn: &mut PgConnection, email: &str) -> Result<Option<Identity>> {
    Ok(sqlx::query_as!(
        Identity,
        "select tenant_id, user_id, password_hash from identities where email = $1",
        email
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn email_taken(conn: &mut PgConnection, email: &str) -> Result<bool> {
    Ok(sqlx::query_scalar!(r#"select exists(select 1 from identities where email = $1) as "e!""#, email)
        .fetch_one(conn)
        .await?)
}

pub async fn insert_identity(
    conn: &mut PgConnection,
    email: &str,
    tenant_id: Uuid,
    user_id: Uuid,
    hash: &str,
) -> Result<()> {
    sqlx::query!(
        "insert into identities (email, tenant_id, user_id, password_hash) values ($1, $2, $3, $4)",
        email,
        tenant_id,
        user_id,
        hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn password_hash_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!(
        "select password_hash from identities where tenant_id = $1 and user_id = $2",
        tenant_id,
        user_id
    )
    .fetch_optional(conn)
    .await?)
}

/// Revokes every login of the user but `keep`; returns the ended ones.
pub async fn revoke_other_sessions(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    keep: Option<Uuid>,
) -> Result<Vec<Uuid>> {
    Ok(sqlx::query_scalar!(
        r#"with ended as (
               update refresh_tokens set revoked_at = now()
                where tenant_id = $1 and user_id = $2 and revoked_at is null
                  and family_id is distinct from $3
               returning family_id)
           select distinct family_id as "family_id!" from ended"#,
        tenant_id,
        user_id,
        keep
    )
    .fetch_all(conn)
    .await?)
}

pub async fn set_password(conn: &mut PgConnection, tenant_id: Uuid, user_id: Uuid, hash: &str) -> Result<()> {
    sqlx::query!(
        "update identities set password_hash = $3, updated_at = now() where tenant_id = $1 and user_id = $2",
        tenant_id,
        user_id,
        hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct RefreshRow {
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub token_hash: Vec<u8>,
    pub expires_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[allow(clippy::too_many_arguments)]
pub async fn insert_refresh(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    user_id: Uuid,
    family_id: Uuid,
    hash: &[u8],
    expires_at: DateTime<Utc>,
    device: &Device,
) -> Result<()> {
    sqlx::query!(
        "insert into refresh_tokens (tenant_id, id, user_id, family_id, token_hash, expires_at, user_agent, ip)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        tenant_id,
        id,
        user_id,
        family_id,
        hash,
        expires_at,
        device.user_agent.as_deref(),
        device.ip.as_deref()
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn lock_refresh(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<RefreshRow>> {
    Ok(sqlx::query_as!(
        RefreshRow,
        "select user_id, family_id, token_hash, expires_at, rotated_at, revoked_at
           from refresh_tokens where tenant_id = $1 and id = $2 for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn mark_rotated(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update refresh_tokens set rotated_at = now() where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn revoke_family(conn: &mut PgConnection, tenant_id: Uuid, family_id: Uuid) -> Result<()> {
    sqlx::query!(
        "update refresh_tokens set revoked_at = now() where tenant_id = $1 and family_id = $2 and revoked_at is null",
        tenant_id,
        family_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A single-use link's row (password reset, e-mail confirmation): the
/// tables differ, the row and the rule for redeeming it do not.
pub struct LinkRow {
    pub user_id: Uuid,
    pub token_hash: Vec<u8>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

impl LinkRow {
    /// The link's secret matches, and it is neither used nor expired.
    pub fn redeemable_with(&self, token: &kernel::auth::OpaqueToken) -> bool {
        token.matches(&self.token_hash) && self.used_at.is_none() && self.expires_at > Utc::now()
    }
}

pub async fn insert_reset(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    user_id: Uuid,
    hash: &[u8],
    expires_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query!(
        "insert into password_resets (tenant_id, id, user_id, token_hash, expires_at) values ($1, $2, $3, $4, $5)",
        tenant_id,
        id,
        user_id,
        hash,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn lock_reset(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<LinkRow>> {
    Ok(sqlx::query_as!(
        LinkRow,
        "select user_id, token_hash, expires_at, used_at from password_resets
          where tenant_id = $1 and id = $2 for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn mark_reset_used(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update password_resets set used_at = now() where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_confirmation(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    user_id: Uuid,
    hash: &[u8],
    expires_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query!(
        "insert into email_confirmations (tenant_id, id, user_id, token_hash, expires_at) values ($1, $2, $3, $4, $5)",
        tenant_id,
        id,
        user_id,
        hash,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn lock_confirmation(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Option<LinkRow>> {
    Ok(sqlx::query_as!(
        LinkRow,
        "select user_id, token_hash, expires_at, used_at from email_confirmations
          where tenant_id = $1 and id = $2 for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn mark_confirmation_used(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update email_confirmations set used_at = now() where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn confirm_company_email(conn: &mut PgConnection, tenant_id: Uuid) -> Result<()> {
    sqlx::query!(
        "update companies set email_confirmed_at = coalesce(email_confirmed_at, now()) where tenant_id = $1",
        tenant_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_company(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    name: &str,
    plan_code: &str,
) -> Result<()> {
    sqlx::query!(
        "insert into companies (tenant_id, name, plan_code) values ($1, $2, $3)",
        tenant_id,
        name,
        plan_code
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The user's logins that can still be renewed, the newest use first:
/// each family's first token is when it started, its newest token when and
/// from where it was last renewed.
pub async fn live_sessions(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
) -> Result<Vec<LoginSession>> {
    Ok(sqlx::query_as!(
        LoginSession,
        r#"select distinct on (family_id)
                  family_id as "id!",
                  min(created_at) over (partition by family_id) as "started_at!",
                  created_at as "last_seen_at!",
                  user_agent, ip,
                  false as "current!"
             from refresh_tokens
            where tenant_id = $1 and user_id = $2
              and family_id in (select family_id from refresh_tokens
                                 where tenant_id = $1 and user_id = $2 and revoked_at is null
                                   and rotated_at is null and expires_at > now())
            order by family_id, created_at desc"#,
        tenant_id,
        user_id
    )
    .fetch_all(conn)
    .await?)
}

/// Ends one of the user's logins; `false` when it is not theirs or already over.
pub async fn revoke_session(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    family: Uuid,
) -> Result<bool> {
    Ok(sqlx::query!(
        "update refresh_tokens set revoked_at = now()
          where tenant_id = $1 and user_id = $2 and family_id = $3 and revoked_at is null",
        tenant_id,
        user_id,
        family
    )
    .execute(conn)
    .await?
    .rows_affected()
        > 0)
}
