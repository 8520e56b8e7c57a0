//! Host lists: a provider's documented hosts, and the operator's
//! `EGRESS_ALLOW_HOSTS`.

use std::net::IpAddr;

use url::{Host, Url};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Name {
    Ip(IpAddr),
    Exact(String),
    /// `*.twiliocdn.com`: any name ending in `.twiliocdn.com`.
    Suffix(String),
}

/// One `host`, `host:port` or `*.domain` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: Name,
    port: Option<u16>,
}

/// A list of hosts, each optionally limited to one port.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostList(Vec<Entry>);

/// An entry of a host list that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a host, host:port or *.domain")]
pub struct BadHost(pub String);

impl HostList {
    /// Reads entries such as `api.example.com`, `127.0.0.1:8080`,
    /// `[::1]:9000` or `*.example.com`; blanks are skipped.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<HostList, BadHost> {
        let mut list = Vec::new();
        for raw in entries {
            let raw = raw.as_ref().trim();
            if raw.is_empty() {
                continue;
            }
            list.push(entry(raw).ok_or_else(|| BadHost(raw.to_owned()))?);
        }
        Ok(HostList(list))
    }

    /// Reads a comma-separated list, the form of `EGRESS_ALLOW_HOSTS`.
    pub fn parse_csv(value: &str) -> Result<HostList, BadHost> {
        HostList::parse(&value.split(',').collect::<Vec<_>>())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the list names this URL's host and port.
    pub fn allows(&self, url: &Url) -> bool {
        let Some(host) = url.host() else { return false };
        let port = url.port_or_known_default();
        self.0.iter().any(|e| e.port.is_none_or(|p| Some(p) == port) && matches(&e.name, &host))
    }

    /// Whether the list names this host at all, whatever the port. The
    /// resolver sees names without ports, so such a name resolves to
    /// anything; [`crate::Egress`] refuses its other ports before that.
    pub(crate) fn names(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.0.iter().any(|e| matches(&e.name, &Host::Domain(host.as_str())))
    }
}

fn matches(name: &Name, host: &Host<&str>) -> bool {
    match (name, host) {
        (Name::Ip(ip), Host::Ipv4(v4)) => *ip == IpAddr::V4(*v4),
        (Name::Ip(ip), Host::Ipv6(v6)) => *ip == IpAddr::V6(*v6),
        (Name::Exact(name), Host::Domain(d)) => d.trim_end_matches('.').eq_ignore_ascii_case(name),
        (Name::Suffix(suffix), Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d.len() > suffix.len() + 1
                && d.ends_with(suffix.as_str())
                && d[..d.len() - suffix.len()].ends_with('.')
        }
        _ => false,
    }
}

fn entry(raw: &str) -> Option<Entry> {
    // Parsing as a URL's authority normalises names and IPs the way the
    // URLs they are compared with are normalised.
    let (wildcard, rest) = match raw.strip_prefix("*.") {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let url = Url::parse(&format!("http://{rest}/")).ok()?;
    if !url.username().is_empty() || url.password().is_some() || url.path() != "/" {
        return None;
    }
    // `Url` hides a port equal to the scheme's default; an entry of
    // `host:80` still means that port only.
    let port = match url.port() {
        Some(port) => Some(port),
        None if rest.ends_with(":80") => Some(80),
        None => None,
    };
    let name = match url.host()? {
        Host::Ipv4(ip) if !wildcard => Name::Ip(IpAddr::V4(ip)),
        Host::Ipv6(ip) if !wildcard => Name::Ip(IpAddr::V6(ip)),
        Host::Domain(d) if wildcard => Name::Suffix(d.to_ascii_lowercase()),
        Host::Domain(d) => Name::Exact(d.trim_end_matches('.').to_ascii_lowercase()),
        _ => return None,
    };
    Some(Entry { name, port })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn entries_name_hosts_ports_and_subdomains() {
        let list =
            HostList::parse_csv(" api.example.com, 127.0.0.1:8080,[::1]:9000 ,*.twiliocdn.com,proxy:80,")
                .unwrap();
        assert!(list.allows(&url("https://api.example.com/v1")));
        assert!(list.allows(&url("http://API.example.com:9999/")));
        assert!(list.allows(&url("http://127.0.0.1:8080/x")));
        assert!(!list.allows(&url("http://127.0.0.1:8081/x")));
        assert!(!list.allows(&url("http://127.0.0.1/x")));
        assert!(list.allows(&url("http://[::1]:9000/")));
        assert!(!list.allows(&url("http://[::1]:9001/")));
        assert!(list.allows(&url("https://mms.twiliocdn.com/a")));
        assert!(!list.allows(&url("https://twiliocdn.com/a")));
        assert!(!list.allows(&url("https://eviltwiliocdn.com/a")));
        assert!(list.allows(&url("http://proxy/")));
        assert!(!list.allows(&url("https://proxy/")));
        assert!(!list.allows(&url("https://other.example.com/")));
        assert!(list.names("api.example.com"));
        assert!(!list.names("127.0.0.1"));
    }

    #[test]
    fn malformed_entries_are_refused() {
        for bad in ["http://x.com", "user@x.com", "x.com/path", "*.127.0.0.1", "a b"] {
            assert!(HostList::parse(&[bad]).is_err(), "{bad}");
        }
    }
}
