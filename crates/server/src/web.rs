//! The web app's production build (`web/dist`), served on the API's origin
//! with SPA fallback: unknown paths get `index.html` and the client router.
//! In debug builds files are read from disk; release builds embed them.
//!
//! The build writes brotli and gzip copies beside each text file
//! (`web/scripts/compress-dist.mjs`); the copy the browser accepts is sent
//! as is, with an ETag per copy, so a revalidation costs a 304. Files under
//! content-hashed names (`assets/`, the widget's `widget/chat.<hash>.js`)
//! are cached for a year; the widget's stable loader (`widget.js`), which
//! customers' pages name, for five minutes.

use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../web/dist"]
#[allow_missing = true]
struct Assets;

/// The encodings the request accepts, in our order of preference.
fn accepted(headers: &HeaderMap) -> Vec<&'static str> {
    let given = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let accepts = |wanted: &str| {
        given.split(',').any(|part| {
            let mut pieces = part.split(';').map(str::trim);
            let name = pieces.next().unwrap_or("");
            let refused =
                pieces.any(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0));
            name.eq_ignore_ascii_case(wanted) && !refused
        })
    };
    [("br", "br"), ("gzip", "gz")].into_iter().filter(|(name, _)| accepts(name)).map(|(_, ext)| ext).collect()
}

fn cache_control(name: &str) -> &'static str {
    if name.starts_with("assets/") || name.starts_with("widget/") {
        "public, max-age=31536000, immutable"
    } else if name == "widget.js" {
        "public, max-age=300"
    } else {
        "no-cache"
    }
}

pub async fn serve(uri: Uri, request_headers: HeaderMap) -> Response {
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
    let hash = hex::encode(&file.metadata.sha256_hash()[..12]);
    let (body, encoding) = accepted(&request_headers)
        .into_iter()
        .find_map(|ext| Assets::get(&format!("{name}.{ext}")).map(|f| (f, Some(ext))))
        .unwrap_or((file, None));
    let etag = format!("\"{hash}{}\"", encoding.map(|e| format!("-{e}")).unwrap_or_default());
    let fresh = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|given| given.split(',').any(|tag| tag.trim().trim_start_matches("W/") == etag));
    let mut response =
        if fresh { StatusCode::NOT_MODIFIED.into_response() } else { body.data.into_owned().into_response() };
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Some(encoding) = encoding {
        let value = if encoding == "br" { "br" } else { "gzip" };
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(value));
    }
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(&name)));
    // The Content-Security-Policy comes from the router's security headers.
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).expect("a header value"));
        h
    }

    #[test]
    fn prefers_brotli_and_honours_a_refusal() {
        assert_eq!(accepted(&with("gzip, deflate, br, zstd")), ["br", "gz"]);
        assert_eq!(accepted(&with("gzip;q=1.0, br;q=0")), ["gz"]);
        assert_eq!(accepted(&with("identity")), Vec::<&str>::new());
        assert_eq!(accepted(&HeaderMap::new()), Vec::<&str>::new());
    }

    #[test]
    fn hashed_files_are_immutable_and_the_loader_is_short_lived() {
        assert!(cache_control("widget/chat.0123456789.js").contains("immutable"));
        assert!(cache_control("assets/index-abc.js").contains("immutable"));
        assert_eq!(cache_control("widget.js"), "public, max-age=300");
        assert_eq!(cache_control("index.html"), "no-cache");
    }
}
