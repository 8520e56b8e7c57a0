use chrono::{DateTime, NaiveDate, Utc};
use kernel::Result;
use kernel::address::Address;
use kernel::pagination::PageRequest;
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::model::{LineItem, Proposal, ProposalFilter, ProposalStatus, ProposalVersion};
use crate::customers::model::parse_enum;
use crate::lines::{self, LineRow};

/// The next number of a per-company gapless series (`proposals`, `contracts`…).
pub use kernel::counters::next as next_number;

struct Row {
    id: Uuid,
    number: i64,
    customer_id: Uuid,
    customer_name: String,
    opportunity_id: Option<Uuid>,
    title: String,
    status: String,
    revision: i32,
    valid_until: NaiveDate,
    terms: String,
    discount_bp: i32,
    subtotal_cents: i64,
    discount_cents: i64,
    total_cents: i64,
    one_time_cents: i64,
    recurring_cents: i64,
    recurrence: String,
    sent_at: Option<DateTime<Utc>>,
    viewed_at: Option<DateTime<Utc>>,
    decided_at: Option<DateTime<Utc>>,
    accepted_name: Option<String>,
    accepted_document: Option<String>,
    accepted_email: Option<String>,
    accepted_ip: Option<String>,
    rejected_reason: Option<String>,
    contract_id: Option<Uuid>,
    version: i32,
    created_at: DateTime<Utc>,
    ticket_id: Option<Uuid>,
}

impl Row {
    fn into_proposal(self, items: Vec<LineItem>) -> Result<Proposal> {
        Ok(Proposal {
            id: self.id,
            number: self.number,
            customer_id: self.customer_id,
            customer_name: self.customer_name,
            opportunity_id: self.opportunity_id,
            title: self.title,
            status: parse_enum(&self.status)?,
            revision: self.revision,
            valid_until: self.valid_until,
            terms: self.terms,
            items,
            discount_bp: self.discount_bp,
            subtotal_cents: self.subtotal_cents,
            discount_cents: self.discount_cents,
            total_cents: self.total_cents,
            one_time_cents: self.one_time_cents,
            recurring_cents: self.recurring_cents,
            recurrence: parse_enum(&self.recurrence)?,
            currency: "BRL".into(),
            sent_at: self.sent_at,
            viewed_at: self.viewed_at,
            decided_at: self.decided_at,
            accepted_name: self.accepted_name,
            accepted_document: self.accepted_document,
            accepted_email: self.accepted_email,
            accepted_ip: self.accepted_ip,
            rejected_reason: self.rejected_reason,
            contract_id: self.contract_id,
            version: self.version,
            created_at: self.created_at,
            ticket_id: self.ticket_id,
        })
    }
}

async fn items_of(conn: &mut PgConnection, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<LineRow>> {
    Ok(sqlx::query_as!(
        LineRow,
        "select proposal_id as owner_id, id, product_id, description, unit, quantity_milli, unit_price_cents,
                discount_bp, billing, total_cents
           from proposal_items where tenant_id = $1 and proposal_id = any($2) order by proposal_id, position",
        tenant_id,
        ids
    )
    .fetch_all(conn)
    .await?)
}

fn attach(rows: Vec<Row>, items: Vec<LineRow>) -> Result<Vec<Proposal>> {
    let mut items = lines::group(items)?;
    rows.into_iter()
        .map(|r| {
            let mine = items.remove(&r.id).unwrap_or_default();
            r.into_proposal(mine)
        })
        .collect()
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Proposal>> {
    let row = sqlx::query_as!(
        Row,
        "select p.id, p.number, p.customer_id, c.name as customer_name, p.opportunity_id, p.title, p.status, p.revision,
                p.valid_until, p.terms, p.discount_bp, p.subtotal_cents, p.discount_cents, p.total_cents, p.one_time_cents,
                p.recurring_cents, p.recurrence, p.sent_at, p.viewed_at, p.decided_at, p.accepted_name, p.accepted_document,
                p.accepted_email, p.accepted_ip, p.rejected_reason,
                (select k.id from contracts k where k.tenant_id = p.tenant_id and k.proposal_id = p.id) as contract_id,
                p.version, p.created_at, p.ticket_id
           from proposals p join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
          where p.tenant_id = $1 and p.id = $2",
        tenant_id,
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let items = items_of(conn, tenant_id, &[id]).await?;
    Ok(attach(vec![row], items)?.pop())
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    page: &PageRequest,
    f: &ProposalFilter,
) -> Result<Vec<Proposal>> {
    let pattern = page.like_pattern();
    let rows = sqlx::query_as!(
        Row,
        "select p.id, p.number, p.customer_id, c.name as customer_name, p.opportunity_id, p.title, p.status, p.revision,
                p.valid_until, p.terms, p.discount_bp, p.subtotal_cents, p.discount_cents, p.total_cents, p.one_time_cents,
                p.recurring_cents, p.recurrence, p.sent_at, p.viewed_at, p.decided_at, p.accepted_name, p.accepted_document,
                p.accepted_email, p.accepted_ip, p.rejected_reason,
                (select k.id from contracts k where k.tenant_id = p.tenant_id and k.proposal_id = p.id) as contract_id,
                p.version, p.created_at, p.ticket_id
           from proposals p join customers c on c.tenant_id = p.tenant_id and c.id = p.customer_id
          where p.tenant_id = $1
            and ($2::text is null or immutable_unaccent(p.title) ilike immutable_unaccent($2)
                 or immutable_unaccent(c.name) ilike immutable_unaccent($2)
                 or ('PROP-' || lpad(p.number::text, 4, '0')) ilike $2)
            and ($3::text is null or p.status = $3)
            and ($4::uuid is null or p.customer_id = $4)
            and ($5::uuid is null or p.opportunity_id = $5)
            and ($6::uuid is null or p.id < $6)
            and ($8::uuid is null or p.ticket_id = $8)
          order by p.id desc limit $7",
        tenant_id,
        pattern,
        f.status.map(|s| s.as_str()),
        f.customer_id,
        f.opportunity_id,
        page.after,
        page.fetch_limit(),
        f.ticket_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let items = items_of(conn, tenant_id, &ids).await?;
    attach(rows, items)
}

/// Inserts or rewrites the header and every item of `p`.
pub async fn save(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    p: &Proposal,
    created_by: Option<Uuid>,
) -> Result<()> {
    sqlx::query!(
        "insert into proposals (tenant_id, id, number, customer_id, opportunity_id, title, status, revision, valid_until,
                                terms, discount_bp, subtotal_cents, discount_cents, total_cents, one_time_cents,
                                recurring_cents, recurrence, created_by, ticket_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         on conflict (tenant_id, id) do update set title = excluded.title, status = excluded.status,
             revision = excluded.revision, valid_until = excluded.valid_until, terms = excluded.terms,
             discount_bp = excluded.discount_bp, subtotal_cents = excluded.subtotal_cents,
             discount_cents = excluded.discount_cents, total_cents = excluded.total_cents,
             one_time_cents = excluded.one_time_cents, recurring_cents = excluded.recurring_cents,
             recurrence = excluded.recurrence, public_token_hash = null, public_token_sealed = null, version = proposals.version + 1",
        tenant_id,
        p.id,
        p.number,
        p.customer_id,
        p.opportunity_id,
        p.title,
        p.status.as_str(),
        p.revision,
        p.valid_until,
        p.terms,
        p.discount_bp,
        p.subtotal_cents,
        p.discount_cents,
        p.total_cents,
        p.one_time_cents,
        p.recurring_cents,
        p.recurrence.as_str(),
        created_by,
        p.ticket_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("delete from proposal_items where tenant_id = $1 and proposal_id = $2", tenant_id, p.id)
        .execute(&mut *conn)
        .await?;
    for (i, item) in p.items.iter().enumerate() {
        sqlx::query!(
            "insert into proposal_items (tenant_id, id, proposal_id, position, product_id, description, unit, quantity_milli,
                                         unit_price_cents, discount_bp, billing, total_cents)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            tenant_id,
            item.id,
            p.id,
            i as i32,
            item.product_id,
            item.description,
            item.unit,
            item.quantity_milli,
            item.unit_price_cents,
            item.discount_bp,
            item.billing.as_str(),
            item.total_cents
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn snapshot(conn: &mut PgConnection, tenant_id: Uuid, p: &Proposal) -> Result<()> {
    let snapshot = serde_json::to_value(p).map_err(anyhow::Error::from)?;
    sqlx::query!(
        "insert into proposal_versions (tenant_id, proposal_id, revision, snapshot) values ($1, $2, $3, $4)
         on conflict do nothing",
        tenant_id,
        p.id,
        p.revision,
        snapshot
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn versions(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Vec<ProposalVersion>> {
    Ok(sqlx::query_as!(
        ProposalVersion,
        "select revision, snapshot, created_at from proposal_versions
          where tenant_id = $1 and proposal_id = $2 order by revision desc",
        tenant_id,
        id
    )
    .fetch_all(conn)
    .await?)
}

/// Only a draft can be deleted; the answer says whether one was.
pub async fn delete_draft(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    Ok(sqlx::query!(
        "delete from proposals where tenant_id = $1 and id = $2 and status = 'draft'",
        tenant_id,
        id
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

/// Ties a proposal to the conversation it was sent into.
pub async fn link_ticket(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, ticket_id: Uuid) -> Result<()> {
    sqlx::query!(
        "update proposals set ticket_id = $3 where tenant_id = $1 and id = $2 and ticket_id is null",
        tenant_id,
        id,
        ticket_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn mark_sent(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    token_hash: &[u8],
    token_sealed: &[u8],
) -> Result<()> {
    sqlx::query!(
        "update proposals set status = 'sent', public_token_hash = $3, public_token_sealed = $4, sent_at = now(),
                version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        token_hash,
        token_sealed
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The sealed secret of the proposal's live public link (none before its
/// first send, after an edit, or for a link sent before secrets were kept).
pub async fn sealed_link(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Vec<u8>>> {
    Ok(sqlx::query_scalar!(
        "select public_token_sealed from proposals
          where tenant_id = $1 and id = $2 and public_token_hash is not null",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?
    .flatten())
}

/// The proposal behind a public link, locked: only while the link is live.
pub async fn lock_by_token(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<Option<(Vec<u8>, String)>> {
    let row = sqlx::query!(
        "select public_token_hash, status from proposals where tenant_id = $1 and id = $2 and public_token_hash is not null
         for update",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| r.public_token_hash.map(|h| (h, r.status))))
}

pub async fn set_status(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: ProposalStatus,
) -> Result<()> {
    sqlx::query!(
        "update proposals set status = $3,
                viewed_at = case when $3 = 'viewed' and viewed_at is null then now() else viewed_at end,
                version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        status.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn decide(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    status: ProposalStatus,
    name: Option<&str>,
    document: Option<&str>,
    email: Option<&str>,
    ip: Option<&str>,
    reason: Option<&str>,
) -> Result<()> {
    sqlx::query!(
        "update proposals set status = $3, decided_at = now(), accepted_name = $4, accepted_document = $5,
                accepted_email = $6, accepted_ip = $7, rejected_reason = $8, version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        status.as_str(),
        name,
        document,
        email,
        ip,
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Who the proposal is from, for documents and e-mails.
pub struct CompanyProfile {
    pub name: String,
    pub trade_name: Option<String>,
    pub cnpj: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<Json<Address>>,
    pub timezone: String,
    pub logo_key: Option<String>,
}

/// Read-only view of the company (owned by accounts) for printing.
pub async fn company_profile(conn: &mut PgConnection, tenant_id: Uuid) -> Result<CompanyProfile> {
    Ok(sqlx::query_as!(
        CompanyProfile,
        r#"select c.name, c.trade_name, c.cnpj, c.email, c.phone, c.address as "address: Json<Address>", c.timezone,
                  f.object_key as "logo_key?"
             from companies c left join files f on f.tenant_id = c.tenant_id and f.id = c.logo_file_id
            where c.tenant_id = $1"#,
        tenant_id
    )
    .fetch_one(conn)
    .await?)
}

/// Who answers for a proposal: its deal's owner, else who wrote it.
pub async fn answerable(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select coalesce(o.owner_id, p.created_by)
           from proposals p
           left join opportunities o on o.tenant_id = p.tenant_id and o.id = p.opportunity_id
          where p.tenant_id = $1 and p.id = $2",
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?
    .flatten())
}
