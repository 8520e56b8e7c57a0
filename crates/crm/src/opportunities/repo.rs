use chrono::NaiveDate;
use kernel::Result;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{Opportunity, OpportunityFilter};
use crate::customers::model::parse_enum;

struct Row {
    id: Uuid,
    customer_id: Uuid,
    customer_name: String,
    pipeline_id: Uuid,
    stage_id: Uuid,
    kind: String,
    title: String,
    value_cents: i64,
    expected_close_date: Option<NaiveDate>,
    owner_id: Option<Uuid>,
    source: Option<String>,
    lost_reason: Option<String>,
    position: f64,
    stage_entered_at: chrono::DateTime<chrono::Utc>,
    version: i32,
    created_at: chrono::DateTime<chrono::Utc>,
    ticket_id: Option<Uuid>,
}

impl TryFrom<Row> for Opportunity {
    type Error = kernel::Error;
    fn try_from(r: Row) -> Result<Self> {
        Ok(Opportunity {
            id: r.id,
            customer_id: r.customer_id,
            customer_name: r.customer_name,
            pipeline_id: r.pipeline_id,
            stage_id: r.stage_id,
            status: parse_enum(&r.kind)?,
            title: r.title,
            value_cents: r.value_cents,
            currency: "BRL".into(),
            expected_close_date: r.expected_close_date,
            owner_id: r.owner_id,
            source: r.source,
            lost_reason: r.lost_reason,
            position: r.position,
            stage_entered_at: r.stage_entered_at,
            version: r.version,
            created_at: r.created_at,
            ticket_id: r.ticket_id,
        })
    }
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Opportunity>> {
    let row = sqlx::query_as!(
        Row,
        "select o.id, o.customer_id, c.name as customer_name, o.pipeline_id, o.stage_id, s.kind, o.title, o.value_cents,
                o.expected_close_date, o.owner_id, o.source, o.lost_reason, o.position, o.stage_entered_at, o.version, o.created_at,
                o.ticket_id
           from opportunities o
           join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
           join pipeline_stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
          where o.tenant_id = $1 and o.id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    row.map(Opportunity::try_from).transpose()
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    page: &PageRequest,
    f: &OpportunityFilter,
) -> Result<Vec<Opportunity>> {
    let pattern = page.like_pattern();
    let rows = sqlx::query_as!(
        Row,
        "select o.id, o.customer_id, c.name as customer_name, o.pipeline_id, o.stage_id, s.kind, o.title, o.value_cents,
                o.expected_close_date, o.owner_id, o.source, o.lost_reason, o.position, o.stage_entered_at, o.version, o.created_at,
                o.ticket_id
           from opportunities o
           join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
           join pipeline_stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
          where o.tenant_id = $1
            and ($2::text is null or immutable_unaccent(o.title) ilike immutable_unaccent($2)
                 or immutable_unaccent(c.name) ilike immutable_unaccent($2))
            and ($3::uuid is null or o.pipeline_id = $3)
            and ($4::uuid is null or o.stage_id = $4)
            and ($5::uuid is null or o.customer_id = $5)
            and ($6::uuid is null or o.owner_id = $6)
            and ($7::text is null or s.kind = $7)
            and ($8::uuid is null or o.id < $8)
            and ($10::uuid is null or o.ticket_id = $10)
          order by o.id desc limit $9",
        tenant_id,
        pattern,
        f.pipeline_id,
        f.stage_id,
        f.customer_id,
        f.owner_id,
        f.status.map(|s| s.as_str()),
        page.after,
        page.fetch_limit(),
        f.ticket_id
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Opportunity::try_from).collect()
}

/// Cards of a pipeline in board order, at most `per_stage` per stage.
pub async fn board_cards(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    pipeline_id: Uuid,
    per_stage: i64,
) -> Result<Vec<Opportunity>> {
    let rows = sqlx::query_as!(
        Row,
        r#"select x.id as "id!", x.customer_id as "customer_id!", x.customer_name as "customer_name!",
                  x.pipeline_id as "pipeline_id!", x.stage_id as "stage_id!", x.kind as "kind!", x.title as "title!",
                  x.value_cents as "value_cents!", x.expected_close_date, x.owner_id, x.source, x.lost_reason,
                  x.position as "position!", x.stage_entered_at as "stage_entered_at!", x.version as "version!",
                  x.created_at as "created_at!", x.ticket_id
             from (select o.*, c.name as customer_name, s.kind,
                          row_number() over (partition by o.stage_id order by o.position, o.id) as rn
                     from opportunities o
                     join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
                     join pipeline_stages s on s.tenant_id = o.tenant_id and s.id = o.stage_id
                    where o.tenant_id = $1 and o.pipeline_id = $2) x
            where x.rn <= $3
            order by x.stage_id, x.position, x.id"#,
        tenant_id,
        pipeline_id,
        per_stage
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Opportunity::try_from).collect()
}

/// (stage, count, total value) of a pipeline.
pub async fn stage_totals(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    pipeline_id: Uuid,
) -> Result<Vec<(Uuid, i64, i64)>> {
    let rows = sqlx::query!(
        r#"select stage_id, count(*) as "count!", coalesce(sum(value_cents), 0)::bigint as "total!"
             from opportunities where tenant_id = $1 and pipeline_id = $2 group by stage_id"#,
        tenant_id,
        pipeline_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.stage_id, r.count, r.total)).collect())
}

/// Position after `after_id` (between it and the next card), or at the end.
pub async fn position_after(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    stage_id: Uuid,
    after_id: Option<Uuid>,
    moving: Uuid,
) -> Result<f64> {
    let r = sqlx::query!(
        r#"with anchor as (select position from opportunities where tenant_id = $1 and id = $3 and stage_id = $2)
           select (select position from anchor) as anchor,
                  (select min(position) from opportunities
                    where tenant_id = $1 and stage_id = $2 and id <> $4
                      and position > coalesce((select position from anchor), 'infinity'::float8)) as next,
                  (select min(position) from opportunities where tenant_id = $1 and stage_id = $2 and id <> $4) as first,
                  (select max(position) from opportunities where tenant_id = $1 and stage_id = $2 and id <> $4) as last"#,
        tenant_id,
        stage_id,
        after_id,
        moving
    )
    .fetch_one(conn)
    .await?;
    Ok(match (after_id, r.anchor, r.next) {
        (Some(_), Some(a), Some(n)) => (a + n) / 2.0,
        (Some(_), Some(a), None) => a + 1024.0,
        // No anchor: at the top when asked to (after_id = None means end).
        (Some(_), None, _) => r.first.map(|f| f - 1024.0).unwrap_or(0.0),
        (None, _, _) => r.last.map(|l| l + 1024.0).unwrap_or(0.0),
    })
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, o: &Opportunity) -> Result<()> {
    sqlx::query!(
        "insert into opportunities (tenant_id, id, customer_id, pipeline_id, stage_id, title, value_cents,
                                    expected_close_date, owner_id, source, position, ticket_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        tenant_id,
        o.id,
        o.customer_id,
        o.pipeline_id,
        o.stage_id,
        o.title,
        o.value_cents,
        o.expected_close_date,
        o.owner_id,
        o.source,
        o.position,
        o.ticket_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Saves editable fields and stage; `None` when the version moved on.
pub async fn update(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    o: &Opportunity,
    expected_version: i32,
    stage_changed: bool,
) -> Result<bool> {
    let n = sqlx::query!(
        "update opportunities set title = $3, value_cents = $4, expected_close_date = $5, owner_id = $6, source = $7,
                stage_id = $8, position = $9, lost_reason = $10,
                stage_entered_at = case when $11 then now() else stage_entered_at end,
                version = version + 1
          where tenant_id = $1 and id = $2 and version = $12",
        tenant_id,
        o.id,
        o.title,
        o.value_cents,
        o.expected_close_date,
        o.owner_id,
        o.source,
        o.stage_id,
        o.position,
        o.lost_reason,
        stage_changed,
        expected_version
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn delete(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    Ok(sqlx::query!("delete from opportunities where tenant_id = $1 and id = $2", tenant_id, id)
        .execute(conn)
        .await?
        .rows_affected()
        == 1)
}
