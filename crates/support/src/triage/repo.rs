use chrono::{DateTime, Utc};
use events::{Intent, Sentiment, TriageEngine};
use kernel::{Error, Result};
use sqlx::PgConnection;
use uuid::Uuid;

use super::keywords::TriageRule;
use super::model::{AccuracyRow, TicketTriage, TriageAccuracy, Triaged};
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

/// Stores a message's triage and moves the ticket's sentiment (and, for the
/// first message, its intent) in one statement. Returns the ticket's number
/// and its sentiment before.
pub async fn save_triage(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    message_id: Uuid,
    initial: bool,
    t: &Triaged,
) -> Result<(i64, Option<Sentiment>)> {
    let cues: Vec<String> = t.cues.clone();
    let row = sqlx::query!(
        r#"with saved as (
               insert into ticket_triages (tenant_id, id, ticket_id, message_id, initial, category, category_confidence,
                      intent, intent_confidence, priority, priority_confidence, sentiment, sentiment_score,
                      sentiment_confidence, language, cues, team_id, engine, reason)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
               returning ticket_id),
           before as (select sentiment, number from tickets where tenant_id = $1 and id = $3)
         update tickets t set sentiment = $12, intent = case when $5 then $8 else t.intent end
           from before
          where t.tenant_id = $1 and t.id = (select ticket_id from saved)
         returning before.sentiment as "old?", before.number"#,
        tenant_id,
        kernel::ids::new_id(),
        ticket_id,
        message_id,
        initial,
        t.category,
        t.category_confidence.map(|c| c as f32),
        t.intent.as_str(),
        t.intent_confidence as f32,
        t.priority.as_str(),
        t.priority_confidence as f32,
        t.sentiment.as_str(),
        t.sentiment_score as f32,
        t.sentiment_confidence as f32,
        t.language,
        &cues,
        t.team_id,
        t.engine.as_str(),
        t.reason
    )
    .fetch_one(conn)
    .await?;
    Ok((row.number, row.old.as_deref().and_then(Sentiment::parse)))
}

/// A ticket's triages: the first one, then the newest.
pub async fn triages_of(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
) -> Result<Vec<TicketTriage>> {
    let rows = sqlx::query!(
        r#"select id, message_id, initial, category, category_confidence, intent, intent_confidence, priority,
                  priority_confidence, sentiment, sentiment_score, sentiment_confidence, language, cues, team_id,
                  engine, reason, corrected, created_at
             from ticket_triages where tenant_id = $1 and ticket_id = $2
            order by initial desc, created_at desc, id desc limit 100"#,
        tenant_id,
        ticket_id
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let bad = || Error::internal("stored triage");
            Ok(TicketTriage {
                id: r.id,
                message_id: r.message_id,
                initial: r.initial,
                result: Triaged {
                    category: r.category,
                    category_confidence: r.category_confidence.map(f64::from),
                    intent: Intent::parse(&r.intent).ok_or_else(bad)?,
                    intent_confidence: f64::from(r.intent_confidence),
                    priority: Priority::parse(&r.priority).ok_or_else(bad)?,
                    priority_confidence: f64::from(r.priority_confidence),
                    sentiment: Sentiment::parse(&r.sentiment).ok_or_else(bad)?,
                    sentiment_score: f64::from(r.sentiment_score),
                    sentiment_confidence: f64::from(r.sentiment_confidence),
                    language: r.language,
                    cues: r.cues,
                    team_id: r.team_id,
                    engine: TriageEngine::parse(&r.engine).ok_or_else(bad)?,
                    reason: r.reason,
                },
                corrected: r.corrected,
                created_at: r.created_at,
            })
        })
        .collect()
}

/// Marks fields of a ticket's first triage as corrected; false when the
/// ticket has no triage (an agent opened it).
pub async fn mark_corrected(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    fields: &[&str],
) -> Result<bool> {
    let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    let done = sqlx::query!(
        "update ticket_triages
            set corrected = array(select distinct unnest(corrected || $3::text[]) order by 1), corrected_at = now()
          where tenant_id = $1 and ticket_id = $2 and initial",
        tenant_id,
        ticket_id,
        &fields
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Keeps (or replaces) the ticket's labels as a training example: the text
/// its first triage read, the category, priority and team it has now.
pub async fn save_example(conn: &mut PgConnection, tenant_id: Uuid, ticket_id: Uuid) -> Result<bool> {
    let done = sqlx::query!(
        "insert into triage_examples (tenant_id, ticket_id, text, category, priority, team_id)
         select t.tenant_id, t.id,
                left(case when starts_with(m.text, t.subject) then m.text else t.subject || E'\n' || m.text end, 4000),
                t.category, t.priority, t.team_id
           from tickets t
           join ticket_triages tr on tr.tenant_id = t.tenant_id and tr.ticket_id = t.id and tr.initial
           join ticket_messages m on m.tenant_id = t.tenant_id and m.id = tr.message_id
          where t.tenant_id = $1 and t.id = $2
         on conflict (tenant_id, ticket_id) do update
            set text = excluded.text, category = excluded.category, priority = excluded.priority,
                team_id = excluded.team_id, created_at = now()",
        tenant_id,
        ticket_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Examples stored, and how many arrived after the model was last trained.
pub async fn example_counts(conn: &mut PgConnection, tenant_id: Uuid) -> Result<(i64, i64)> {
    let row = sqlx::query!(
        r#"select count(*) as "all!",
                  count(*) filter (where e.created_at > coalesce(m.trained_at, '-infinity')) as "new!"
             from triage_examples e
             left join triage_models m on m.tenant_id = e.tenant_id
            where e.tenant_id = $1"#,
        tenant_id
    )
    .fetch_one(conn)
    .await?;
    Ok((row.all, row.new))
}

pub struct Example {
    pub text: String,
    pub category: Option<String>,
    pub priority: Option<String>,
}

/// The latest examples, for training.
pub async fn examples(conn: &mut PgConnection, tenant_id: Uuid, limit: i64) -> Result<Vec<Example>> {
    Ok(sqlx::query_as!(
        Example,
        "select text, category, priority from triage_examples where tenant_id = $1 order by created_at desc limit $2",
        tenant_id,
        limit
    )
    .fetch_all(conn)
    .await?)
}

pub async fn save_model(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    model: &serde_json::Value,
    examples: i32,
) -> Result<()> {
    sqlx::query!(
        "insert into triage_models (tenant_id, model, examples, trained_at) values ($1, $2, $3, now())
         on conflict (tenant_id) do update set model = excluded.model, examples = excluded.examples,
                trained_at = excluded.trained_at",
        tenant_id,
        model,
        examples
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn model_trained_at(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Option<DateTime<Utc>>> {
    Ok(sqlx::query_scalar!("select trained_at from triage_models where tenant_id = $1", tenant_id)
        .fetch_optional(conn)
        .await?)
}

pub async fn model(
    conn: &mut PgConnection,
    tenant_id: Uuid,
) -> Result<Option<(DateTime<Utc>, serde_json::Value)>> {
    Ok(sqlx::query!("select trained_at, model from triage_models where tenant_id = $1", tenant_id)
        .fetch_optional(conn)
        .await?
        .map(|r| (r.trained_at, r.model)))
}

/// Accuracy of first triages since `days` ago: overall, by category and by engine.
pub async fn accuracy(conn: &mut PgConnection, tenant_id: Uuid, days: i32) -> Result<TriageAccuracy> {
    let rows = sqlx::query!(
        r#"select grouping(category) as "rolled_up!", category, engine as "engine?",
                  count(*) as "triaged!", count(*) filter (where cardinality(corrected) > 0) as "corrected!"
             from ticket_triages
            where tenant_id = $1 and initial and created_at > now() - make_interval(days => $2)
            group by grouping sets ((), (category), (engine))
            order by 4 desc"#,
        tenant_id,
        days
    )
    .fetch_all(&mut *conn)
    .await?;
    let share = |triaged: i64, corrected: i64| {
        if triaged == 0 { 0.0 } else { 1.0 - corrected as f64 / triaged as f64 }
    };
    let mut out = TriageAccuracy {
        days,
        triaged: 0,
        corrected: 0,
        accuracy: None,
        by_category: vec![],
        by_engine: vec![],
        examples: 0,
        model_trained_at: None,
        model_examples: None,
    };
    for r in rows {
        let row = |key| AccuracyRow {
            key,
            triaged: r.triaged,
            corrected: r.corrected,
            accuracy: share(r.triaged, r.corrected),
        };
        match (r.rolled_up, &r.engine) {
            (0, None) => out.by_category.push(row(r.category.clone())),
            (_, Some(engine)) => out.by_engine.push(row(Some(engine.clone()))),
            _ => {
                out.triaged = r.triaged;
                out.corrected = r.corrected;
                out.accuracy = (r.triaged > 0).then(|| share(r.triaged, r.corrected));
            }
        }
    }
    let (examples, _) = example_counts(conn, tenant_id).await?;
    out.examples = examples;
    if let Some(m) =
        sqlx::query!("select trained_at, examples from triage_models where tenant_id = $1", tenant_id)
            .fetch_optional(conn)
            .await?
    {
        out.model_trained_at = Some(m.trained_at);
        out.model_examples = Some(m.examples);
    }
    Ok(out)
}

pub struct AiSettingsRow {
    pub provider: String,
    pub model: String,
    pub base_url: Option<String>,
    pub api_key: Option<Vec<u8>>,
    pub mask_personal_data: bool,
    pub monthly_token_budget: i32,
    pub enabled: bool,
}

pub async fn ai_settings(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Option<AiSettingsRow>> {
    Ok(sqlx::query_as!(
        AiSettingsRow,
        "select provider, model, base_url, api_key, mask_personal_data, monthly_token_budget, enabled
           from ai_settings where tenant_id = $1",
        tenant_id
    )
    .fetch_optional(conn)
    .await?)
}

/// Whether new tickets get an LLM's second opinion.
pub async fn llm_enabled(conn: &mut PgConnection, tenant_id: Uuid) -> Result<bool> {
    Ok(sqlx::query_scalar!("select enabled from ai_settings where tenant_id = $1", tenant_id)
        .fetch_optional(conn)
        .await?
        .unwrap_or(false))
}

pub async fn save_ai_settings(conn: &mut PgConnection, tenant_id: Uuid, s: &AiSettingsRow) -> Result<()> {
    sqlx::query!(
        "insert into ai_settings (tenant_id, provider, model, base_url, api_key, mask_personal_data,
                monthly_token_budget, enabled, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, now())
         on conflict (tenant_id) do update set provider = excluded.provider, model = excluded.model,
                base_url = excluded.base_url, api_key = excluded.api_key,
                mask_personal_data = excluded.mask_personal_data,
                monthly_token_budget = excluded.monthly_token_budget, enabled = excluded.enabled, updated_at = now()",
        tenant_id,
        s.provider,
        s.model,
        s.base_url,
        s.api_key,
        s.mask_personal_data,
        s.monthly_token_budget,
        s.enabled
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete_ai_settings(conn: &mut PgConnection, tenant_id: Uuid) -> Result<()> {
    sqlx::query!("delete from ai_settings where tenant_id = $1", tenant_id).execute(conn).await?;
    Ok(())
}

pub struct NewCall<'a> {
    pub feature: &'a str,
    pub engine: &'a str,
    pub model: &'a str,
    pub outcome: &'a str,
    pub input_tokens: i32,
    pub output_tokens: i32,
    pub ticket_id: Option<Uuid>,
}

pub async fn record_call(conn: &mut PgConnection, tenant_id: Uuid, c: &NewCall<'_>) -> Result<()> {
    sqlx::query!(
        "insert into ai_calls (tenant_id, id, feature, engine, model, outcome, input_tokens, output_tokens, ticket_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        tenant_id,
        kernel::ids::new_id(),
        c.feature,
        c.engine,
        c.model,
        c.outcome,
        c.input_tokens,
        c.output_tokens,
        c.ticket_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// This month's (in UTC) LLM triages answered, tokens spent, and the plan's
/// triage limit.
pub async fn month_usage(conn: &mut PgConnection, tenant_id: Uuid) -> Result<(i64, i64, i32)> {
    let r = sqlx::query!(
        r#"select (select count(*) from ai_calls a
                    where a.tenant_id = $1 and a.feature = 'triage' and a.outcome = 'ok'
                      and a.created_at >= date_trunc('month', now())) as "triages!",
                  (select coalesce(sum(a.input_tokens + a.output_tokens), 0) from ai_calls a
                    where a.tenant_id = $1 and a.created_at >= date_trunc('month', now()))::bigint as "tokens!",
                  p.max_ai_triages_per_month
             from companies c join plans p on p.code = c.plan_code
            where c.tenant_id = $1"#,
        tenant_id
    )
    .fetch_one(conn)
    .await?;
    Ok((r.triages, r.tokens, r.max_ai_triages_per_month))
}

pub struct UsageRow {
    pub feature: String,
    pub engine: String,
    pub model: String,
    pub outcome: String,
    pub calls: i64,
    pub input_tokens: i64,
    pub output_tokens: i64,
}

/// Calls of a month (starting at `from`), by feature, model and outcome.
pub async fn usage(conn: &mut PgConnection, tenant_id: Uuid, from: DateTime<Utc>) -> Result<Vec<UsageRow>> {
    Ok(sqlx::query_as!(
        UsageRow,
        r#"select feature, engine, model, outcome, count(*) as "calls!",
                  coalesce(sum(input_tokens), 0)::bigint as "input_tokens!",
                  coalesce(sum(output_tokens), 0)::bigint as "output_tokens!"
             from ai_calls
            where tenant_id = $1 and created_at >= $2 and created_at < $2 + interval '1 month'
            group by 1, 2, 3, 4 order by 1, 2, 3, 4"#,
        tenant_id,
        from
    )
    .fetch_all(conn)
    .await?)
}

/// The company's categories an LLM may choose from: its rules' and the
/// ones its agents used.
pub async fn categories(conn: &mut PgConnection, tenant_id: Uuid) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar!(
        r#"select category as "category!" from (
               select category from triage_rules where tenant_id = $1 and category is not null
               union select category from triage_examples where tenant_id = $1 and category is not null) c
            order by 1 limit 50"#,
        tenant_id
    )
    .fetch_all(conn)
    .await?)
}

pub struct LlmSubject {
    pub subject: String,
    pub text: String,
    pub picked_up: bool,
    pub team_id: Option<Uuid>,
    /// As stored (the offline triage's, until someone changes it).
    pub priority: String,
}

/// What an LLM reads of a ticket: its subject and first message; and
/// whether someone already took it (assigned, corrected or answered).
pub async fn llm_subject(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    message_id: Uuid,
) -> Result<Option<LlmSubject>> {
    Ok(sqlx::query_as!(
        LlmSubject,
        r#"select t.subject, m.text,
                  (t.assignee_id is not null or t.first_response_at is not null
                   or exists (select 1 from ticket_triages tr where tr.tenant_id = t.tenant_id
                               and tr.ticket_id = t.id and cardinality(tr.corrected) > 0)) as "picked_up!",
                  t.team_id, t.priority
             from tickets t
             join ticket_messages m on m.tenant_id = t.tenant_id and m.id = $3
            where t.tenant_id = $1 and t.id = $2"#,
        tenant_id,
        ticket_id,
        message_id
    )
    .fetch_optional(conn)
    .await?)
}

/// The LLM's triage becomes the ticket's first one (the offline one stays
/// as history), and sets what it decided on a ticket nobody took yet.
pub async fn apply_llm_triage(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    t: &Triaged,
) -> Result<()> {
    sqlx::query!(
        "update ticket_triages set initial = false where tenant_id = $1 and ticket_id = $2 and initial",
        tenant_id,
        ticket_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update tickets set category = coalesce($3, category), priority = $4, intent = $5, sentiment = $6
          where tenant_id = $1 and id = $2",
        tenant_id,
        ticket_id,
        t.category,
        t.priority.as_str(),
        t.intent.as_str(),
        t.sentiment.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The team of the first rule that sets this category.
pub async fn team_of_category(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    category: &str,
) -> Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        r#"select team_id as "team_id!" from triage_rules
            where tenant_id = $1 and category = $2 and team_id is not null order by position limit 1"#,
        tenant_id,
        category
    )
    .fetch_optional(conn)
    .await?)
}

/// The customer's latest message on a ticket.
pub async fn latest_inbound(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!(
        "select text from ticket_messages where tenant_id = $1 and ticket_id = $2 and direction = 'in' and text <> ''
          order by created_at desc, id desc limit 1",
        tenant_id,
        ticket_id
    )
    .fetch_optional(conn)
    .await?)
}

pub struct PastReply {
    pub number: i64,
    pub question: String,
    pub reply: String,
}

/// Recently resolved tickets (other than this one): the customer's first
/// message and an agent's first reply to it.
pub async fn past_replies(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    except: Uuid,
    limit: i64,
) -> Result<Vec<PastReply>> {
    Ok(sqlx::query_as!(
        PastReply,
        r#"select t.number, q.text as "question!", r.text as "reply!"
             from tickets t
             join lateral (select m.text from ticket_messages m
                            where m.tenant_id = t.tenant_id and m.ticket_id = t.id and m.direction = 'in' and m.text <> ''
                            order by m.created_at, m.id limit 1) q on true
             join lateral (select m.text from ticket_messages m
                            where m.tenant_id = t.tenant_id and m.ticket_id = t.id and m.direction = 'out'
                              and m.author_id is not null and m.text <> ''
                            order by m.created_at, m.id limit 1) r on true
            where t.tenant_id = $1 and t.id <> $2 and t.status in ('resolved', 'closed')
            order by t.resolved_at desc nulls last limit $3"#,
        tenant_id,
        except,
        limit
    )
    .fetch_all(conn)
    .await?)
}

pub struct Said {
    pub from_customer: bool,
    pub text: String,
}

/// The ticket's latest `limit` customer messages and people's replies
/// (notes, and what the bot or an automation sent, left out), oldest
/// first, and how many there are in all.
pub async fn conversation(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    limit: i64,
) -> Result<(Vec<Said>, i64)> {
    let mut rows = sqlx::query_as!(
        Said,
        r#"select direction = 'in' as "from_customer!", text from ticket_messages
            where tenant_id = $1 and ticket_id = $2 and text <> ''
              and (direction = 'in' or (direction = 'out' and author_id is not null))
            order by created_at desc, id desc limit $3"#,
        tenant_id,
        ticket_id,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.reverse();
    let count = sqlx::query_scalar!(
        r#"select count(*) as "n!" from ticket_messages
            where tenant_id = $1 and ticket_id = $2 and text <> ''
              and (direction = 'in' or (direction = 'out' and author_id is not null))"#,
        tenant_id,
        ticket_id
    )
    .fetch_one(conn)
    .await?;
    Ok((rows, count))
}

pub struct SavedSummary {
    pub engine: String,
    pub model: String,
    pub text: String,
    pub messages: i32,
    pub created_at: DateTime<Utc>,
}

pub async fn saved_summary(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
) -> Result<Option<SavedSummary>> {
    Ok(sqlx::query_as!(
        SavedSummary,
        "select engine, model, text, messages, created_at from ticket_summaries
          where tenant_id = $1 and ticket_id = $2",
        tenant_id,
        ticket_id
    )
    .fetch_optional(conn)
    .await?)
}

/// Keeps the latest LLM summary of a ticket, replacing the one before.
pub async fn save_summary(
    conn: &mut PgConnection,
    tenant_id: Uuid,
    ticket_id: Uuid,
    s: &SavedSummary,
    by: Uuid,
) -> Result<()> {
    sqlx::query!(
        "insert into ticket_summaries (tenant_id, ticket_id, engine, model, text, messages, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (tenant_id, ticket_id) do update
            set engine = excluded.engine, model = excluded.model, text = excluded.text,
                messages = excluded.messages, created_by = excluded.created_by, created_at = excluded.created_at",
        tenant_id,
        ticket_id,
        s.engine,
        s.model,
        s.text,
        s.messages,
        by,
        s.created_at
    )
    .execute(conn)
    .await?;
    Ok(())
}
