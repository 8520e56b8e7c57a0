//! The one place where errors become HTTP answers: RFC 9457
//! `application/problem+json`, never a stack trace or SQL text.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `address.cep`.
    pub field: String,
    /// What is wrong, in Portuguese, ready to show.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// RFC 9457 problem details.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// For plan limits: which limit (`users`, `channels`, `storage_mb`, `ai_triages_per_month`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// For plan limits: the plan's maximum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// For plan limits: the company's current plan code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("conflict: {message}")]
    Conflict { field: Option<String>, message: String },
    /// An action would exceed the plan (403).
    #[error("plan limit {limit} reached")]
    PlanLimit { limit: String, max: i64, plan: String, message: String },
    /// A smaller plan cannot hold what the company already uses (409).
    #[error("plan {plan} too small for {limit}")]
    PlanTooSmall { limit: String, max: i64, plan: String, message: String },
    #[error("payload too large: {0}")]
    PayloadTooLarge(String),
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    /// An outside provider (payment gateway, messaging API) failed or could not be reached (502).
    #[error("provider unavailable: {0}")]
    Unavailable(String),
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("internal: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl Error {
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn conflict(field: Option<&str>, message: impl Into<String>) -> Self {
        Self::Conflict { field: field.map(str::to_string), message: message.into() }
    }

    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::Internal(anyhow::anyhow!("{message}"))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Error::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) | Error::PlanLimit { .. } => StatusCode::FORBIDDEN,
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::Conflict { .. } | Error::PlanTooSmall { .. } => StatusCode::CONFLICT,
            Error::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::Unavailable(_) => StatusCode::BAD_GATEWAY,
            Error::Database(sqlx::Error::RowNotFound) => StatusCode::NOT_FOUND,
            Error::Database(e) => match data_fault(e) {
                Some(fault) => fault.status,
                None => StatusCode::INTERNAL_SERVER_ERROR,
            },
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn to_problem(&self) -> Problem {
        let status = self.status();
        let (slug, title, detail) = match self {
            Error::Validation(_) => {
                ("validation", "Dados inválidos", "Corrija os campos indicados.".to_string())
            }
            Error::BadRequest(m) => ("bad-request", "Requisição malformada", m.clone()),
            Error::Unauthorized(m) => ("unauthorized", "Não autenticado", m.clone()),
            Error::Forbidden(m) => ("forbidden", "Acesso negado", m.clone()),
            Error::NotFound | Error::Database(sqlx::Error::RowNotFound) => {
                ("not-found", "Não encontrado", "O recurso não existe.".to_string())
            }
            Error::Conflict { message, .. } => ("conflict", "Conflito", message.clone()),
            Error::PlanLimit { message, .. } => ("plan-limit", "Limite do plano atingido", message.clone()),
            Error::PlanTooSmall { message, .. } => ("plan-too-small", "Plano insuficiente", message.clone()),
            Error::PayloadTooLarge(m) => ("payload-too-large", "Conteúdo grande demais", m.clone()),
            Error::MethodNotAllowed => (
                "method-not-allowed",
                "Método não permitido",
                "Este recurso não aceita este método.".to_string(),
            ),
            Error::UnsupportedMediaType(m) => {
                ("unsupported-media-type", "Tipo de conteúdo não suportado", m.clone())
            }
            Error::Unavailable(m) => ("provider-unavailable", "Provedor indisponível", m.clone()),
            Error::RateLimited { retry_after_secs } => (
                "rate-limited",
                "Muitas tentativas",
                match retry_after_secs {
                    1 => "Tente novamente em 1 segundo.".to_string(),
                    n => format!("Tente novamente em {n} segundos."),
                },
            ),
            Error::Database(e) => match data_fault(e) {
                Some(fault) => fault.problem(),
                None => internal(),
            },
            Error::Internal(_) => internal(),
        };
        let errors = match self {
            Error::Validation(errors) => Some(errors.clone()),
            Error::Conflict { field: Some(field), message } => Some(vec![FieldError::new(field, message)]),
            _ => None,
        };
        let (limit, max, plan) = match self {
            Error::PlanLimit { limit, max, plan, .. } | Error::PlanTooSmall { limit, max, plan, .. } => {
                (Some(limit.clone()), Some(*max), Some(plan.clone()))
            }
            _ => (None, None, None),
        };
        Problem {
            type_: format!("https://conectcrm.com.br/problems/{slug}"),
            title: title.to_string(),
            status: status.as_u16(),
            detail,
            errors,
            limit,
            max,
            plan,
        }
    }
}

fn internal() -> (&'static str, &'static str, String) {
    ("internal", "Erro interno", "Algo deu errado do nosso lado. Tente novamente.".to_string())
}

/// A constraint the user's data broke that no handler named with
/// [`OnConstraint`] (a delete blocked by records that use the row, a
/// duplicate, a number out of range, a NUL in a text): the user's mistake,
/// answered 409 or 422 — never a 500. Handlers give specific messages with
/// `on_constraint`; this is the floor under them.
struct DataFault {
    status: StatusCode,
    detail: String,
}

impl DataFault {
    fn problem(&self) -> (&'static str, &'static str, String) {
        match self.status {
            StatusCode::CONFLICT => ("conflict", "Conflito", self.detail.clone()),
            _ => ("invalid-data", "Dados inválidos", self.detail.clone()),
        }
    }
}

fn data_fault(e: &sqlx::Error) -> Option<DataFault> {
    let sqlx::Error::Database(db) = e else { return None };
    let code = db.code()?;
    let (status, detail) = match code.as_ref() {
        // On a delete, PostgreSQL names the table whose rows still point here.
        "23503" => (
            StatusCode::CONFLICT,
            match db.table().and_then(records_of) {
                Some(records) => {
                    format!("Não é possível concluir: existem {records} que dependem deste registro.")
                }
                None => "Não é possível concluir: outros registros dependem deste.".to_string(),
            },
        ),
        "23505" => (StatusCode::CONFLICT, "Já existe um registro com estes dados.".to_string()),
        "23502" | "23514" => (StatusCode::UNPROCESSABLE_ENTITY, "Um dos valores não é aceito.".to_string()),
        "22001" => (StatusCode::UNPROCESSABLE_ENTITY, "Um dos textos é longo demais.".to_string()),
        "22003" => {
            (StatusCode::UNPROCESSABLE_ENTITY, "Um dos números está fora do intervalo aceito.".to_string())
        }
        "22007" | "22008" => (StatusCode::UNPROCESSABLE_ENTITY, "Uma das datas não é válida.".to_string()),
        "22021" | "22P05" => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Um dos textos tem um caractere que não é aceito (como o caractere nulo).".to_string(),
        ),
        _ => return None,
    };
    Some(DataFault { status, detail })
}

/// The records of a table as a person calls them, for the 409 of a blocked delete.
fn records_of(table: &str) -> Option<&'static str> {
    Some(match table {
        "invoices" => "faturas",
        "payments" | "payment_allocations" => "pagamentos",
        "subscriptions" => "assinaturas",
        "contracts" => "contratos",
        "proposals" => "propostas",
        "opportunities" => "oportunidades",
        "tickets" => "tickets",
        "contacts" => "contatos",
        "customers" => "clientes",
        "queues" => "filas",
        "support_channels" => "canais",
        "products" | "proposal_items" | "contract_items" | "invoice_items" => "itens que usam este produto",
        _ => return None,
    })
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            // The body is generic; the cause goes to the log only.
            tracing::error!(error = %self, "request failed");
        } else if let Error::Database(sqlx::Error::Database(db)) = &self {
            // A constraint no handler named: worth a specific message one day.
            tracing::warn!(constraint = db.constraint(), code = ?db.code(), "data refused by the database");
        }
        let problem = self.to_problem();
        let mut response = (status, problem_json(&problem)).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Error::RateLimited { retry_after_secs } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

fn problem_json(problem: &Problem) -> String {
    serde_json::to_string(problem).unwrap_or_else(|_| "{}".to_string())
}

/// Maps a named database constraint to a user-facing error, as in
/// `repo::insert(..).await.on_constraint("users_email_key", || Error::conflict(..))`.
pub trait OnConstraint<T> {
    fn on_constraint(self, name: &str, f: impl FnOnce() -> Error) -> Result<T>;
}

impl<T> OnConstraint<T> for std::result::Result<T, sqlx::Error> {
    fn on_constraint(self, name: &str, f: impl FnOnce() -> Error) -> Result<T> {
        self.map_err(Error::Database).on_constraint(name, f)
    }
}

impl<T> OnConstraint<T> for Result<T> {
    fn on_constraint(self, name: &str, f: impl FnOnce() -> Error) -> Result<T> {
        match self {
            Err(Error::Database(sqlx::Error::Database(db))) if db.constraint() == Some(name) => Err(f()),
            other => other,
        }
    }
}

/// Collects field errors so a request reports every bad field at once.
#[derive(Default, Debug)]
pub struct Violations(Vec<FieldError>);

impl Violations {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the parsed value, or records the error under `field`.
    pub fn check<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        parsed: std::result::Result<T, E>,
    ) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(FieldError::new(field, e.to_string()));
                None
            }
        }
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() { Ok(()) } else { Err(Error::Validation(self.0)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_their_cause() {
        let e = Error::internal("password=hunter2 in SQL");
        let p = e.to_problem();
        assert_eq!(p.status, 500);
        assert!(!p.detail.contains("hunter2"));
    }

    #[test]
    fn a_rate_limit_says_how_long_in_words_that_agree() {
        let one = Error::RateLimited { retry_after_secs: 1 }.to_problem();
        assert_eq!(one.detail, "Tente novamente em 1 segundo.");
        let many = Error::RateLimited { retry_after_secs: 30 }.to_problem();
        assert_eq!(many.detail, "Tente novamente em 30 segundos.");
    }

    #[test]
    fn plan_limit_names_the_limit() {
        let e =
            Error::PlanLimit { limit: "users".into(), max: 3, plan: "starter".into(), message: "x".into() };
        let p = e.to_problem();
        assert_eq!(p.status, 403);
        assert_eq!(p.limit.as_deref(), Some("users"));
        assert_eq!(p.max, Some(3));
    }

    #[test]
    fn violations_collect_every_field() {
        let mut v = Violations::new();
        v.check::<(), _>("email", Err("inválido"));
        v.check::<(), _>("password", Err("fraca"));
        match v.finish() {
            Err(Error::Validation(errors)) => assert_eq!(errors.len(), 2),
            other => panic!("unexpected {other:?}"),
        }
    }
}
