//! A web-chat channel's settings as the widget and the server read them,
//! from the channel's plain `config`: one reading with its defaults, and
//! the checks the channel form's save runs (422 on `config.<key>`).

use kernel::error::Violations;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::channels::model::ChannelKind;

pub const DEFAULT_GREETING: &str = "Olá! Como podemos ajudar?";
pub const DEFAULT_COLOR: &str = "#2563eb";
pub const DEFAULT_OFFLINE: &str =
    "Estamos fora do horário de atendimento. Deixe sua mensagem: respondemos assim que voltarmos.";
/// The longest visitor message, in characters.
pub const MAX_LENGTH: usize = 5000;
const MAX_OFFSET: i64 = 400;
const DEFAULT_OFFSET: u16 = 20;

/// Which bottom corner of the page the launcher sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum WidgetPosition {
    Right,
    Left,
}

#[derive(Debug, Clone)]
pub struct WebchatSettings {
    /// The public title; `None`: the company's name.
    pub title: Option<String>,
    pub greeting: String,
    pub color: String,
    pub prechat: bool,
    pub position: WidgetPosition,
    pub offset_x: u16,
    pub offset_y: u16,
    /// Replies show the agent's first name, else the public title.
    pub show_agent_name: bool,
    /// Tell visitors outside the company's business hours.
    pub offline_notice: bool,
    pub offline_message: String,
}

fn text(config: &Value, key: &str) -> Option<String> {
    config.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn offset(config: &Value, key: &str) -> u16 {
    config
        .get(key)
        .and_then(Value::as_i64)
        .filter(|n| (0..=MAX_OFFSET).contains(n))
        .and_then(|n| u16::try_from(n).ok())
        .unwrap_or(DEFAULT_OFFSET)
}

fn is_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit())
}

impl WebchatSettings {
    pub fn of(config: &Value) -> Self {
        let flag = |key: &str, default: bool| config.get(key).and_then(Value::as_bool).unwrap_or(default);
        Self {
            title: text(config, "title"),
            greeting: text(config, "greeting").unwrap_or_else(|| DEFAULT_GREETING.into()),
            color: text(config, "color").filter(|c| is_color(c)).unwrap_or_else(|| DEFAULT_COLOR.into()),
            prechat: flag("prechat", false),
            position: match config.get("position").and_then(Value::as_str) {
                Some("left") => WidgetPosition::Left,
                _ => WidgetPosition::Right,
            },
            offset_x: offset(config, "offset_x"),
            offset_y: offset(config, "offset_y"),
            show_agent_name: flag("show_agent_name", false),
            offline_notice: flag("offline_notice", true),
            offline_message: text(config, "offline_message").unwrap_or_else(|| DEFAULT_OFFLINE.into()),
        }
    }
}

/// What a web-chat channel's form may hold, field by field.
pub fn check(kind: ChannelKind, config: &Value, v: &mut Violations) {
    if kind != ChannelKind::Webchat {
        return;
    }
    let long = |key: &str, max: usize| {
        config
            .get(key)
            .is_some_and(|x| !x.is_null() && x.as_str().is_none_or(|s| s.trim().chars().count() > max))
    };
    if long("title", 80) {
        v.add("config.title", "Título com até 80 caracteres.");
    }
    if long("greeting", 300) {
        v.add("config.greeting", "Saudação com até 300 caracteres.");
    }
    if long("offline_message", 300) {
        v.add("config.offline_message", "Aviso com até 300 caracteres.");
    }
    if config
        .get("color")
        .and_then(Value::as_str)
        .is_some_and(|c| !c.trim().is_empty() && !is_color(c.trim()))
    {
        v.add("config.color", "Cor no formato #2563eb.");
    }
    if config.get("position").is_some_and(|p| !p.is_null() && !matches!(p.as_str(), Some("left" | "right"))) {
        v.add("config.position", "Posição: \"right\" (direita) ou \"left\" (esquerda).");
    }
    for key in ["offset_x", "offset_y"] {
        if config
            .get(key)
            .is_some_and(|n| !n.is_null() && n.as_i64().is_none_or(|n| !(0..=MAX_OFFSET).contains(&n)))
        {
            v.add(&format!("config.{key}"), "Distância em pixels, de 0 a 400.");
        }
    }
    for key in ["prechat", "show_agent_name", "offline_notice"] {
        if config.get(key).is_some_and(|b| !b.is_null() && !b.is_boolean()) {
            v.add(&format!("config.{key}"), "Use verdadeiro ou falso.");
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn fields(v: Violations) -> Vec<String> {
        match v.finish() {
            Err(kernel::Error::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn defaults_when_nothing_is_set() {
        let s = WebchatSettings::of(&json!({}));
        assert_eq!(s.title, None);
        assert_eq!(s.greeting, DEFAULT_GREETING);
        assert_eq!(s.color, DEFAULT_COLOR);
        assert_eq!((s.position, s.offset_x, s.offset_y), (WidgetPosition::Right, 20, 20));
        assert!(s.offline_notice && !s.show_agent_name && !s.prechat);
    }

    #[test]
    fn reads_what_the_form_saved() {
        let s = WebchatSettings::of(&json!({"title": " Loja Sol ", "position": "left", "offset_x": 0,
            "offset_y": 96, "color": "#0F766E", "show_agent_name": true, "offline_notice": false}));
        assert_eq!(s.title.as_deref(), Some("Loja Sol"));
        assert_eq!((s.position, s.offset_x, s.offset_y), (WidgetPosition::Left, 0, 96));
        assert_eq!(s.color, "#0F766E");
        assert!(s.show_agent_name && !s.offline_notice);
    }

    #[test]
    fn refuses_each_bad_field_by_name() {
        let mut v = Violations::new();
        check(
            ChannelKind::Webchat,
            &json!({"position": "top", "offset_x": 401, "offset_y": "20", "color": "blue",
                    "title": "x".repeat(81), "show_agent_name": "sim"}),
            &mut v,
        );
        let fields = fields(v);
        for f in [
            "config.position",
            "config.offset_x",
            "config.offset_y",
            "config.color",
            "config.title",
            "config.show_agent_name",
        ] {
            assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn other_kinds_are_not_checked_here() {
        let mut v = Violations::new();
        check(ChannelKind::Email, &json!({"position": "top"}), &mut v);
        assert!(fields(v).is_empty());
    }
}
