//! The Twilio Messages API calls ConectCRM makes, for one account.

use std::fmt;

use serde::Deserialize;

use egress::Egress;

use super::{API, MEDIA, OUTSIDE_WINDOW_CODE};
use crate::{Error, reason};

/// A Twilio client for one account, authenticated with HTTP Basic
/// `account_sid:auth_token`.
#[derive(Clone)]
pub struct Client {
    base_url: String,
    account_sid: String,
    auth_token: String,
    http: Egress,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("twilio::Client")
            .field("base_url", &self.base_url)
            .field("account_sid", &self.account_sid)
            .field("auth_token", &"[hidden]")
            .finish()
    }
}

/// Whether a send was refused because the WhatsApp 24-hour window is closed.
/// Twilio usually reports this later, in a status callback: see
/// [`super::outside_window_status`].
pub fn outside_window_error(e: &Error) -> bool {
    e.provider_code() == Some(OUTSIDE_WINDOW_CODE)
}

impl Client {
    /// `base_url` is [`super::API_BASE_URL`] in production.
    pub fn new(http: &Egress, base_url: &str, account_sid: &str, auth_token: &str) -> Client {
        Client {
            base_url: egress::base_url(base_url),
            account_sid: account_sid.to_owned(),
            auth_token: auth_token.to_owned(),
            http: http.clone(),
        }
    }

    /// Sends an SMS, or a WhatsApp message when `from` and `to` are written
    /// `whatsapp:+55…`. Returns the message SID (`SM…`); its delivery is
    /// reported to `status_callback`.
    pub async fn send(
        &self,
        from: &str,
        to: &str,
        body: &str,
        media_url: Option<&str>,
        status_callback: Option<&str>,
    ) -> Result<String, Error> {
        #[derive(Deserialize)]
        struct Sent {
            sid: String,
        }
        let mut form = vec![("From", from), ("To", to)];
        // Twilio needs a Body or a MediaUrl, and shows an empty Body as such.
        if !body.is_empty() || media_url.is_none() {
            form.push(("Body", body));
        }
        form.extend(media_url.map(|url| ("MediaUrl", url)));
        form.extend(status_callback.map(|url| ("StatusCallback", url)));
        let url = format!(
            "{}/2010-04-01/Accounts/{}/Messages.json",
            self.base_url,
            egress::path_segment(&self.account_sid)
        );
        let request = self.http.post(&url).basic_auth(&self.account_sid, Some(&self.auth_token)).form(&form);
        let sent: Sent = self.http.send_json(request, API, error_message).await?;
        Ok(sent.sid)
    }

    /// Downloads a received `MediaUrl{N}` of at most `max_bytes`. The URL
    /// comes from a webhook anyone holding the auth token can sign, so only
    /// this client's API host (with HTTP Basic, which accounts may require
    /// for media) and Twilio's media CDN (without) are fetched; anything
    /// else is refused without a connection. Twilio answers with a redirect
    /// to storage, on which the credentials are dropped (another host).
    pub async fn download(&self, url: &str, max_bytes: usize) -> Result<Vec<u8>, Error> {
        let request = if egress::same_host(url, &self.base_url) {
            self.http.get(url).basic_auth(&self.account_sid, Some(&self.auth_token))
        } else if MEDIA.contains(url) {
            self.http.get(url)
        } else {
            return Err(Error::Egress(egress::Error::Refused));
        };
        Ok(self.http.download(request, MEDIA, max_bytes, error_message).await?.body)
    }

    /// Proves the credentials work (the "test connection" button): reading
    /// the account changes nothing.
    pub async fn check(&self) -> Result<(), Error> {
        let url =
            format!("{}/2010-04-01/Accounts/{}.json", self.base_url, egress::path_segment(&self.account_sid));
        let request = self.http.get(&url).basic_auth(&self.account_sid, Some(&self.auth_token));
        self.http.send(request, API, error_message).await?;
        Ok(())
    }
}

/// Twilio errors read `{"code": 21211, "message": "...", "status": 400}`.
fn error_message(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        code: Option<u64>,
        message: Option<String>,
    }
    let body = serde_json::from_slice::<Body>(body).ok()?;
    reason(body.code, body.message.as_deref())
}
