//! Support finds customers through the CRM: the server is the only place
//! that knows both.

use kernel::Result;
use kernel::tenant::TenantTx;
use support::directory::{ContactHint, CustomerDirectory};
use uuid::Uuid;

pub struct CrmDirectory;

#[async_trait::async_trait]
impl CustomerDirectory for CrmDirectory {
    async fn find_or_create(&self, tx: &mut TenantTx, hint: &ContactHint) -> Result<Uuid> {
        crm::customers::service::find_or_create_contact(
            tx,
            hint.name.as_deref(),
            hint.email.as_deref(),
            hint.phone.as_deref(),
        )
        .await
    }

    async fn create_unverified(&self, tx: &mut TenantTx, name: Option<&str>) -> Result<Uuid> {
        crm::customers::service::create_contact(tx, name, vec![], vec![]).await
    }
}
