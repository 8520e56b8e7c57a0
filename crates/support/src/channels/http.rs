use super::model::ChannelRules as _;
use axum::extract::State;
use axum::http::StatusCode;
use kernel::error::{Problem, Violations};
use kernel::http::{ApiJson, ApiPath, Created};
use kernel::session::Session;
use kernel::{App, Error, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::clients::api_scope;
use super::model::{
    Channel, ChannelKind, ChannelTest, RotatedSecret, SaveChannelRequest, VerifySenderRequest,
};
use super::repo::{self, SaveChannel};
use super::service::{self, CodeCheck};
use crate::{SECRET_VIEWERS, SUPPORT_ADMINS, SUPPORT_ROLES};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(list_channels, create_channel))
        .routes(routes!(get_channel, update_channel, delete_channel))
        .routes(routes!(test_channel))
        .routes(routes!(rotate_inbound_secret))
        .routes(routes!(send_sender_code))
        .routes(routes!(verify_sender))
}

fn reveals(s: &Session) -> bool {
    SECRET_VIEWERS.contains(&s.user.role)
}

fn check(
    egress: &egress::Egress,
    body: &SaveChannelRequest,
    stored: &super::model::Secrets,
    config: &mut serde_json::Value,
) -> Result<()> {
    let mut v = Violations::new();
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        v.add("name", "Dê um nome ao canal (até 100 caracteres).");
    }
    if !config.is_object() {
        *config = serde_json::json!({});
    }
    let (secrets, settings) = body.kind.required();
    for key in secrets {
        if body.secrets.get(*key).is_none_or(|s| s.trim().is_empty()) && !stored.contains_key(*key) {
            v.add(&format!("secrets.{key}"), "Obrigatório para este canal.");
        }
    }
    for key in settings {
        if config.get(*key).and_then(|x| x.as_str()).is_none_or(|s| s.trim().is_empty()) {
            v.add(&format!("config.{key}"), "Obrigatório para este canal.");
        }
    }
    // The server calls this URL with the channel's credentials: only the
    // provider's own hosts, or hosts the operator allowed, are accepted.
    if let Some(scope) = api_scope(body.kind)
        && let Some(url) = config.get("base_url").and_then(|u| u.as_str()).filter(|u| !u.trim().is_empty())
        && egress.check(url.trim(), scope).is_err()
    {
        v.add(
            "config.base_url",
            "Endereço não permitido: use o endereço do provedor ou um liberado pelo administrador da instalação.",
        );
    }
    if body.kind == ChannelKind::Email
        && let Some(address) = config.get("address").and_then(|a| a.as_str())
        && kernel::email::Email::parse(address).is_err()
    {
        v.add("config.address", "E-mail inválido.");
    }
    if let Some(from) = config.get("from").and_then(|a| a.as_str())
        && body.kind == ChannelKind::TwilioSms
        && kernel::phone::Phone::parse(from).is_err()
    {
        v.add("config.from", "Número inválido: use o formato +5511999998888.");
    }
    super::templates::check(body.kind, config, &mut v);
    crate::webchat::settings::check(body.kind, config, &mut v);
    v.finish()
}

async fn save(
    app: &App,
    s: &mut Session,
    id: Uuid,
    body: SaveChannelRequest,
    existing: Option<repo::ChannelRow>,
) -> Result<Channel> {
    let tenant = s.user.tenant_id;
    let mut stored = match &existing {
        Some(row) => row.secrets(app, tenant)?,
        None => Default::default(),
    };
    let mut config = body.config.clone();
    check(&app.egress, &body, &stored, &mut config)?;
    if let Some(team) = body.team_id
        && crate::teams::repo::find_team(&mut s.tx, tenant, team).await?.is_none()
    {
        return Err(Error::field("team_id", "Equipe não encontrada."));
    }
    for (k, v) in &body.secrets {
        if !v.trim().is_empty() {
            stored.insert(k.clone(), v.trim().to_string());
        }
    }
    // An inbound token is never plain config: one typed there, or left
    // there by an older version, is sealed with the others.
    if let Some(row) = &existing {
        let mut legacy = row.config.clone();
        service::settle_inbound_secret(body.kind, &mut legacy, &mut stored);
    }
    service::settle_inbound_secret(body.kind, &mut config, &mut stored);
    let enabled = body.enabled.unwrap_or(true);
    if enabled && existing.as_ref().is_none_or(|row| !row.enabled) {
        let (used, max, plan, plan_name) = repo::room_for_channel(&mut s.tx, tenant, id).await?;
        if used >= i64::from(max) {
            return Err(Error::PlanLimit {
                limit: "channels".into(),
                max: i64::from(max),
                plan,
                message: format!(
                    "O plano {plan_name} permite até {max} canais ativos. Desative um canal ou faça upgrade do plano."
                ),
            });
        }
    }
    let sealed = if stored.is_empty() {
        None
    } else {
        Some(kernel::secrets::seal_json(&app.config, tenant, &stored)?)
    };
    repo::upsert(
        &mut s.tx,
        tenant,
        &SaveChannel {
            id,
            kind: body.kind.as_str(),
            name: body.name.trim(),
            config: &config,
            credentials: sealed.as_deref(),
            enabled,
            team_id: body.team_id,
        },
    )
    .await?;
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if body.kind == ChannelKind::Email {
        service::sender_changed(app, &mut s.tx, &row).await?;
    }
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    row.to_model(app, tenant, reveals(s))
}

#[utoipa::path(get, path = "/channels", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = Vec<Channel>), (status = 403, body = Problem)))]
async fn list_channels(State(app): State<App>, mut s: Session) -> Result<ApiJson<Vec<Channel>>> {
    s.require(SUPPORT_ROLES)?;
    let tenant = s.user.tenant_id;
    let rows = repo::list(&mut s.tx, tenant).await?;
    let reveal = reveals(&s);
    s.tx.commit().await?;
    Ok(ApiJson(rows.iter().map(|r| r.to_model(&app, tenant, reveal)).collect::<Result<_>>()?))
}

#[utoipa::path(post, path = "/channels", tag = "support", security(("bearer" = [])), request_body = SaveChannelRequest,
    responses((status = 201, body = Channel), (status = 403, body = Problem), (status = 422, body = Problem)))]
async fn create_channel(
    State(app): State<App>,
    mut s: Session,
    ApiJson(body): ApiJson<SaveChannelRequest>,
) -> Result<Created<Channel>> {
    s.require(SUPPORT_ADMINS)?;
    let channel = save(&app, &mut s, kernel::ids::new_id(), body, None).await?;
    s.tx.commit().await?;
    Ok(Created(format!("/api/v1/channels/{}", channel.id), channel))
}

#[utoipa::path(get, path = "/channels/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Channel), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_channel(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<Channel>> {
    s.require(SUPPORT_ROLES)?;
    let tenant = s.user.tenant_id;
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    let reveal = reveals(&s);
    s.tx.commit().await?;
    Ok(ApiJson(row.to_model(&app, tenant, reveal)?))
}

/// Saves settings and secrets (secrets not sent keep their stored value).
#[utoipa::path(patch, path = "/channels/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = SaveChannelRequest,
    responses((status = 200, body = Channel), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
async fn update_channel(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SaveChannelRequest>,
) -> Result<ApiJson<Channel>> {
    s.require(SUPPORT_ADMINS)?;
    let row = repo::find(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    if row.kind()? != body.kind {
        return Err(Error::field("kind", "O tipo de um canal não muda; crie outro canal."));
    }
    let channel = save(&app, &mut s, id, body, Some(row)).await?;
    s.tx.commit().await?;
    Ok(ApiJson(channel))
}

/// Deletes an unused channel; one with tickets is disabled instead.
#[utoipa::path(delete, path = "/channels/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_channel(mut s: Session, ApiPath(id): ApiPath<Uuid>) -> Result<StatusCode> {
    s.require(SUPPORT_ADMINS)?;
    if !repo::delete(&mut s.tx, s.user.tenant_id, id).await? {
        return Err(Error::NotFound);
    }
    s.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Calls the provider with the stored credentials.
#[utoipa::path(post, path = "/channels/{id}/test", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = ChannelTest), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn test_channel(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<ChannelTest>> {
    s.require(SUPPORT_ADMINS)?;
    let tenant = s.user.tenant_id;
    let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    s.tx.commit().await?;
    let (ok, message) = crate::tickets::outbound::test_channel(&app, tenant, &row).await?;
    Ok(ApiJson(ChannelTest { ok, message }))
}

/// A new inbound token (e-mail) or verify token (WhatsApp), shown once; the
/// old one is refused from now on. Owners and admins only.
#[utoipa::path(post, path = "/channels/{id}/rotate-inbound-secret", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = RotatedSecret), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn rotate_inbound_secret(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<ApiJson<RotatedSecret>> {
    s.require(SECRET_VIEWERS)?;
    let row = repo::find_for_update(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    let token = service::rotate_inbound_secret(&app, &mut s.tx, &row).await?;
    s.tx.commit().await?;
    tracing::info!(channel = %id, "inbound secret rotated");
    Ok(ApiJson(RotatedSecret { inbound_secret: token }))
}

/// E-mails a new confirmation code to the channel's address.
#[utoipa::path(post, path = "/channels/{id}/sender-code", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 202), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem), (status = 429, body = Problem)))]
async fn send_sender_code(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode> {
    s.require(SUPPORT_ADMINS)?;
    let row = repo::find_for_update(&mut s.tx, s.user.tenant_id, id).await?.ok_or(Error::NotFound)?;
    if row.kind()? != ChannelKind::Email {
        return Err(Error::NotFound);
    }
    if row.verified_sender().is_some() {
        return Err(Error::conflict(None, "Este endereço já foi confirmado."));
    }
    if let Some(sent) = row.sender_code_sent_at {
        let wait = service::SENDER_CODE_RESEND_SECONDS - (chrono::Utc::now() - sent).num_seconds();
        if wait > 0 {
            return Err(Error::RateLimited { retry_after_secs: wait as u64 });
        }
    }
    service::send_sender_code(&app, &mut s.tx, &row).await?;
    s.tx.commit().await?;
    Ok(StatusCode::ACCEPTED)
}

/// Confirms the channel's address with the e-mailed code: from then on
/// replies go out From it. Codes expire and allow a few tries.
#[utoipa::path(post, path = "/channels/{id}/verify-sender", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = VerifySenderRequest,
    responses((status = 200, body = Channel), (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 422, body = Problem)))]
async fn verify_sender(
    State(app): State<App>,
    mut s: Session,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<VerifySenderRequest>,
) -> Result<ApiJson<Channel>> {
    s.require(SUPPORT_ADMINS)?;
    let tenant = s.user.tenant_id;
    let row = repo::find_for_update(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
    if row.kind()? != ChannelKind::Email {
        return Err(Error::NotFound);
    }
    match service::verify_sender(&app, &mut s.tx, &row, &body.code).await? {
        CodeCheck::Confirmed => {
            let row = repo::find(&mut s.tx, tenant, id).await?.ok_or(Error::NotFound)?;
            let reveal = reveals(&s);
            s.tx.commit().await?;
            Ok(ApiJson(row.to_model(&app, tenant, reveal)?))
        }
        CodeCheck::Refused(e) => {
            // The failed attempt counts even though the answer is an error.
            s.tx.commit().await?;
            Err(e)
        }
    }
}
