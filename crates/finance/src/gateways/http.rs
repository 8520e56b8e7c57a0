use axum::extract::State;
use axum::http::StatusCode;
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, Created};
use kernel::session::Session;
use kernel::{App, Error, Result};
use payments::{asaas, stripe};
use rand::RngCore;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::charges::{self, to_model};
use super::model::{ConnectionTest, Credentials, Gateway, GatewayProvider, SaveGatewayRequest};
use super::repo;
use crate::FINANCE_ADMINS;

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_gateways, save_gateway))
        .routes(routes!(delete_gateway))
        .routes(routes!(test_gateway))
}

#[utoipa::path(get, path = "/finance/gateways", tag = "finance", security(("bearer" = [])),
    responses((status = 200, body = Vec<Gateway>), (status = 403, body = Problem)))]
async fn list_gateways(State(app): State<App>, mut s: Session) -> Result<ApiJson<Vec<Gateway>>> {
    s.require(FINANCE_ADMINS)?;
    let tenant = s.user.tenant_id;
    let rows = repo::list(&mut s.tx, tenant).await?;
    s.tx.commit().await?;
    Ok(ApiJson(rows.into_iter().map(|r| to_model(&app, tenant, r)).collect::<Result<_>>()?))
}

/// Connects (or replaces) the company's account at a provider. The key is
/// sealed at rest and never shown again, only its last four characters.
#[utoipa::path(post, path = "/finance/gateways", tag = "finance", security(("bearer" = [])),
    request_body = SaveGatewayRequest,
    responses((status = 201, body = Gateway), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn save_gateway(
    State(app): State<App>,
    mut s: Session,
    ApiJson(body): ApiJson<SaveGatewayRequest>,
) -> Result<Created<Gateway>> {
    s.require(FINANCE_ADMINS)?;
    let tenant = s.user.tenant_id;
    let mut v = Violations::new();
    let api_key = body.api_key.trim().to_string();
    if api_key.len() < 8 || api_key.len() > 500 || api_key.contains(char::is_whitespace) {
        v.add("api_key", "Cole a chave de API completa, sem espaços.");
    }
    let base_url = match (body.base_url.as_deref().map(str::trim).filter(|u| !u.is_empty()), body.provider) {
        (Some(url), provider) => {
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 300 {
                v.add("base_url", "Endereço deve começar com https://.");
            } else if app.egress.check(url, charges::api_scope(provider)).is_err() {
                // The server calls this URL with the company's API key.
                v.add(
                    "base_url",
                    "Endereço não permitido: use o endereço do provedor ou um liberado pelo administrador da instalação.",
                );
            }
            url.trim_end_matches('/').to_string()
        }
        (None, GatewayProvider::Stripe) => stripe::DEFAULT_BASE_URL.to_string(),
        (None, GatewayProvider::Asaas) if body.sandbox => asaas::SANDBOX_BASE_URL.to_string(),
        (None, GatewayProvider::Asaas) => asaas::PRODUCTION_BASE_URL.to_string(),
    };
    let given_secret =
        body.webhook_secret.as_deref().map(str::trim).filter(|w| !w.is_empty()).map(str::to_string);
    let (webhook_secret, generated) = match (given_secret, body.provider) {
        (Some(secret), _) => {
            if secret.len() < 8 || secret.len() > 300 {
                v.add("webhook_secret", "O segredo do webhook deve ter de 8 a 300 caracteres.");
            }
            (secret, false)
        }
        (None, GatewayProvider::Stripe) => {
            v.add(
                "webhook_secret",
                "Informe o segredo de assinatura do webhook (whsec_…) do painel do Stripe.",
            );
            (String::new(), false)
        }
        (None, GatewayProvider::Asaas) => {
            let mut bytes = [0u8; 24];
            rand::rng().fill_bytes(&mut bytes);
            (hex::encode(bytes), true)
        }
    };
    v.finish()?;
    let hint: String = api_key.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    let sealed = kernel::secrets::seal_json(
        &app.config,
        tenant,
        &Credentials { api_key, webhook_secret: webhook_secret.clone() },
    )?;
    let id = repo::upsert(
        &mut s.tx,
        tenant,
        &repo::NewGateway {
            id: kernel::ids::new_id(),
            provider: body.provider.as_str(),
            base_url: &base_url,
            credentials: &sealed,
            key_hint: &hint,
            enabled: body.enabled.unwrap_or(true),
        },
    )
    .await?;
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    let mut gateway = to_model(&app, tenant, row)?;
    if generated {
        gateway.webhook_secret = Some(webhook_secret);
    }
    Ok(Created(format!("/api/v1/finance/gateways/{id}"), gateway))
}

#[utoipa::path(delete, path = "/finance/gateways/{id}", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_gateway(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(FINANCE_ADMINS)?;
    if !repo::delete(&mut s.tx, s.user.tenant_id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Calls the provider with the stored key.
#[utoipa::path(post, path = "/finance/gateways/{id}/test", tag = "finance", security(("bearer" = [])),
    params(("id" = Uuid, Path)), responses((status = 200, body = ConnectionTest), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn test_gateway(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<ConnectionTest>> {
    s.require(FINANCE_ADMINS)?;
    let tenant = s.user.tenant_id;
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    let (ok, message) = charges::test(&app, tenant, &row).await?;
    Ok(ApiJson(ConnectionTest { ok, message }))
}
