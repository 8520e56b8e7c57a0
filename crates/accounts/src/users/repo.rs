use kernel::Result;
use kernel::auth::Role;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::User;
use crate::images::repo::StoredFile;

struct UserRow {
    id: Uuid,
    name: String,
    email: String,
    role: String,
    active: bool,
    created_at: chrono::DateTime<chrono::Utc>,
    avatar_file_id: Option<Uuid>,
}

impl TryFrom<UserRow> for User {
    type Error = kernel::Error;
    fn try_from(r: UserRow) -> Result<Self> {
        Ok(User {
            id: r.id,
            name: r.name,
            email: r.email,
            role: r.role.parse()?,
            active: r.active,
            created_at: r.created_at,
            avatar_id: r.avatar_file_id,
        })
    }
}

pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    name: &str,
    email: &str,
    role: Role,
) -> Result<User> {
    let row = sqlx::query_as!(
        UserRow,
        "insert into users (tenant_id, id, name, email, role) values ($1, $2, $3, $4, $5)
         returning id, name, email, role, active, created_at, avatar_file_id",
        tenant_id,
        id,
        name,
        email,
        role.as_str()
    )
    .fetch_one(conn)
    .await?;
    row.try_into()
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<User>> {
    let row = sqlx::query_as!(
        UserRow,
        "select id, name, email, role, active, created_at, avatar_file_id from users where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    row.map(User::try_from).transpose()
}

/// Newest first; `q` matches name or e-mail, accents ignored.
pub async fn list(conn: &mut PgConnection, tenant_id: Uuid, page: &PageRequest) -> Result<Vec<User>> {
    let pattern = page.like_pattern();
    let rows = sqlx::query_as!(
        UserRow,
        "select id, name, email, role, active, created_at, avatar_file_id from users
          where tenant_id = $1
            and ($2::uuid is null or id < $2)
            and ($3::text is null or unaccent(name) ilike unaccent($3) or email ilike $3)
          order by id desc limit $4",
        tenant_id,
        page.after,
        pattern,
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(User::try_from).collect()
}

pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    name: Option<&str>,
    role: Option<Role>,
    active: Option<bool>,
) -> Result<User> {
    let row = sqlx::query_as!(
        UserRow,
        "update users set name = coalesce($3, name), role = coalesce($4, role), active = coalesce($5, active)
          where tenant_id = $1 and id = $2
          returning id, name, email, role, active, created_at, avatar_file_id",
        tenant_id,
        id,
        name,
        role.map(Role::as_str),
        active
    )
    .fetch_one(conn)
    .await?;
    row.try_into()
}

/// Active owners other than `except`.
pub async fn other_active_owners(conn: &mut PgConnection, tenant_id: Uuid, except: Uuid) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from users where tenant_id = $1 and role = 'owner' and active and id <> $2"#,
        tenant_id,
        except
    )
    .fetch_one(conn)
    .await?)
}

/// The e-mail addresses of the company's active users of these roles
/// (who is told of an operational problem, e.g. a webhook switched off).
pub async fn active_emails_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    roles: &[Role],
) -> Result<Vec<String>> {
    let roles: Vec<String> = roles.iter().map(|r| r.as_str().to_owned()).collect();
    Ok(sqlx::query_scalar!(
        "select email from users where tenant_id = $1 and active and role = any($2) order by id",
        tenant_id,
        &roles
    )
    .fetch_all(conn)
    .await?)
}

pub async fn revoke_refresh_tokens(conn: &mut PgConnection, tenant_id: Uuid, user_id: Uuid) -> Result<()> {
    sqlx::query!(
        "update refresh_tokens set revoked_at = now() where tenant_id = $1 and user_id = $2 and revoked_at is null",
        tenant_id,
        user_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The active users among `ids` (others are left out): who a notification
/// may reach.
pub async fn active_among(conn: &mut PgConnection, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<User>> {
    let rows = sqlx::query_as!(
        UserRow,
        "select id, name, email, role, active, created_at, avatar_file_id from users
         where tenant_id = $1 and id = any($2) and active order by name",
        tenant_id,
        ids
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(User::try_from).collect()
}

/// Changes what a person may change of themselves (`PATCH /me`).
pub async fn update_profile(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    name: Option<&str>,
    signature: Option<&str>,
) -> Result<()> {
    sqlx::query!(
        "update users set name = coalesce($3, name), signature = coalesce($4, signature)
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        name,
        signature
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn avatar(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<StoredFile>> {
    Ok(sqlx::query_as!(
        StoredFile,
        "select f.id, f.object_key, f.content_type
           from users u join files f on f.tenant_id = u.tenant_id and f.id = u.avatar_file_id
          where u.tenant_id = $1 and u.id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn set_avatar(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    file_id: Option<Uuid>,
) -> Result<()> {
    sqlx::query!(
        "update users set avatar_file_id = $3 where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        file_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The user and their e-mail signature (`GET /me`), in one statement.
pub async fn profile(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<(User, String)>> {
    let row = sqlx::query!(
        "select id, name, email, role, active, created_at, avatar_file_id, signature
           from users where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        let user = UserRow {
            id: r.id,
            name: r.name,
            email: r.email,
            role: r.role,
            active: r.active,
            created_at: r.created_at,
            avatar_file_id: r.avatar_file_id,
        };
        Ok((User::try_from(user)?, r.signature))
    })
    .transpose()
}
