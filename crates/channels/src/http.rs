//! What the clients share: the HTTP client settings and turning an answer
//! into a value or an [`Error`].

use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::Error;

/// Long enough for a slow provider, short enough that a stuck call does not
/// hold a worker (callers retry retryable errors later).
const TIMEOUT: Duration = Duration::from_secs(30);

/// The longest provider body quoted in an error when it is not the provider's
/// usual error JSON (an HTML page from a proxy, say).
const MAX_QUOTED_BODY: usize = 200;

pub(crate) fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .user_agent("ConectCRM")
        .build()
        // Building fails only when a TLS backend cannot start; this crate
        // enables none, so the fallback is never taken in practice.
        .unwrap_or_default()
}

/// The base URL without its trailing slashes, so paths can be appended.
pub(crate) fn base_url(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}

/// Percent-encodes an id before it goes into a URL path, so an id can never
/// add path segments or a query string.
pub(crate) fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A 2xx answer: its headers and body.
pub(crate) struct Answer {
    pub headers: reqwest::header::HeaderMap,
    pub body: Vec<u8>,
}

/// Sends the request and returns a 2xx answer. For any other status
/// `error_message` pulls the provider's explanation out of the body.
pub(crate) async fn send(
    request: reqwest::RequestBuilder,
    error_message: fn(&[u8]) -> Option<String>,
) -> Result<Answer, Error> {
    let response = request.send().await.map_err(transport)?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(transport)?;
    if status.is_success() {
        return Ok(Answer { headers, body: body.to_vec() });
    }
    let message = error_message(&body)
        .or_else(|| quoted_body(&body))
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("no explanation given").to_owned());
    Err(Error::Provider { status: status.as_u16(), message })
}

/// Sends the request and reads the JSON of a 2xx answer as `T`.
pub(crate) async fn send_json<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    error_message: fn(&[u8]) -> Option<String>,
) -> Result<T, Error> {
    let answer = send(request, error_message).await?;
    decode(&answer.body)
}

pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body).map_err(|e| Error::Decode(e.to_string()))
}

fn transport(error: reqwest::Error) -> Error {
    // Tokens travel in headers, but a WhatsApp media URL carries a signed
    // query string; errors end up in logs and job rows, so no URL goes in.
    Error::Transport(error.without_url().to_string())
}

fn quoted_body(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(text.chars().take(MAX_QUOTED_BODY).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_escape_their_path_segment() {
        assert_eq!(path_segment("106540352242922"), "106540352242922");
        assert_eq!(path_segment("AC_1-2"), "AC_1-2");
        assert_eq!(path_segment("../x?y"), "%2E%2E%2Fx%3Fy");
    }
}
