//! Sign-up, login, token rotation, logout and password reset.

use chrono::Utc;
use kernel::auth::{OpaqueToken, Role, check_password_strength, hash_password, verify_password};
use kernel::email::Email;
use kernel::error::{OnConstraint, Violations};
use kernel::ids::new_id;
use kernel::jobs::{self, EnqueueOptions};
use kernel::mail::{self, SendEmail};
use kernel::session::Session;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use uuid::Uuid;

use super::device::Device;
use super::model::{SignupRequest, TokenPair};
use super::repo;
use crate::users;

/// Plan of every new company until it chooses another.
pub const DEFAULT_PLAN: &str = "starter";
const RESET_TTL_HOURS: i64 = 1;
const CONFIRMATION_TTL_DAYS: i64 = 7;

fn bad_credentials() -> Error {
    Error::Unauthorized("E-mail ou senha incorretos.".into())
}

/// Issues an access token and a new refresh token (new family unless
/// rotating one).
pub async fn issue_pair(
    app: &App,
    tx: &mut TenantTx,
    user_id: Uuid,
    role: Role,
    family: Option<Uuid>,
    device: &Device,
) -> Result<TokenPair> {
    let tenant_id = tx.tenant_id();
    let id = new_id();
    let refresh = OpaqueToken::generate(tenant_id, id);
    let expires_at =
        Utc::now() + chrono::Duration::from_std(app.config.refresh_token_ttl).map_err(anyhow::Error::from)?;
    let family = family.unwrap_or(id);
    repo::insert_refresh(tx, tenant_id, id, user_id, family, &refresh.hash(), expires_at, device).await?;
    Ok(TokenPair {
        // The family is the login: the access token names it as its session.
        access_token: app.tokens.issue_access(user_id, tenant_id, family, role)?,
        refresh_token: refresh.expose(),
        token_type: "Bearer".into(),
        expires_in: app.tokens.access_ttl.as_secs(),
    })
}

pub struct NewCompany {
    pub tenant_id: Uuid,
    pub owner_id: Uuid,
}

fn check_signup(req: &SignupRequest) -> Result<Email> {
    let mut v = Violations::new();
    let company_name = req.company_name.trim();
    if company_name.is_empty() || company_name.chars().count() > 200 {
        v.add("company_name", "Informe o nome da empresa (até 200 caracteres).");
    }
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        v.add("name", "Informe seu nome (até 200 caracteres).");
    }
    let email = v.check("email", Email::parse(&req.email));
    v.check("password", check_password_strength(&req.password));
    v.finish()?;
    email.ok_or_else(|| Error::internal("email checked above"))
}

/// Creates a company and its owner in one transaction and returns the
/// transaction still open, so the caller can add to it (tokens, demo data).
pub async fn create_company(app: &App, req: &SignupRequest) -> Result<(TenantTx, NewCompany)> {
    let email = check_signup(req)?;
    let company_name = req.company_name.trim();
    let name = req.name.trim();
    let mut conn = app.db.acquire().await?;
    if repo::email_taken(&mut conn, email.as_str()).await? {
        return Err(Error::conflict(Some("email"), "Este e-mail já está cadastrado."));
    }
    drop(conn);
    let hash = hash_password(&req.password).await?;
    let tenant_id = new_id();
    let owner_id = new_id();
    let mut tx = TenantTx::begin(&app.db, tenant_id).await?;
    repo::insert_company(&mut tx, tenant_id, company_name, DEFAULT_PLAN).await?;
    users::repo::insert(&mut tx, tenant_id, owner_id, name, email.as_str(), Role::Owner).await?;
    repo::insert_identity(&mut tx, email.as_str(), tenant_id, owner_id, &hash)
        .await
        .on_constraint("identities_pkey", || {
            Error::conflict(Some("email"), "Este e-mail já está cadastrado.")
        })?;
    tx.emit(&events::CompanyCreated { name: company_name.to_string() }).await?;
    Ok((tx, NewCompany { tenant_id, owner_id }))
}

/// Sign-up answers the same whether the address is free or not, so it
/// never tells who has an account (an e-mail belongs to one company): a
/// free address gets its company and a confirmation link; a taken one gets
/// a notice in its own inbox, and nothing else happens.
pub async fn signup(app: &App, req: &SignupRequest) -> Result<()> {
    let taken = {
        let mut conn = app.db.acquire().await?;
        match Email::parse(&req.email) {
            Ok(email) => repo::email_taken(&mut conn, email.as_str()).await?,
            Err(_) => false,
        }
    };
    if taken {
        // Spend what creating the company would (one argon2 hash), so the
        // answer's timing does not tell either.
        check_signup(req)?;
        hash_password(&req.password).await?;
        return notify_taken(app, req).await;
    }
    let (mut tx, company) = match create_company(app, req).await {
        Err(Error::Conflict { field: Some(f), .. }) if f == "email" => return notify_taken(app, req).await,
        other => other?,
    };
    let email = Email::parse(&req.email).map_err(|e| Error::field("email", e.to_string()))?;
    send_confirmation(app, &mut tx, company.owner_id, email.as_str()).await?;
    tx.commit().await?;
    tracing::info!(tenant_id = %company.tenant_id, "company signed up");
    Ok(())
}

async fn notify_taken(app: &App, req: &SignupRequest) -> Result<()> {
    let email = Email::parse(&req.email).map_err(|e| Error::field("email", e.to_string()))?;
    let mail = SendEmail {
        to: email.as_str().to_string(),
        subject: "Tentativa de cadastro com seu e-mail — ConectCRM".into(),
        text: format!(
            "Olá!\n\nAlguém tentou criar uma empresa no ConectCRM com este e-mail, que já tem uma conta.\n             Se foi você, entre em {0}/entrar ou, se esqueceu a senha, peça uma nova em {0}/esqueci-senha.\n\n             Se não foi você, ignore este e-mail: nada mudou na sua conta.\n",
            app.config.frontend_url
        ),
        html: None,
        attachments: vec![],
    };
    let mut conn = app.db.acquire().await?;
    jobs::enqueue(&mut conn, None, &mail, EnqueueOptions::default()).await?;
    Ok(())
}

/// A single-use link that confirms the owner's address (and signs in).
pub async fn send_confirmation(app: &App, tx: &mut TenantTx, user_id: Uuid, email: &str) -> Result<()> {
    let tenant_id = tx.tenant_id();
    let id = new_id();
    let token = OpaqueToken::generate(tenant_id, id);
    let expires_at = Utc::now() + chrono::Duration::days(CONFIRMATION_TTL_DAYS);
    repo::insert_confirmation(tx, tenant_id, id, user_id, &token.hash(), expires_at).await?;
    let link = format!("{}/confirmar-email/{}", app.config.frontend_url, token.expose());
    let mail = SendEmail {
        to: email.to_string(),
        subject: "Confirme seu e-mail — ConectCRM".into(),
        text: format!(
            "Olá!\n\nSua empresa foi criada no ConectCRM. Confirme este e-mail em até \
             {CONFIRMATION_TTL_DAYS} dias pelo link abaixo; até lá, a empresa não envia e-mails, \
             propostas nem faturas aos clientes:\n\n{link}\n\n\
             Se não foi você, ignore este e-mail.\n"
        ),
        html: None,
        attachments: vec![],
    };
    mail::enqueue_sealed(tx, &app.config, tenant_id, &mail).await?;
    Ok(())
}

fn invalid_confirmation() -> Error {
    Error::field("token", "Link de confirmação inválido ou expirado. Entre e peça um novo.")
}

/// Confirms the address of the link and signs its user in. The company
/// may send to customers from now on.
pub async fn confirm_email(app: &App, token: &str, device: &Device) -> Result<TokenPair> {
    let token = OpaqueToken::parse(token).ok_or_else(invalid_confirmation)?;
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    let row = repo::lock_confirmation(&mut tx, token.tenant_id, token.id)
        .await?
        .filter(|r| r.redeemable_with(&token))
        .ok_or_else(invalid_confirmation)?;
    repo::mark_confirmation_used(&mut tx, token.tenant_id, token.id).await?;
    repo::confirm_company_email(&mut tx, token.tenant_id).await?;
    tx.commit().await?;
    let mut session = Session::open(app, token.tenant_id, row.user_id, None).await?;
    let pair = issue_pair(app, &mut session.tx, row.user_id, session.user.role, None, device).await?;
    session.tx.commit().await?;
    Ok(pair)
}

pub async fn login(app: &App, email: &str, password: &str, device: &Device) -> Result<TokenPair> {
    let email = Email::parse(email).map_err(|_| bad_credentials())?;
    let mut conn = app.db.acquire().await?;
    let identity = repo::identity_by_email(&mut conn, email.as_str()).await?;
    drop(conn);
    let (hash, who) = match identity {
        Some(i) => (Some(i.password_hash), Some((i.tenant_id, i.user_id))),
        None => (None, None),
    };
    // Always spend one argon2 verification, known e-mail or not.
    let ok = verify_password(password, hash).await;
    let Some((tenant_id, user_id)) = who.filter(|_| ok) else {
        return Err(bad_credentials());
    };
    let mut session = Session::open(app, tenant_id, user_id, None)
        .await
        .map_err(|_| Error::Unauthorized("Este usuário está desativado.".into()))?;
    let pair = issue_pair(app, &mut session.tx, user_id, session.user.role, None, device).await?;
    session.tx.commit().await?;
    Ok(pair)
}

fn invalid_refresh() -> Error {
    Error::Unauthorized("Sessão inválida ou expirada. Entre novamente.".into())
}

/// Rotates a refresh token. Presenting an already-rotated token revokes
/// its whole family: someone else has a copy.
pub async fn refresh(app: &App, token: &str, device: &Device) -> Result<TokenPair> {
    let token = OpaqueToken::parse(token).ok_or_else(invalid_refresh)?;
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    let row = repo::lock_refresh(&mut tx, token.tenant_id, token.id)
        .await?
        .filter(|r| token.matches(&r.token_hash))
        .ok_or_else(invalid_refresh)?;
    if row.revoked_at.is_some() {
        return Err(invalid_refresh());
    }
    if row.rotated_at.is_some() {
        repo::revoke_family(&mut tx, token.tenant_id, row.family_id).await?;
        tx.commit().await?;
        tracing::warn!(tenant_id = %token.tenant_id, user_id = %row.user_id, "refresh token reused; family revoked");
        return Err(invalid_refresh());
    }
    if row.expires_at < Utc::now() {
        return Err(invalid_refresh());
    }
    repo::mark_rotated(&mut tx, token.tenant_id, token.id).await?;
    tx.commit().await?;
    let mut session =
        Session::open(app, token.tenant_id, row.user_id, None).await.map_err(|_| invalid_refresh())?;
    let pair =
        issue_pair(app, &mut session.tx, row.user_id, session.user.role, Some(row.family_id), device).await?;
    session.tx.commit().await?;
    Ok(pair)
}

pub async fn logout(app: &App, token: &str) -> Result<()> {
    let Some(token) = OpaqueToken::parse(token) else {
        return Ok(());
    };
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    let mut ended = None;
    if let Some(row) = repo::lock_refresh(&mut tx, token.tenant_id, token.id).await?
        && token.matches(&row.token_hash)
    {
        // The family is the login: revoking it also ends its access tokens.
        repo::revoke_family(&mut tx, token.tenant_id, row.family_id).await?;
        ended = Some(row.family_id);
    }
    tx.commit().await?;
    if let Some(session_id) = ended {
        app.realtime.disconnect_session(session_id).await;
    }
    Ok(())
}

/// Changes the signed-in user's password; every other login of the user
/// ends at once (refresh and access tokens, then sockets), this one stays.
pub async fn change_password(app: &App, mut s: Session, current: &str, new: &str) -> Result<()> {
    check_password_strength(new).map_err(|m| Error::field("new_password", m))?;
    let (tenant, user) = (s.user.tenant_id, s.user.id);
    let stored = repo::password_hash_of(&mut s.tx, tenant, user).await?;
    if !verify_password(current, stored).await {
        return Err(Error::field("current_password", "Senha atual incorreta."));
    }
    let hash = hash_password(new).await?;
    repo::set_password(&mut s.tx, tenant, user, &hash).await?;
    let ended = repo::revoke_other_sessions(&mut s.tx, tenant, user, s.user.session_id).await?;
    s.tx.commit().await?;
    for session_id in ended {
        app.realtime.disconnect_session(session_id).await;
    }
    Ok(())
}

/// Always succeeds (202), so it never tells who has an account.
pub async fn forgot_password(app: &App, email: &str) -> Result<()> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    let mut conn = app.db.acquire().await?;
    let identity = repo::identity_by_email(&mut conn, email.as_str()).await?;
    drop(conn);
    let Some(identity) = identity else {
        return Ok(());
    };
    let mut tx = TenantTx::begin(&app.db, identity.tenant_id).await?;
    let id = new_id();
    let token = OpaqueToken::generate(identity.tenant_id, id);
    let expires_at = Utc::now() + chrono::Duration::hours(RESET_TTL_HOURS);
    repo::insert_reset(&mut tx, identity.tenant_id, id, identity.user_id, &token.hash(), expires_at).await?;
    let link = format!("{}/redefinir-senha/{}", app.config.frontend_url, token.expose());
    let mail = SendEmail {
        to: email.as_str().to_string(),
        subject: "Redefinição de senha — ConectCRM".into(),
        text: format!(
            "Olá!\n\nRecebemos um pedido para redefinir sua senha no ConectCRM.\n\
             Abra o link abaixo em até {RESET_TTL_HOURS} hora para escolher uma nova senha:\n\n{link}\n\n\
             Se não foi você, ignore este e-mail: sua senha continua a mesma.\n"
        ),
        html: None,
        attachments: vec![],
    };
    mail::enqueue_sealed(&mut tx, &app.config, identity.tenant_id, &mail).await?;
    tx.commit().await?;
    Ok(())
}

fn invalid_reset() -> Error {
    Error::field("token", "Link de redefinição inválido ou expirado. Peça um novo.")
}

pub async fn reset_password(app: &App, token: &str, password: &str) -> Result<()> {
    check_password_strength(password).map_err(|m| Error::field("password", m))?;
    let token = OpaqueToken::parse(token).ok_or_else(invalid_reset)?;
    let mut tx = TenantTx::begin(&app.db, token.tenant_id).await?;
    let row = repo::lock_reset(&mut tx, token.tenant_id, token.id)
        .await?
        .filter(|r| r.redeemable_with(&token))
        .ok_or_else(invalid_reset)?;
    let hash = hash_password(password).await?;
    repo::set_password(&mut tx, token.tenant_id, row.user_id, &hash).await?;
    repo::mark_reset_used(&mut tx, token.tenant_id, token.id).await?;
    // A new password ends every existing session, access tokens and sockets included.
    users::repo::revoke_refresh_tokens(&mut tx, token.tenant_id, row.user_id).await?;
    tx.commit().await?;
    app.realtime.disconnect_user(row.user_id).await;
    Ok(())
}
