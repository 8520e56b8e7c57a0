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
use super::model::{PreviewRequest, TicketTriage, TriageAccuracy, Triaged};
use super::{engine, repo};
use crate::tickets::model::Priority;
use crate::{SUPPORT_ADMINS, SUPPORT_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_rules, save_rules))
        .routes(routes!(ticket_triages))
        .routes(routes!(preview))
        .routes(routes!(accuracy))
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

/// Every triage of a ticket's customer messages, newest first: the first
/// one decided its category, priority and team.
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
