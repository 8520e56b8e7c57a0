//! Anthropic's Messages API. The JSON answer is forced through a tool: the
//! schema is the tool's `input_schema`, `tool_choice` names it, and the
//! answer is the `tool_use` block's `input`.

use std::fmt;
use std::time::Duration;

use egress::{Egress, Scope};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{BUDGET, Call, JsonAnswer, JsonRequest, LlmError, LlmProvider, base_or, json_body, model_or};
use crate::TriageEngine as Engine;

pub const API_BASE_URL: &str = "https://api.anthropic.com";

/// Where calls may go without the operator's say-so.
pub const API: Scope = Scope(&["api.anthropic.com"]);

pub const DEFAULT_MODEL: &str = "claude-3-5-haiku-latest";

/// The Messages API version this client speaks.
pub const API_VERSION: &str = "2023-06-01";

#[derive(Clone)]
pub struct AnthropicClient {
    egress: Egress,
    api_key: String,
    model: String,
    base_url: String,
    budget: Duration,
}

impl fmt::Debug for AnthropicClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnthropicClient")
            .field("model", &self.model)
            .field("base_url", &self.base_url)
            .field("api_key", &"[hidden]")
            .finish()
    }
}

impl AnthropicClient {
    /// An empty `model` is [`DEFAULT_MODEL`]; no `base_url` is
    /// [`API_BASE_URL`].
    pub fn new(egress: Egress, api_key: &str, model: &str, base_url: Option<&str>) -> AnthropicClient {
        AnthropicClient {
            egress,
            api_key: api_key.trim().to_owned(),
            model: model_or(model, DEFAULT_MODEL),
            base_url: base_or(base_url, API_BASE_URL),
            budget: BUDGET,
        }
    }

    /// A budget other than [`BUDGET`] for the whole call.
    pub fn with_timeout(mut self, budget: Duration) -> AnthropicClient {
        self.budget = budget;
        self
    }

    fn body(&self, request: &JsonRequest) -> Value {
        json!({
            "model": self.model,
            "max_tokens": request.max_tokens,
            "system": request.system,
            "messages": [{"role": "user", "content": request.user}],
            "tools": [{
                "name": request.schema_name,
                "description": "Registra a resposta no formato pedido.",
                "input_schema": request.schema,
            }],
            "tool_choice": {"type": "tool", "name": request.schema_name},
        })
    }
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    content: Vec<Block>,
    #[serde(default)]
    stop_reason: Option<String>,
    #[serde(default)]
    usage: Option<Tokens>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Block {
    #[serde(rename = "tool_use")]
    ToolUse { name: String, input: Value },
    #[serde(other)]
    Other,
}

#[derive(Deserialize, Default)]
struct Tokens {
    #[serde(default)]
    input_tokens: u32,
    #[serde(default)]
    output_tokens: u32,
}

#[async_trait::async_trait]
impl LlmProvider for AnthropicClient {
    fn engine(&self) -> Engine {
        Engine::Claude
    }

    fn model(&self) -> &str {
        &self.model
    }

    async fn complete(&self, request: &JsonRequest) -> Result<JsonAnswer, LlmError> {
        let call = Call {
            egress: &self.egress,
            scope: API,
            engine: Engine::Claude,
            model: &self.model,
            budget: self.budget,
        };
        let url = format!("{}/v1/messages", self.base_url);
        let body = self.body(request);
        let answer = call
            .send(
                || {
                    self.egress
                        .post(&url)
                        .header("x-api-key", &self.api_key)
                        .header("anthropic-version", API_VERSION)
                        .json(&body)
                },
                error_message,
            )
            .await?;
        let message: Message = json_body(&answer)?;
        match message.stop_reason.as_deref() {
            Some("refusal") => return Err(LlmError::Refused),
            Some("max_tokens" | "model_context_window_exceeded") => return Err(LlmError::Truncated),
            _ => {}
        }
        let value = message
            .content
            .into_iter()
            .find_map(|block| match block {
                Block::ToolUse { name, input } if name == request.schema_name => Some(input),
                _ => None,
            })
            .ok_or_else(|| LlmError::Malformed("sem a ferramenta pedida".into()))?;
        let tokens = message.usage.unwrap_or_default();
        let answer = JsonAnswer {
            value,
            model: message.model.filter(|m| !m.is_empty()).unwrap_or_else(|| self.model.clone()),
            input_tokens: tokens.input_tokens,
            output_tokens: tokens.output_tokens,
        };
        call.answered(&answer);
        Ok(answer)
    }
}

/// Anthropic errors read `{"type": "error", "error": {"type": "...",
/// "message": "..."}}`.
fn error_message(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Body {
        error: Detail,
    }
    #[derive(Deserialize)]
    struct Detail {
        message: String,
    }
    let message = serde_json::from_slice::<Body>(body).ok()?.error.message;
    let message = message.trim();
    (!message.is_empty()).then(|| message.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn error_messages_come_from_the_error_json_only() {
        let body = br#"{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#;
        assert_eq!(error_message(body).unwrap(), "Overloaded");
        assert_eq!(error_message(b"upstream connect error"), None);
    }
}
