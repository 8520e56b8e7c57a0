use chrono::{DateTime, Utc};
use kernel::Result;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Kind, Notification, Preference, kind_str, parse_kind, parse_subject, subject_str};

/// Someone a notification goes to, with their choice for its kind (none:
/// the defaults).
pub struct Recipient {
    pub id: Uuid,
    pub email: String,
    pub in_app: Option<bool>,
    pub email_on: Option<bool>,
    pub desktop: Option<bool>,
}

/// The active users among `ids` or holding one of `roles`, but `except`,
/// each with their preference for `kind`.
pub async fn recipients(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    kind: Kind,
    ids: &[Uuid],
    roles: &[String],
    except: Option<Uuid>,
) -> Result<Vec<Recipient>> {
    Ok(sqlx::query_as!(
        Recipient,
        r#"select u.id, u.email, p.in_app as "in_app?", p.email as "email_on?", p.desktop as "desktop?"
             from users u
             left join notification_preferences p
               on p.tenant_id = u.tenant_id and p.user_id = u.id and p.kind = $3
            where u.tenant_id = $1 and u.active
              and (u.id = any($2) or u.role = any($4))
              and u.id is distinct from $5
            order by u.id"#,
        tenant_id,
        ids,
        kind_str(kind),
        roles,
        except
    )
    .fetch_all(conn)
    .await?)
}

pub struct NewNotification<'a> {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: Kind,
    pub title: &'a str,
    pub body: &'a str,
    pub subject: Option<(super::model::Subject, Uuid)>,
    pub event_id: Uuid,
    pub in_app: bool,
}

/// Records one; `None` when this event already notified this person.
pub async fn insert(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    n: &NewNotification<'_>,
) -> Result<Option<DateTime<Utc>>> {
    Ok(sqlx::query_scalar!(
        "insert into notifications (tenant_id, id, user_id, kind, title, body, subject_kind, subject_id,
                                    event_id, in_app)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (tenant_id, user_id, event_id) do nothing
         returning created_at",
        tenant_id,
        n.id,
        n.user_id,
        kind_str(n.kind),
        n.title,
        n.body,
        n.subject.map(|(kind, _)| subject_str(kind)),
        n.subject.map(|(_, id)| id),
        n.event_id,
        n.in_app
    )
    .fetch_optional(conn)
    .await?)
}

struct Row {
    id: Uuid,
    kind: String,
    title: String,
    body: String,
    subject_kind: Option<String>,
    subject_id: Option<Uuid>,
    created_at: DateTime<Utc>,
    read_at: Option<DateTime<Utc>>,
}

impl TryFrom<Row> for Notification {
    type Error = kernel::Error;
    fn try_from(r: Row) -> Result<Self> {
        Ok(Notification {
            id: r.id,
            kind: parse_kind(&r.kind)?,
            title: r.title,
            body: r.body,
            subject_kind: r.subject_kind.as_deref().map(parse_subject).transpose()?,
            subject_id: r.subject_id,
            created_at: r.created_at,
            read_at: r.read_at,
        })
    }
}

/// A person's bell, newest first.
pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    unread_only: bool,
    page: &PageRequest,
) -> Result<Vec<Notification>> {
    sqlx::query_as!(
        Row,
        "select id, kind, title, body, subject_kind, subject_id, created_at, read_at
           from notifications
          where tenant_id = $1 and user_id = $2 and in_app
            and (not $3 or read_at is null)
            and ($4::uuid is null or id < $4)
          order by id desc limit $5",
        tenant_id,
        user_id,
        unread_only,
        page.after,
        page.fetch_limit()
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(Notification::try_from)
    .collect()
}

pub async fn unread(conn: &mut PgConnection, tenant_id: Uuid, user_id: Uuid) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from notifications
            where tenant_id = $1 and user_id = $2 and in_app and read_at is null"#,
        tenant_id,
        user_id
    )
    .fetch_one(conn)
    .await?)
}

/// Marks one of the person's own as read: how many changed (0 when it was
/// read already); `None` when it is not theirs.
pub async fn mark_read(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<u64>> {
    let row = sqlx::query_scalar!(
        r#"with target as (
               select id, read_at from notifications
                where tenant_id = $1 and user_id = $2 and id = $3 and in_app),
           marked as (
               update notifications n set read_at = now()
                 from target t
                where n.tenant_id = $1 and n.id = t.id and t.read_at is null
               returning n.id)
           select (select count(*) from marked) as "marked!" from target"#,
        tenant_id,
        user_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|n| n as u64))
}

pub async fn mark_all_read(conn: &mut PgConnection, tenant_id: Uuid, user_id: Uuid) -> Result<u64> {
    Ok(sqlx::query!(
        "update notifications set read_at = now()
          where tenant_id = $1 and user_id = $2 and in_app and read_at is null",
        tenant_id,
        user_id
    )
    .execute(conn)
    .await?
    .rows_affected())
}

pub async fn preferences(conn: &mut PgConnection, tenant_id: Uuid, user_id: Uuid) -> Result<Vec<Preference>> {
    let rows = sqlx::query!(
        "select kind, in_app, email, desktop from notification_preferences
          where tenant_id = $1 and user_id = $2",
        tenant_id,
        user_id
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Preference {
                kind: parse_kind(&r.kind)?,
                in_app: r.in_app,
                email: r.email,
                desktop: r.desktop,
            })
        })
        .collect()
}

pub async fn save_preferences(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    items: &[Preference],
) -> Result<()> {
    let kinds: Vec<String> = items.iter().map(|p| kind_str(p.kind).to_string()).collect();
    let in_app: Vec<bool> = items.iter().map(|p| p.in_app).collect();
    let email: Vec<bool> = items.iter().map(|p| p.email).collect();
    let desktop: Vec<bool> = items.iter().map(|p| p.desktop).collect();
    sqlx::query!(
        "insert into notification_preferences (tenant_id, user_id, kind, in_app, email, desktop)
         select $1, $2, k, a, e, d from unnest($3::text[], $4::bool[], $5::bool[], $6::bool[]) as t(k, a, e, d)
         on conflict (tenant_id, user_id, kind)
         do update set in_app = excluded.in_app, email = excluded.email, desktop = excluded.desktop",
        tenant_id,
        user_id,
        &kinds,
        &in_app,
        &email,
        &desktop
    )
    .execute(conn)
    .await?;
    Ok(())
}
