//! Who is on the other end of a request. `X-Forwarded-For` is anyone's to
//! write, so it is read only when the TCP peer is one of our own reverse
//! proxies (`TRUSTED_PROXIES`); then the client is the rightmost address
//! that is not a trusted proxy (every hop to its left was written by that
//! client or by proxies it chose). Used by the auth rate limit and for the
//! IP recorded on a proposal acceptance.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;

use crate::app::App;
use crate::error::Error;

pub fn resolve(trusted: &[IpNet], peer: IpAddr, headers: &HeaderMap) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    // Several X-Forwarded-For headers are one list, in order.
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|hop| hop.trim().parse().ok())
        .collect();
    hops.iter().rev().find(|ip| !is_trusted(ip)).or(hops.first()).copied().unwrap_or(peer)
}

/// The client's address as [`resolve`] finds it.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S> FromRequestParts<S> for ClientIp
where
    App: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let app = App::from_ref(state);
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .ok_or_else(|| Error::internal("the server runs without connect info"))?;
        Ok(ClientIp(resolve(&app.config.trusted_proxies, peer, &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", xff.parse().expect("header"));
        h
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().expect("cidr")];
        let outsider: IpAddr = "203.0.113.9".parse().expect("ip");
        let proxy: IpAddr = "10.0.0.2".parse().expect("ip");
        assert_eq!(resolve(&trusted, outsider, &headers("1.2.3.4")), outsider, "spoofed by the client");
        assert_eq!(resolve(&[], proxy, &headers("1.2.3.4")), proxy, "no proxy configured");
        let client: IpAddr = "198.51.100.7".parse().expect("ip");
        // The client wrote a fake first hop; our proxy appended the real one.
        assert_eq!(resolve(&trusted, proxy, &headers("1.2.3.4, 198.51.100.7")), client);
        assert_eq!(resolve(&trusted, proxy, &headers("198.51.100.7, 10.0.0.5")), client, "two proxies");
        assert_eq!(resolve(&trusted, proxy, &headers("garbage")), proxy);
    }
}
