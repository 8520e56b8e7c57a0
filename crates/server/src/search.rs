//! The global search (the header box and Ctrl+K): one request, each
//! domain's own search over its own records, and only the groups the
//! user's role may open — customers for everyone who reads customers,
//! contacts, deals and proposals for the CRM roles, tickets for support,
//! invoices for finance.

use kernel::auth::{Area, Role};
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiQuery};
use kernel::search::SearchHit;
use kernel::session::Session;
use kernel::{App, Result};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(search))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for: 2 to 100 characters ("clinica", "#42", "FAT-0007", "joao").
    pub q: String,
    /// Results per group: 1–10, default 5.
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchResults {
    /// Grouped by kind, in the order shown: customers, contacts, deals,
    /// proposals, tickets, invoices.
    pub items: Vec<SearchHit>,
}

/// The groups a role may see (customers are read by every role).
fn sees(role: Role) -> (bool, bool, bool) {
    (Area::Crm.allows(role), Area::Support.allows(role), Area::Finance.allows(role))
}

/// Everything of the company whose name, number or text matches, for the roles that may open it.
#[utoipa::path(get, path = "/search", tag = "search", security(("bearer" = [])), params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 401, body = Problem), (status = 422, body = Problem)))]
async fn search(mut s: Session, ApiQuery(p): ApiQuery<SearchParams>) -> Result<ApiJson<SearchResults>> {
    let q = p.q.trim().to_string();
    let mut v = Violations::new();
    let length = q.chars().count();
    if !(2..=100).contains(&length) {
        v.add("q", "Digite de 2 a 100 caracteres para buscar.");
    }
    if q.contains('\0') {
        v.add("q", "Caractere inválido na busca.");
    }
    let limit = p.limit.unwrap_or(5);
    if !(1..=10).contains(&limit) {
        v.add("limit", "De 1 a 10 resultados por grupo.");
    }
    v.finish()?;
    let tenant = s.user.tenant_id;
    let (crm_roles, support_roles, finance_roles) = sees(s.user.role);
    let mut items = if crm_roles {
        crm::search::all(&mut s.tx, tenant, &q, limit).await?
    } else {
        crm::search::customers(&mut s.tx, tenant, &q, limit).await?
    };
    if support_roles {
        items.extend(support::tickets::repo::search(&mut s.tx, tenant, &q, limit).await?);
    }
    if finance_roles {
        items.extend(finance::invoices::repo::search(&mut s.tx, tenant, &q, limit).await?);
    }
    s.tx.commit().await?;
    Ok(ApiJson(SearchResults { items }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_sees_the_groups_of_its_areas() {
        assert_eq!(sees(Role::Agent), (false, true, false));
        assert_eq!(sees(Role::Sales), (true, false, false));
        assert_eq!(sees(Role::Finance), (false, false, true));
        assert_eq!(sees(Role::Owner), (true, true, true));
    }
}
