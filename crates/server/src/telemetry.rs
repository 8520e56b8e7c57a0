//! Logs (text or JSON) and Prometheus metrics.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tracing_subscriber::EnvFilter;

pub fn init_logs(json: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}

static PROMETHEUS: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the recorder once per process (tests build many apps).
pub fn prometheus() -> Option<&'static PrometheusHandle> {
    PROMETHEUS.get_or_init(|| PrometheusBuilder::new().install_recorder().ok()).as_ref()
}

/// The request path as logged: single-use and signed tokens in a path
/// (`/api/v1/auth/invitations/<token>`, `/api/v1/public/proposals/<token>`,
/// `/p/<token>`, `/fatura/<token>`, `/convite/<token>`…) become `…`, so
/// request logs and traces never hold a usable link. Our tokens are the
/// segments with a `.` that are longer than a file name (ids alone, UUIDs,
/// stay readable).
pub fn redacted_path(path: &str) -> String {
    path.split('/')
        .map(|segment| if segment.len() > 40 && segment.contains('.') { "…" } else { segment })
        .collect::<Vec<_>>()
        .join("/")
}

pub async fn track(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let path = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = request.method().to_string();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "path" => path.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "path" => path)
        .record(start.elapsed().as_secs_f64());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_paths_are_redacted_and_ids_are_not() {
        let token = "0193a8f2-6c3e-7d40-9a1b-2c3d4e5f6a7b.0193a8f2-6c3e-7d40-9a1b-2c3d4e5f6a7c.c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I";
        assert_eq!(redacted_path(&format!("/api/v1/auth/invitations/{token}")), "/api/v1/auth/invitations/…");
        assert_eq!(redacted_path(&format!("/p/{token}")), "/p/…");
        let id = "/api/v1/tickets/0193a8f2-6c3e-7d40-9a1b-2c3d4e5f6a7b";
        assert_eq!(redacted_path(id), id);
        assert_eq!(redacted_path("/assets/index-abc123.js"), "/assets/index-abc123.js");
    }
}
