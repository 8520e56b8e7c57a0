//! Per-IP rate limit for the auth endpoints (login, signup, reset…), on
//! the `governor` GCRA limiter; answers 429 problem+json with Retry-After.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use kernel::Error;

#[derive(Clone)]
pub struct AuthLimiter(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl AuthLimiter {
    pub fn per_minute(n: u32) -> Self {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Self(Arc::new(RateLimiter::keyed(Quota::per_minute(n))))
    }
}

pub async fn limit(
    axum::extract::State(limiter): axum::extract::State<AuthLimiter>,
    request: Request,
    next: Next,
) -> Response {
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    match limiter.0.check_key(&ip) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            metrics::counter!("auth_rate_limited_total").increment(1);
            Error::RateLimited { retry_after_secs: wait.as_secs().max(1) }.into_response()
        }
    }
}
