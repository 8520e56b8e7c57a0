//! Request-body extraction with problem+json errors that name the field.

use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError};

/// Like `axum::Json`, but a bad body becomes a problem+json naming the field:
/// 400 for malformed JSON, 415 without a JSON content type, 413 over the body
/// limit, 422 for a wrong type, a missing or an unknown field.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let v = v.to_ascii_lowercase();
                v.starts_with("application/json") || (v.starts_with("application/") && v.contains("+json"))
            })
            .unwrap_or(false);
        if !is_json {
            return Err(Error::UnsupportedMediaType("Envie o corpo como application/json.".into()));
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Error::PayloadTooLarge("O corpo da requisição excede o limite.".into())
            } else {
                Error::BadRequest("Não foi possível ler o corpo da requisição.".into())
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Deserialises JSON, turning serde's message into a field error.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok(v),
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            match inner.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    Err(Error::BadRequest(format!("JSON malformado: {inner}")))
                }
                serde_json::error::Category::Io => Err(Error::BadRequest("Corpo ilegível.".into())),
                serde_json::error::Category::Data => {
                    let message = inner.to_string();
                    // serde_path_to_error's path already ends at an unknown
                    // field, but stops at the parent of a missing one.
                    let field = match named_field(&message) {
                        Some(name) if message.starts_with("missing field") => {
                            if path == "." {
                                name.to_string()
                            } else {
                                format!("{path}.{name}")
                            }
                        }
                        _ if path == "." => "body".to_string(),
                        _ => path.clone(),
                    };
                    Err(Error::Validation(vec![FieldError::new(field, translate(&message))]))
                }
            }
        }
    }
}

/// serde names missing and unknown fields in backticks: "missing field `email`".
fn named_field(message: &str) -> Option<&str> {
    if !(message.starts_with("missing field") || message.starts_with("unknown field")) {
        return None;
    }
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

fn translate(message: &str) -> String {
    let core = message.split(" at line ").next().unwrap_or(message);
    if core.starts_with("missing field") {
        "Campo obrigatório.".into()
    } else if core.starts_with("unknown field") {
        "Campo desconhecido.".into()
    } else if core.starts_with("invalid type") {
        format!("Tipo inválido ({}).", core.trim_start_matches("invalid type: "))
    } else {
        format!("Valor inválido: {core}")
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `201 Created` with a `Location` header.
pub struct Created<T>(pub String, pub T);

impl<T: Serialize> IntoResponse for Created<T> {
    fn into_response(self) -> Response {
        let mut response = (StatusCode::CREATED, axum::Json(self.1)).into_response();
        if let Ok(location) = HeaderValue::from_str(&self.0) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        response
    }
}

/// Optimistic concurrency: `If-Match: "3"` (or `W/"3"`) → `Some(3)`; absent → `None`.
pub fn if_match(headers: &axum::http::HeaderMap) -> Result<Option<i32>, Error> {
    let Some(raw) = headers.get(header::IF_MATCH) else { return Ok(None) };
    let text = raw.to_str().unwrap_or("").trim().trim_start_matches("W/").trim_matches('"');
    text.parse()
        .map(Some)
        .map_err(|_| Error::BadRequest("If-Match deve ser a versão recebida no ETag.".into()))
}

/// For PATCH bodies: tells an absent field (`None`) from an explicit `null`
/// (`Some(None)`). Use with `#[serde(default, deserialize_with = "kernel::http::nullable")]`.
pub fn nullable<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        email: String,
        age: u32,
        #[serde(default)]
        address: Option<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        cep: String,
    }

    fn field_of(r: Result<Body, Error>) -> String {
        match r {
            Err(Error::Validation(e)) => e[0].field.clone(),
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn missing_unknown_and_mistyped_fields_are_named() {
        assert_eq!(field_of(parse_json(br#"{"age": 3}"#)), "email");
        assert_eq!(field_of(parse_json(br#"{"email":"a","age":3,"x":1}"#)), "x");
        assert_eq!(field_of(parse_json(br#"{"email":"a","age":"tres"}"#)), "age");
        assert_eq!(field_of(parse_json(br#"{"email":"a","age":1,"address":{}}"#)), "address.cep");
        let nested_unknown = br#"{"email":"a","age":1,"address":{"cep":"1","x":2}}"#;
        assert_eq!(field_of(parse_json(nested_unknown)), "address.x");
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        assert!(matches!(parse_json::<Body>(b"{\"email\": "), Err(Error::BadRequest(_))));
    }
}
