//! Raw e-mail: parsing messages shaped like what Gmail, Outlook and older
//! Latin-1 clients send, sanitising their HTML, and building replies whose
//! threading headers survive a round trip.
#![allow(clippy::unwrap_used)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use channels::EmailAttachment;
use channels::email::{Outbound, build_mime, parse_mime, sanitize_html, strip_quoted};
use sha2::{Digest, Sha256};

/// Writes a sample with the CRLF line ends of the wire.
fn crlf(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

/// A small but real PDF header, base64'd as a mail client would.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn gmail_with_attachment() -> Vec<u8> {
    let pdf = STANDARD.encode(PDF);
    crlf(&format!(
        r#"Return-Path: <ana.souza@example.com.br>
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])
        by mx.conectcrm.com.br with ESMTPS id 7b2c; Thu, 28 Nov 2024 10:15:02 -0300
MIME-Version: 1.0
Date: Thu, 28 Nov 2024 10:15:00 -0300
Message-ID: <CAJ3kT9qW=Zx0+ab1@mail.gmail.com>
Subject: =?UTF-8?Q?D=C3=BAvida_sobre_a_fatura_FAT=2D0042?=
From: =?UTF-8?Q?Ana_Souza?= <ana.souza@example.com.br>
To: Suporte ConectCRM <suporte@empresa.conectcrm.com.br>
Content-Type: multipart/mixed; boundary="000000000000mixed"

--000000000000mixed
Content-Type: multipart/alternative; boundary="000000000000alt"

--000000000000alt
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Ol=C3=A1, preciso de ajuda com a fatura.
O valor est=C3=A1 diferente do contrato.

Obrigada,
Ana

--000000000000alt
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr"><p onclick=3D"steal()">Ol=C3=A1, preciso de ajuda com a <b>=
fatura</b>.</p><script>alert(document.cookie)</script><a href=3D"javascript=
:alert(1)">clique</a><img src=3D"http://tracker.example/pixel.gif"><img src=
=3D"cid:logo@empresa"></div>

--000000000000alt--

--000000000000mixed
Content-Type: application/pdf; name="fatura-FAT-0042.pdf"
Content-Disposition: attachment; filename="fatura-FAT-0042.pdf"
Content-Transfer-Encoding: base64
Content-ID: <f_m3z9k2a10>

{pdf}
--000000000000mixed--
"#
    ))
}

#[test]
fn gmail_message_with_alternative_bodies_and_a_pdf() {
    let message = parse_mime(&gmail_with_attachment()).unwrap();
    assert_eq!(message.provider_message_id, "CAJ3kT9qW=Zx0+ab1@mail.gmail.com");
    assert_eq!(message.from, "ana.souza@example.com.br");
    assert_eq!(message.from_name.as_deref(), Some("Ana Souza"));
    assert_eq!(message.to.as_deref(), Some("suporte@empresa.conectcrm.com.br"));
    assert_eq!(message.subject.as_deref(), Some("Dúvida sobre a fatura FAT-0042"));
    // Thu, 28 Nov 2024 10:15:00 -0300 = 13:15:00 UTC.
    assert_eq!(message.timestamp, Some(1_732_799_700));
    let text = message.text.as_deref().unwrap();
    assert!(
        text.starts_with("Olá, preciso de ajuda com a fatura.\nO valor está diferente do contrato."),
        "{text:?}"
    );
    assert!(!text.contains('\r'));

    let html = message.html.as_deref().unwrap();
    assert!(html.contains("Olá, preciso de ajuda com a <b>fatura</b>."), "{html}");
    for banned in ["<script", "alert(document.cookie)", "onclick", "javascript:", "tracker.example"] {
        assert!(!html.contains(banned), "{banned} in {html}");
    }
    assert!(html.contains(r#"src="cid:logo@empresa""#), "{html}");

    assert_eq!(message.attachments.len(), 1);
    let pdf = &message.attachments[0];
    assert_eq!(pdf.filename, "fatura-FAT-0042.pdf");
    assert_eq!(pdf.content_type, "application/pdf");
    assert_eq!(pdf.content, PDF);
    assert_eq!(message.reply_to_provider_id, None);
    assert!(message.references.is_empty());
    assert!(message.media.is_empty() && message.contacts.is_empty() && message.location.is_none());
}

#[test]
fn reply_carries_in_reply_to_and_references_without_brackets() {
    let raw = crlf(
        r#"From: Ana Souza <ana.souza@example.com.br>
To: suporte@empresa.conectcrm.com.br
Subject: Re: [#1042] Dúvida sobre a fatura
Date: Fri, 29 Nov 2024 09:00:00 -0300
Message-ID: <CAJ3kT9r-reply2@mail.gmail.com>
In-Reply-To: <0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.conectcrm.com.br>
References: <CAJ3kT9qW=Zx0+ab1@mail.gmail.com>
 <0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.conectcrm.com.br>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Obrigada, agora entendi!

Em qui., 28 de nov. de 2024 às 15:20, Suporte ConectCRM <
suporte@empresa.conectcrm.com.br> escreveu:

> Olá Ana, a diferença é o reajuste anual.
"#,
    );
    let message = parse_mime(&raw).unwrap();
    assert_eq!(message.provider_message_id, "CAJ3kT9r-reply2@mail.gmail.com");
    assert_eq!(
        message.reply_to_provider_id.as_deref(),
        Some("0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.conectcrm.com.br")
    );
    assert_eq!(
        message.references,
        ["CAJ3kT9qW=Zx0+ab1@mail.gmail.com", "0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.conectcrm.com.br"]
    );
    assert_eq!(message.subject.as_deref(), Some("Re: [#1042] Dúvida sobre a fatura"));
    assert_eq!(message.html, None);
    assert_eq!(strip_quoted(message.text.as_deref().unwrap()), "Obrigada, agora entendi!");
}

#[test]
fn latin1_message_is_decoded() {
    let mut raw = crlf(
        r#"From: =?ISO-8859-1?Q?Jo=E3o_Ara=FAjo?= <joao@padaria.com.br>
To: suporte@empresa.conectcrm.com.br
Subject: =?ISO-8859-1?Q?Cobran=E7a_em_duplicidade?=
Date: Mon, 02 Dec 2024 08:30:00 -0300
Message-ID: <20241202083000.4F2A@padaria.com.br>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: 8bit

"#,
    );
    // Raw Latin-1 bytes, as an old client writes them: "Recebi duas cobranças
    // no mês, não é possível."
    raw.extend_from_slice(b"Recebi duas cobran\xe7as no m\xeas, n\xe3o \xe9 poss\xedvel.\r\n");
    let message = parse_mime(&raw).unwrap();
    assert_eq!(message.from_name.as_deref(), Some("João Araújo"));
    assert_eq!(message.subject.as_deref(), Some("Cobrança em duplicidade"));
    assert_eq!(
        message.text.as_deref().map(str::trim_end),
        Some("Recebi duas cobranças no mês, não é possível.")
    );
}

#[test]
fn message_without_message_id_gets_a_stable_synthetic_id() {
    let raw =
        crlf("From: cliente@example.com\nTo: suporte@empresa.conectcrm.com.br\nSubject: sem id\n\nOi\n");
    let message = parse_mime(&raw).unwrap();
    let expected = format!("sha256:{}", hex::encode(Sha256::digest(&raw)));
    assert_eq!(message.provider_message_id, expected);
    assert_eq!(parse_mime(&raw).unwrap().provider_message_id, expected);
    assert_eq!(message.text.as_deref().map(str::trim_end), Some("Oi"));
}

#[test]
fn html_only_message_gets_text_derived_from_html() {
    let raw = crlf(
        r#"From: Loja <contato@loja.com.br>
To: suporte@empresa.conectcrm.com.br
Subject: Pedido
Message-ID: <html-only@loja.com.br>
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8

<html><head><style>p{color:red}</style></head><body><p>Pedido <b>123</b> n&atilde;o chegou.</p></body></html>
"#,
    );
    let message = parse_mime(&raw).unwrap();
    let text = message.text.unwrap();
    assert!(text.contains("Pedido 123 não chegou."), "{text:?}");
    let html = message.html.unwrap();
    assert!(html.contains("<b>123</b>") && !html.contains("<style") && !html.contains("color:red"), "{html}");
}

#[test]
fn unreadable_mail_is_an_error() {
    assert!(parse_mime(b"").is_err());
    assert!(parse_mime(&crlf("Subject: no sender\n\nbody\n")).is_err());
}

#[test]
fn sanitiser_removes_active_content_and_keeps_layout() {
    let dirty = r#"<table width="600" onmouseover="x()"><tr><td style="color: #333; background-image: url(https://evil/x.png); font-size: 14px">Olá</td></tr></table>
<script>fetch('/api/v1/me')</script><iframe src="https://evil"></iframe>
<a href="javascript:alert(1)">a</a><a href="https://conectcrm.com.br/ajuda" onclick="x()">ajuda</a>
<img src="data:image/png;base64,AAAA"><img src="https://cdn.loja.com.br/logo.png" onerror="x()"><img src="/relative.png">
<form action="https://evil"><input name="senha"></form><svg onload="x()"></svg>"#;
    let clean = sanitize_html(dirty);
    for banned in [
        "<script",
        "fetch(",
        "<iframe",
        "javascript:",
        "onclick",
        "onmouseover",
        "onerror",
        "onload",
        "<form",
        "<input",
        "data:image",
        "background-image",
        "evil",
        "relative.png",
    ] {
        assert!(!clean.contains(banned), "{banned} in {clean}");
    }
    assert!(clean.contains(r#"<table width="600">"#), "{clean}");
    assert!(clean.contains("color:#333") || clean.contains("color: #333"), "{clean}");
    assert!(clean.contains("font-size"), "{clean}");
    assert!(clean.contains(r#"href="https://conectcrm.com.br/ajuda""#), "{clean}");
    assert!(clean.contains("noopener"), "{clean}");
    assert!(clean.contains(r#"src="https://cdn.loja.com.br/logo.png""#), "{clean}");
}

fn outbound() -> Outbound {
    Outbound {
        from: "Suporte Empresa <suporte@empresa.conectcrm.com.br>".into(),
        to: "Ana Souza <ana.souza@example.com.br>".into(),
        reply_to: None,
        subject: "Re: [#1042] Dúvida sobre a fatura".into(),
        text:
            "Olá Ana,\n\na diferença é o reajuste anual previsto na cláusula 5.\n\nAtenciosamente,\nSuporte"
                .into(),
        html: Some("<p>Olá Ana,</p><p>a diferença é o <b>reajuste anual</b>.</p>".into()),
        message_id: "0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.conectcrm.com.br".into(),
        in_reply_to: Some("CAJ3kT9qW=Zx0+ab1@mail.gmail.com".into()),
        references: vec!["<CAJ3kT9a-first@mail.gmail.com>".into()],
        attachments: vec![EmailAttachment {
            filename: "contrato-cláusula-5.pdf".into(),
            content_type: "application/pdf".into(),
            content: PDF.to_vec(),
        }],
    }
}

#[test]
fn built_reply_round_trips_with_threading_headers_and_attachment() {
    let raw = build_mime(&outbound()).unwrap();
    let head = String::from_utf8_lossy(&raw);
    assert!(
        head.contains("Message-ID: <0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.conectcrm.com.br>"),
        "{head}"
    );
    assert!(head.contains("In-Reply-To: <CAJ3kT9qW=Zx0+ab1@mail.gmail.com>"), "{head}");

    let parsed = parse_mime(&raw).unwrap();
    assert_eq!(parsed.provider_message_id, "0193f1a2-7b3c-7d4e-8f5a-1b2c3d4e5f60@mail.conectcrm.com.br");
    assert_eq!(parsed.reply_to_provider_id.as_deref(), Some("CAJ3kT9qW=Zx0+ab1@mail.gmail.com"));
    // The parent joins the references after the earlier ones.
    assert_eq!(parsed.references, ["CAJ3kT9a-first@mail.gmail.com", "CAJ3kT9qW=Zx0+ab1@mail.gmail.com"]);
    assert_eq!(parsed.from, "suporte@empresa.conectcrm.com.br");
    assert_eq!(parsed.from_name.as_deref(), Some("Suporte Empresa"));
    assert_eq!(parsed.to.as_deref(), Some("ana.souza@example.com.br"));
    assert_eq!(parsed.subject.as_deref(), Some("Re: [#1042] Dúvida sobre a fatura"));
    assert!(parsed.timestamp.is_some());
    assert_eq!(
        parsed.text.as_deref().map(str::trim_end),
        Some(
            "Olá Ana,\n\na diferença é o reajuste anual previsto na cláusula 5.\n\nAtenciosamente,\nSuporte"
        )
    );
    assert!(parsed.html.as_deref().unwrap().contains("<b>reajuste anual</b>"));
    assert_eq!(parsed.attachments.len(), 1);
    assert_eq!(parsed.attachments[0].filename, "contrato-cláusula-5.pdf");
    assert_eq!(parsed.attachments[0].content_type, "application/pdf");
    assert_eq!(parsed.attachments[0].content, PDF);
}

#[test]
fn plain_first_message_has_no_threading_headers() {
    let out =
        Outbound { html: None, in_reply_to: None, references: vec![], attachments: vec![], ..outbound() };
    let raw = build_mime(&out).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains("In-Reply-To") && !text.contains("References"), "{text}");
    assert!(!text.contains("multipart"), "{text}");
    let parsed = parse_mime(&raw).unwrap();
    assert_eq!(parsed.provider_message_id, out.message_id);
    assert_eq!(parsed.html, None);
}

#[test]
fn bad_addresses_or_ids_are_refused() {
    assert!(build_mime(&Outbound { to: "not an address".into(), ..outbound() }).is_err());
    assert!(build_mime(&Outbound { message_id: "a b@c".into(), ..outbound() }).is_err());
    assert!(
        build_mime(&Outbound { in_reply_to: Some("x>\r\nBcc: spy@evil.com".into()), ..outbound() }).is_err()
    );
}

fn plain(extra_headers: &str) -> Vec<u8> {
    crlf(&format!(
        "From: Ana <ana@example.com.br>\nTo: suporte@empresa.com.br\nSubject: Re: Pedido\nMessage-ID: <x1@example.com.br>\n{extra_headers}Content-Type: text/plain; charset=UTF-8\n\nOlá\n"
    ))
}

#[test]
fn out_of_office_and_robot_mail_is_marked_automatic() {
    assert!(!parse_mime(&plain("")).unwrap().auto_submitted);
    assert!(
        !parse_mime(&plain("Auto-Submitted: no\n")).unwrap().auto_submitted,
        "RFC 3834: `no` is a person"
    );
    for header in [
        "Auto-Submitted: auto-replied\n",
        "Auto-Submitted: auto-generated\n",
        "X-Autoreply: yes\n",
        "Precedence: bulk\n",
        "Precedence: auto_reply\n",
    ] {
        assert!(parse_mime(&plain(header)).unwrap().auto_submitted, "{header}");
    }
}
