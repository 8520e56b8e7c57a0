//! OpenAI's Chat Completions with Structured Outputs (`response_format`
//! `json_schema`, strict), and servers that speak the same API (Ollama,
//! llama.cpp, vLLM) at a base URL the operator allowed.

use std::fmt;
use std::time::Duration;

use egress::{Egress, Scope};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{BUDGET, Call, JsonAnswer, JsonRequest, LlmError, LlmProvider, base_or, json_body, model_or};
use crate::TriageEngine as Engine;

pub const API_BASE_URL: &str = "https://api.openai.com";

/// Where calls may go without the operator's say-so.
pub const API: Scope = Scope(&["api.openai.com"]);

pub const DEFAULT_MODEL: &str = "gpt-4o-mini";

#[derive(Clone)]
pub struct OpenAiClient {
    egress: Egress,
    api_key: String,
    model: String,
    base_url: String,
    budget: Duration,
}

impl fmt::Debug for OpenAiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenAiClient")
            .field("model", &self.model)
            .field("base_url", &self.base_url)
            .field("api_key", &"[hidden]")
            .finish()
    }
}

impl OpenAiClient {
    /// An empty `model` is [`DEFAULT_MODEL`]; no `base_url` is
    /// [`API_BASE_URL`]. An empty `api_key` sends no `Authorization` (a
    /// local server may need none).
    pub fn new(egress: Egress, api_key: &str, model: &str, base_url: Option<&str>) -> OpenAiClient {
        OpenAiClient {
            egress,
            api_key: api_key.trim().to_owned(),
            model: model_or(model, DEFAULT_MODEL),
            // Compatible servers are usually given as ".../v1" (Ollama's
            // docs, llama.cpp's): the path below adds it.
            base_url: base_or(base_url, API_BASE_URL).trim_end_matches("/v1").to_owned(),
            budget: BUDGET,
        }
    }

    /// A budget other than [`BUDGET`] for the whole call.
    pub fn with_timeout(mut self, budget: Duration) -> OpenAiClient {
        self.budget = budget;
        self
    }

    fn body(&self, request: &JsonRequest) -> Value {
        let mut body = json!({
            "model": self.model,
            "messages": [
                {"role": "system", "content": request.system},
                {"role": "user", "content": request.user},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "strict": true, "schema": request.schema},
            },
        });
        // OpenAI deprecated `max_tokens` for `max_completion_tokens` (which
        // its reasoning models require); compatible servers read the old name.
        let limit = if egress::same_host(&self.base_url, API_BASE_URL) {
            "max_completion_tokens"
        } else {
            "max_tokens"
        };
        body[limit] = json!(request.max_tokens);
        body
    }
}

#[derive(Deserialize)]
struct Completion {
    #[serde(default)]
    model: Option<String>,
    choices: Vec<Choice>,
    #[serde(default)]
    usage: Option<Tokens>,
}

#[derive(Deserialize)]
struct Choice {
    message: Message,
    #[serde(default)]
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    refusal: Option<String>,
}

#[derive(Deserialize, Default)]
struct Tokens {
    #[serde(default)]
    prompt_tokens: u32,
    #[serde(default)]
    completion_tokens: u32,
}

#[async_trait::async_trait]
impl LlmProvider for OpenAiClient {
    fn engine(&self) -> Engine {
        Engine::Openai
    }

    fn model(&self) -> &str {
        &self.model
    }

    async fn complete(&self, request: &JsonRequest) -> Result<JsonAnswer, LlmError> {
        let call = Call {
            egress: &self.egress,
            scope: API,
            engine: Engine::Openai,
            model: &self.model,
            budget: self.budget,
        };
        let url = format!("{}/v1/chat/completions", self.base_url);
        let body = self.body(request);
        let answer = call
            .send(
                || {
                    let builder = self.egress.post(&url).json(&body);
                    if self.api_key.is_empty() { builder } else { builder.bearer_auth(&self.api_key) }
                },
                error_message,
            )
            .await?;
        let completion: Completion = json_body(&answer)?;
        let choice = completion
            .choices
            .into_iter()
            .next()
            .ok_or_else(|| LlmError::Malformed("sem escolhas".into()))?;
        if choice.message.refusal.is_some_and(|r| !r.trim().is_empty()) {
            return Err(LlmError::Refused);
        }
        match choice.finish_reason.as_deref() {
            Some("length") => return Err(LlmError::Truncated),
            Some("content_filter") => return Err(LlmError::Refused),
            _ => {}
        }
        let content = choice.message.content.ok_or_else(|| LlmError::Malformed("sem conteúdo".into()))?;
        let value: Value = json_body(content.as_bytes())?;
        let tokens = completion.usage.unwrap_or_default();
        let answer = JsonAnswer {
            value,
            model: completion.model.filter(|m| !m.is_empty()).unwrap_or_else(|| self.model.clone()),
            input_tokens: tokens.prompt_tokens,
            output_tokens: tokens.completion_tokens,
        };
        call.answered(&answer);
        Ok(answer)
    }
}

/// OpenAI errors read `{"error": {"message": "..."}}`; some compatible
/// servers write `{"error": "..."}`.
fn error_message(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let error = value.get("error")?;
    let message = error.get("message").unwrap_or(error).as_str()?.trim();
    (!message.is_empty()).then(|| message.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn client(base_url: Option<&str>) -> OpenAiClient {
        let egress = Egress::new(egress::HostList::default()).unwrap();
        OpenAiClient::new(egress, "sk-test", "", base_url)
    }

    fn request() -> JsonRequest {
        JsonRequest {
            system: "s".into(),
            user: "u".into(),
            schema_name: "x",
            schema: json!({"type": "object"}),
            max_tokens: 42,
        }
    }

    #[test]
    fn openai_gets_max_completion_tokens_and_compatible_servers_max_tokens() {
        let body = client(None).body(&request());
        assert_eq!(body["max_completion_tokens"], 42);
        assert!(body.get("max_tokens").is_none());
        assert_eq!(body["model"], DEFAULT_MODEL);
        assert_eq!(body["response_format"]["json_schema"]["strict"], true);
        let body = client(Some("http://ollama.internal:11434/")).body(&request());
        assert_eq!(body["max_tokens"], 42);
        assert!(body.get("max_completion_tokens").is_none());
    }

    #[test]
    fn a_base_url_given_with_v1_is_not_doubled() {
        assert_eq!(client(Some("http://ollama.internal:11434/v1")).base_url, "http://ollama.internal:11434");
        assert_eq!(client(Some("http://ollama.internal:11434/v1/")).base_url, "http://ollama.internal:11434");
        assert_eq!(client(None).base_url, API_BASE_URL);
    }

    #[test]
    fn error_messages_come_from_the_error_json_only() {
        assert_eq!(
            error_message(br#"{"error": {"message": "Invalid API key", "type": "x"}}"#).unwrap(),
            "Invalid API key"
        );
        assert_eq!(error_message(br#"{"error": "model not found"}"#).unwrap(), "model not found");
        assert_eq!(error_message(b"<html>bad gateway</html>"), None);
    }
}
