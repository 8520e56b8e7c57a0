use kernel::Result;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Pipeline, Stage, StageKind};
use crate::customers::model::parse_enum;

struct StageRow {
    id: Uuid,
    pipeline_id: Uuid,
    name: String,
    position: i32,
    probability: i32,
    kind: String,
}

impl TryFrom<StageRow> for Stage {
    type Error = kernel::Error;
    fn try_from(r: StageRow) -> Result<Self> {
        Ok(Stage {
            id: r.id,
            name: r.name,
            position: r.position,
            probability: r.probability,
            kind: parse_enum(&r.kind)?,
        })
    }
}

pub async fn list(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<Pipeline>> {
    let pipelines = sqlx::query!(
        "select id, name, created_at from pipelines where tenant_id = $1 order by id",
        tenant_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let stages = sqlx::query_as!(
        StageRow,
        "select id, pipeline_id, name, position, probability, kind from pipeline_stages
          where tenant_id = $1 order by pipeline_id, position",
        tenant_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut by_pipeline: std::collections::HashMap<Uuid, Vec<Stage>> = std::collections::HashMap::new();
    for s in stages {
        by_pipeline.entry(s.pipeline_id).or_default().push(Stage::try_from(s)?);
    }
    let out = pipelines
        .into_iter()
        .map(|p| Pipeline {
            id: p.id,
            stages: by_pipeline.remove(&p.id).unwrap_or_default(),
            name: p.name,
            created_at: p.created_at,
        })
        .collect();
    Ok(out)
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Pipeline>> {
    let Some(p) = sqlx::query!(
        "select id, name, created_at from pipelines where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let stages = sqlx::query_as!(
        StageRow,
        "select id, pipeline_id, name, position, probability, kind from pipeline_stages
          where tenant_id = $1 and pipeline_id = $2 order by position",
        tenant_id,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let stages = stages.into_iter().map(Stage::try_from).collect::<Result<Vec<_>>>()?;
    Ok(Some(Pipeline { id: p.id, name: p.name, stages, created_at: p.created_at }))
}

pub async fn count(conn: &mut PgConnection, tenant_id: Uuid) -> Result<i64> {
    Ok(sqlx::query_scalar!(r#"select count(*) as "n!" from pipelines where tenant_id = $1"#, tenant_id)
        .fetch_one(conn)
        .await?)
}

pub async fn upsert_pipeline(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, name: &str) -> Result<()> {
    sqlx::query!(
        "insert into pipelines (tenant_id, id, name) values ($1, $2, $3)
         on conflict (tenant_id, id) do update set name = excluded.name",
        tenant_id,
        id,
        name
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn upsert_stage(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    pipeline_id: Uuid,
    stage: &Stage,
) -> Result<()> {
    sqlx::query!(
        "insert into pipeline_stages (tenant_id, id, pipeline_id, name, position, probability, kind)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (tenant_id, id) do update set name = excluded.name, position = excluded.position,
             probability = excluded.probability, kind = excluded.kind",
        tenant_id,
        stage.id,
        pipeline_id,
        stage.name,
        stage.position,
        stage.probability,
        stage.kind.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes stages of the pipeline not in `keep`; false if one still has opportunities.
pub async fn delete_other_stages(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    pipeline_id: Uuid,
    keep: &[Uuid],
) -> Result<bool> {
    let busy = sqlx::query_scalar!(
        r#"select exists(select 1 from opportunities o join pipeline_stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
                          where s.tenant_id = $1 and s.pipeline_id = $2 and not (s.id = any($3))) as "busy!""#,
        tenant_id,
        pipeline_id,
        keep
    )
    .fetch_one(&mut *conn)
    .await?;
    if busy {
        return Ok(false);
    }
    sqlx::query!(
        "delete from pipeline_stages where tenant_id = $1 and pipeline_id = $2 and not (id = any($3))",
        tenant_id,
        pipeline_id,
        keep
    )
    .execute(conn)
    .await?;
    Ok(true)
}

pub async fn has_opportunities(conn: &mut PgConnection, tenant_id: Uuid, pipeline_id: Uuid) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from opportunities where tenant_id = $1 and pipeline_id = $2) as "e!""#,
        tenant_id,
        pipeline_id
    )
    .fetch_one(conn)
    .await?)
}

pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    Ok(sqlx::query!("delete from pipelines where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected()
        == 1)
}

pub fn first_of(p: &Pipeline, kind: StageKind) -> Option<&Stage> {
    p.stages.iter().find(|s| s.kind == kind)
}
