//! `/addresses/lookup?cep=…`: the address of a CEP, for the forms that ask
//! for one (company, customer). The lookup leaves the database first: no
//! transaction waits on the remote service.

use axum::extract::State;
use kernel::cep::{self, CepAddress, CepError};
use kernel::error::Problem;
use kernel::http::{ApiJson, ApiQuery};
use kernel::session::Session;
use kernel::{App, Error, Result};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new().routes(routes!(lookup))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CepQuery {
    /// 8 digits, with or without "-" and ".".
    pub cep: String,
}

/// Street, district, city and UF of a CEP; 502 when the lookup service cannot be reached (type the address).
#[utoipa::path(get, path = "/addresses/lookup", tag = "addresses", security(("bearer" = [])), params(CepQuery),
    responses((status = 200, body = CepAddress), (status = 401, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem), (status = 502, body = Problem)))]
async fn lookup(
    State(app): State<App>,
    s: Session,
    ApiQuery(q): ApiQuery<CepQuery>,
) -> Result<ApiJson<CepAddress>> {
    s.tx.commit().await?;
    let digits = cep::digits(&q.cep).ok_or_else(|| Error::field("cep", "CEP deve ter 8 dígitos."))?;
    match cep::lookup(&app.egress, &app.config.cep_api_url, &digits).await {
        Ok(address) => Ok(ApiJson(address)),
        Err(CepError::NotFound) => Err(Error::NotFound),
        Err(CepError::Unavailable(reason)) => {
            tracing::warn!(%reason, "CEP lookup failed");
            Err(Error::Unavailable("Não foi possível consultar o CEP agora. Preencha o endereço.".into()))
        }
    }
}
