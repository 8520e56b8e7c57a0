//! The LLM clients against local servers that speak each provider's wire
//! format: what the request carries (path, key, version, the strict schema
//! or the forced tool, the model), and how every kind of answer reads —
//! a good triage, an invented category, a refusal, a cut answer, 429s with
//! short and long `Retry-After`, JSON that does not fit, a 500 and a
//! provider that never answers. Each scenario runs for both providers.
#![allow(clippy::unwrap_used)]

use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use ai::llm::{
    self, AnthropicClient, LlmError, LlmProvider, OpenAiClient, ProviderConfig, suggest_reply, summarise,
    triage,
};
use ai::sentiment::Sentiment;
use ai::{Intent, Priority, TriageEngine as Engine};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

const OPENAI_KEY: &str = "sk-proj-teste-123";
const CLAUDE_KEY: &str = "sk-ant-api03-teste";
const TEXT: &str = "Oi, meu boleto venceu e preciso da 2ª via, CPF [cpf]";

fn categories() -> Vec<String> {
    vec!["financeiro".into(), "suporte".into()]
}

/// The fake providers run on 127.0.0.1, which the operator allow-list must name.
fn egress() -> egress::Egress {
    egress::Egress::new(egress::HostList::parse(&["127.0.0.1"]).unwrap()).unwrap()
}

/// One scripted answer of the fake provider.
#[derive(Clone)]
struct Reply {
    status: u16,
    retry_after: Option<&'static str>,
    body: String,
    delay: Duration,
}

fn ok(body: Value) -> Reply {
    Reply { status: 200, retry_after: None, body: body.to_string(), delay: Duration::ZERO }
}

fn status(status: u16, body: Value) -> Reply {
    Reply { status, retry_after: None, body: body.to_string(), delay: Duration::ZERO }
}

/// What the fake provider received.
struct Seen {
    path: String,
    headers: HeaderMap,
    body: Value,
}

#[derive(Clone, Default)]
struct Fake {
    replies: Arc<Mutex<VecDeque<Reply>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    fn requests(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

async fn answer(State(fake): State<Fake>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    fake.seen.lock().unwrap().push(Seen { path: uri.path().to_owned(), headers, body });
    let reply = fake.replies.lock().unwrap().pop_front().expect("an unscripted request");
    tokio::time::sleep(reply.delay).await;
    let mut response =
        (StatusCode::from_u16(reply.status).unwrap(), [("content-type", "application/json")], reply.body)
            .into_response();
    if let Some(secs) = reply.retry_after {
        response.headers_mut().insert("retry-after", secs.parse().unwrap());
    }
    response
}

async fn serve(replies: Vec<Reply>) -> (String, Fake) {
    logs();
    let fake = Fake { replies: Arc::new(Mutex::new(replies.into())), ..Fake::default() };
    let app = Router::new().fallback(answer).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, fake)
}

/// Each provider's wire format, for the same scenarios.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Flavor {
    OpenAi,
    Claude,
}

const BOTH: [Flavor; 2] = [Flavor::OpenAi, Flavor::Claude];

impl Flavor {
    fn provider(self, base: &str) -> Box<dyn LlmProvider> {
        let base_url = Some(base.to_owned());
        // An empty model is the provider's default.
        let config = match self {
            Flavor::OpenAi => {
                ProviderConfig::OpenAi { api_key: OPENAI_KEY.into(), model: String::new(), base_url }
            }
            Flavor::Claude => {
                ProviderConfig::Anthropic { api_key: CLAUDE_KEY.into(), model: String::new(), base_url }
            }
        };
        llm::provider(egress(), config)
    }

    fn with_timeout(self, base: &str, budget: Duration) -> Box<dyn LlmProvider> {
        match self {
            Flavor::OpenAi => {
                Box::new(OpenAiClient::new(egress(), OPENAI_KEY, "", Some(base)).with_timeout(budget))
            }
            Flavor::Claude => {
                Box::new(AnthropicClient::new(egress(), CLAUDE_KEY, "", Some(base)).with_timeout(budget))
            }
        }
    }

    /// A good answer carrying `value` (for the schema named `tool`).
    fn answer(self, tool: &str, value: Value) -> Reply {
        match self {
            Flavor::OpenAi => openai_completion(json!(value.to_string()), Value::Null, "stop"),
            Flavor::Claude => claude_message(
                json!([{"type": "tool_use", "id": "toolu_01A", "name": tool, "input": value}]),
                "tool_use",
            ),
        }
    }

    fn refusal(self) -> Reply {
        match self {
            Flavor::OpenAi => {
                openai_completion(Value::Null, json!("I'm sorry, I can't help with that."), "stop")
            }
            Flavor::Claude => claude_message(json!([]), "refusal"),
        }
    }

    fn truncated(self) -> Reply {
        match self {
            Flavor::OpenAi => openai_completion(json!("{\"category\": \"finan"), Value::Null, "length"),
            Flavor::Claude => claude_message(
                json!([{"type": "tool_use", "id": "toolu_01A", "name": "triagem", "input": {"category": "financeiro"}}]),
                "max_tokens",
            ),
        }
    }

    /// An answer whose content is not the JSON asked for.
    fn unreadable(self) -> Reply {
        match self {
            Flavor::OpenAi => {
                openai_completion(json!("Claro! Segue a triagem: {intent: boleto"), Value::Null, "stop")
            }
            Flavor::Claude => claude_message(
                json!([{"type": "text", "text": "Claro! Segue a triagem: boleto"}]),
                "end_turn",
            ),
        }
    }

    fn error(self, code: u16, message: &str) -> Reply {
        match self {
            Flavor::OpenAi => status(
                code,
                json!({"error": {"message": message, "type": "server_error", "param": null, "code": null}}),
            ),
            Flavor::Claude => {
                status(code, json!({"type": "error", "error": {"type": "api_error", "message": message}}))
            }
        }
    }

    fn rate_limited(self, retry_after: &'static str) -> Reply {
        let reply = match self {
            Flavor::OpenAi => self.error(429, "Rate limit reached for gpt-4o-mini on requests per min (RPM)"),
            Flavor::Claude => status(
                429,
                json!({"type": "error", "error": {"type": "rate_limit_error", "message": "Number of requests has exceeded your rate limit"}}),
            ),
        };
        Reply { retry_after: Some(retry_after), ..reply }
    }

    /// The model the fake says answered.
    fn answering_model(self) -> &'static str {
        match self {
            Flavor::OpenAi => "gpt-4o-mini-2024-07-18",
            Flavor::Claude => "claude-3-5-haiku-20241022",
        }
    }

    fn tokens(self) -> (u32, u32) {
        match self {
            Flavor::OpenAi => (182, 41),
            Flavor::Claude => (512, 77),
        }
    }

    /// Checks what the provider received for a call whose schema is
    /// `tool` and whose user text is `text`; returns the schema sent.
    fn assert_request(self, seen: &Seen, tool: &str, text: &str) -> Value {
        let header = |name: &str| seen.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(header("content-type").as_deref(), Some("application/json"));
        let body = &seen.body;
        assert!(body["max_tokens"].as_u64().unwrap() > 0, "{body}");
        match self {
            Flavor::OpenAi => {
                assert_eq!(seen.path, "/v1/chat/completions");
                assert_eq!(header("authorization"), Some(format!("Bearer {OPENAI_KEY}")));
                assert_eq!(body["model"], "gpt-4o-mini");
                assert_eq!(body["messages"][0]["role"], "system");
                assert_eq!(body["messages"][1], json!({"role": "user", "content": text}));
                assert!(body.get("max_completion_tokens").is_none(), "an OpenAI-compatible base URL");
                let format = &body["response_format"];
                assert_eq!(format["type"], "json_schema");
                assert_eq!(format["json_schema"]["name"], tool);
                assert_eq!(format["json_schema"]["strict"], true);
                format["json_schema"]["schema"].clone()
            }
            Flavor::Claude => {
                assert_eq!(seen.path, "/v1/messages");
                assert_eq!(header("x-api-key").as_deref(), Some(CLAUDE_KEY));
                assert_eq!(header("anthropic-version").as_deref(), Some("2023-06-01"));
                assert_eq!(header("authorization"), None);
                assert_eq!(body["model"], "claude-3-5-haiku-latest");
                assert!(body["system"].as_str().unwrap().contains("português"));
                assert_eq!(body["messages"], json!([{"role": "user", "content": text}]));
                assert_eq!(body["tools"][0]["name"], tool);
                assert_eq!(body["tool_choice"], json!({"type": "tool", "name": tool}));
                body["tools"][0]["input_schema"].clone()
            }
        }
    }
}

fn openai_completion(content: Value, refusal: Value, finish_reason: &str) -> Reply {
    let (input, output) = Flavor::OpenAi.tokens();
    ok(json!({
        "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
        "object": "chat.completion",
        "created": 1741570283,
        "model": Flavor::OpenAi.answering_model(),
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": content, "refusal": refusal, "annotations": []},
            "logprobs": null,
            "finish_reason": finish_reason,
        }],
        "usage": {"prompt_tokens": input, "completion_tokens": output, "total_tokens": input + output},
        "system_fingerprint": "fp_06737a9306",
    }))
}

fn claude_message(content: Value, stop_reason: &str) -> Reply {
    let (input, output) = Flavor::Claude.tokens();
    ok(json!({
        "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
        "type": "message",
        "role": "assistant",
        "model": Flavor::Claude.answering_model(),
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": null,
        "usage": {"input_tokens": input, "output_tokens": output},
    }))
}

fn good_triage() -> Value {
    json!({
        "category": "financeiro",
        "intent": "segunda_via",
        "priority": "high",
        "sentiment": "negative",
        "reason": format!("  Cliente pede a 2ª via de um boleto vencido. {}", "é".repeat(300)),
    })
}

#[tokio::test]
async fn a_good_triage_is_parsed_validated_and_the_request_is_strict() {
    for flavor in BOTH {
        let (base, fake) = serve(vec![flavor.answer("triagem", good_triage())]).await;
        let provider = flavor.provider(&base);
        assert_eq!(provider.engine(), if flavor == Flavor::OpenAi { Engine::Openai } else { Engine::Claude });
        let (triage, usage) = triage(provider.as_ref(), TEXT, &categories()).await.unwrap();
        assert_eq!(triage.category.as_deref(), Some("financeiro"), "{flavor:?}");
        assert_eq!(triage.intent, Intent::SegundaVia);
        assert_eq!(triage.priority, Priority::High);
        assert_eq!(triage.sentiment, Sentiment::Negative);
        assert!(triage.reason.starts_with("Cliente pede a 2ª via"));
        assert_eq!(triage.reason.chars().count(), 200);
        let (input, output) = flavor.tokens();
        assert_eq!(
            (usage.model.as_str(), usage.input_tokens, usage.output_tokens),
            (flavor.answering_model(), input, output)
        );

        let seen = fake.seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        let schema = flavor.assert_request(&seen[0], "triagem", TEXT);
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(schema["required"], json!(["category", "intent", "priority", "sentiment", "reason"]));
        assert_eq!(schema["properties"]["category"]["enum"], json!(["financeiro", "suporte", null]));
        assert_eq!(schema["properties"]["priority"]["enum"], json!(["low", "normal", "high", "urgent"]));
    }
}

#[tokio::test]
async fn no_category_is_an_answer_an_invented_one_is_not() {
    for flavor in BOTH {
        let none = json!({"category": null, "intent": "elogio", "priority": "low", "sentiment": "very_positive", "reason": "Elogio"});
        let invented = json!({"category": "jurídico", "intent": "reclamacao", "priority": "urgent", "sentiment": "very_negative", "reason": "Ameaça de processo"});
        let (base, _) = serve(vec![flavor.answer("triagem", none), flavor.answer("triagem", invented)]).await;
        let provider = flavor.provider(&base);
        let (triage, _) = triage(provider.as_ref(), "Adorei!", &categories()).await.unwrap();
        assert_eq!((triage.category, triage.intent), (None, Intent::Elogio), "{flavor:?}");
        let err = llm::triage(provider.as_ref(), "Vou processar vocês", &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::Malformed("categoria inventada".into()), "{flavor:?}");
        assert_eq!(err.to_string(), "resposta ilegível do modelo de IA (categoria inventada)");
    }
}

#[tokio::test]
async fn a_refusal_is_refused() {
    for flavor in BOTH {
        let (base, _) = serve(vec![flavor.refusal()]).await;
        let err = triage(flavor.provider(&base).as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::Refused, "{flavor:?}");
        assert_eq!(err.to_string(), "o modelo de IA se recusou a responder");
    }
}

#[tokio::test]
async fn a_cut_answer_is_truncated() {
    for flavor in BOTH {
        let (base, _) = serve(vec![flavor.truncated()]).await;
        let err = triage(flavor.provider(&base).as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::Truncated, "{flavor:?}");
    }
}

#[tokio::test]
async fn a_short_retry_after_is_waited_for_once() {
    for flavor in BOTH {
        let (base, fake) =
            serve(vec![flavor.rate_limited("1"), flavor.answer("triagem", good_triage())]).await;
        let started = Instant::now();
        let (triage, _) = triage(flavor.provider(&base).as_ref(), TEXT, &categories()).await.unwrap();
        assert_eq!(triage.intent, Intent::SegundaVia, "{flavor:?}");
        assert_eq!(fake.requests(), 2);
        assert!(started.elapsed() >= Duration::from_secs(1));

        // Only once: a second 429 goes back to the caller.
        let (base, fake) = serve(vec![flavor.rate_limited("1"), flavor.rate_limited("1")]).await;
        let err = llm::triage(flavor.provider(&base).as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::RateLimited { retry_after_secs: Some(1) }, "{flavor:?}");
        assert_eq!(fake.requests(), 2);
    }
}

#[tokio::test]
async fn a_long_retry_after_is_the_callers_to_schedule() {
    for flavor in BOTH {
        let (base, fake) = serve(vec![flavor.rate_limited("30")]).await;
        let started = Instant::now();
        let err = triage(flavor.provider(&base).as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::RateLimited { retry_after_secs: Some(30) }, "{flavor:?}");
        assert!(err.is_retryable());
        assert_eq!(err.to_string(), "limite de uso do provedor de IA atingido; tente de novo em 30 s");
        assert_eq!(fake.requests(), 1);
        assert!(started.elapsed() < Duration::from_secs(1));

        // A short wait that would not fit what is left of the budget is not
        // waited for either.
        let (base, fake) = serve(vec![flavor.rate_limited("2")]).await;
        let provider = flavor.with_timeout(&base, Duration::from_millis(1500));
        let err = triage(provider.as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::RateLimited { retry_after_secs: Some(2) }, "{flavor:?}");
        assert_eq!(fake.requests(), 1);
    }
}

#[tokio::test]
async fn content_that_is_not_the_json_asked_for_is_malformed() {
    for flavor in BOTH {
        let off_schema = json!({"category": null, "intent": "vender-dados", "priority": "high", "sentiment": "neutral", "reason": "x"});
        let (base, _) = serve(vec![
            flavor.unreadable(),
            flavor.answer("triagem", off_schema),
            ok(json!("not a completion")),
            Reply { body: "<html>502</html>".into(), ..ok(Value::Null) },
        ])
        .await;
        let provider = flavor.provider(&base);
        let mut errors = Vec::new();
        for _ in 0..4 {
            let err = triage(provider.as_ref(), TEXT, &categories()).await.unwrap_err();
            assert!(matches!(err, LlmError::Malformed(_)), "{flavor:?}: {err:?}");
            errors.push(err.to_string());
        }
        assert_eq!(errors[1], "resposta ilegível do modelo de IA (campo intent fora do esquema)");
        for error in &errors {
            for quoted in ["Claro", "boleto", "vender", "not a completion", "html"] {
                assert!(!error.contains(quoted), "{flavor:?} quotes the answer: {error}");
            }
        }
    }
}

#[tokio::test]
async fn a_provider_error_carries_the_providers_message() {
    for flavor in BOTH {
        let (base, _) = serve(vec![
            flavor.error(500, "The server had an error while processing your request."),
            status(502, json!("<html>bad gateway: segredo</html>")),
        ])
        .await;
        let provider = flavor.provider(&base);
        let err = triage(provider.as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(
            err,
            LlmError::Provider {
                status: 500,
                message: "The server had an error while processing your request.".into()
            },
            "{flavor:?}"
        );
        assert!(err.is_retryable());
        let err = triage(provider.as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::Provider { status: 502, message: "sem explicação".into() }, "{flavor:?}");
    }
}

#[tokio::test]
async fn a_provider_that_does_not_answer_in_time_is_a_timeout() {
    for flavor in BOTH {
        let slow = Reply { delay: Duration::from_secs(11), ..flavor.answer("triagem", good_triage()) };
        let (base, _) = serve(vec![slow]).await;
        let provider = flavor.with_timeout(&base, Duration::from_millis(300));
        let started = Instant::now();
        let err = triage(provider.as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::Timeout, "{flavor:?}");
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(err.to_string(), "o provedor de IA demorou demais para responder");
    }
}

#[tokio::test]
async fn a_host_the_operator_did_not_list_gets_no_call() {
    for flavor in BOTH {
        let (base, fake) = serve(vec![]).await;
        let unlisted = egress::Egress::new(egress::HostList::default()).unwrap();
        let provider: Box<dyn LlmProvider> = match flavor {
            Flavor::OpenAi => Box::new(OpenAiClient::new(unlisted, OPENAI_KEY, "", Some(&base))),
            Flavor::Claude => Box::new(AnthropicClient::new(unlisted, CLAUDE_KEY, "", Some(&base))),
        };
        let err = triage(provider.as_ref(), TEXT, &categories()).await.unwrap_err();
        assert_eq!(err, LlmError::Egress(egress::Error::Refused), "{flavor:?}");
        assert_eq!(fake.requests(), 0);
    }
}

#[tokio::test]
async fn summaries_and_replies_are_read_from_their_own_schemas() {
    for flavor in BOTH {
        let conversation = "Cliente: a internet caiu\nAtendente: já reiniciou o roteador?";
        let (base, fake) = serve(vec![
            flavor.answer("resumo", json!({"summary": " Internet fora; roteador a reiniciar. "})),
            flavor.answer("resposta", json!({"reply": "Olá! Pode reiniciar o roteador e me contar?"})),
            flavor.answer("resposta", json!({"reply": "   "})),
        ])
        .await;
        let provider = flavor.provider(&base);
        let (summary, usage) = summarise(provider.as_ref(), conversation).await.unwrap();
        assert_eq!(summary, "Internet fora; roteador a reiniciar.", "{flavor:?}");
        assert_eq!(usage.model, flavor.answering_model());
        let (reply, _) = suggest_reply(provider.as_ref(), conversation).await.unwrap();
        assert_eq!(reply, "Olá! Pode reiniciar o roteador e me contar?");
        let err = suggest_reply(provider.as_ref(), conversation).await.unwrap_err();
        assert_eq!(err, LlmError::Malformed("resposta vazia".into()));

        let seen = fake.seen.lock().unwrap();
        let schema = flavor.assert_request(&seen[0], "resumo", conversation);
        assert_eq!(schema["required"], json!(["summary"]));
        assert_eq!(schema["additionalProperties"], false);
        let schema = flavor.assert_request(&seen[1], "resposta", conversation);
        assert_eq!(schema["required"], json!(["reply"]));
    }
}

/// Everything any test of this file logs, at every level and from every
/// crate. One global subscriber, installed before a test's first call: a
/// per-test one would miss events whose callsites other tests, running
/// at the same time, registered while it did not exist yet.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn logs() -> &'static Logs {
    static LOGS: OnceLock<Logs> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Logs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        logs
    })
}

#[tokio::test]
async fn logs_name_model_tokens_and_status_never_the_text() {
    let secret = "Meu protocolo secreto é ZX-4471";
    let mut answer = good_triage();
    answer["reason"] = json!("Cita o protocolo ZX-4471");
    for flavor in BOTH {
        let (base, _) = serve(vec![
            flavor.rate_limited("1"),
            flavor.answer("triagem", answer.clone()),
            flavor.error(500, "The server had an error"),
        ])
        .await;
        let provider = flavor.provider(&base);
        triage(provider.as_ref(), secret, &categories()).await.unwrap();
        triage(provider.as_ref(), secret, &categories()).await.unwrap_err();
    }

    let logs = String::from_utf8(logs().0.lock().unwrap().clone()).unwrap();
    // Other tests' texts and answers too, whatever they logged so far.
    for text in ["ZX-4471", "boleto venceu", "roteador", "Cliente pede", OPENAI_KEY, CLAUDE_KEY] {
        assert!(!logs.contains(text), "{text} was logged:\n{logs}");
    }
    for expected in [
        "model=gpt-4o-mini-2024-07-18",
        "model=claude-3-5-haiku-20241022",
        "input_tokens=182",
        "output_tokens=77",
        "status=429",
        "status=500",
    ] {
        assert!(logs.contains(expected), "{expected} missing from:\n{logs}");
    }
}

#[tokio::test]
async fn claudes_key_never_follows_a_redirect_to_another_host() {
    // Where a redirect would take the call: it must never be asked.
    let (elsewhere, fake) = serve(vec![]).await;
    let target = format!("{elsewhere}/v1/messages");
    let app = Router::new().fallback(move || {
        let target = target.clone();
        async move { (StatusCode::TEMPORARY_REDIRECT, [("location", target)]).into_response() }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let provider = AnthropicClient::new(egress(), CLAUDE_KEY, "", Some(&base));
    let err = triage(&provider, TEXT, &categories()).await.unwrap_err();
    assert!(matches!(err, LlmError::Provider { status: 307, .. }), "{err:?}");
    assert_eq!(fake.requests(), 0, "x-api-key went nowhere else");
}
