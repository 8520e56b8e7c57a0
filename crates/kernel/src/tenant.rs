//! The tenant-scoped transaction: every query of a request or job runs in
//! one, with `app.tenant_id` set *transaction-locally*, so a pooled
//! connection can never carry one tenant's id into the next request.

use std::ops::{Deref, DerefMut};

use events::Event;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use crate::error::Result;
use crate::outbox;

pub struct TenantTx {
    tx: Transaction<'static, Postgres>,
    tenant_id: Uuid,
    cause: Option<outbox::Cause>,
}

impl TenantTx {
    pub async fn begin(pool: &PgPool, tenant_id: Uuid) -> Result<Self> {
        let mut tx = pool.begin().await?;
        sqlx::query!("select set_config('app.tenant_id', $1, true)", tenant_id.to_string())
            .fetch_one(&mut *tx)
            .await?;
        Ok(Self { tx, tenant_id, cause: None })
    }

    pub fn tenant_id(&self) -> Uuid {
        self.tenant_id
    }

    /// Records a domain event in this transaction; it is delivered after
    /// commit (see [`crate::outbox`]).
    pub async fn emit<E: Event>(&mut self, event: &E) -> Result<Uuid> {
        let tenant_id = self.tenant_id;
        outbox::record(&mut self.tx, tenant_id, event, self.cause.as_ref()).await
    }

    /// Many events of one kind in one statement; see [`Self::emit`].
    pub async fn emit_all<E: Event>(&mut self, events: &[E]) -> Result<Vec<Uuid>> {
        let tenant_id = self.tenant_id;
        outbox::record_many(&mut self.tx, tenant_id, events, self.cause.as_ref()).await
    }

    /// Every event this transaction emits from now on was caused by an
    /// automation run (see [`outbox::Cause`]).
    pub fn caused_by(&mut self, cause: outbox::Cause) {
        self.cause = Some(cause);
    }

    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

impl Deref for TenantTx {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        &self.tx
    }
}

impl DerefMut for TenantTx {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.tx
    }
}
