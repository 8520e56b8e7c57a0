//! `X-Twilio-Signature`: base64 of HMAC-SHA1 keyed with the auth token, over
//! the full webhook URL followed by every POST parameter as `key + value`,
//! sorted by key.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use subtle::ConstantTimeEq;

type HmacSha1 = Hmac<Sha1>;

/// The signature Twilio computes for a request to `url` with form `params`.
/// `url` is the exact URL configured at Twilio, query string included.
pub fn signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    // Twilio's own libraries sort by key, then by value for repeated keys,
    // and count a repeated pair once.
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    sorted.dedup();
    // HMAC takes keys of any length, so this constructor cannot fail.
    let Ok(mut mac) = HmacSha1::new_from_slice(auth_token.as_bytes()) else {
        return String::new();
    };
    mac.update(url.as_bytes());
    for (key, value) in sorted {
        mac.update(key.as_bytes());
        mac.update(value.as_bytes());
    }
    STANDARD.encode(mac.finalize().into_bytes())
}

/// Whether `X-Twilio-Signature` signs this request. Behind a proxy the URL
/// Twilio called may differ from ours in the default port only, so both
/// spellings are tried, as Twilio's own libraries do. An empty auth token
/// accepts nothing.
pub fn verify_signature(
    header: Option<&str>,
    auth_token: &str,
    url: &str,
    params: &[(String, String)],
) -> bool {
    let Some(header) = header.map(str::trim) else {
        return false;
    };
    if auth_token.is_empty() || header.is_empty() {
        return false;
    }
    let mut matched = false;
    for candidate in url_spellings(url) {
        // Constant-time, and every spelling is checked, so timing reveals
        // neither how much of a forgery was right nor which URL matched.
        matched |= bool::from(signature(auth_token, &candidate, params).as_bytes().ct_eq(header.as_bytes()));
    }
    matched
}

/// The URL as given, and with its default port added or removed.
fn url_spellings(url: &str) -> Vec<String> {
    let mut out = vec![url.to_owned()];
    let Some((scheme, rest)) = url.split_once("://") else {
        return out;
    };
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "https" => "443",
        "http" => "80",
        _ => return out,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    // The port follows the last ':' after any userinfo and IPv6 brackets.
    let host_start = authority.rfind('@').map_or(0, |at| at + 1);
    let host = &authority[host_start..];
    let port_at = host.rfind(':').filter(|&colon| !host[colon..].contains(']'));
    let other = match port_at {
        Some(colon) => format!("{scheme}://{}{}{tail}", &authority[..host_start], &host[..colon]),
        None => format!("{scheme}://{authority}:{default_port}{tail}"),
    };
    out.push(other);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ports_are_added_or_removed() {
        assert_eq!(
            url_spellings("https://a.example/hooks?x=1"),
            ["https://a.example/hooks?x=1", "https://a.example:443/hooks?x=1"]
        );
        assert_eq!(
            url_spellings("https://a.example:443/h"),
            ["https://a.example:443/h", "https://a.example/h"]
        );
        assert_eq!(
            url_spellings("http://u:p@a.example:8080"),
            ["http://u:p@a.example:8080", "http://u:p@a.example"]
        );
        assert_eq!(url_spellings("http://[::1]/h"), ["http://[::1]/h", "http://[::1]:80/h"]);
        assert_eq!(url_spellings("not a url"), ["not a url"]);
    }
}
