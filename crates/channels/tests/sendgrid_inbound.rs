//! SendGrid Inbound Parse: the raw-MIME mode, the pre-parsed mode (fields
//! plus a raw header block and attachment files), and reading the
//! multipart/form-data post itself.
#![allow(clippy::unwrap_used)]

use channels::sendgrid::{InboundField, parse_inbound, parse_inbound_multipart};

fn text(name: &str, value: &str) -> (String, InboundField) {
    (name.to_owned(), InboundField::Text(value.to_owned()))
}

const RAW: &str = "From: Ana Souza <ana.souza@example.com.br>\r\n\
To: suporte@empresa.conectcrm.com.br\r\n\
Subject: =?UTF-8?Q?Ol=C3=A1?=\r\n\
Message-ID: <raw-mode-1@mail.gmail.com>\r\n\
In-Reply-To: <0193f1a2@mail.conectcrm.com.br>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=UTF-8\r\n\
\r\n\
Preciso de ajuda com a fatura\r\n";

#[test]
fn raw_mode_reads_the_email_field_as_mime() {
    let fields = vec![
        text("dkim", "{@gmail.com : pass}"),
        text("email", RAW),
        text("to", "suporte@empresa.conectcrm.com.br"),
        text("from", "Ana Souza <ana.souza@example.com.br>"),
        text("sender_ip", "209.85.220.41"),
        text("envelope", r#"{"to":["suporte@empresa.conectcrm.com.br"],"from":"ana.souza@example.com.br"}"#),
        text("subject", "Olá"),
        text("charsets", r#"{"to":"UTF-8","from":"UTF-8","subject":"UTF-8"}"#),
        text("SPF", "pass"),
    ];
    let message = parse_inbound(&fields).unwrap();
    assert_eq!(message.provider_message_id, "raw-mode-1@mail.gmail.com");
    assert_eq!(message.from, "ana.souza@example.com.br");
    assert_eq!(message.subject.as_deref(), Some("Olá"));
    assert_eq!(message.reply_to_provider_id.as_deref(), Some("0193f1a2@mail.conectcrm.com.br"));
    assert_eq!(message.text.as_deref().map(str::trim_end), Some("Preciso de ajuda com a fatura"));
}

const HEADERS: &str = "Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn Thu, 28 Nov 2024 13:20:05 +0000 (UTC)\n\
MIME-Version: 1.0\n\
Date: Thu, 28 Nov 2024 10:20:00 -0300\n\
Message-ID: <CAJ3kT9parsed@mail.gmail.com>\n\
In-Reply-To: <0193f1a2-7b3c@mail.conectcrm.com.br>\n\
References: <CAJ3kT9first@mail.gmail.com> <0193f1a2-7b3c@mail.conectcrm.com.br>\n\
Subject: Re: Fatura\n\
From: Ana Souza <ana.souza@example.com.br>\n\
To: suporte@empresa.conectcrm.com.br\n\
Content-Type: multipart/mixed; boundary=\"000000000000abc\"\n";

fn parsed_fields() -> Vec<(String, InboundField)> {
    vec![
        text("headers", HEADERS),
        text("dkim", "{@gmail.com : pass}"),
        text("content-ids", r#"{"ii_m3z9":"attachment1"}"#),
        text("to", "Suporte <suporte@empresa.conectcrm.com.br>"),
        text("html", "<div>Segue o <b>comprovante</b><script>x()</script></div>"),
        text("from", "\"Souza, Ana\" <ana.souza@example.com.br>"),
        text("text", "Segue o comprovante\r\n"),
        text("sender_ip", "209.85.220.41"),
        text("envelope", r#"{"to":["suporte@empresa.conectcrm.com.br"],"from":"ana.souza@example.com.br"}"#),
        text("attachments", "1"),
        text("subject", "Re: Fatura"),
        text(
            "attachment-info",
            r#"{"attachment1":{"filename":"comprovante-pix.pdf","name":"comprovante-pix.pdf","type":"application/pdf"}}"#,
        ),
        text("charsets", r#"{"to":"UTF-8","html":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}"#),
        text("SPF", "pass"),
        (
            "attachment1".to_owned(),
            InboundField::File {
                filename: "comprovante-pix.pdf".into(),
                content_type: "application/pdf".into(),
                bytes: b"%PDF-1.4 pix".to_vec(),
            },
        ),
    ]
}

#[test]
fn parsed_mode_takes_threading_from_the_header_block() {
    let message = parse_inbound(&parsed_fields()).unwrap();
    assert_eq!(message.provider_message_id, "CAJ3kT9parsed@mail.gmail.com");
    assert_eq!(message.from, "ana.souza@example.com.br");
    assert_eq!(message.from_name.as_deref(), Some("Souza, Ana"));
    assert_eq!(message.to.as_deref(), Some("suporte@empresa.conectcrm.com.br"));
    assert_eq!(message.subject.as_deref(), Some("Re: Fatura"));
    assert_eq!(message.timestamp, Some(1_732_800_000));
    assert_eq!(message.reply_to_provider_id.as_deref(), Some("0193f1a2-7b3c@mail.conectcrm.com.br"));
    assert_eq!(message.references, ["CAJ3kT9first@mail.gmail.com", "0193f1a2-7b3c@mail.conectcrm.com.br"]);
    assert_eq!(message.text.as_deref(), Some("Segue o comprovante\n"));
    let html = message.html.unwrap();
    assert!(html.contains("<b>comprovante</b>") && !html.contains("script"), "{html}");
    assert_eq!(message.attachments.len(), 1);
    assert_eq!(message.attachments[0].filename, "comprovante-pix.pdf");
    assert_eq!(message.attachments[0].content_type, "application/pdf");
    assert_eq!(message.attachments[0].content, b"%PDF-1.4 pix");
}

#[test]
fn parsed_mode_without_text_or_message_id() {
    let fields = vec![
        text("from", "cliente@example.com"),
        text("to", "suporte@empresa.conectcrm.com.br"),
        text("subject", "Sem texto"),
        text("html", "<p>S&oacute; HTML</p>"),
        text("headers", "From: cliente@example.com\nSubject: Sem texto\n"),
    ];
    let first = parse_inbound(&fields).unwrap();
    assert!(first.provider_message_id.starts_with("sha256:"));
    assert_eq!(first.provider_message_id, parse_inbound(&fields).unwrap().provider_message_id);
    assert!(first.text.unwrap().contains("Só HTML"));

    assert!(parse_inbound(&[text("subject", "no sender")]).is_err());
}

/// A form field: name, file name and content type for files, value.
type Part<'a> = (&'a str, Option<(&'a str, &'a str)>, &'a [u8]);

/// A multipart/form-data body as SendGrid posts it.
fn form(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = "xYzZY";
    let mut body = Vec::new();
    for (name, file, value) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some((filename, content_type)) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn multipart_post_in_parsed_mode_decodes_declared_charsets() {
    let (content_type, body) = form(&[
        ("headers", None, HEADERS.as_bytes()),
        ("from", None, b"Joao <joao@padaria.com.br>"),
        ("to", None, b"suporte@empresa.conectcrm.com.br"),
        ("subject", None, b"Cobran\xe7a"),
        ("text", None, b"N\xe3o reconhe\xe7o esta cobran\xe7a."),
        ("charsets", None, br#"{"to":"UTF-8","subject":"iso-8859-1","from":"UTF-8","text":"iso-8859-1"}"#),
        ("attachment-info", None, br#"{"attachment1":{"filename":"boleto.pdf","type":"application/pdf"}}"#),
        ("attachment1", Some(("boleto.pdf", "application/pdf")), b"%PDF-1.4 \xff\x00 boleto"),
    ]);
    let message = parse_inbound_multipart(&content_type, &body).unwrap();
    assert_eq!(message.from, "joao@padaria.com.br");
    assert_eq!(message.subject.as_deref(), Some("Cobrança"));
    assert_eq!(message.text.as_deref(), Some("Não reconheço esta cobrança."));
    assert_eq!(message.provider_message_id, "CAJ3kT9parsed@mail.gmail.com");
    assert_eq!(message.attachments[0].filename, "boleto.pdf");
    assert_eq!(message.attachments[0].content, b"%PDF-1.4 \xff\x00 boleto");
}

#[test]
fn multipart_post_in_raw_mode_keeps_the_mime_bytes() {
    let mut raw = b"From: joao@padaria.com.br\r\nTo: suporte@empresa.conectcrm.com.br\r\nMessage-ID: <latin@padaria>\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".to_vec();
    raw.extend_from_slice(b"Ol\xe1, tudo bem?\r\n");
    let (content_type, body) =
        form(&[("email", None, &raw), ("to", None, b"suporte@empresa.conectcrm.com.br")]);
    let message = parse_inbound_multipart(&content_type, &body).unwrap();
    assert_eq!(message.provider_message_id, "latin@padaria");
    assert_eq!(message.text.as_deref().map(str::trim_end), Some("Olá, tudo bem?"));
}

#[test]
fn broken_multipart_is_an_error() {
    assert!(parse_inbound_multipart("application/json", b"{}").is_err());
    assert!(
        parse_inbound_multipart(
            "multipart/form-data; boundary=abc",
            b"--abc\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nunterminated"
        )
        .is_err()
    );
}
