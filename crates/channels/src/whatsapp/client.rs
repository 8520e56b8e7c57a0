//! The WhatsApp Cloud API calls ConectCRM makes, for one business number.

use std::fmt;

use serde::Deserialize;
use serde_json::{Value, json};

use egress::Egress;

use super::{API, GRAPH_API_VERSION, MEDIA, OUTSIDE_WINDOW_CODE};
use crate::message::MediaKind;
use crate::{Error, phone, reason};

/// A Cloud API client for one business phone number.
#[derive(Clone)]
pub struct Client {
    base_url: String,
    access_token: String,
    phone_number_id: String,
    http: Egress,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("whatsapp::Client")
            .field("base_url", &self.base_url)
            .field("phone_number_id", &self.phone_number_id)
            .field("access_token", &"[hidden]")
            .finish()
    }
}

/// Whether a send failed because the customer last wrote more than 24 hours
/// ago: only an approved template may go now.
pub fn outside_window_error(e: &Error) -> bool {
    e.provider_code() == Some(OUTSIDE_WINDOW_CODE)
}

impl Client {
    /// `base_url` is [`super::GRAPH_BASE_URL`] in production.
    pub fn new(http: &Egress, base_url: &str, access_token: &str, phone_number_id: &str) -> Client {
        Client {
            base_url: egress::base_url(base_url),
            access_token: access_token.to_owned(),
            phone_number_id: phone_number_id.to_owned(),
            http: http.clone(),
        }
    }

    /// Sends a free-form text, optionally as a reply to the customer's
    /// message `reply_to` (a wamid). Returns our message's wamid.
    pub async fn send_text(&self, to: &str, body: &str, reply_to: Option<&str>) -> Result<String, Error> {
        let mut message = self.envelope(to, "text");
        // Link previews would fetch any URL a customer or agent typed.
        message["text"] = json!({"body": body, "preview_url": false});
        if let Some(id) = reply_to {
            message["context"] = json!({"message_id": id});
        }
        self.send(&message).await
    }

    /// Sends an approved template — the only kind of message allowed outside
    /// the 24-hour window. `body_params` fill `{{1}}`, `{{2}}`… in order.
    pub async fn send_template(
        &self,
        to: &str,
        name: &str,
        language: &str,
        body_params: &[String],
    ) -> Result<String, Error> {
        let mut message = self.envelope(to, "template");
        let mut template = json!({"name": name, "language": {"code": language}});
        if !body_params.is_empty() {
            let parameters: Vec<Value> =
                body_params.iter().map(|p| json!({"type": "text", "text": p})).collect();
            template["components"] = json!([{"type": "body", "parameters": parameters}]);
        }
        message["template"] = template;
        self.send(&message).await
    }

    /// Sends a file Meta downloads from `link` (a public or signed HTTPS
    /// URL). WhatsApp shows a caption under images, videos and documents
    /// only, and a file name for documents only; elsewhere they are left out
    /// rather than refused.
    pub async fn send_media(
        &self,
        to: &str,
        kind: MediaKind,
        link: &str,
        caption: Option<&str>,
        filename: Option<&str>,
    ) -> Result<String, Error> {
        let mut media = json!({"link": link});
        if let Some(caption) =
            caption.filter(|_| matches!(kind, MediaKind::Image | MediaKind::Video | MediaKind::Document))
        {
            media["caption"] = json!(caption);
        }
        if let Some(filename) = filename.filter(|_| kind == MediaKind::Document) {
            media["filename"] = json!(filename);
        }
        let mut message = self.envelope(to, kind.as_str());
        message[kind.as_str()] = media;
        self.send(&message).await
    }

    /// Where to download a received media id, and its MIME type. The URL is
    /// short-lived (minutes) and needs the token: fetch it with
    /// [`Client::download`] right away.
    pub async fn media_url(&self, media_id: &str) -> Result<(String, Option<String>), Error> {
        #[derive(Deserialize)]
        struct Media {
            url: String,
            mime_type: Option<String>,
        }
        let url = format!("{}/{GRAPH_API_VERSION}/{}", self.base_url, egress::path_segment(media_id));
        let request = self.http.get(&url).bearer_auth(&self.access_token);
        let media: Media = self.http.send_json(request, API, error_message).await?;
        Ok((media.url, media.mime_type))
    }

    /// Downloads a media URL returned by [`Client::media_url`], of at most
    /// `max_bytes`. The access token goes with the request, so only the
    /// Graph host this client calls and Meta's media hosts are fetched;
    /// any other URL is refused without a connection.
    pub async fn download(&self, url: &str, max_bytes: usize) -> Result<Vec<u8>, Error> {
        if !(egress::same_host(url, &self.base_url) || MEDIA.contains(url)) {
            return Err(Error::Egress(egress::Error::Refused));
        }
        let request = self.http.get(url).bearer_auth(&self.access_token);
        Ok(self.http.download(request, MEDIA, max_bytes, error_message).await?.body)
    }

    /// Proves the token and number work (the "test connection" button):
    /// reading the number changes nothing.
    pub async fn check(&self) -> Result<(), Error> {
        let url =
            format!("{}/{GRAPH_API_VERSION}/{}", self.base_url, egress::path_segment(&self.phone_number_id));
        let request = self.http.get(&url).bearer_auth(&self.access_token);
        self.http.send(request, API, error_message).await?;
        Ok(())
    }

    fn envelope(&self, to: &str, kind: &str) -> Value {
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": phone::digits(to),
            "type": kind,
        })
    }

    async fn send(&self, message: &Value) -> Result<String, Error> {
        #[derive(Deserialize)]
        struct Sent {
            #[serde(default)]
            messages: Vec<SentMessage>,
        }
        #[derive(Deserialize)]
        struct SentMessage {
            id: String,
        }
        let url = format!(
            "{}/{GRAPH_API_VERSION}/{}/messages",
            self.base_url,
            egress::path_segment(&self.phone_number_id)
        );
        let request = self.http.post(&url).bearer_auth(&self.access_token).json(message);
        let sent: Sent = self.http.send_json(request, API, error_message).await?;
        sent.messages
            .into_iter()
            .next()
            .map(|m| m.id)
            .ok_or_else(|| Error::Decode("the Cloud API accepted the message but returned no id".into()))
    }
}

/// Graph errors read `{"error": {"message", "type", "code", "error_data":
/// {"details"}}}`; the details say what the terse message does not.
fn error_message(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        error: Detail,
    }
    #[derive(Deserialize)]
    struct Detail {
        message: Option<String>,
        code: Option<u64>,
        #[serde(rename = "type")]
        kind: Option<String>,
        error_data: Option<ErrorData>,
    }
    #[derive(Deserialize)]
    struct ErrorData {
        details: Option<String>,
    }
    let detail = serde_json::from_slice::<Body>(body).ok()?.error;
    let text = detail.message.or(detail.kind);
    let details = detail.error_data.and_then(|d| d.details).filter(|d| Some(d) != text.as_ref());
    let text = match (text, details) {
        (Some(text), Some(details)) => Some(format!("{text}: {details}")),
        (text, details) => text.or(details),
    };
    reason(detail.code, text.as_deref())
}
