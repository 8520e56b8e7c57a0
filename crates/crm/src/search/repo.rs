//! SQL of the CRM's global-search groups, each on its own company's rows.

use kernel::Result;
use kernel::search::{SearchHit, SearchKind, contains_pattern};
use sqlx::PgConnection;
use uuid::Uuid;

pub async fn customers(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &str,
    limit: i64,
) -> Result<Vec<SearchHit>> {
    let rows = sqlx::query!(
        r#"select c.id, c.name, coalesce(c.trade_name, c.document, c.emails[1]) as subtitle
             from customers c
            where c.tenant_id = $1 and c.merged_into is null and c.search @@ search_query($2)
            order by lower(c.name), c.id
            limit $3"#,
        tenant_id,
        q,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SearchHit {
            kind: SearchKind::Customer,
            id: r.id,
            title: r.name,
            subtitle: r.subtitle,
            parent_id: None,
        })
        .collect())
}

pub async fn contacts(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &str,
    limit: i64,
) -> Result<Vec<SearchHit>> {
    let rows = sqlx::query!(
        r#"select k.id, k.name, k.customer_id, c.name as customer
             from contacts k
             join customers c on c.tenant_id = k.tenant_id and c.id = k.customer_id
            where k.tenant_id = $1 and c.merged_into is null
              and (immutable_unaccent(k.name) ilike immutable_unaccent($2) or k.email ilike $2)
            order by lower(k.name), k.id
            limit $3"#,
        tenant_id,
        contains_pattern(q),
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SearchHit {
            kind: SearchKind::Contact,
            id: r.id,
            title: r.name,
            subtitle: Some(r.customer),
            parent_id: Some(r.customer_id),
        })
        .collect())
}

pub async fn opportunities(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &str,
    limit: i64,
) -> Result<Vec<SearchHit>> {
    let rows = sqlx::query!(
        r#"select o.id, o.title, c.name as customer
             from opportunities o
             join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
            where o.tenant_id = $1 and immutable_unaccent(o.title) ilike immutable_unaccent($2)
            order by o.id desc
            limit $3"#,
        tenant_id,
        contains_pattern(q),
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SearchHit {
            kind: SearchKind::Opportunity,
            id: r.id,
            title: r.title,
            subtitle: Some(r.customer),
            parent_id: None,
        })
        .collect())
}

pub async fn proposals(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &str,
    limit: i64,
) -> Result<Vec<SearchHit>> {
    let number = kernel::search::number(q, "PROP-");
    let rows = sqlx::query!(
        r#"select p.id, p.number, p.title, c.name as customer
             from proposals p
             join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
            where p.tenant_id = $1
              and (p.number = $3 or immutable_unaccent(p.title) ilike immutable_unaccent($2))
            order by p.number desc
            limit $4"#,
        tenant_id,
        contains_pattern(q),
        number,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SearchHit {
            kind: SearchKind::Proposal,
            id: r.id,
            title: format!("{} {}", crate::proposals::document::number_label(r.number), r.title),
            subtitle: Some(r.customer),
            parent_id: None,
        })
        .collect())
}
