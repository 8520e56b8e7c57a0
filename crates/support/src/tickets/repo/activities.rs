//! The activity log of tickets (who did what, when).

use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::super::model::Activity;

pub async fn log(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    actor: Option<Uuid>,
    kind: &str,
    data: serde_json::Value,
) -> Result<()> {
    sqlx::query!(
        "insert into ticket_activities (tenant_id, id, ticket_id, actor_id, kind, data) values ($1, $2, $3, $4, $5, $6)",
        tenant_id,
        kernel::ids::new_id(),
        ticket_id,
        actor,
        kind,
        data
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn activities(conn: &mut PgConnection, tenant_id: Uuid, ticket_id: Uuid) -> Result<Vec<Activity>> {
    Ok(sqlx::query_as!(
        Activity,
        r#"select a.id, a.actor_id, u.name as "actor_name?", a.kind, a.data, a.created_at
             from ticket_activities a left join users u on u.tenant_id = a.tenant_id and u.id = a.actor_id
            where a.tenant_id = $1 and a.ticket_id = $2 order by a.id limit 500"#,
        tenant_id,
        ticket_id
    )
    .fetch_all(conn)
    .await?)
}
