use axum::extract::State;
use events::TriageEngine;
use kernel::Error;
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, ApiQuery};
use kernel::session::Session;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::keywords::{self, TriageRule};
use super::model::{
    AiSettings, AiSettingsInput, AiUsage, AiUsageRow, LlmProviderKind, LlmSummary, PreviewRequest,
    ReplyDraft, ReplySuggestions, TicketSummary, TicketTriage, TriageAccuracy, Triaged,
};
use super::repo::AiSettingsRow;
use super::{draft, engine, repo, suggest, summary};
use crate::tickets::model::Priority;
use crate::{SUPPORT_ADMINS, SUPPORT_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_rules, save_rules))
        .routes(routes!(ticket_triages))
        .routes(routes!(reply_suggestions))
        .routes(routes!(reply_draft))
        .routes(routes!(ticket_summary, ask_summary))
        .routes(routes!(preview))
        .routes(routes!(accuracy))
        .routes(routes!(get_ai_settings, put_ai_settings))
        .routes(routes!(ai_usage))
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageRuleInput {
    pub keywords: Vec<String>,
    pub category: Option<String>,
    pub priority: Option<Priority>,
    pub team_id: Option<Uuid>,
}

#[utoipa::path(get, path = "/triage-rules", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = Vec<TriageRule>), (status = 403, body = Problem)))]
async fn list_rules(mut s: Session) -> Result<ApiJson<Vec<TriageRule>>> {
    s.require(SUPPORT_ROLES)?;
    let rules = keywords::rules(&mut s.tx, s.user.tenant_id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(rules))
}

/// Replaces the rules; the first that matches wins, in this order.
#[utoipa::path(put, path = "/triage-rules", tag = "support", security(("bearer" = [])), request_body = Vec<TriageRuleInput>,
    responses((status = 200, body = Vec<TriageRule>), (status = 422, body = Problem)))]
async fn save_rules(
    mut s: Session,
    ApiJson(body): ApiJson<Vec<TriageRuleInput>>,
) -> Result<ApiJson<Vec<TriageRule>>> {
    s.require(SUPPORT_ADMINS)?;
    let tenant = s.user.tenant_id;
    let mut v = Violations::new();
    if body.len() > 200 {
        v.add("", "Até 200 regras.");
    }
    let mut rules = Vec::with_capacity(body.len());
    for (i, r) in body.iter().enumerate() {
        let words: Vec<String> =
            r.keywords.iter().map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect();
        if words.is_empty() || words.len() > 50 || words.iter().any(|w| w.chars().count() > 60) {
            v.add(&format!("[{i}].keywords"), "De 1 a 50 palavras, cada uma com até 60 caracteres.");
        }
        if r.category.is_none() && r.priority.is_none() && r.team_id.is_none() {
            v.add(&format!("[{i}]"), "A regra deve definir categoria, prioridade ou equipe.");
        }
        if let Some(team) = r.team_id
            && crate::teams::repo::find_team(&mut s.tx, tenant, team).await?.is_none()
        {
            v.add(&format!("[{i}].team_id"), "Equipe não encontrada.");
        }
        rules.push(TriageRule {
            id: kernel::ids::new_id(),
            position: i as i32,
            keywords: words,
            category: r.category.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_string),
            priority: r.priority,
            team_id: r.team_id,
        });
    }
    v.finish()?;
    keywords::replace(&mut s.tx, tenant, &rules).await?;
    let saved = keywords::rules(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    Ok(ApiJson(saved))
}

/// Every triage of a ticket's customer messages: the first one (which
/// decided its category, priority and team), then the newest, 100 at most.
#[utoipa::path(get, path = "/tickets/{id}/triage", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<TicketTriage>), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
async fn ticket_triages(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<Vec<TicketTriage>>> {
    s.require(SUPPORT_ROLES)?;
    let tenant = s.user.tenant_id;
    crate::tickets::repo::find(&mut s.tx, tenant, id, false).await?.ok_or(Error::NotFound)?;
    let triages = repo::triages_of(&mut s.tx, tenant, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(triages))
}

/// Answers to suggest for the ticket's latest customer message, offline:
/// canned responses and what agents answered to similar messages.
#[utoipa::path(get, path = "/tickets/{id}/suggestions", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ReplySuggestions), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
async fn reply_suggestions(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<ReplySuggestions>> {
    s.require(SUPPORT_ROLES)?;
    crate::tickets::repo::find(&mut s.tx, s.user.tenant_id, id, false).await?.ok_or(Error::NotFound)?;
    let suggestions = suggest::for_ticket(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(suggestions))
}

/// A reply drafted by the company's LLM from the conversation, its
/// closest canned responses and the customer's open invoices and sent
/// proposals (their real links put in after the model answers). Nothing is
/// sent; 409 when the company has no LLM or its monthly token budget is
/// spent, 502 when the LLM gave no usable answer (the call is counted).
#[utoipa::path(post, path = "/tickets/{id}/suggestions/draft", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ReplyDraft), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem), (status = 502, body = Problem)))]
async fn reply_draft(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<ReplyDraft>> {
    s.require(SUPPORT_ROLES)?;
    let ticket =
        crate::tickets::repo::find(&mut s.tx, s.user.tenant_id, id, false).await?.ok_or(Error::NotFound)?;
    Ok(ApiJson(draft::ask_llm(&app, s, &ticket).await?))
}

/// The conversation in a few lines: the offline extractive summary
/// (always), and the LLM's last one with whether messages came since.
#[utoipa::path(get, path = "/tickets/{id}/summary", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = TicketSummary), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
async fn ticket_summary(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<ApiJson<TicketSummary>> {
    s.require(SUPPORT_ROLES)?;
    crate::tickets::repo::find(&mut s.tx, s.user.tenant_id, id, false).await?.ok_or(Error::NotFound)?;
    let out = summary::for_ticket(&mut s.tx, id).await?;
    s.tx.commit().await?;
    Ok(ApiJson(out))
}

/// Asks the company's LLM to summarise the conversation now and keeps the
/// answer on the ticket. 409 without an LLM, a spent budget or messages;
/// 502 when the LLM gave no usable answer (the call is counted).
#[utoipa::path(post, path = "/tickets/{id}/summary", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = LlmSummary), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem), (status = 502, body = Problem)))]
async fn ask_summary(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<LlmSummary>> {
    s.require(SUPPORT_ROLES)?;
    crate::tickets::repo::find(&mut s.tx, s.user.tenant_id, id, false).await?.ok_or(Error::NotFound)?;
    Ok(ApiJson(summary::ask_llm(&app, s, id).await?))
}

/// The longest text triage reads.
const MAX_TEXT: usize = 10_000;

/// The triage a message would get now (the company's rules and models),
/// stored nowhere.
#[utoipa::path(post, path = "/ai/triage/preview", tag = "support", security(("bearer" = [])), request_body = PreviewRequest,
    responses((status = 200, body = Triaged), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn preview(mut s: Session, ApiJson(body): ApiJson<PreviewRequest>) -> Result<ApiJson<Triaged>> {
    s.require(SUPPORT_ROLES)?;
    let mut v = Violations::new();
    if body.text.trim().is_empty() {
        v.add("text", "Escreva a mensagem a classificar.");
    } else if body.text.chars().count() > MAX_TEXT {
        v.add("text", "Mensagem com até 10.000 caracteres.");
    }
    if body.subject.as_deref().is_some_and(|x| x.chars().count() > 200) {
        v.add("subject", "Assunto com até 200 caracteres.");
    }
    v.finish()?;
    let rules = keywords::rules(&mut s.tx, s.user.tenant_id).await?;
    let model = engine::company_model(&mut s.tx).await?;
    s.tx.commit().await?;
    Ok(ApiJson(engine::decide(&rules, model.as_deref(), body.subject.as_deref().unwrap_or(""), &body.text)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccuracyQuery {
    /// 1 to 365; default 30.
    pub days: Option<i32>,
}

/// The share of tickets whose triage no agent corrected, overall, by
/// category and by engine; and what the company's own model learnt from.
#[utoipa::path(get, path = "/ai/triage/accuracy", tag = "support", security(("bearer" = [])), params(AccuracyQuery),
    responses((status = 200, body = TriageAccuracy), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn accuracy(mut s: Session, ApiQuery(q): ApiQuery<AccuracyQuery>) -> Result<ApiJson<TriageAccuracy>> {
    s.require(SUPPORT_ADMINS)?;
    let days = q.days.unwrap_or(30);
    if !(1..=365).contains(&days) {
        return Err(Error::field("days", "De 1 a 365 dias."));
    }
    let report = repo::accuracy(&mut s.tx, s.user.tenant_id, days).await?;
    s.tx.commit().await?;
    Ok(ApiJson(report))
}

/// Who sees and changes the company's LLM and its spending.
const AI_ADMINS: &[kernel::auth::Role] = crate::SECRET_VIEWERS;

fn settings_view(app: &App, tenant: Uuid, row: Option<AiSettingsRow>) -> Result<AiSettings> {
    let Some(row) = row else {
        return Ok(AiSettings {
            provider: None,
            model: String::new(),
            base_url: None,
            has_api_key: false,
            api_key_hint: None,
            mask_personal_data: true,
            monthly_token_budget: 500_000,
            enabled: false,
        });
    };
    let hint = match &row.api_key {
        Some(sealed) => {
            let key = kernel::secrets::open(&app.config, tenant, sealed)?;
            let key = String::from_utf8_lossy(&key).into_owned();
            Some(key.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect())
        }
        None => None,
    };
    Ok(AiSettings {
        provider: Some(if row.provider == "anthropic" {
            LlmProviderKind::Anthropic
        } else {
            LlmProviderKind::Openai
        }),
        model: row.model,
        base_url: row.base_url,
        has_api_key: row.api_key.is_some(),
        api_key_hint: hint,
        mask_personal_data: row.mask_personal_data,
        monthly_token_budget: row.monthly_token_budget,
        enabled: row.enabled,
    })
}

/// The company's LLM for triage (none: offline only).
#[utoipa::path(get, path = "/ai/settings", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = AiSettings), (status = 403, body = Problem)))]
async fn get_ai_settings(State(app): State<App>, mut s: Session) -> Result<ApiJson<AiSettings>> {
    s.require(AI_ADMINS)?;
    let tenant = s.user.tenant_id;
    let row = repo::ai_settings(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    Ok(ApiJson(settings_view(&app, tenant, row)?))
}

/// Chooses the LLM (its key is sealed at rest and never shown again) or
/// turns it off.
#[utoipa::path(put, path = "/ai/settings", tag = "support", security(("bearer" = [])), request_body = AiSettingsInput,
    responses((status = 200, body = AiSettings), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn put_ai_settings(
    State(app): State<App>,
    mut s: Session,
    ApiJson(body): ApiJson<AiSettingsInput>,
) -> Result<ApiJson<AiSettings>> {
    s.require(AI_ADMINS)?;
    let tenant = s.user.tenant_id;
    let Some(provider) = body.provider else {
        repo::delete_ai_settings(&mut s.tx, tenant).await?;
        s.tx.commit().await?;
        return Ok(ApiJson(settings_view(&app, tenant, None)?));
    };
    let current = repo::ai_settings(&mut s.tx, tenant).await?;
    let mut v = Violations::new();
    let model = body.model.trim().to_string();
    if model.chars().count() > 100 || model.chars().any(char::is_control) {
        v.add("model", "Modelo com até 100 caracteres.");
    }
    let base_url = body.base_url.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_string);
    if let Some(url) = &base_url {
        let scope = match provider {
            LlmProviderKind::Openai => ai::llm::openai::API,
            LlmProviderKind::Anthropic => ai::llm::anthropic::API,
        };
        if url.len() > 500 || app.egress.check(url, scope).is_err() {
            v.add("base_url", "Endereço não permitido: use o do provedor ou um que o operador liberou.");
        }
    }
    let api_key = match body.api_key.as_deref().map(str::trim) {
        Some("") => None,
        Some(key) if key.len() > 300 || key.chars().any(|c| c.is_control() || c.is_whitespace()) => {
            v.add("api_key", "Chave inválida.");
            None
        }
        Some(key) => Some(kernel::secrets::seal(&app.config, tenant, key.as_bytes())?),
        None => current.and_then(|c| c.api_key),
    };
    if api_key.is_none() && base_url.is_none() {
        v.add("api_key", "Informe a chave da API do provedor.");
    }
    if !(0..=100_000_000).contains(&body.monthly_token_budget) {
        v.add("monthly_token_budget", "De 0 a 100.000.000 tokens por mês.");
    }
    v.finish()?;
    let row = AiSettingsRow {
        provider: provider.as_str().to_string(),
        model,
        base_url,
        api_key,
        mask_personal_data: body.mask_personal_data,
        monthly_token_budget: body.monthly_token_budget,
        enabled: body.enabled,
    };
    repo::save_ai_settings(&mut s.tx, tenant, &row).await?;
    s.tx.commit().await?;
    Ok(ApiJson(settings_view(&app, tenant, Some(row))?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UsageQuery {
    /// `YYYY-MM`; default this month (UTC).
    pub month: Option<String>,
}

/// LLM calls of a month: by feature, model and outcome, with tokens and an
/// estimated cost; the plan's triage limit and the company's token budget.
#[utoipa::path(get, path = "/ai/usage", tag = "support", security(("bearer" = [])), params(UsageQuery),
    responses((status = 200, body = AiUsage), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn ai_usage(mut s: Session, ApiQuery(q): ApiQuery<UsageQuery>) -> Result<ApiJson<AiUsage>> {
    s.require(AI_ADMINS)?;
    let tenant = s.user.tenant_id;
    let now = chrono::Utc::now();
    let month = q.month.unwrap_or_else(|| now.format("%Y-%m").to_string());
    let from = chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        // A year PostgreSQL and chrono both read, whatever was typed.
        .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| Error::field("month", "Mês no formato AAAA-MM."))?;
    let rows = repo::usage(&mut s.tx, tenant, from).await?;
    let (_, _, limit) = repo::month_usage(&mut s.tx, tenant).await?;
    let budget = repo::ai_settings(&mut s.tx, tenant).await?.map(|s| s.monthly_token_budget);
    s.tx.commit().await?;
    // The month's totals are the sums of its rows: the limit counts answered triages.
    let triages = rows.iter().filter(|r| r.feature == "triage" && r.outcome == "ok").map(|r| r.calls).sum();
    let tokens = rows.iter().map(|r| r.input_tokens + r.output_tokens).sum();
    Ok(ApiJson(AiUsage {
        triages,
        tokens,
        month,
        triage_limit: limit,
        token_budget: budget,
        rows: rows
            .into_iter()
            .map(|r| AiUsageRow {
                estimated_cost_usd: ai::llm::price::estimate_usd(&r.model, r.input_tokens, r.output_tokens),
                engine: TriageEngine::parse(&r.engine).unwrap_or(TriageEngine::Openai),
                feature: r.feature,
                model: r.model,
                outcome: r.outcome,
                calls: r.calls,
                input_tokens: r.input_tokens,
                output_tokens: r.output_tokens,
            })
            .collect(),
    }))
}
