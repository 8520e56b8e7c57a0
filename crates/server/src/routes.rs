//! The whole HTTP surface in one place.

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use kernel::App;
use kernel::error::{FieldError, Problem};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::ratelimit::{self, AuthLimiter};
use crate::{cep, inbox, ops, search, socket, telemetry, web};

#[derive(OpenApi)]
#[openapi(
    info(title = "ConectCRM API", version = "1.0.0",
         description = "Atendimento, CRM, financeiro e automação para pequenas empresas. Conventions: docs/API.md."),
    modifiers(&BearerAuth, &DomainEvents),
    components(schemas(Problem, FieldError))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build(),
            ),
        );
    }
}

/// The domain events and live signals (Socket.IO payloads) are API too: the
/// web app's realtime handlers use the generated types.
struct DomainEvents;

impl Modify for DomainEvents {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        events::add_schemas(openapi.components.get_or_insert_with(Default::default));
    }
}

/// Web-chat visitors talk much more than people sign in (and whole offices
/// share one address): their public routes get this many times the limit.
const WEBCHAT_RATE_FACTOR: u32 = 30;

/// Renewing a login happens on every reload of the app: its own budget,
/// this many times the sign-in limit, per address.
const SESSION_RATE_FACTOR: u32 = 20;

/// The per-IP limiters of the routes without a bearer token.
struct Limiters {
    sign_in: AuthLimiter,
    session: AuthLimiter,
    webchat: AuthLimiter,
}

fn limited(router: OpenApiRouter<App>, limiter: Option<AuthLimiter>) -> OpenApiRouter<App> {
    match limiter {
        Some(limiter) => router.layer(axum::middleware::from_fn_with_state(limiter, ratelimit::limit)),
        None => router,
    }
}

fn documented(limiters: Option<Limiters>) -> OpenApiRouter<App> {
    let (sign_in, session, webchat) = match limiters {
        Some(l) => (Some(l.sign_in), Some(l.session), Some(l.webchat)),
        None => (None, None, None),
    };
    // Routes without a login — sign-in and the customer's proposal and
    // invoice links — are rate-limited per IP against guessing.
    let public =
        limited(accounts::auth_router().merge(crm::public_router()).merge(finance::public_router()), sign_in);
    let session = limited(accounts::session_router(), session);
    let webchat = limited(support::public_router(), webchat);
    let v1 = OpenApiRouter::new()
        .merge(public)
        .merge(session)
        .merge(webchat)
        .merge(accounts::router())
        .merge(crm::router())
        .merge(finance::router())
        .merge(support::router())
        .merge(inbox::router())
        .merge(search::router())
        .merge(cep::router())
        .merge(automation::router())
        .merge(analytics::router())
        .merge(ops::router());
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1)
}

/// `/api/v1` routes and the OpenAPI document describing them.
pub fn api(app: &App) -> (Router<App>, utoipa::openapi::OpenApi) {
    let per_minute = app.config.auth_rate_limit_per_minute;
    let proxies = &app.config.trusted_proxies;
    let webchat = AuthLimiter::per_minute(per_minute.saturating_mul(WEBCHAT_RATE_FACTOR), proxies.clone());
    let (router, doc) = documented(Some(Limiters {
        sign_in: AuthLimiter::per_minute(per_minute, proxies.clone()),
        session: AuthLimiter::per_minute(per_minute.saturating_mul(SESSION_RATE_FACTOR), proxies.clone()),
        webchat: webchat.clone(),
    }))
    .split_for_parts();
    // The chat page (HTML, outside the API document) shares the web chat's budget.
    let page =
        support::webchat_page_router().layer(axum::middleware::from_fn_with_state(webchat, ratelimit::limit));
    (router.merge(page), doc)
}

/// The OpenAPI document alone (`conectcrm openapi`; the web app's types
/// are generated from it).
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    documented(None).split_for_parts().1
}

async fn live() -> &'static str {
    "ok"
}

async fn ready(State(app): State<App>) -> impl IntoResponse {
    match sqlx::query_scalar!("select 1 as \"one!\"").fetch_one(&app.db).await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

async fn metrics_text() -> impl IntoResponse {
    match telemetry::prometheus() {
        Some(h) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], h.render()).into_response(),
        None => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// The app's own origin for everything; any origin for the web-chat
/// widget's public endpoints, which run on customers' sites (no cookies or
/// tokens of ours travel there: the visitor token is a header of its own).
fn cors(app: &App) -> CorsLayer {
    let origin = HeaderValue::from_str(&app.config.frontend_url).unwrap_or(HeaderValue::from_static("null"));
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |given, parts| {
            let path = parts.uri.path();
            // Socket.IO's long-polling (the widget's fallback under a strict
            // CSP) authenticates by the token in its handshake, never a cookie.
            *given == origin || path.starts_with("/api/v1/public/webchat") || path.starts_with("/socket.io/")
        }))
        .allow_methods([Method::GET, Method::POST, Method::PATCH, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("x-visitor-token"),
        ])
        // The widget waits out a 429 as told (it runs on other origins).
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}

/// Headers that tell browsers what our own documents may do.
#[derive(Clone)]
struct SecurityHeaders {
    /// For the web app (and Swagger UI): our own scripts only; network to
    /// our own origin only, its WebSocket included; blob: frames and objects
    /// let the app preview PDFs it fetched with the bearer token.
    app_csp: HeaderValue,
    /// For API answers, attachments and webhooks: nothing runs, nothing
    /// loads, no framing — an uploaded HTML or SVG opened directly stays inert.
    api_csp: HeaderValue,
    /// HSTS with `--production` (behind TLS); absent in development, where
    /// it would pin `localhost` to HTTPS.
    hsts: Option<HeaderValue>,
}

impl SecurityHeaders {
    fn new(app: &App) -> Self {
        let origin = app.config.frontend_url.trim_end_matches('/');
        // Browsers before CSP 3 do not count ws(s) of our origin as 'self'.
        let socket = origin.replacen("https://", "wss://", 1).replacen("http://", "ws://", 1);
        let app_csp = format!(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
             font-src 'self' data:; connect-src 'self' {socket}; frame-src 'self' blob:; object-src 'self' blob:; \
             base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        Self {
            app_csp: HeaderValue::from_str(&app_csp)
                .unwrap_or(HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'")),
            api_csp: HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
            hsts: app
                .config
                .production
                .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        }
    }
}

/// Adds the CSP (and HSTS) to every response. `/widget.js` and the public
/// web-chat endpoints run inside customers' pages: there the host page's
/// CSP applies, ours only governs documents we serve, so they need no
/// exception.
async fn security_headers(
    State(headers): State<SecurityHeaders>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    let api = (path.starts_with("/api/") && !path.starts_with("/api/docs")) || path.starts_with("/hooks/");
    let csp = if api { headers.api_csp.clone() } else { headers.app_csp.clone() };
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    // A handler may add directives for what it serves (attachments add
    // `sandbox`); they are kept in front of ours, never dropped.
    let csp = match h.get(header::CONTENT_SECURITY_POLICY).and_then(|own| own.to_str().ok()) {
        Some(own) => {
            HeaderValue::from_str(&format!("{own}; {}", csp.to_str().unwrap_or_default())).unwrap_or(csp)
        }
        None => csp,
    };
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    if let Some(hsts) = headers.hsts {
        h.insert(header::STRICT_TRANSPORT_SECURITY, hsts);
    }
    response
}

/// Body limit for JSON and uploads; larger bodies get 413.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

pub async fn router(app: App) -> anyhow::Result<Router> {
    let (api, doc) = api(&app);
    let request_id = HeaderName::from_static("x-request-id");
    let router = Router::new()
        .merge(api)
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", doc))
        .merge(finance::hooks_router())
        .merge(support::hooks_router())
        .route("/health/live", get(live))
        .route("/health/ready", get(ready))
        .route("/metrics", get(metrics_text))
        .fallback(web::serve)
        .method_not_allowed_fallback(|| async { kernel::Error::MethodNotAllowed });
    let router = socket::attach(router, &app).await?;
    Ok(router
        .layer(axum::middleware::from_fn(telemetry::track))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(cors(&app))
        .layer(axum::middleware::from_fn_with_state(SecurityHeaders::new(&app), security_headers))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(CatchPanicLayer::custom(|_| kernel::Error::internal("handler panicked").into_response()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("http", method = %req.method(), path = %telemetry::redacted_path(req.uri().path()), request_id = %id)
        }))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .layer(SetSensitiveRequestHeadersLayer::new([header::AUTHORIZATION, header::COOKIE]))
        .with_state(app))
}
