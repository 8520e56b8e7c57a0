use chrono::{DateTime, Utc};
use kernel::Result;
use sqlx::PgConnection;
use sqlx::types::Json;
use uuid::Uuid;

use super::model::{FaqEntry, MenuOption};

pub struct SettingsRow {
    pub enabled: bool,
    pub channels: Vec<String>,
    pub greeting: String,
    pub menu: Json<Vec<MenuOption>>,
    pub faq: Json<Vec<FaqEntry>>,
    pub handover_team_id: Option<Uuid>,
    pub max_misunderstandings: i32,
}

pub async fn settings(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Option<SettingsRow>> {
    Ok(sqlx::query_as!(
        SettingsRow,
        r#"select enabled, channels, greeting, menu as "menu: Json<Vec<MenuOption>>",
                  faq as "faq: Json<Vec<FaqEntry>>", handover_team_id, max_misunderstandings
             from bot_settings where tenant_id = $1"#,
        tenant_id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn save_settings(conn: &mut PgConnection, tenant_id: Uuid, s: &SettingsRow) -> Result<()> {
    sqlx::query!(
        "insert into bot_settings (tenant_id, enabled, channels, greeting, menu, faq, handover_team_id,
                                   max_misunderstandings, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, now())
         on conflict (tenant_id) do update
            set enabled = excluded.enabled, channels = excluded.channels, greeting = excluded.greeting,
                menu = excluded.menu, faq = excluded.faq, handover_team_id = excluded.handover_team_id,
                max_misunderstandings = excluded.max_misunderstandings, updated_at = now()",
        tenant_id,
        s.enabled,
        &s.channels,
        s.greeting,
        Json(&s.menu.0) as _,
        Json(&s.faq.0) as _,
        s.handover_team_id,
        s.max_misunderstandings
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub struct ConversationRow {
    pub step: String,
    pub identified: bool,
    pub misunderstandings: i32,
    pub pending: Option<String>,
    pub last_message_id: Option<Uuid>,
    pub log: Vec<String>,
    pub resolved: bool,
    pub handover_reason: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// The conversation's row, locked for this turn.
pub async fn conversation(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
) -> Result<Option<ConversationRow>> {
    Ok(sqlx::query_as!(
        ConversationRow,
        "select step, identified, misunderstandings, pending, last_message_id, log, resolved, handover_reason,
                updated_at
           from bot_conversations where tenant_id = $1 and ticket_id = $2 for update",
        tenant_id,
        ticket_id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn save_conversation(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    c: &ConversationRow,
) -> Result<()> {
    sqlx::query!(
        "insert into bot_conversations (tenant_id, ticket_id, step, identified, misunderstandings, pending,
                                        last_message_id, log, resolved, handover_reason, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
         on conflict (tenant_id, ticket_id) do update
            set step = excluded.step, identified = excluded.identified,
                misunderstandings = excluded.misunderstandings, pending = excluded.pending,
                last_message_id = excluded.last_message_id, log = excluded.log, resolved = excluded.resolved,
                handover_reason = excluded.handover_reason, updated_at = now()",
        tenant_id,
        ticket_id,
        c.step,
        c.identified,
        c.misunderstandings,
        c.pending,
        c.last_message_id,
        &c.log,
        c.resolved,
        c.handover_reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What a bot turn reads of the ticket.
pub struct TicketFacts {
    pub customer_id: Uuid,
    pub channel_kind: String,
    pub team_id: Option<Uuid>,
    pub status: String,
    pub priority: String,
    pub intent: Option<String>,
    pub sentiment: Option<String>,
    /// Someone took the ticket or a person answered: the bot stays silent.
    pub taken: bool,
    pub text: String,
}

pub async fn ticket_facts(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    message_id: Uuid,
) -> Result<Option<TicketFacts>> {
    Ok(sqlx::query_as!(
        TicketFacts,
        r#"select t.customer_id, c.kind as channel_kind, t.team_id, t.status, t.priority, t.intent, t.sentiment,
                  (t.assignee_id is not null
                   or exists (select 1 from ticket_messages o where o.tenant_id = t.tenant_id and o.ticket_id = t.id
                               and o.direction = 'out' and o.author_id is not null)) as "taken!",
                  m.text
             from tickets t
             join support_channels c on c.tenant_id = t.tenant_id and c.id = t.channel_id
             join ticket_messages m on m.tenant_id = t.tenant_id and m.id = $3 and m.ticket_id = t.id
            where t.tenant_id = $1 and t.id = $2"#,
        tenant_id,
        ticket_id,
        message_id
    )
    .fetch_optional(conn)
    .await?)
}

pub struct OpenTicket {
    pub number: i64,
    pub subject: String,
    pub status: String,
}

/// The customer's other open tickets, newest first.
pub async fn other_open_tickets(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    customer_id: Uuid,
    except: Uuid,
) -> Result<Vec<OpenTicket>> {
    Ok(sqlx::query_as!(
        OpenTicket,
        "select number, subject, status from tickets
          where tenant_id = $1 and customer_id = $2 and id <> $3 and merged_into is null
            and status in ('open', 'pending', 'waiting_customer')
          order by created_at desc limit 10",
        tenant_id,
        customer_id,
        except
    )
    .fetch_all(conn)
    .await?)
}
