//! Every outbound HTTP call ConectCRM makes goes through one [`Egress`]:
//! provider APIs (the LLM providers' included), media downloads and
//! outgoing webhooks.
//!
//! A tenant admin chooses a channel's or gateway's base URL, and a webhook
//! sender chooses a media URL, so without a policy the server fetches
//! whatever a tenant points it at: its own loopback services, the private
//! network, the cloud metadata endpoint. The policy, on every call:
//!
//! - the first URL's host must be one of the provider's documented hosts
//!   (`https`, default port) or one the operator listed in
//!   `EGRESS_ALLOW_HOSTS`;
//! - every connection, on every redirect hop, goes to a public address: the
//!   resolver drops loopback, private, link-local, CGNAT, multicast,
//!   documentation and similar ranges (IPv4-mapped IPv6 forms included), and
//!   literal-IP URLs — which never reach a resolver — are checked before the
//!   first request and on each redirect. Only hosts the operator listed may
//!   be internal (that is how a local test double or an internal proxy is
//!   reached);
//! - at most [`MAX_REDIRECTS`] redirects; reqwest drops `Authorization` when
//!   one changes host or port, so credentials stay with their host;
//! - connect and total timeouts, and a size cap while the body streams in;
//! - errors name the failure class and never carry the remote body or the
//!   socket error, so a caller cannot use them to read internal answers or
//!   probe ports.
//!
//! Proxies from the environment are ignored: a proxy would make the
//! connection for us, past the resolver's check.

mod address;
mod hosts;

use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::HeaderMap;
use reqwest::{Response, StatusCode, Url};
use serde::de::DeserializeOwned;

pub use address::is_public;
pub use hosts::{BadHost, HostList};
pub use reqwest::{Method, RequestBuilder};

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 3;

/// The largest API answer read; provider JSON is far smaller.
pub const MAX_API_ANSWER: usize = 1024 * 1024;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Long enough for a slow provider, short enough that a stuck call does not
/// hold a worker (callers retry retryable errors later).
const API_TIMEOUT: Duration = Duration::from_secs(20);

/// A media file of a few megabytes on a slow link.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(60);

/// Why a call failed. The texts are what a user may be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The URL's host is not allowed, or it leads (now or by a redirect) to
    /// an internal address. No connection was made to it.
    #[error("endereço não permitido")]
    Refused,
    /// No answer: DNS failure, connection refused, timeout, broken stream.
    #[error("o provedor não respondeu")]
    Unreachable,
    /// The answer was bigger than the caller's limit; reading stopped there.
    #[error("resposta grande demais")]
    TooLarge,
    /// The provider answered with a non-2xx status. `message` is the
    /// caller's reading of the provider's error JSON, else the status's
    /// reason phrase — never the raw body.
    #[error("o provedor respondeu {status}: {message}")]
    Status { status: u16, message: String },
    /// A 2xx answer that is not the JSON expected; says where it broke, not
    /// what it said.
    #[error("resposta ilegível do provedor ({0})")]
    Unreadable(String),
}

impl Error {
    /// Whether the same call can succeed later.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Unreachable => true,
            Error::Status { status, .. } => *status >= 500 || *status == 429,
            Error::Refused | Error::TooLarge | Error::Unreadable(_) => false,
        }
    }
}

/// An answer: its status, headers and body. Always 2xx, except from
/// [`Egress::send_any_status`].
#[derive(Debug)]
pub struct Answer {
    /// The status (a webhook's delivery log records it).
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// Where a call may go: the provider's documented hosts (`https` on the
/// default port), e.g. `&["api.twilio.com"]` or `&["*.twiliocdn.com"]`.
#[derive(Debug, Clone, Copy)]
pub struct Scope(pub &'static [&'static str]);

impl Scope {
    /// Any host over `https` on the default port: for a URL a company chose
    /// itself (its automation webhooks). Internal addresses stay refused on
    /// every hop, as for any scope.
    pub const ANY_PUBLIC_HTTPS: Scope = Scope(&["*"]);

    /// Whether `url` is on one of these hosts, over `https` on the default
    /// port — not counting the operator's list.
    pub fn contains(&self, url: &str) -> bool {
        Url::parse(url).is_ok_and(|url| in_scope(&url, *self))
    }
}

/// The shared client and the operator's allow-list. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Egress {
    client: reqwest::Client,
    /// The same policy, following no redirect ([`Egress::send_any_status`]):
    /// an API key in a header other than `Authorization` (`x-api-key`) would
    /// be carried to a redirect's host.
    no_redirects: reqwest::Client,
    operator: Arc<HostList>,
}

/// Marks a refusal inside reqwest's error chain (from the resolver or the
/// redirect policy), so it is told apart from a plain connection failure.
#[derive(Debug)]
struct Blocked;

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("internal or not allowed address")
    }
}

impl std::error::Error for Blocked {}

struct GuardedResolver {
    operator: Arc<HostList>,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let trusted = self.operator.names(&host);
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            // Checking the addresses we then connect to (not a second
            // lookup) leaves no gap for DNS rebinding.
            let allowed: Vec<_> = found.filter(|a| trusted || is_public(a.ip())).collect();
            if allowed.is_empty() {
                return Err(Box::new(Blocked) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

impl Egress {
    /// The client for the whole process; `operator` is `EGRESS_ALLOW_HOSTS`.
    /// Fails only when the HTTP stack cannot start — never silently falls
    /// back to an unguarded client.
    pub fn new(operator: HostList) -> Result<Egress, reqwest::Error> {
        let operator = Arc::new(operator);
        let for_redirects = operator.clone();
        let redirects = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > MAX_REDIRECTS {
                attempt.error(Blocked)
            } else if may_connect(&for_redirects, attempt.url()) {
                attempt.follow()
            } else {
                attempt.error(Blocked)
            }
        });
        // Providers speak https only. One TLS backend for the whole binary
        // (aws-lc-rs, as sqlx and lettre use): reqwest asks rustls for the
        // process default, which is installed here when nobody did before.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let builder = || {
            reqwest::Client::builder()
                .user_agent("ConectCRM")
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(API_TIMEOUT)
                .no_proxy()
                .dns_resolver(Arc::new(GuardedResolver { operator: operator.clone() }))
        };
        let client = builder().redirect(redirects).build()?;
        let no_redirects = builder().redirect(reqwest::redirect::Policy::none()).build()?;
        Ok(Egress { client, no_redirects, operator })
    }

    /// Starts a request; send it with [`Egress::send`] or
    /// [`Egress::download`], never on its own.
    pub fn get(&self, url: &str) -> RequestBuilder {
        self.client.get(url)
    }

    pub fn post(&self, url: &str) -> RequestBuilder {
        self.client.post(url)
    }

    pub fn request(&self, method: Method, url: &str) -> RequestBuilder {
        self.client.request(method, url)
    }

    /// Whether a call to `url` may start: its host is in `scope` (`https`,
    /// default port) or the operator's list, and, unless the operator listed
    /// it, it is not an internal address. Callers check a base URL a tenant
    /// types with this before storing it.
    pub fn check(&self, url: &str, scope: Scope) -> Result<Url, Error> {
        let url = Url::parse(url).map_err(|_| Error::Refused)?;
        let allowed = self.operator.allows(&url) || in_scope(&url, scope);
        if allowed && may_connect(&self.operator, &url) { Ok(url) } else { Err(Error::Refused) }
    }

    /// Sends an API call and returns a 2xx answer of at most
    /// [`MAX_API_ANSWER`] bytes. For any other status `error_message` reads
    /// the provider's explanation out of its error JSON.
    pub async fn send(
        &self,
        request: RequestBuilder,
        scope: Scope,
        error_message: fn(&[u8]) -> Option<String>,
    ) -> Result<Answer, Error> {
        self.execute(request, scope, MAX_API_ANSWER, API_TIMEOUT, error_message).await
    }

    /// [`Egress::send`], reading the 2xx answer's JSON as `T`.
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        request: RequestBuilder,
        scope: Scope,
        error_message: fn(&[u8]) -> Option<String>,
    ) -> Result<T, Error> {
        let answer = self.send(request, scope, error_message).await?;
        decode(&answer.body)
    }

    /// [`Egress::send`] for a caller that must read a non-2xx answer's
    /// headers (a 429's `Retry-After`): any status comes back as an
    /// [`Answer`] of at most [`MAX_API_ANSWER`] bytes, and the caller reads
    /// the provider's error JSON itself. Errors are only the failures before
    /// an answer (never [`Error::Status`]). It follows no redirect: a 3xx is
    /// the answer, so a key in any header stays with its host.
    pub async fn send_any_status(&self, request: RequestBuilder, scope: Scope) -> Result<Answer, Error> {
        let response = self.start(request, scope, API_TIMEOUT, false).await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = read(response, MAX_API_ANSWER).await?;
        Ok(Answer { status, headers, body })
    }

    /// Downloads a file of at most `max_bytes`, with a longer timeout.
    pub async fn download(
        &self,
        request: RequestBuilder,
        scope: Scope,
        max_bytes: usize,
        error_message: fn(&[u8]) -> Option<String>,
    ) -> Result<Answer, Error> {
        self.execute(request, scope, max_bytes, DOWNLOAD_TIMEOUT, error_message).await
    }

    async fn execute(
        &self,
        request: RequestBuilder,
        scope: Scope,
        max_bytes: usize,
        timeout: Duration,
        error_message: fn(&[u8]) -> Option<String>,
    ) -> Result<Answer, Error> {
        let response = self.start(request, scope, timeout, true).await?;
        let status = response.status();
        let headers = response.headers().clone();
        if status.is_success() {
            let body = read(response, max_bytes).await?;
            return Ok(Answer { status: status.as_u16(), headers, body });
        }
        // An error page may be large; only the provider's short JSON matters.
        let body = read(response, MAX_API_ANSWER.min(max_bytes)).await.unwrap_or_default();
        let message = error_message(&body).unwrap_or_else(|| reason(status));
        Err(Error::Status { status: status.as_u16(), message })
    }

    /// Checks the URL against the policy and sends; the answer's body is
    /// still unread.
    async fn start(
        &self,
        request: RequestBuilder,
        scope: Scope,
        timeout: Duration,
        follow_redirects: bool,
    ) -> Result<Response, Error> {
        let request = request.timeout(timeout).build().map_err(|_| Error::Refused)?;
        self.check(request.url().as_str(), scope)?;
        // Our clients only, whatever client built the request.
        let client = if follow_redirects { &self.client } else { &self.no_redirects };
        client.execute(request).await.map_err(classify)
    }
}

fn reason(status: StatusCode) -> String {
    status.canonical_reason().unwrap_or("sem explicação").to_owned()
}

fn in_scope(url: &Url, scope: Scope) -> bool {
    url.scheme() == "https"
        && url.port().is_none()
        && (scope.0 == Scope::ANY_PUBLIC_HTTPS.0
            || HostList::parse(scope.0).is_ok_and(|hosts| hosts.allows(url)))
}

/// The check made for every hop, first or redirected: literal IPs (which
/// reqwest connects to without asking the resolver) must be public unless
/// the operator listed that host and port; a name the operator listed only
/// with other ports is refused here, because the resolver (which sees no
/// port) would let it resolve anywhere.
fn may_connect(operator: &HostList, url: &Url) -> bool {
    if !matches!(url.scheme(), "http" | "https") {
        return false;
    }
    if operator.allows(url) {
        return true;
    }
    match url.host() {
        Some(url::Host::Ipv4(ip)) => is_public(ip.into()),
        Some(url::Host::Ipv6(ip)) => is_public(ip.into()),
        Some(url::Host::Domain(name)) => !operator.names(name),
        None => false,
    }
}

fn classify(error: reqwest::Error) -> Error {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = source {
        if e.is::<Blocked>() {
            return Error::Refused;
        }
        source = e.source();
    }
    Error::Unreachable
}

async fn read(mut response: Response, max_bytes: usize) -> Result<Vec<u8>, Error> {
    if response.content_length().is_some_and(|n| n > max_bytes as u64) {
        return Err(Error::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(classify)? {
        if body.len() + chunk.len() > max_bytes {
            return Err(Error::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Reads a 2xx answer's JSON. The error says where the JSON broke, never
/// what the answer said.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(body)
        .map_err(|e| Error::Unreadable(format!("linha {}, coluna {}", e.line(), e.column())))
}

/// The base URL without its trailing slashes, so paths can be appended.
pub fn base_url(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}

/// Whether `url` is on the same host and port as `base` — the only place
/// a provider's credentials may go.
pub fn same_host(url: &str, base: &str) -> bool {
    match (Url::parse(url), Url::parse(base)) {
        (Ok(url), Ok(base)) => {
            url.host() == base.host()
                && url.port_or_known_default() == base.port_or_known_default()
                && url.scheme() == base.scheme()
        }
        _ => false,
    }
}

/// Percent-encodes an id before it goes into a URL path, so an id can never
/// add path segments or a query string.
pub fn path_segment(id: &str) -> String {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const TWILIO: Scope = Scope(&["api.twilio.com"]);

    fn egress(operator: &str) -> Egress {
        Egress::new(HostList::parse_csv(operator).unwrap()).unwrap()
    }

    #[test]
    fn ids_cannot_escape_their_path_segment() {
        assert_eq!(path_segment("106540352242922"), "106540352242922");
        assert_eq!(path_segment("AC_1-2"), "AC_1-2");
        assert_eq!(path_segment("../x?y"), "%2E%2E%2Fx%3Fy");
    }

    #[test]
    fn any_public_https_still_refuses_internal_addresses_and_plain_http() {
        let e = egress("");
        let any = Scope::ANY_PUBLIC_HTTPS;
        assert!(e.check("https://hooks.example.com/conectcrm", any).is_ok());
        assert_eq!(e.check("http://hooks.example.com/", any), Err(Error::Refused));
        assert_eq!(e.check("https://hooks.example.com:8443/", any), Err(Error::Refused));
        assert_eq!(e.check("https://127.0.0.1/", any), Err(Error::Refused));
        assert_eq!(e.check("https://[::1]/", any), Err(Error::Refused));
        assert_eq!(e.check("https://169.254.169.254/latest", any), Err(Error::Refused));
    }

    #[test]
    fn provider_hosts_need_https_on_the_default_port() {
        let e = egress("");
        assert!(e.check("https://api.twilio.com/2010-04-01", TWILIO).is_ok());
        assert_eq!(e.check("http://api.twilio.com/", TWILIO), Err(Error::Refused));
        assert_eq!(e.check("https://api.twilio.com:8443/", TWILIO), Err(Error::Refused));
        assert_eq!(e.check("https://api.twilio.com.evil.com/", TWILIO), Err(Error::Refused));
        assert_eq!(e.check("https://example.com/", TWILIO), Err(Error::Refused));
        assert_eq!(e.check("file:///etc/passwd", TWILIO), Err(Error::Refused));
        assert_eq!(e.check("not a url", TWILIO), Err(Error::Refused));
    }

    #[test]
    fn internal_addresses_are_refused_unless_the_operator_lists_them() {
        let e = egress("");
        for url in [
            "http://127.0.0.1:8080/",
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:8080/",
            "http://[::ffff:127.0.0.1]:8080/",
            "http://localhost:8080/",
        ] {
            assert_eq!(e.check(url, TWILIO), Err(Error::Refused), "{url}");
        }
        let e = egress("127.0.0.1:8080,[::1],localhost:8080");
        assert!(e.check("http://127.0.0.1:8080/", TWILIO).is_ok());
        assert_eq!(e.check("http://127.0.0.1:8081/", TWILIO), Err(Error::Refused));
        assert!(e.check("http://[::1]:1234/", TWILIO).is_ok());
        assert!(e.check("http://localhost:8080/", TWILIO).is_ok());
        assert_eq!(e.check("http://localhost:8081/", TWILIO), Err(Error::Refused));
    }

    #[test]
    fn credentials_follow_only_their_host() {
        assert!(same_host("https://api.twilio.com/x", "https://api.twilio.com"));
        assert!(same_host("http://127.0.0.1:9/x", "http://127.0.0.1:9"));
        assert!(!same_host("http://127.0.0.1:10/x", "http://127.0.0.1:9"));
        assert!(!same_host("http://api.twilio.com/x", "https://api.twilio.com"));
        assert!(!same_host("https://mms.twiliocdn.com/x", "https://api.twilio.com"));
    }

    #[tokio::test]
    async fn names_resolving_to_internal_addresses_are_refused() {
        let resolve = |operator: &str, name: &str| {
            let resolver = GuardedResolver { operator: Arc::new(HostList::parse_csv(operator).unwrap()) };
            resolver.resolve(name.parse().unwrap())
        };
        let refused = resolve("", "localhost").await.err().unwrap();
        assert!(refused.is::<Blocked>(), "{refused}");
        let listed: Vec<_> = resolve("localhost:8080", "localhost").await.unwrap().collect();
        assert!(listed.iter().all(|a| a.ip().is_loopback()) && !listed.is_empty());
    }

    #[test]
    fn unreadable_answers_say_where_not_what() {
        let e = decode::<u64>(br#""segredo interno""#).unwrap_err();
        assert_eq!(e, Error::Unreadable("linha 1, coluna 17".into()));
        assert!(!e.to_string().contains("segredo"));
    }
}
