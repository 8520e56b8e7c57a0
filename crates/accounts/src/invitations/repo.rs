use chrono::{DateTime, Utc};
use kernel::Result;
use kernel::auth::Role;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::Invitation;

struct InvitationRow {
    id: Uuid,
    email: String,
    role: String,
    expires_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = kernel::Error;
    fn try_from(r: InvitationRow) -> Result<Self> {
        Ok(Invitation {
            id: r.id,
            email: r.email,
            role: r.role.parse()?,
            expires_at: r.expires_at,
            created_at: r.created_at,
        })
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    email: &str,
    role: Role,
    hash: &[u8],
    invited_by: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<Invitation> {
    let row = sqlx::query_as!(
        InvitationRow,
        "insert into invitations (tenant_id, id, email, role, token_hash, invited_by, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning id, email, role, expires_at, created_at",
        tenant_id,
        id,
        email,
        role.as_str(),
        hash,
        invited_by,
        expires_at
    )
    .fetch_one(conn)
    .await;
    row.map_err(kernel::Error::from)?.try_into()
}

/// Pending (not accepted, revoked or expired), newest first.
pub async fn list_pending(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    page: &PageRequest,
) -> Result<Vec<Invitation>> {
    let rows = sqlx::query_as!(
        InvitationRow,
        "select id, email, role, expires_at, created_at from invitations
          where tenant_id = $1 and accepted_at is null and revoked_at is null and expires_at > now()
            and ($2::uuid is null or id < $2)
          order by id desc limit $3",
        tenant_id,
        page.after,
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Invitation::try_from).collect()
}

pub async fn count_pending(conn: &mut PgConnection, tenant_id: Uuid) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from invitations
            where tenant_id = $1 and accepted_at is null and revoked_at is null and expires_at > now()"#,
        tenant_id
    )
    .fetch_one(conn)
    .await?)
}

/// Expired pending invitations no longer hold their e-mail.
pub async fn close_expired(conn: &mut PgConnection, tenant_id: Uuid, email: &str) -> Result<()> {
    sqlx::query!(
        "update invitations set revoked_at = now()
          where tenant_id = $1 and email = $2 and accepted_at is null and revoked_at is null and expires_at <= now()",
        tenant_id,
        email
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn revoke(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    let n = sqlx::query!(
        "update invitations set revoked_at = now()
          where tenant_id = $1 and id = $2 and accepted_at is null and revoked_at is null",
        tenant_id,
        id
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub struct PendingInvitation {
    pub email: String,
    pub role: String,
    pub token_hash: Vec<u8>,
    pub company_name: String,
}

/// A usable invitation (pending, not expired), locked for acceptance.
pub async fn lock_usable(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Option<PendingInvitation>> {
    Ok(sqlx::query_as!(
        PendingInvitation,
        "select i.email, i.role, i.token_hash, c.name as company_name
           from invitations i join companies c on c.tenant_id = i.tenant_id
          where i.tenant_id = $1 and i.id = $2
            and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
          for update of i",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn mark_accepted(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update invitations set accepted_at = now() where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}
