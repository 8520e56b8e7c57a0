//! The images accounts keeps — the company logo and each user's photo —
//! uploaded as a raw body, checked by their bytes, counted in the plan's
//! storage, and served only to signed-in users of the same company.

pub mod repo;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kernel::ids::new_id;
use kernel::tenant::TenantTx;
use kernel::{App, Error, Result};
use uuid::Uuid;

use crate::plans;
use repo::StoredFile;

/// Largest image accepted.
pub const MAX_IMAGE_BYTES: usize = 1024 * 1024;

/// What is being uploaded, for the messages: the field a 422 names and how
/// the image is called in pt-BR ("o logotipo", "a foto").
pub struct ImageKind {
    pub field: &'static str,
    pub noun: &'static str,
}

/// A checked upload, stored as a `files` row; its object is written by
/// [`Pending::put`] before the caller commits.
pub struct Pending {
    pub file_id: Uuid,
    key: String,
    body: Bytes,
}

impl Pending {
    /// Object first, commit second: a failed commit leaves an orphan
    /// object, never a row pointing at nothing.
    pub async fn put(self, app: &App) -> Result<()> {
        Ok(app.storage.put(&self.key, self.body).await?)
    }
}

/// Checks `body` (PNG, JPEG or WebP, as declared and as its bytes say, up
/// to [`MAX_IMAGE_BYTES`], within the plan's storage) and records its
/// `files` row under `prefix`.
pub async fn accept(
    tx: &mut TenantTx,
    kind: &ImageKind,
    prefix: &str,
    uploader: Uuid,
    headers: &HeaderMap,
    body: Bytes,
) -> Result<Pending> {
    if body.is_empty() {
        return Err(Error::field(kind.field, "Arquivo vazio."));
    }
    if body.len() > MAX_IMAGE_BYTES {
        return Err(Error::PayloadTooLarge(format!("{} deve ter no máximo 1 MB.", capitalised(kind.noun))));
    }
    let content_type = image_type(kind, headers, &body)?;
    plans::service::ensure_room_for_bytes(tx, body.len() as i64).await?;
    let tenant = tx.tenant_id();
    let file_id = new_id();
    let key = format!("tenants/{tenant}/{prefix}-{file_id}");
    repo::insert_file(tx, tenant, file_id, &key, content_type, body.len() as i64, uploader).await?;
    Ok(Pending { file_id, key, body })
}

/// Drops a replaced image's row; its object goes after the commit
/// ([`forget_object`]).
pub async fn drop_row(tx: &mut TenantTx, old: &StoredFile) -> Result<()> {
    let tenant = tx.tenant_id();
    repo::delete_file(tx, tenant, old.id).await
}

/// Deletes a replaced image's object once its row is gone for good.
pub async fn forget_object(app: &App, old: Option<StoredFile>) {
    if let Some(old) = old
        && let Err(e) = app.storage.delete(&old.object_key).await
    {
        tracing::warn!(error = %e, "replaced image object not deleted");
    }
}

/// The image's bytes with its stored type, cacheable by the browser for a
/// few minutes (the web app keys it by the file id, so a new one is fetched).
pub async fn serve(app: &App, file: &StoredFile) -> Result<Response> {
    let bytes = app.storage.get(&file.object_key).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(ct) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, ct);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=300"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    Ok(response)
}

/// Content type declared by the client, checked against the file's magic bytes.
fn image_type(kind: &ImageKind, headers: &HeaderMap, bytes: &[u8]) -> Result<&'static str> {
    let declared = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let ct = match declared.split(';').next().unwrap_or("").trim() {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        "image/webp" => "image/webp",
        _ => {
            return Err(Error::UnsupportedMediaType(format!("Envie {} como PNG, JPEG ou WebP.", kind.noun)));
        }
    };
    if kernel::storage::raster_image_type(bytes) != Some(ct) {
        return Err(Error::field(kind.field, "O arquivo não é uma imagem do tipo informado."));
    }
    Ok(ct)
}

fn capitalised(noun: &str) -> String {
    let mut chars = noun.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_image() {
        assert_eq!(capitalised("o logotipo"), "O logotipo");
        assert_eq!(capitalised("a foto"), "A foto");
    }
}
