use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{BusinessWindow, Member, Queue, Routing};

pub struct TeamRow {
    pub id: Uuid,
    pub name: String,
    pub business_hours: serde_json::Value,
}

impl TeamRow {
    pub fn hours(&self) -> Vec<BusinessWindow> {
        serde_json::from_value(self.business_hours.clone()).unwrap_or_default()
    }
}

pub async fn teams(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<TeamRow>> {
    Ok(sqlx::query_as!(
        TeamRow,
        "select id, name, business_hours from teams where tenant_id = $1 order by name",
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn find_team(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<TeamRow>> {
    Ok(sqlx::query_as!(
        TeamRow,
        "select id, name, business_hours from teams where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn members(conn: &mut PgConnection, tenant_id: Uuid, team_id: Uuid) -> Result<Vec<Member>> {
    Ok(sqlx::query_as!(
        Member,
        r#"select m.user_id, u.name, m.capacity, coalesce(p.status, 'offline') as "presence!",
                  (select count(*) from tickets t where t.tenant_id = m.tenant_id and t.assignee_id = m.user_id
                      and t.status in ('open', 'pending', 'waiting_customer')) as "open_tickets!"
             from team_members m
             join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
             left join agent_presence p on p.tenant_id = m.tenant_id and p.user_id = m.user_id
            where m.tenant_id = $1 and m.team_id = $2 order by u.name"#,
        tenant_id,
        team_id
    )
    .fetch_all(conn)
    .await?)
}

pub async fn save_team(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    name: &str,
    hours: &serde_json::Value,
) -> Result<()> {
    sqlx::query!(
        "insert into teams (tenant_id, id, name, business_hours) values ($1, $2, $3, $4)
         on conflict (tenant_id, id) do update set name = excluded.name, business_hours = excluded.business_hours",
        tenant_id,
        id,
        name,
        hours
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_members(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    team_id: Uuid,
    members: &[(Uuid, i32)],
) -> Result<()> {
    sqlx::query!("delete from team_members where tenant_id = $1 and team_id = $2", tenant_id, team_id)
        .execute(&mut *conn)
        .await?;
    for (user, capacity) in members {
        sqlx::query!(
            "insert into team_members (tenant_id, team_id, user_id, capacity) values ($1, $2, $3, $4)",
            tenant_id,
            team_id,
            user,
            capacity
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn delete_team(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    Ok(sqlx::query!("delete from teams where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected()
        == 1)
}

/// Teams the user belongs to.
pub async fn teams_of(conn: &mut PgConnection, tenant_id: Uuid, user_id: Uuid) -> Result<Vec<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select team_id from team_members where tenant_id = $1 and user_id = $2",
        tenant_id,
        user_id
    )
    .fetch_all(conn)
    .await?)
}

/// Active users of the company (for validation of members and assignees).
pub async fn active_users(conn: &mut PgConnection, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from users where tenant_id = $1 and id = any($2) and active",
        tenant_id,
        ids
    )
    .fetch_all(conn)
    .await?)
}

struct QueueRow {
    id: Uuid,
    name: String,
    team_id: Uuid,
    routing: String,
}

fn queue(r: QueueRow) -> Queue {
    Queue {
        id: r.id,
        name: r.name,
        team_id: r.team_id,
        routing: Routing::parse(&r.routing).unwrap_or(Routing::Manual),
    }
}

pub async fn queues(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<Queue>> {
    Ok(sqlx::query_as!(
        QueueRow,
        "select id, name, team_id, routing from support_queues where tenant_id = $1 order by name",
        tenant_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(queue)
    .collect())
}

pub async fn find_queue(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Queue>> {
    Ok(sqlx::query_as!(
        QueueRow,
        "select id, name, team_id, routing from support_queues where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?
    .map(queue))
}

/// The team's first queue (where its new tickets wait).
pub async fn queue_of_team(conn: &mut PgConnection, tenant_id: Uuid, team_id: Uuid) -> Result<Option<Queue>> {
    Ok(sqlx::query_as!(
        QueueRow,
        "select id, name, team_id, routing from support_queues where tenant_id = $1 and team_id = $2 order by created_at limit 1",
        tenant_id,
        team_id
    )
    .fetch_optional(conn)
    .await?
    .map(queue))
}

pub async fn save_queue(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    name: &str,
    team_id: Uuid,
    routing: Routing,
) -> Result<()> {
    sqlx::query!(
        "insert into support_queues (tenant_id, id, name, team_id, routing) values ($1, $2, $3, $4, $5)
         on conflict (tenant_id, id) do update set name = excluded.name, team_id = excluded.team_id, routing = excluded.routing",
        tenant_id,
        id,
        name,
        team_id,
        routing.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_queue(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    Ok(sqlx::query!("delete from support_queues where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected()
        == 1)
}

pub async fn set_presence(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    status: &str,
) -> Result<()> {
    sqlx::query!(
        "insert into agent_presence (tenant_id, user_id, status) values ($1, $2, $3)
         on conflict (tenant_id, user_id) do update set status = excluded.status, updated_at = now()",
        tenant_id,
        user_id,
        status
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Online members of a team with room for another ticket, with their load.
pub struct Candidate {
    pub user_id: Uuid,
    pub open: i64,
}

pub async fn candidates(conn: &mut PgConnection, tenant_id: Uuid, team_id: Uuid) -> Result<Vec<Candidate>> {
    Ok(sqlx::query_as!(
        Candidate,
        r#"select m.user_id, count(t.id) as "open!"
             from team_members m
             join users u on u.tenant_id = m.tenant_id and u.id = m.user_id and u.active
             join agent_presence p on p.tenant_id = m.tenant_id and p.user_id = m.user_id and p.status = 'online'
             left join tickets t on t.tenant_id = m.tenant_id and t.assignee_id = m.user_id
                                and t.status in ('open', 'pending', 'waiting_customer')
            where m.tenant_id = $1 and m.team_id = $2
            group by m.user_id, m.capacity
           having count(t.id) < m.capacity
            order by m.user_id"#,
        tenant_id,
        team_id
    )
    .fetch_all(conn)
    .await?)
}

/// Locks the queue's round-robin cursor for this transaction and returns it.
pub async fn lock_cursor(conn: &mut PgConnection, tenant_id: Uuid, queue_id: Uuid) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select last_user_id from support_queues where tenant_id = $1 and id = $2 for update",
        tenant_id,
        queue_id
    )
    .fetch_optional(conn)
    .await?
    .flatten())
}

pub async fn set_cursor(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    queue_id: Uuid,
    user_id: Uuid,
) -> Result<()> {
    sqlx::query!(
        "update support_queues set last_user_id = $3 where tenant_id = $1 and id = $2",
        tenant_id,
        queue_id,
        user_id
    )
    .execute(conn)
    .await?;
    Ok(())
}
