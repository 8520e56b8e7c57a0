//! The web app's production build (`web/dist`), served on the API's origin
//! with SPA fallback: unknown paths get `index.html` and the client router.
//! In debug builds files are read from disk; release builds embed them.

use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../web/dist"]
#[allow_missing = true]
struct Assets;

pub async fn serve(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("api/") || path.starts_with("hooks/") || path.starts_with("health/") {
        return kernel::Error::NotFound.into_response();
    }
    let (file, name) = match Assets::get(path) {
        Some(f) if !path.is_empty() => (f, path.to_string()),
        _ => match Assets::get("index.html") {
            Some(f) => (f, "index.html".to_string()),
            None => {
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Html("<h1>ConectCRM</h1><p>O app web ainda não foi compilado: rode <code>./run.sh</code> ou <code>npm --prefix web run build</code>.</p>"),
                )
                    .into_response();
            }
        },
    };
    let mime = file.metadata.mimetype().to_string();
    let mut response = file.data.into_owned().into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    // Hashed assets never change; the web-chat widget loads on every page of
    // customers' sites, so it may be reused for five minutes.
    let cache = if name.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else if name == "widget.js" {
        "public, max-age=300"
    } else {
        "no-cache"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // The Content-Security-Policy comes from the router's security headers.
    response
}
