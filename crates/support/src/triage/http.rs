use kernel::error::{Problem, Violations};
use kernel::http::ApiJson;
use kernel::session::Session;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::keywords::{self, TriageRule};
use crate::tickets::model::Priority;
use crate::{SUPPORT_ADMINS, SUPPORT_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(list_rules, save_rules))
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
