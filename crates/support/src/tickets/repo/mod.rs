//! Tickets' SQL, one file per table group: tickets here (with their
//! contact and e-mail-thread lookups), messages with their attachments and
//! delivery states in `messages.rs`, the activity log in `activities.rs`.

use chrono::{DateTime, Utc};
use kernel::{Error, Result};
use sqlx::PgConnection;
use uuid::Uuid;

use events::{Intent, Sentiment};

use super::model::{Priority, SlaStatus, Ticket, TicketFilter, TicketStatus};
use crate::triage::Triaged;

mod activities;
mod messages;

pub use activities::*;
pub use messages::*;

struct Row {
    id: Uuid,
    number: i64,
    subject: String,
    status: String,
    priority: String,
    category: Option<String>,
    intent: Option<String>,
    sentiment: Option<String>,
    channel_id: Uuid,
    channel_kind: String,
    channel_name: String,
    customer_id: Uuid,
    customer_name: String,
    contact_address: String,
    contact_verified: bool,
    declared_email: Option<String>,
    team_id: Option<Uuid>,
    team_name: Option<String>,
    queue_id: Option<Uuid>,
    assignee_id: Option<Uuid>,
    assignee_name: Option<String>,
    tags: Vec<String>,
    first_response_due: Option<DateTime<Utc>>,
    resolution_due: Option<DateTime<Utc>>,
    first_response_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    sla_warned_at: Option<DateTime<Utc>>,
    sla_breached_at: Option<DateTime<Utc>>,
    snoozed_until: Option<DateTime<Utc>>,
    merged_into: Option<Uuid>,
    csat_score: Option<i32>,
    unread: i32,
    last_message_at: DateTime<Utc>,
    last_inbound_at: Option<DateTime<Utc>>,
    version: i32,
    created_at: DateTime<Utc>,
}

/// Met, breached (a target passed unmet), warning (80 % of a window used) or ok.
fn sla_status(r: &Row, now: DateTime<Utc>) -> SlaStatus {
    let targets = [(r.first_response_due, r.first_response_at), (r.resolution_due, r.resolved_at)];
    if targets.iter().all(|(due, _)| due.is_none()) {
        return SlaStatus::None;
    }
    if r.sla_breached_at.is_some()
        || targets.iter().any(|(due, done)| due.is_some_and(|d| done.map_or(now > d, |t| t > d)))
    {
        return SlaStatus::Breached;
    }
    if targets.iter().all(|(due, done)| due.is_none() || done.is_some()) {
        return SlaStatus::Met;
    }
    if r.sla_warned_at.is_some() {
        return SlaStatus::Warning;
    }
    SlaStatus::Ok
}

fn to_model(r: Row, now: DateTime<Utc>) -> Result<Ticket> {
    Ok(Ticket {
        sla_status: sla_status(&r, now),
        id: r.id,
        number: r.number,
        subject: r.subject,
        status: TicketStatus::parse(&r.status).ok_or_else(|| Error::internal("ticket status"))?,
        priority: Priority::parse(&r.priority).ok_or_else(|| Error::internal("ticket priority"))?,
        category: r.category,
        intent: r.intent.as_deref().and_then(Intent::parse),
        sentiment: r.sentiment.as_deref().and_then(Sentiment::parse),
        channel_id: r.channel_id,
        channel_kind: r.channel_kind,
        channel_name: r.channel_name,
        customer_id: r.customer_id,
        customer_name: r.customer_name,
        contact_address: r.contact_address,
        contact_verified: r.contact_verified,
        declared_email: r.declared_email,
        team_id: r.team_id,
        team_name: r.team_name,
        queue_id: r.queue_id,
        assignee_id: r.assignee_id,
        assignee_name: r.assignee_name,
        tags: r.tags,
        first_response_due: r.first_response_due,
        resolution_due: r.resolution_due,
        first_response_at: r.first_response_at,
        resolved_at: r.resolved_at,
        snoozed_until: r.snoozed_until,
        merged_into: r.merged_into,
        csat_score: r.csat_score,
        unread: r.unread,
        last_message_at: r.last_message_at,
        last_inbound_at: r.last_inbound_at,
        version: r.version,
        created_at: r.created_at,
    })
}

pub async fn find(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, lock: bool) -> Result<Option<Ticket>> {
    if lock {
        sqlx::query!("select id from tickets where tenant_id = $1 and id = $2 for update", tenant_id, id)
            .fetch_optional(&mut *conn)
            .await?;
    }
    let row = sqlx::query_as!(
        Row,
        r#"select t.id, t.number, t.subject, t.status, t.priority, t.category, t.intent, t.sentiment, t.channel_id,
                ch.kind as channel_kind,
                ch.name as channel_name, t.customer_id, c.name as customer_name, t.contact_address,
                t.contact_verified, t.declared_email, t.team_id,
                tm.name as "team_name?", t.queue_id, t.assignee_id, u.name as "assignee_name?", t.tags,
                t.first_response_due, t.resolution_due, t.first_response_at, t.resolved_at, t.sla_warned_at,
                t.sla_breached_at, t.snoozed_until, t.merged_into, t.csat_score, t.unread, t.last_message_at,
                t.last_inbound_at, t.version, t.created_at
           from tickets t
           join support_channels ch on ch.tenant_id = t.tenant_id and ch.id = t.channel_id
           join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
           left join teams tm on tm.tenant_id = t.tenant_id and tm.id = t.team_id
           left join users u on u.tenant_id = t.tenant_id and u.id = t.assignee_id
          where t.tenant_id = $1 and t.id = $2"#,
        tenant_id,
        id
    )
    .fetch_optional(conn)
    .await?;
    row.map(|r| to_model(r, Utc::now())).transpose()
}

/// Keyset on (last_message_at, id): the inbox shows the latest activity first.
pub fn encode_cursor(t: &Ticket) -> String {
    format!("{}_{}", t.last_message_at.timestamp_micros(), t.id)
}

fn decode_cursor(c: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (ts, id) = c.split_once('_')?;
    Some((DateTime::from_timestamp_micros(ts.parse().ok()?)?, id.parse().ok()?))
}

pub async fn list(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    user_id: Uuid,
    f: &TicketFilter,
    limit: i64,
) -> Result<Vec<Ticket>> {
    let cursor = match f.cursor.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => Some(decode_cursor(c).ok_or_else(|| Error::field("cursor", "Cursor inválido."))?),
        None => None,
    };
    let q = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let number = q.and_then(|q| kernel::search::number(q, "#"));
    // "#1042" is looked up by the unique (tenant, number) index, not scanned for.
    if let Some(number) = number {
        let id = sqlx::query_scalar!(
            "select id from tickets where tenant_id = $1 and number = $2",
            tenant_id,
            number
        )
        .fetch_optional(&mut *conn)
        .await?;
        return Ok(match id {
            Some(id) if cursor.is_none() => find(conn, tenant_id, id, false).await?.into_iter().collect(),
            _ => vec![],
        });
    }
    let like = q.map(kernel::search::contains_pattern);
    let rows = sqlx::query_as!(
        Row,
        r#"select t.id, t.number, t.subject, t.status, t.priority, t.category, t.intent, t.sentiment, t.channel_id,
                ch.kind as channel_kind,
                ch.name as channel_name, t.customer_id, c.name as customer_name, t.contact_address,
                t.contact_verified, t.declared_email, t.team_id,
                tm.name as "team_name?", t.queue_id, t.assignee_id, u.name as "assignee_name?", t.tags,
                t.first_response_due, t.resolution_due, t.first_response_at, t.resolved_at, t.sla_warned_at,
                t.sla_breached_at, t.snoozed_until, t.merged_into, t.csat_score, t.unread, t.last_message_at,
                t.last_inbound_at, t.version, t.created_at
           from tickets t
           join support_channels ch on ch.tenant_id = t.tenant_id and ch.id = t.channel_id
           join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
           left join teams tm on tm.tenant_id = t.tenant_id and tm.id = t.team_id
           left join users u on u.tenant_id = t.tenant_id and u.id = t.assignee_id
          where t.tenant_id = $1
            and ($2::timestamptz is null or (t.last_message_at, t.id) < ($2, $3))
            and (case coalesce($4::text, 'open')
                   when 'open' then t.status in ('open', 'pending', 'waiting_customer')
                   when 'any' then true
                   else t.status = $4 end)
            and (case coalesce($5::text, 'all')
                   when 'mine' then t.assignee_id = $6
                   when 'unassigned' then t.assignee_id is null
                   when 'my_teams' then t.team_id in (select team_id from team_members where tenant_id = $1 and user_id = $6)
                   else true end)
            and ($7::uuid is null or t.channel_id = $7)
            and ($8::uuid is null or t.customer_id = $8)
            and ($9::text is null or $9 = any(t.tags))
            and (case $10::text
                   when 'breached' then t.sla_breached_at is not null
                      or (t.first_response_at is null and t.first_response_due < now())
                      or (t.resolved_at is null and t.resolution_due < now())
                   when 'warning' then t.sla_warned_at is not null and t.sla_breached_at is null
                   else true end)
            and ($11::text is null or immutable_unaccent(t.subject) ilike immutable_unaccent($11)
                 or immutable_unaccent(c.name) ilike immutable_unaccent($11))
            and ($13::text is null or t.intent = $13)
            and ($14::text is null or t.sentiment = any(case $14
                   when 'negative' then array['negative', 'very_negative']
                   when 'positive' then array['positive', 'very_positive']
                   else array[$14] end))
          order by t.last_message_at desc, t.id desc
          limit $12"#,
        tenant_id,
        cursor.map(|c| c.0),
        cursor.map(|c| c.1),
        f.status.map(|s| s.as_str()),
        f.view.map(|v| v.as_str()),
        user_id,
        f.channel_id,
        f.customer_id,
        f.tag,
        f.sla.map(|s| s.as_str()),
        like,
        limit + 1,
        f.intent.map(|i| i.as_str()),
        f.sentiment.map(|s| s.as_str())
    )
    .fetch_all(conn)
    .await?;
    let now = Utc::now();
    rows.into_iter().map(|r| to_model(r, now)).collect()
}

pub struct Counts {
    pub mine: i64,
    pub unassigned: i64,
    pub my_teams: i64,
    pub all: i64,
    pub unread: i64,
}

pub async fn counts(conn: &mut PgConnection, tenant_id: Uuid, user_id: Uuid) -> Result<Counts> {
    let r = sqlx::query!(
        r#"select count(*) filter (where assignee_id = $2) as "mine!",
                  count(*) filter (where assignee_id is null) as "unassigned!",
                  count(*) filter (where team_id in (select team_id from team_members where tenant_id = $1 and user_id = $2)) as "my_teams!",
                  count(*) as "all!",
                  count(*) filter (where unread > 0) as "unread!"
             from tickets where tenant_id = $1 and status in ('open', 'pending', 'waiting_customer')"#,
        tenant_id,
        user_id
    )
    .fetch_one(conn)
    .await?;
    Ok(Counts { mine: r.mine, unassigned: r.unassigned, my_teams: r.my_teams, all: r.all, unread: r.unread })
}

pub struct NewTicket<'a> {
    pub id: Uuid,
    pub number: i64,
    pub subject: &'a str,
    pub priority: Priority,
    pub category: Option<&'a str>,
    pub channel_id: Uuid,
    pub customer_id: Uuid,
    pub contact_address: &'a str,
    pub contact_verified: bool,
    pub declared_email: Option<&'a str>,
    pub team_id: Option<Uuid>,
    pub queue_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub first_response_due: Option<DateTime<Utc>>,
    pub resolution_due: Option<DateTime<Utc>>,
}

pub async fn insert(conn: &mut PgConnection, tenant_id: Uuid, t: &NewTicket<'_>) -> Result<()> {
    sqlx::query!(
        "insert into tickets (tenant_id, id, number, subject, priority, category, channel_id, customer_id,
                              contact_address, team_id, queue_id, first_response_due, resolution_due, assignee_id,
                              contact_verified, declared_email)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        tenant_id,
        t.id,
        t.number,
        t.subject,
        t.priority.as_str(),
        t.category,
        t.channel_id,
        t.customer_id,
        t.contact_address,
        t.team_id,
        t.queue_id,
        t.first_response_due,
        t.resolution_due,
        t.assignee_id,
        t.contact_verified,
        t.declared_email
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The ticket still open with this address (phone, e-mail, web-chat
/// visitor) on this channel. By address, not by customer: a web-chat
/// visitor who types someone else's e-mail never lands in that person's
/// conversation.
pub async fn open_for_contact(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    address: &str,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from tickets
          where tenant_id = $1 and channel_id = $2 and contact_address = $3
            and status in ('open', 'pending', 'waiting_customer') and merged_into is null
          order by last_message_at desc limit 1",
        tenant_id,
        channel_id,
        address
    )
    .fetch_optional(conn)
    .await?)
}

/// The latest resolved (not closed) ticket with this address on this channel.
pub async fn resolved_for_contact(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    address: &str,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select id from tickets
          where tenant_id = $1 and channel_id = $2 and contact_address = $3 and status = 'resolved' and merged_into is null
          order by resolved_at desc nulls last limit 1",
        tenant_id,
        channel_id,
        address
    )
    .fetch_optional(conn)
    .await?)
}

/// The ticket an e-mail replies to (by Message-ID / In-Reply-To / References).
pub async fn by_email_thread(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    ids: &[String],
) -> Result<Option<Uuid>> {
    if ids.is_empty() {
        return Ok(None);
    }
    Ok(sqlx::query_scalar!(
        "select id from tickets
          where tenant_id = $1 and channel_id = $2 and email_thread_ids && $3 and status <> 'closed'
          order by last_message_at desc limit 1",
        tenant_id,
        channel_id,
        ids
    )
    .fetch_optional(conn)
    .await?)
}

/// After a message: activity time, unread, e-mail thread, and reopening.
/// An agent's (or the bot's) message went out: the ticket moves up.
pub async fn touch_outbound(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    thread_id: Option<&str>,
) -> Result<()> {
    sqlx::query!(
        "update tickets set last_message_at = now(),
                email_thread_ids = case when $3::text is null or $3 = any(email_thread_ids) then email_thread_ids
                                        else array_append(email_thread_ids, $3) end,
                version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        thread_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The triage of an inbound message, stored with it.
pub struct InboundTriage<'a> {
    pub message_id: Uuid,
    /// The message that opened the ticket: its intent becomes the ticket's.
    pub initial: bool,
    pub triaged: &'a Triaged,
}

/// A customer's message arrived: the ticket reopens, counts one more unread
/// and — in the same statement, so intake pays no extra round trip — stores
/// the message's triage and takes its sentiment. Returns the ticket's
/// number and its sentiment before.
pub async fn touch_inbound(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    thread_id: Option<&str>,
    triage: Option<InboundTriage<'_>>,
) -> Result<(i64, Option<Sentiment>)> {
    let t = triage.as_ref().map(|x| x.triaged);
    let row = sqlx::query!(
        r#"with saved as (
               insert into ticket_triages (tenant_id, id, ticket_id, message_id, initial, category, category_confidence,
                      intent, intent_confidence, priority, priority_confidence, sentiment, sentiment_score,
                      sentiment_confidence, language, cues, team_id, engine, reason)
               select $1, $4, $2, $5::uuid, $6::bool, $7::text, $8::real, $9::text, $10::real, $11::text, $12::real,
                      $13::text, $14::real, $15::real, $16::text, $17::text[], $18::uuid, $19::text, $20::text
                where $4::uuid is not null
               returning sentiment, initial, intent),
           before as (select sentiment, number from tickets where tenant_id = $1 and id = $2)
         update tickets t set last_message_at = now(), last_inbound_at = now(), unread = t.unread + 1,
                status = case when t.status in ('pending', 'waiting_customer', 'resolved') then 'open' else t.status end,
                resolved_at = case when t.status = 'resolved' then null else t.resolved_at end,
                snoozed_until = null,
                email_thread_ids = case when $3::text is null or $3 = any(t.email_thread_ids) then t.email_thread_ids
                                        else array_append(t.email_thread_ids, $3) end,
                sentiment = coalesce((select sentiment from saved), t.sentiment),
                intent = coalesce((select intent from saved where initial), t.intent),
                version = t.version + 1
           from before
          where t.tenant_id = $1 and t.id = $2
         returning before.sentiment as "old?", before.number"#,
        tenant_id,
        id,
        thread_id,
        t.map(|_| kernel::ids::new_id()),
        triage.as_ref().map(|x| x.message_id),
        triage.as_ref().map(|x| x.initial),
        t.and_then(|t| t.category.as_deref()),
        t.and_then(|t| t.category_confidence).map(|c| c as f32),
        t.map(|t| t.intent.as_str()),
        t.map(|t| t.intent_confidence as f32),
        t.map(|t| t.priority.as_str()),
        t.map(|t| t.priority_confidence as f32),
        t.map(|t| t.sentiment.as_str()),
        t.map(|t| t.sentiment_score as f32),
        t.map(|t| t.sentiment_confidence as f32),
        t.and_then(|t| t.language.as_deref()),
        t.map(|t| t.cues.as_slice()),
        t.and_then(|t| t.team_id),
        t.map(|t| t.engine.as_str()),
        t.map(|t| t.reason.as_str())
    )
    .fetch_one(conn)
    .await?;
    Ok((row.number, row.old.as_deref().and_then(Sentiment::parse)))
}

pub async fn mark_read(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update tickets set unread = 0 where tenant_id = $1 and id = $2 and unread > 0",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct Changes<'a> {
    pub status: TicketStatus,
    pub priority: Priority,
    pub subject: &'a str,
    pub category: Option<&'a str>,
    pub tags: &'a [String],
    pub team_id: Option<Uuid>,
    pub queue_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub snoozed_until: Option<DateTime<Utc>>,
}

impl<'a> Changes<'a> {
    /// The ticket as it is; callers change what they mean to.
    pub fn of(t: &'a Ticket) -> Self {
        Self {
            status: t.status,
            priority: t.priority,
            subject: &t.subject,
            category: t.category.as_deref(),
            tags: &t.tags,
            team_id: t.team_id,
            queue_id: t.queue_id,
            assignee_id: t.assignee_id,
            snoozed_until: t.snoozed_until,
        }
    }
}

pub async fn save(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, c: &Changes<'_>) -> Result<()> {
    sqlx::query!(
        "update tickets set status = $3, priority = $4, subject = $5, category = $6, tags = $7, team_id = $8,
                queue_id = $9, assignee_id = $10, snoozed_until = $11,
                resolved_at = case when $3 = 'resolved' then coalesce(resolved_at, now())
                                   when $3 in ('open', 'pending', 'waiting_customer') then null else resolved_at end,
                closed_at = case when $3 = 'closed' then coalesce(closed_at, now()) else null end,
                version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        c.status.as_str(),
        c.priority.as_str(),
        c.subject,
        c.category,
        c.tags,
        c.team_id,
        c.queue_id,
        c.assignee_id,
        c.snoozed_until
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_first_response(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<()> {
    sqlx::query!(
        "update tickets set first_response_at = coalesce(first_response_at, now()) where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_sla_mark(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid, breached: bool) -> Result<()> {
    sqlx::query!(
        "update tickets set sla_warned_at = case when $3 then sla_warned_at else coalesce(sla_warned_at, now()) end,
                sla_breached_at = case when $3 then coalesce(sla_breached_at, now()) else sla_breached_at end
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        breached
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// New SLA due times; a target already met keeps the time it had.
pub async fn set_due_times(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    first_response_due: DateTime<Utc>,
    resolution_due: DateTime<Utc>,
) -> Result<()> {
    sqlx::query!(
        "update tickets
            set first_response_due = case when first_response_at is null then $3 else first_response_due end,
                resolution_due = case when resolved_at is null then $4 else resolution_due end
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        first_response_due,
        resolution_due
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_csat(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    requested: bool,
    score: Option<i32>,
) -> Result<()> {
    sqlx::query!(
        "update tickets set csat_requested_at = case when $3 then now() else csat_requested_at end,
                csat_score = coalesce($4, csat_score)
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        requested,
        score
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A CSAT answer is expected: requested, unanswered, in the last 7 days.
pub async fn awaiting_csat(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from tickets where tenant_id = $1 and id = $2 and csat_score is null
                           and csat_requested_at > now() - interval '7 days') as "e!""#,
        tenant_id,
        id
    )
    .fetch_one(conn)
    .await?)
}

/// Moves every message of `from` into `into` and closes `from`. Each
/// message keeps the ticket it was written in (`origin_ticket_id`), so a
/// web-chat visitor still reads only its own conversation.
pub async fn merge(conn: &mut PgConnection, tenant_id: Uuid, from: Uuid, into: Uuid) -> Result<()> {
    sqlx::query!(
        "update ticket_messages set origin_ticket_id = coalesce(origin_ticket_id, ticket_id), ticket_id = $3
          where tenant_id = $1 and ticket_id = $2",
        tenant_id,
        from,
        into
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update tickets set merged_into = $3, status = 'closed', closed_at = now(), version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        from,
        into
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update tickets t set email_thread_ids = t.email_thread_ids || f.email_thread_ids,
                last_message_at = greatest(t.last_message_at, f.last_message_at), version = t.version + 1
           from tickets f where t.tenant_id = $1 and t.id = $3 and f.tenant_id = $1 and f.id = $2",
        tenant_id,
        from,
        into
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn thread_ids(conn: &mut PgConnection, tenant_id: Uuid, id: Uuid) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar!(
        "select email_thread_ids from tickets where tenant_id = $1 and id = $2",
        tenant_id,
        id
    )
    .fetch_one(conn)
    .await?)
}

pub struct KnownContact {
    pub customer_id: Uuid,
    /// False while the customer stands on a claim nobody checked (a
    /// web-chat visitor's typed e-mail) and no agent linked it by hand.
    pub contact_verified: bool,
    pub declared_email: Option<String>,
}

/// The customer this address was last seen as on this channel (a returning web-chat visitor).
pub async fn customer_of_address(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    channel_id: Uuid,
    address: &str,
) -> Result<Option<KnownContact>> {
    Ok(sqlx::query_as!(
        KnownContact,
        "select customer_id, contact_verified, declared_email from tickets
          where tenant_id = $1 and channel_id = $2 and contact_address = $3
          order by last_message_at desc limit 1",
        tenant_id,
        channel_id,
        address
    )
    .fetch_optional(conn)
    .await?)
}

/// An agent says who the customer really is; the claim is settled.
pub async fn link_customer(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    id: Uuid,
    customer_id: Uuid,
) -> Result<()> {
    sqlx::query!(
        "update tickets set customer_id = $3, contact_verified = true, version = version + 1
          where tenant_id = $1 and id = $2",
        tenant_id,
        id,
        customer_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The customer's latest conversation on a WhatsApp (Cloud API) channel
/// that can still take a message (not merged, not closed).
pub async fn latest_whatsapp_ticket(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    customer_id: Uuid,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        r#"select t.id from tickets t
             join support_channels ch on ch.tenant_id = t.tenant_id and ch.id = t.channel_id
            where t.tenant_id = $1 and t.customer_id = $2 and ch.kind = 'whatsapp' and ch.enabled
              and t.merged_into is null and t.status <> 'closed'
            order by t.last_message_at desc, t.id desc
            limit 1"#,
        tenant_id,
        customer_id
    )
    .fetch_optional(conn)
    .await?)
}

/// The inbox's part of the global search: a ticket by its number, its
/// subject or the text of any of its messages (notes included: the
/// searcher is the company's own staff), accent- and case-insensitive,
/// most recently active first.
pub async fn search(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    q: &str,
    limit: i64,
) -> Result<Vec<kernel::search::SearchHit>> {
    let number = kernel::search::number(q, "#");
    let rows = sqlx::query!(
        r#"select t.id, t.number, t.subject, t.status, c.name as customer
             from tickets t
             join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
            where t.tenant_id = $1
              and (t.number = $3
                   or immutable_unaccent(t.subject) ilike immutable_unaccent($2)
                   or exists (select 1 from ticket_messages m
                               where m.tenant_id = t.tenant_id and m.ticket_id = t.id
                                 and immutable_unaccent(m.text) ilike immutable_unaccent($2)))
            order by t.last_message_at desc, t.id desc
            limit $4"#,
        tenant_id,
        kernel::search::contains_pattern(q),
        number,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = TicketStatus::parse(&r.status).map(|s| s.label()).unwrap_or_default();
            kernel::search::SearchHit {
                kind: kernel::search::SearchKind::Ticket,
                id: r.id,
                title: format!("#{} {}", r.number, r.subject),
                subtitle: Some(format!("{} · {status}", r.customer)),
                parent_id: None,
            }
        })
        .collect())
}

/// The name of the person writing on the ticket: the newest customer
/// message's author that is a name (a provider's profile name, a visitor's
/// pre-chat name), not the bare address it came from.
pub async fn contact_name(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    address: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!(
        "select author_name from ticket_messages
          where tenant_id = $1 and ticket_id = $2 and direction = 'in'
            and author_name <> $3 and author_name <> '' and author_name not like 'visitor:%'
          order by id desc limit 1",
        tenant_id,
        ticket_id,
        address
    )
    .fetch_optional(conn)
    .await?)
}
