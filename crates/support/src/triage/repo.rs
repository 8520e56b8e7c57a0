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

/// A ticket's triages, newest first.
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
            order by created_at desc, id desc limit 100"#,
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
         select t.tenant_id, t.id, left(t.subject || E'\n' || m.text, 4000), t.category, t.priority, t.team_id
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
