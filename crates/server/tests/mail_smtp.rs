//! E-mail through a real SMTP server (aiosmtpd, installed by test.sh):
//! with `SMTP_URL` set, an invitation leaves by SMTP, not the outbox folder.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::TestApp;
use kernel::config::Secret;
use reqwest::StatusCode;
use serde_json::json;

struct SmtpServer {
    child: Child,
    port: u16,
    maildir: std::path::PathBuf,
}

impl SmtpServer {
    async fn start() -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let maildir = std::env::temp_dir().join(format!("conectcrm-smtp-{}", uuid::Uuid::now_v7().simple()));
        let child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd (pip install aiosmtpd)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self { child, port, maildir }
    }

    fn received(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.join("new"))
            .map(|d| d.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect())
            .unwrap_or_default()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

#[tokio::test]
async fn invitations_go_out_through_smtp_when_configured() {
    let smtp = SmtpServer::start().await;
    let port = smtp.port;
    let t = TestApp::spawn_with(move |c| c.smtp_url = Some(Secret::new(format!("smtp://127.0.0.1:{port}"))))
        .await;
    // The confirmation link goes out by SMTP too: sign in without it.
    let email = t.signup_unconfirmed("Alfa").await;
    let (_, pair) = t.login(&email, common::PASSWORD).await;
    let owner = t.actor(&email, &pair).await;
    let (s, _) = t
        .post("/api/v1/invitations", Some(&owner.token), json!({"email": "bia@alfa.com.br", "role": "agent"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    t.drain_jobs().await;
    let mails: Vec<String> =
        smtp.received().into_iter().filter(|m| m.contains("To: bia@alfa.com.br")).collect();
    assert_eq!(mails.len(), 1, "one invitation reached the SMTP server");
    let mail = &mails[0];
    assert!(mail.contains("To: bia@alfa.com.br"), "{mail}");
    assert!(mail.contains("Subject:"));
    assert!(mail.replace("=\r\n", "").replace("=\n", "").contains("/convite/"), "the link is in the body");
    assert!(t.outbox().is_empty(), "nothing went to the outbox folder");
}
