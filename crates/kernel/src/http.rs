//! Request extraction (body, query string, path parameters) with
//! problem+json errors that name the field.

use axum::extract::path::ErrorKind;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
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

/// Deserialises JSON, turning serde's message into a field error. A text
/// with a NUL character (`\u0000`), which PostgreSQL cannot store, is a 422
/// naming the field, before anything is written.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    if contains(bytes, b"\\u0000")
        && let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes)
        && let Some(field) = nul_in(&value, "")
    {
        return Err(Error::field(if field.is_empty() { "body".into() } else { field }, NUL_MESSAGE));
    }
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
                serde_json::error::Category::Data => Err(data_error(&path, &inner.to_string(), "body")),
            }
        }
    }
}

const NUL_MESSAGE: &str = "O texto tem um caractere nulo (\\0), que não é aceito.";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The dotted path (`items[2].name`) of the first key or text holding a NUL.
fn nul_in(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::String(text) if text.contains('\0') => Some(path.to_string()),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| nul_in(v, &format!("{path}[{i}]"))),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            let here =
                if path.is_empty() { k.replace('\0', "") } else { format!("{path}.{}", k.replace('\0', "")) };
            if k.contains('\0') { Some(here) } else { nul_in(v, &here) }
        }),
        _ => None,
    }
}

/// A value of the wrong type, a missing or an unknown field, as a 422 naming
/// it; `whole` names the error when it concerns no one field.
fn data_error(path: &str, message: &str, whole: &str) -> Error {
    // serde_path_to_error's path already ends at an unknown field, but
    // stops at the parent of a missing one.
    let field = match named_field(message) {
        Some(name) if message.starts_with("missing field") => {
            if path == "." {
                name.to_string()
            } else {
                format!("{path}.{name}")
            }
        }
        _ if path == "." => whole.to_string(),
        _ => path.to_string(),
    };
    Error::Validation(vec![FieldError::new(field, translate(message))])
}

/// Like `axum::extract::Query`, but a bad parameter is answered like a bad
/// body field (422 problem+json naming it) rather than axum's plain-text 400,
/// so a filter's wrong value reads the same as the checks handlers already
/// make (`limit` out of range, an unknown `cursor`).
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parse_query(parts.uri.query().unwrap_or_default()).map(ApiQuery)
    }
}

/// Deserialises a query string the way axum's `Query` does (serde_urlencoded),
/// turning serde's message into a field error.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, Error> {
    if let Some((key, _)) =
        url::form_urlencoded::parse(query.as_bytes()).find(|(k, v)| k.contains('\0') || v.contains('\0'))
    {
        return Err(Error::field(key.replace('\0', ""), NUL_MESSAGE));
    }
    let de = serde_urlencoded::Deserializer::new(url::form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize::<_, T>(de).map_err(|e| {
        let path = e.path().to_string();
        data_error(&path, &e.into_inner().to_string(), "query")
    })
}

/// Like `axum::extract::Path`, but a segment that does not parse (an id that
/// is not a UUID) is a 422 problem+json naming the route's parameter, as
/// `ApiQuery` does for the query string.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => {
                // The route's parameter names, for errors that carry only a position.
                let names: Vec<String> = match RawPathParams::from_request_parts(parts, state).await {
                    Ok(raw) => raw.iter().map(|(name, _)| name.to_string()).collect(),
                    Err(_) => Vec::new(),
                };
                Err(path_error(rejection, &names))
            }
        }
    }
}

fn path_error(rejection: PathRejection, names: &[String]) -> Error {
    let PathRejection::FailedToDeserializePathParams(failed) = rejection else {
        // Only a handler mounted on a route without parameters gets here: our bug.
        return Error::internal(format!("path parameters: {rejection}"));
    };
    // The one parameter of a single-valued route, else the whole path.
    let only = || if names.len() == 1 { names[0].clone() } else { "path".to_string() };
    let (field, message) = match failed.into_kind() {
        ErrorKind::ParseErrorAtKey { key, expected_type, .. } => (key, expected(expected_type)),
        ErrorKind::ParseErrorAtIndex { index, expected_type, .. } => {
            (names.get(index).cloned().unwrap_or_else(only), expected(expected_type))
        }
        ErrorKind::ParseError { expected_type, .. } => (only(), expected(expected_type)),
        ErrorKind::DeserializeError { key, message, .. } => (key, translate(&message)),
        ErrorKind::InvalidUtf8InPathParam { key } => (key, "Texto inválido (UTF-8).".to_string()),
        ErrorKind::Message(message) => (only(), translate(&message)),
        other => return Error::internal(format!("path parameters: {other}")),
    };
    Error::Validation(vec![FieldError::new(field, message)])
}

fn expected(type_name: &str) -> String {
    let what = match type_name.rsplit("::").next().unwrap_or(type_name) {
        "Uuid" => "um UUID",
        "bool" => "true ou false",
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            "um número inteiro"
        }
        _ => return format!("Valor inválido (esperado {type_name})."),
    };
    format!("Valor inválido: use {what}.")
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
    } else if let Some(rest) = core.strip_prefix("unknown variant") {
        // "unknown variant `x`, expected one of `a`, `b`" → the accepted values.
        let accepted = rest.split_once("expected ").map(|(_, a)| a).unwrap_or("");
        let accepted = accepted.trim_start_matches("one of ").replace('`', "").replace(" or ", " ou ");
        format!("Valor desconhecido; use {accepted}.")
    } else if is_uuid_error(core) {
        "Valor inválido: use um UUID.".into()
    } else if is_integer_error(core) {
        "Valor inválido: use um número inteiro.".into()
    } else {
        format!("Valor inválido: {core}")
    }
}

/// The uuid crate's parse errors, which a query string or path reaches as
/// plain text (JSON bodies say "invalid type" first).
fn is_uuid_error(message: &str) -> bool {
    message.starts_with("UUID parsing failed")
        || message.contains("urn:uuid:")
        || message.starts_with("invalid group")
        || message.starts_with("invalid length: expected length 32")
}

/// `str::parse::<i64>`'s errors, as serde_urlencoded passes them on.
fn is_integer_error(message: &str) -> bool {
    matches!(
        message,
        "invalid digit found in string"
            | "cannot parse integer from empty string"
            | "number too large to fit in target type"
            | "number too small to fit in target type"
    )
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
    fn a_nul_character_in_any_text_is_named_before_anything_is_stored() {
        assert_eq!(field_of(parse_json(br#"{"email":"a\u0000b","age":3}"#)), "email");
        assert_eq!(
            field_of(parse_json(br#"{"email":"a","age":3,"address":{"cep":"\u0000"}}"#)),
            "address.cep"
        );
        // An escaped backslash followed by "u0000" is ordinary text.
        assert!(parse_json::<Body>(br#"{"email":"a\\u0000","age":3}"#).is_ok());
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Query {
            q: Option<String>,
        }
        match parse_query::<Query>("q=caf%00e") {
            Err(Error::Validation(e)) => assert_eq!(e[0].field, "q"),
            other => panic!("expected a validation error, got {other:?}"),
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

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum View {
        Mine,
        All,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Filter {
        limit: Option<i64>,
        view: Option<View>,
        customer_id: Option<uuid::Uuid>,
        active: Option<bool>,
    }

    fn query_error(query: &str) -> FieldError {
        match parse_query::<Filter>(query) {
            Err(Error::Validation(e)) => e[0].clone(),
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn bad_query_parameters_are_named() {
        let e = query_error("view=bogus");
        assert_eq!(e.field, "view");
        assert_eq!(e.message, "Valor desconhecido; use mine ou all.");
        let e = query_error("limit=dez");
        assert_eq!(
            (e.field.as_str(), e.message.as_str()),
            ("limit", "Valor inválido: use um número inteiro.")
        );
        let e = query_error("customer_id=not-a-uuid");
        assert_eq!((e.field.as_str(), e.message.as_str()), ("customer_id", "Valor inválido: use um UUID."));
        assert_eq!(query_error("active=talvez").field, "active");
    }

    #[test]
    fn good_query_parameters_parse() {
        let f: Filter = parse_query("limit=5&view=mine&q=ignored").expect("valid query");
        assert_eq!(f.limit, Some(5));
        assert!(matches!(f.view, Some(View::Mine)));
        let empty: Filter = parse_query("").expect("empty query");
        assert!(empty.limit.is_none() && empty.view.is_none());
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        assert!(matches!(parse_json::<Body>(b"{\"email\": "), Err(Error::BadRequest(_))));
    }
}
