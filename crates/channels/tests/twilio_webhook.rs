//! Twilio webhooks: `X-Twilio-Signature` against Twilio's published worked
//! examples, and the form posts of incoming SMS/WhatsApp messages and of
//! status callbacks.
#![allow(clippy::unwrap_used)]

use channels::twilio::{
    Event, is_whatsapp, outside_window_status, parse_webhook, signature, verify_signature,
};
use channels::{DeliveryState, MediaKind};

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

const DOC_URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";

/// The example of Twilio's "Webhooks security" page.
fn doc_params(caller: &str) -> Vec<(String, String)> {
    // Deliberately not in sorted order: signing sorts them.
    params(&[
        ("To", "+18005551212"),
        ("Digits", "1234"),
        ("From", caller),
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", caller),
    ])
}

#[test]
fn signature_matches_twilios_published_examples() {
    // twilio.com/docs/usage/webhooks/webhooks-security (current page).
    assert_eq!(signature("12345", DOC_URL, &doc_params("+14158675310")), "GvWf1cFY/Q7PnoempGyD5oXAezc=");
    // The same example as the twilio-php / twilio-python docs printed it.
    assert_eq!(signature("12345", DOC_URL, &doc_params("+14158675309")), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    assert!(verify_signature(
        Some("GvWf1cFY/Q7PnoempGyD5oXAezc="),
        "12345",
        DOC_URL,
        &doc_params("+14158675310")
    ));
}

#[test]
fn any_change_breaks_the_signature() {
    let good = "GvWf1cFY/Q7PnoempGyD5oXAezc=";
    let p = doc_params("+14158675310");
    assert!(!verify_signature(None, "12345", DOC_URL, &p));
    assert!(!verify_signature(Some(""), "12345", DOC_URL, &p));
    assert!(!verify_signature(Some(good), "54321", DOC_URL, &p));
    assert!(!verify_signature(Some(good), "12345", "https://mycompany.com/myapp.php?foo=1&bar=3", &p));
    let mut tampered = p.clone();
    tampered[1].1 = "9999".into();
    assert!(!verify_signature(Some(good), "12345", DOC_URL, &tampered));
    let mut extra = p.clone();
    extra.push(("Body".into(), "x".into()));
    assert!(!verify_signature(Some(good), "12345", DOC_URL, &extra));
    // An empty auth token (unconfigured channel) accepts nothing.
    let unsigned = signature("", DOC_URL, &p);
    assert!(!verify_signature(Some(&unsigned), "", DOC_URL, &p));
}

#[test]
fn default_port_spelling_does_not_matter() {
    let p = doc_params("+14158675310");
    let with_port = signature("12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", &p);
    assert!(verify_signature(Some(&with_port), "12345", DOC_URL, &p));
    let without = signature("12345", DOC_URL, &p);
    assert!(verify_signature(Some(&without), "12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2", &p));
}

#[test]
fn inbound_sms_is_a_message() {
    let post = params(&[
        ("ToCountry", "BR"),
        ("SmsMessageSid", "SM2c6f1b1e3f7b4a6c9d8e7f6a5b4c3d2e"),
        ("NumMedia", "0"),
        ("SmsSid", "SM2c6f1b1e3f7b4a6c9d8e7f6a5b4c3d2e"),
        ("SmsStatus", "received"),
        ("Body", "Qual o valor da minha fatura?"),
        ("To", "+551140028922"),
        ("NumSegments", "1"),
        ("MessageSid", "SM2c6f1b1e3f7b4a6c9d8e7f6a5b4c3d2e"),
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("From", "+5511987654321"),
        ("ApiVersion", "2010-04-01"),
    ]);
    assert!(!is_whatsapp(&post));
    let Event::Message(message) = parse_webhook(&post).unwrap() else { panic!("not a message") };
    assert_eq!(message.provider_message_id, "SM2c6f1b1e3f7b4a6c9d8e7f6a5b4c3d2e");
    assert_eq!(message.from, "+5511987654321");
    assert_eq!(message.to.as_deref(), Some("+551140028922"));
    assert_eq!(message.text.as_deref(), Some("Qual o valor da minha fatura?"));
    assert_eq!(message.from_name, None);
    assert!(message.media.is_empty());
}

#[test]
fn inbound_whatsapp_with_two_media_strips_the_prefix() {
    let post = params(&[
        ("MessageSid", "MM9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
        ("SmsStatus", "received"),
        ("NumMedia", "2"),
        ("ProfileName", "Ana Souza"),
        ("WaId", "5511987654321"),
        ("Body", "Seguem os comprovantes"),
        ("To", "whatsapp:+14155238886"),
        ("From", "whatsapp:+5511987654321"),
        ("MediaContentType0", "image/jpeg"),
        ("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC01/Messages/MM9f/Media/ME111"),
        ("MediaContentType1", "application/pdf"),
        ("MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/AC01/Messages/MM9f/Media/ME222"),
        ("OriginalRepliedMessageSid", "SMoriginal"),
        ("ApiVersion", "2010-04-01"),
    ]);
    assert!(is_whatsapp(&post));
    let Event::Message(message) = parse_webhook(&post).unwrap() else { panic!("not a message") };
    assert_eq!(message.from, "+5511987654321");
    assert_eq!(message.to.as_deref(), Some("+14155238886"));
    assert_eq!(message.from_name.as_deref(), Some("Ana Souza"));
    assert_eq!(message.text.as_deref(), Some("Seguem os comprovantes"));
    assert_eq!(message.reply_to_provider_id.as_deref(), Some("SMoriginal"));
    assert_eq!(message.media.len(), 2);
    assert_eq!(message.media[0].kind, MediaKind::Image);
    assert_eq!(
        message.media[0].url.as_deref(),
        Some("https://api.twilio.com/2010-04-01/Accounts/AC01/Messages/MM9f/Media/ME111")
    );
    assert_eq!(message.media[0].mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(message.media[1].kind, MediaKind::Document);
    assert_eq!(message.media[1].mime_type.as_deref(), Some("application/pdf"));
}

#[test]
fn whatsapp_location_and_quick_reply_through_twilio() {
    let location = params(&[
        ("MessageSid", "SMloc"),
        ("From", "whatsapp:+5511987654321"),
        ("To", "whatsapp:+14155238886"),
        ("Body", ""),
        ("NumMedia", "0"),
        ("Latitude", "-23.561414"),
        ("Longitude", "-46.655881"),
        ("Address", "Av. Paulista, 1578"),
        ("Label", "MASP"),
    ]);
    let Event::Message(message) = parse_webhook(&location).unwrap() else { panic!() };
    assert_eq!(message.text, None);
    let place = message.location.unwrap();
    assert_eq!((place.latitude, place.longitude), (-23.561414, -46.655881));
    assert_eq!(place.name.as_deref(), Some("MASP"));

    let reply = params(&[
        ("MessageSid", "SMbtn"),
        ("From", "whatsapp:+5511987654321"),
        ("Body", "Pagar agora"),
        ("ButtonText", "Pagar agora"),
        ("ButtonPayload", "PAGAR"),
    ]);
    let Event::Message(message) = parse_webhook(&reply).unwrap() else { panic!() };
    assert_eq!(message.interactive_reply.as_deref(), Some("Pagar agora"));
    assert_eq!(message.text.as_deref(), Some("Pagar agora"));
}

#[test]
fn status_callbacks_map_to_delivery_states() {
    let callback = |status: &str, extra: &[(&str, &str)]| {
        let mut post = params(&[
            ("SmsSid", "SM1f2e3d4c5b6a79880716253443526170"),
            ("SmsStatus", status),
            ("MessageStatus", status),
            ("To", "whatsapp:+5511987654321"),
            ("MessageSid", "SM1f2e3d4c5b6a79880716253443526170"),
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("From", "whatsapp:+14155238886"),
            ("ApiVersion", "2010-04-01"),
        ]);
        post.extend(params(extra));
        match parse_webhook(&post).unwrap() {
            Event::Status(status) => status,
            Event::Message(m) => panic!("{m:?}"),
        }
    };
    for (status, state) in [
        ("queued", DeliveryState::Sent),
        ("sent", DeliveryState::Sent),
        ("delivered", DeliveryState::Delivered),
        ("read", DeliveryState::Read),
        ("undelivered", DeliveryState::Failed),
    ] {
        let update = callback(status, &[]);
        assert_eq!(update.state, state, "{status}");
        assert_eq!(update.provider_message_id, "SM1f2e3d4c5b6a79880716253443526170");
    }
    assert_eq!(callback("delivered", &[]).error, None);

    let failed = callback(
        "failed",
        &[
            ("ErrorCode", "63016"),
            ("ErrorMessage", "Failed to send freeform message because you are outside the allowed window."),
        ],
    );
    assert_eq!(failed.state, DeliveryState::Failed);
    assert_eq!(
        failed.error.as_deref(),
        Some("(#63016) Failed to send freeform message because you are outside the allowed window.")
    );
    assert!(outside_window_status(&failed));
    let unreachable = callback("undelivered", &[("ErrorCode", "30003")]);
    assert_eq!(unreachable.error.as_deref(), Some("(#30003)"));
    assert!(!outside_window_status(&unreachable));
}

#[test]
fn posts_we_cannot_read_are_errors() {
    assert!(parse_webhook(&params(&[("From", "+5511987654321"), ("Body", "oi")])).is_err());
    assert!(parse_webhook(&params(&[("MessageSid", "SM1"), ("Body", "oi")])).is_err());
    assert!(parse_webhook(&params(&[("MessageSid", "SM1"), ("MessageStatus", "teleported")])).is_err());
    // A silly NumMedia is bounded by what is actually there.
    let post = params(&[("MessageSid", "SM1"), ("From", "+5511987654321"), ("NumMedia", "99999999")]);
    let Event::Message(message) = parse_webhook(&post).unwrap() else { panic!() };
    assert!(message.media.is_empty());
}
