//! What automation flows do to tickets and the outside world: the server is
//! the only place that knows both automation and support.

use automation::ports::{AUTHOR, ActionPort, WebhookFailure};
use events::Priority;
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use uuid::Uuid;

pub struct SupportActions;

#[async_trait::async_trait]
impl ActionPort for SupportActions {
    async fn add_note(&self, tx: &mut TenantTx, ticket_id: Uuid, text: &str) -> Result<()> {
        support::tickets::service::add_system_note(tx, ticket_id, AUTHOR, text).await.map(drop)
    }

    async fn set_priority(&self, tx: &mut TenantTx, ticket_id: Uuid, priority: Priority) -> Result<()> {
        support::tickets::service::set_system_priority(tx, ticket_id, priority).await
    }

    async fn add_tags(&self, tx: &mut TenantTx, ticket_id: Uuid, tags: &[String]) -> Result<()> {
        support::tickets::service::add_system_tags(tx, ticket_id, tags).await
    }

    async fn post_webhook(
        &self,
        app: &App,
        url: &str,
        headers: &[(&'static str, String)],
        body: Vec<u8>,
    ) -> std::result::Result<u16, WebhookFailure> {
        let mut request = app.egress.post(url).body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        // A company's own endpoint: any public https host; the operator's
        // EGRESS_ALLOW_HOSTS may add others (tests, an intranet bridge).
        match app.egress.send(request, egress::Scope::ANY_PUBLIC_HTTPS, |_| None).await {
            Ok(answer) => Ok(answer.status),
            Err(e) => Err(WebhookFailure {
                status: match &e {
                    egress::Error::Status { status, .. } => Some(*status),
                    _ => None,
                },
                message: e.to_string(),
            }),
        }
    }

    async fn admin_emails(&self, tx: &mut TenantTx) -> Result<Vec<String>> {
        let tenant = tx.tenant_id();
        accounts::users::repo::active_emails_of(tx, tenant, kernel::auth::Role::ADMINS).await
    }
}
