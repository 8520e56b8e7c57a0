//! `Idempotency-Key` for POSTs that send a message or move money: inside
//! the request's tenant transaction, the key is locked, a stored answer is
//! replayed, and a new answer is stored with the change it describes — so a
//! retry (or two concurrent tries) does the work once.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::tenant::TenantTx;

/// Keys are kept this long.
const KEEP_HOURS: i32 = 24;

/// The `Idempotency-Key` header, when the client sent one.
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self> {
        let Some(raw) = parts.headers.get("idempotency-key") else { return Ok(Self(None)) };
        let key = raw.to_str().map(str::trim).unwrap_or("");
        if key.is_empty() || key.len() > 200 {
            return Err(Error::BadRequest("Idempotency-Key deve ter de 1 a 200 caracteres.".into()));
        }
        Ok(Self(Some(key.to_string())))
    }
}

/// What identifies the request behind a key.
pub fn fingerprint(method: &str, path: &str, body: &impl Serialize) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update(b" ");
    h.update(path.as_bytes());
    h.update(b"\n");
    h.update(serde_json::to_vec(body).unwrap_or_default());
    h.finalize().to_vec()
}

/// Locks the key for this transaction and returns the stored answer, if any.
pub async fn replay(tx: &mut TenantTx, key: &str, request_hash: &[u8]) -> Result<Option<Response>> {
    let tenant = tx.tenant_id();
    let lock = format!("{tenant}:{key}");
    sqlx::query!("select pg_advisory_xact_lock(hashtextextended($1, 0))", lock).fetch_one(&mut **tx).await?;
    let stored = sqlx::query!(
        "select request_hash, status, response from idempotency_keys
          where tenant_id = $1 and key = $2 and created_at > now() - make_interval(hours => $3)",
        tenant,
        key,
        KEEP_HOURS
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some(stored) = stored else { return Ok(None) };
    if stored.request_hash != request_hash {
        return Err(Error::field(
            "Idempotency-Key",
            "Esta chave já foi usada com outra requisição; use uma chave nova para cada operação.",
        ));
    }
    let status = StatusCode::from_u16(stored.status as u16).unwrap_or(StatusCode::OK);
    let mut response = (status, axum::Json(stored.response)).into_response();
    response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
    Ok(Some(response))
}

/// Stores the answer with the change (same transaction).
pub async fn remember(
    tx: &mut TenantTx,
    key: &str,
    request_hash: &[u8],
    status: StatusCode,
    body: &impl Serialize,
) -> Result<()> {
    let tenant = tx.tenant_id();
    let response = serde_json::to_value(body).map_err(anyhow::Error::from)?;
    sqlx::query!(
        "delete from idempotency_keys where tenant_id = $1 and created_at <= now() - make_interval(hours => $2)",
        tenant,
        KEEP_HOURS
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!(
        "insert into idempotency_keys (tenant_id, key, request_hash, status, response) values ($1, $2, $3, $4, $5)
         on conflict (tenant_id, key) do update
            set request_hash = excluded.request_hash, status = excluded.status,
                response = excluded.response, created_at = now()",
        tenant,
        key,
        request_hash,
        status.as_u16() as i32,
        response
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}
