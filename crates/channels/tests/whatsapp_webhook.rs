//! WhatsApp Cloud API webhooks: the subscription handshake, the
//! `X-Hub-Signature-256` check and bodies shaped like Meta's documented
//! examples.
#![allow(clippy::unwrap_used)]

use channels::whatsapp::{
    outside_window_status, parse_webhook, parse_webhook_all, signature_header, verify_signature,
    verify_subscription,
};
use channels::{DeliveryState, MediaKind};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

const APP_SECRET: &str = "4f2b7c0e9d1a8b6c5e3f2a1b0c9d8e7f";
const PHONE_NUMBER_ID: &str = "106540352242922";
const WAMID: &str = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDNzE4RjQ5QjlFMzc4QjQwAA==";

/// A webhook body carrying `messages` from +55 11 98765-4321 (Ana Souza).
fn webhook(messages: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "551140028922", "phone_number_id": PHONE_NUMBER_ID},
                    "contacts": [{"profile": {"name": "Ana Souza"}, "wa_id": "5511987654321"}],
                    "messages": messages,
                },
                "field": "messages"
            }]
        }]
    }))
    .unwrap()
}

fn one(message: Value) -> channels::InboundMessage {
    let mut base = json!({"from": "5511987654321", "id": WAMID, "timestamp": "1732791600"});
    base.as_object_mut().unwrap().extend(message.as_object().unwrap().clone());
    let notification = parse_webhook(&webhook(json!([base]))).unwrap();
    assert_eq!(notification.phone_number_id.as_deref(), Some(PHONE_NUMBER_ID));
    assert_eq!(notification.messages.len(), 1);
    notification.messages.into_iter().next().unwrap()
}

#[test]
fn subscription_is_confirmed_only_with_our_token() {
    let ok = verify_subscription(Some("subscribe"), Some("meu-token"), Some("1158201444"), "meu-token");
    assert_eq!(ok.as_deref(), Some("1158201444"));
    assert_eq!(verify_subscription(Some("subscribe"), Some("outro"), Some("1158201444"), "meu-token"), None);
    assert_eq!(verify_subscription(Some("unsubscribe"), Some("meu-token"), Some("1"), "meu-token"), None);
    assert_eq!(verify_subscription(None, Some("meu-token"), Some("1"), "meu-token"), None);
    assert_eq!(verify_subscription(Some("subscribe"), None, Some("1"), "meu-token"), None);
    assert_eq!(verify_subscription(Some("subscribe"), Some("meu-token"), None, "meu-token"), None);
    // An unconfigured channel must not be claimable with an empty token.
    assert_eq!(verify_subscription(Some("subscribe"), Some(""), Some("1"), ""), None);
}

#[test]
fn signature_is_hmac_sha256_of_the_raw_body() {
    let body = webhook(json!([]));
    let mut mac = Hmac::<Sha256>::new_from_slice(APP_SECRET.as_bytes()).unwrap();
    mac.update(&body);
    let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(signature_header(&body, APP_SECRET), expected);
    assert!(verify_signature(Some(&expected), &body, APP_SECRET));
    // Computed once with Python's hmac module.
    assert_eq!(
        signature_header(br#"{"object":"whatsapp_business_account","entry":[]}"#, "meta_app_secret"),
        "sha256=e6ad1226d7dbb376b93779e72f6ea6cc56d514dbcb4b3fa023b679f8f0220325"
    );
}

#[test]
fn wrong_or_missing_signatures_are_refused() {
    let body = webhook(json!([]));
    let good = signature_header(&body, APP_SECRET);
    assert!(!verify_signature(None, &body, APP_SECRET));
    assert!(!verify_signature(Some(""), &body, APP_SECRET));
    assert!(!verify_signature(Some(&signature_header(&body, "other secret")), &body, APP_SECRET));
    assert!(!verify_signature(Some(&good), b"{}", APP_SECRET));
    assert!(!verify_signature(Some(good.trim_start_matches("sha256=")), &body, APP_SECRET));
    assert!(!verify_signature(Some("sha256=zz"), &body, APP_SECRET));
    assert!(!verify_signature(Some(&good[..good.len() - 2]), &body, APP_SECRET));
    assert!(!verify_signature(Some(&signature_header(&body, "")), &body, ""));
}

#[test]
fn text_message_carries_sender_profile_and_reply_context() {
    let message = one(json!({
        "type": "text",
        "text": {"body": "Olá, preciso de ajuda com a fatura"},
        "context": {"from": "551140028922", "id": "wamid.HBgNNTUxMTQwMDI4OTIyFQIAERgSQjQ5RjdFRTI1OEY0QjhGAA=="}
    }));
    assert_eq!(message.provider_message_id, WAMID);
    assert_eq!(message.from, "+5511987654321");
    assert_eq!(message.from_name.as_deref(), Some("Ana Souza"));
    assert_eq!(message.to.as_deref(), Some("+551140028922"));
    assert_eq!(message.timestamp, Some(1_732_791_600));
    assert_eq!(message.text.as_deref(), Some("Olá, preciso de ajuda com a fatura"));
    assert_eq!(
        message.reply_to_provider_id.as_deref(),
        Some("wamid.HBgNNTUxMTQwMDI4OTIyFQIAERgSQjQ5RjdFRTI1OEY0QjhGAA==")
    );
    assert!(message.media.is_empty());
}

#[test]
fn image_with_caption_audio_and_document_become_media() {
    let image = one(json!({
        "type": "image",
        "image": {"caption": "Comprovante", "mime_type": "image/jpeg",
                  "sha256": "1dc7b1d7a2e0b6b6d6a4fd2c3c1a2b0e7f4a1c3d2b1a0f9e8d7c6b5a4f3e2d1c", "id": "1003383421387256"}
    }));
    assert_eq!(image.text, None);
    let media = &image.media[0];
    assert_eq!(media.kind, MediaKind::Image);
    assert_eq!(media.provider_id.as_deref(), Some("1003383421387256"));
    assert_eq!(media.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(media.caption.as_deref(), Some("Comprovante"));
    assert_eq!(media.url, None);

    let audio = one(json!({
        "type": "audio",
        "audio": {"mime_type": "audio/ogg; codecs=opus", "sha256": "abc", "id": "1289401835520938", "voice": true}
    }));
    assert_eq!(audio.media[0].kind, MediaKind::Audio);
    assert_eq!(audio.media[0].mime_type.as_deref(), Some("audio/ogg; codecs=opus"));

    let document = one(json!({
        "type": "document",
        "document": {"caption": "Segue o contrato", "filename": "contrato-2024.pdf",
                     "mime_type": "application/pdf", "sha256": "def", "id": "2041935572917230"}
    }));
    let media = &document.media[0];
    assert_eq!(media.kind, MediaKind::Document);
    assert_eq!(media.filename.as_deref(), Some("contrato-2024.pdf"));
    assert_eq!(media.caption.as_deref(), Some("Segue o contrato"));

    let video = one(json!({"type": "video", "video": {"mime_type": "video/mp4", "id": "55"}}));
    assert_eq!(video.media[0].kind, MediaKind::Video);
    let sticker = one(
        json!({"type": "sticker", "sticker": {"mime_type": "image/webp", "animated": false, "id": "77"}}),
    );
    assert_eq!(sticker.media[0].kind, MediaKind::Sticker);
}

#[test]
fn location_and_contacts_are_read() {
    let location = one(json!({
        "type": "location",
        "location": {"address": "Av. Paulista, 1578 - Bela Vista, São Paulo - SP", "latitude": -23.561414,
                     "longitude": -46.655881, "name": "MASP", "url": "https://masp.org.br"}
    }));
    let place = location.location.unwrap();
    assert_eq!((place.latitude, place.longitude), (-23.561414, -46.655881));
    assert_eq!(place.name.as_deref(), Some("MASP"));
    assert_eq!(place.address.as_deref(), Some("Av. Paulista, 1578 - Bela Vista, São Paulo - SP"));

    let contacts = one(json!({
        "type": "contacts",
        "contacts": [{
            "name": {"first_name": "Bruno", "last_name": "Lima", "formatted_name": "Bruno Lima"},
            "phones": [
                {"phone": "+55 21 99876-5432", "wa_id": "5521998765432", "type": "CELL"},
                {"phone": "(21) 3344-5566", "type": "WORK"}
            ],
            "emails": [{"email": "bruno@example.com.br", "type": "WORK"}]
        }, {
            "name": {"first_name": "Carla"},
            "phones": []
        }]
    }));
    assert_eq!(contacts.contacts.len(), 2);
    assert_eq!(contacts.contacts[0].name, "Bruno Lima");
    assert_eq!(contacts.contacts[0].phones, ["+5521998765432", "(21) 3344-5566"]);
    assert_eq!(contacts.contacts[1].name, "Carla");
}

#[test]
fn interactive_and_template_button_replies_set_text() {
    let button = one(json!({
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": "csat-5", "title": "Muito satisfeito"}}
    }));
    assert_eq!(button.interactive_reply.as_deref(), Some("Muito satisfeito"));
    assert_eq!(button.text.as_deref(), Some("Muito satisfeito"));

    let list = one(json!({
        "type": "interactive",
        "interactive": {"type": "list_reply",
                        "list_reply": {"id": "financeiro", "title": "Financeiro", "description": "Boletos e faturas"}}
    }));
    assert_eq!(list.interactive_reply.as_deref(), Some("Financeiro"));
    assert_eq!(list.text.as_deref(), Some("Financeiro"));

    let template = one(json!({
        "type": "button",
        "context": {"from": "551140028922", "id": "wamid.template"},
        "button": {"payload": "PAGAR_FATURA", "text": "Pagar agora"}
    }));
    assert_eq!(template.interactive_reply.as_deref(), Some("Pagar agora"));
    assert_eq!(template.text.as_deref(), Some("Pagar agora"));
    assert_eq!(template.reply_to_provider_id.as_deref(), Some("wamid.template"));
}

#[test]
fn unknown_or_odd_types_become_empty_messages() {
    let reaction = one(json!({"type": "reaction", "reaction": {"message_id": "wamid.x", "emoji": "👍"}}));
    assert_eq!(reaction.provider_message_id, WAMID);
    assert_eq!(reaction.text, None);
    assert!(reaction.media.is_empty());

    let unsupported = one(json!({
        "type": "unsupported",
        "errors": [{"code": 131051, "title": "Message type unknown", "message": "Message type unknown"}]
    }));
    assert_eq!(unsupported.text, None);

    // A known type whose content has a shape we do not expect is kept too.
    let odd = one(json!({"type": "text", "text": "not an object"}));
    assert_eq!(odd.text, None);
    assert_eq!(odd.from, "+5511987654321");
}

#[test]
fn statuses_delivered_read_and_failed_with_reason() {
    let body = serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "551140028922", "phone_number_id": PHONE_NUMBER_ID},
            "statuses": [
                {"id": "wamid.A", "status": "delivered", "timestamp": "1732791700", "recipient_id": "5511987654321",
                 "conversation": {"id": "c1", "origin": {"type": "service"}},
                 "pricing": {"billable": true, "pricing_model": "CBP", "category": "service"}},
                {"id": "wamid.A", "status": "read", "timestamp": "1732791760", "recipient_id": "5511987654321"},
                {"id": "wamid.B", "status": "failed", "timestamp": "1732791800", "recipient_id": "5511987654321",
                 "errors": [{"code": 131047, "title": "Re-engagement message",
                             "message": "Re-engagement message",
                             "error_data": {"details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
                             "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]},
                {"id": "wamid.C", "status": "failed", "timestamp": "1732791801", "recipient_id": "5511987654321",
                 "errors": [{"code": 131026, "title": "Message undeliverable"}]},
                {"id": "wamid.D", "status": "deleted", "timestamp": "1732791802", "recipient_id": "5511987654321"}
            ]
        }}]}]
    }))
    .unwrap();
    let notification = parse_webhook(&body).unwrap();
    assert!(notification.messages.is_empty());
    let states: Vec<_> =
        notification.statuses.iter().map(|s| (s.provider_message_id.as_str(), s.state)).collect();
    assert_eq!(
        states,
        [
            ("wamid.A", DeliveryState::Delivered),
            ("wamid.A", DeliveryState::Read),
            ("wamid.B", DeliveryState::Failed),
            ("wamid.C", DeliveryState::Failed)
        ]
    );
    assert_eq!(notification.statuses[0].timestamp, Some(1_732_791_700));
    assert_eq!(notification.statuses[0].error, None);
    let window = &notification.statuses[2];
    assert_eq!(
        window.error.as_deref(),
        Some(
            "(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number."
        )
    );
    assert!(outside_window_status(window));
    assert_eq!(notification.statuses[3].error.as_deref(), Some("(#131026) Message undeliverable"));
    assert!(!outside_window_status(&notification.statuses[3]));
}

#[test]
fn changes_of_several_numbers_stay_apart() {
    let change = |id: &str, wamid: &str| {
        json!({"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "551140028922", "phone_number_id": id},
            "contacts": [{"profile": {"name": "Ana"}, "wa_id": "5511987654321"}],
            "messages": [{"from": "5511987654321", "id": wamid, "timestamp": "1", "type": "text", "text": {"body": "oi"}}]
        }})
    };
    let body = serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [
            {"id": "1", "changes": [change("111", "wamid.1")]},
            {"id": "2", "changes": [change("222", "wamid.2"),
                                     {"field": "message_template_status_update", "value": {"event": "APPROVED"}}]}
        ]
    }))
    .unwrap();
    let all = parse_webhook_all(&body).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].phone_number_id.as_deref(), Some("111"));
    assert_eq!(all[0].messages[0].provider_message_id, "wamid.1");
    assert_eq!(all[1].phone_number_id.as_deref(), Some("222"));
    assert_eq!(all[1].messages[0].provider_message_id, "wamid.2");
    let merged = parse_webhook(&body).unwrap();
    assert_eq!(merged.messages.len(), 2);
}

#[test]
fn sender_name_is_matched_by_wa_id_among_several_contacts() {
    let body = serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
            "metadata": {"display_phone_number": "551140028922", "phone_number_id": "1"},
            "contacts": [{"profile": {"name": "Ana"}, "wa_id": "5511987654321"},
                         {"profile": {"name": "Bruno"}, "wa_id": "5521998765432"}],
            "messages": [{"from": "5521998765432", "id": "wamid.b", "timestamp": "1", "type": "text", "text": {"body": "oi"}}]
        }}]}]
    }))
    .unwrap();
    assert_eq!(parse_webhook(&body).unwrap().messages[0].from_name.as_deref(), Some("Bruno"));
}

#[test]
fn bodies_that_are_not_whatsapp_webhooks_are_errors() {
    assert!(parse_webhook(b"not json").is_err());
    assert!(parse_webhook(br#"{"object":"page","entry":[]}"#).is_err());
    // A message without id cannot be deduplicated.
    assert!(parse_webhook(&webhook(json!([{"from": "5511987654321", "type": "text"}]))).is_err());
    let empty = parse_webhook(br#"{"object":"whatsapp_business_account","entry":[]}"#).unwrap();
    assert!(empty.messages.is_empty() && empty.statuses.is_empty() && empty.phone_number_id.is_none());
}
