use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CannedResponse {
    pub id: Uuid,
    /// Typed after "/" in the composer.
    pub shortcut: String,
    pub title: String,
    /// May use {{contato.nome}}, {{contato.primeiro_nome}} (the person writing), {{cliente.nome}},
    /// {{cliente.primeiro_nome}}, {{atendente.nome}}, {{ticket.numero}} (or their English names:
    /// contact.*, customer.*, agent.name, ticket.number).
    pub body: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveCannedRequest {
    pub shortcut: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CannedFilter {
    /// Shortcut or title starts with / contains.
    pub q: Option<String>,
}
