use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::keywords::TriageRule;
use crate::tickets::model::Priority;

pub async fn rules(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<TriageRule>> {
    Ok(sqlx::query!(
        "select id, position, keywords, category, priority, team_id from triage_rules where tenant_id = $1 order by position, id",
        tenant_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| TriageRule {
        id: r.id,
        position: r.position,
        keywords: r.keywords,
        category: r.category,
        priority: r.priority.as_deref().and_then(Priority::parse),
        team_id: r.team_id,
    })
    .collect())
}

pub async fn replace(conn: &mut PgConnection, tenant_id: Uuid, rules: &[TriageRule]) -> Result<()> {
    sqlx::query!("delete from triage_rules where tenant_id = $1", tenant_id).execute(&mut *conn).await?;
    for r in rules {
        sqlx::query!(
            "insert into triage_rules (tenant_id, id, position, keywords, category, priority, team_id)
             values ($1, $2, $3, $4, $5, $6, $7)",
            tenant_id,
            r.id,
            r.position,
            &r.keywords,
            r.category,
            r.priority.map(|p| p.as_str()),
            r.team_id
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
