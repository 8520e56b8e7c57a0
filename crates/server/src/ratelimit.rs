//! Per-IP rate limit for the public endpoints (login, signup, reset,
//! proposal and invoice links, web chat), on the `governor` GCRA limiter;
//! answers 429 problem+json with Retry-After. The IP is the TCP peer, or
//! the client behind a trusted proxy ([`kernel::client_ip`]), so a forged
//! `X-Forwarded-For` buys nothing. Keys of addresses that have gone quiet
//! are evicted every minute, so memory stays bounded however many
//! addresses pass by.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use ipnet::IpNet;
use kernel::Error;

/// How often keys that are back to a full quota are dropped.
const EVICT_EVERY: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub struct AuthLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    trusted_proxies: Arc<Vec<IpNet>>,
}

impl AuthLimiter {
    pub fn per_minute(n: u32, trusted_proxies: Vec<IpNet>) -> Self {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        let limiter = Arc::new(RateLimiter::keyed(Quota::per_minute(n)));
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let weak = Arc::downgrade(&limiter);
            runtime.spawn(async move {
                let mut tick = tokio::time::interval(EVICT_EVERY);
                loop {
                    tick.tick().await;
                    // The router is gone (a test's app dropped): stop.
                    let Some(limiter) = weak.upgrade() else { return };
                    limiter.retain_recent();
                    limiter.shrink_to_fit();
                }
            });
        }
        Self { limiter, trusted_proxies: Arc::new(trusted_proxies) }
    }

    /// How many addresses are tracked right now.
    pub fn tracked(&self) -> usize {
        self.limiter.len()
    }
}

pub async fn limit(
    axum::extract::State(limiter): axum::extract::State<AuthLimiter>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    let ip = kernel::client_ip::resolve(&limiter.trusted_proxies, peer, request.headers());
    match limiter.limiter.check_key(&ip) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            metrics::counter!("auth_rate_limited_total").increment(1);
            Error::RateLimited { retry_after_secs: wait.as_secs().max(1) }.into_response()
        }
    }
}
