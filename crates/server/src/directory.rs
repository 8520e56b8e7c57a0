//! Support finds customers through the CRM: the server is the only place
//! that knows both.

use crm::proposals::model::{ProposalFilter, ProposalStatus};
use finance::invoices::model::InvoiceStatus;
use kernel::pagination::PageParams;
use kernel::tenant::TenantTx;
use kernel::{App, Result};
use support::directory::{
    AccountItem, AccountKind, ContactHint, CustomerDirectory, PaymentItem, ProposalSummary, SharedInvoice,
    SharedProposal,
};
use uuid::Uuid;

/// Invoices and proposals told about, each.
const OPEN_ITEMS: i64 = 10;

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

    async fn open_items(&self, app: &App, tx: &mut TenantTx, customer_id: Uuid) -> Result<Vec<AccountItem>> {
        let invoices = finance::invoices::service::receivable_of(app, tx, customer_id, OPEN_ITEMS).await?;
        let mut items: Vec<AccountItem> = invoices
            .into_iter()
            .map(|r| AccountItem {
                kind: AccountKind::Invoice,
                overdue: r.invoice.status == InvoiceStatus::Overdue,
                viewed: false,
                label: r.invoice.label,
                title: r.invoice.description,
                amount_cents: r.invoice.amount_due_cents,
                date: r.invoice.due_date,
                link: Some(r.link),
                pix_code: r.pix_payload,
                boleto_line: r.invoice.boleto_line,
            })
            .collect();
        let page = PageParams { limit: Some(OPEN_ITEMS), cursor: None, q: None }.parse()?;
        let tenant = tx.tenant_id();
        for status in [ProposalStatus::Viewed, ProposalStatus::Sent] {
            let filter =
                ProposalFilter { status: Some(status), customer_id: Some(customer_id), ..Default::default() };
            for p in crm::proposals::repo::list(tx, tenant, &page, &filter).await? {
                // The live link, kept sealed since it was sent (none for links sent
                // before it was kept: those need a new send).
                let link = crm::proposals::service::public_url(app, tx, p.id).await?;
                items.push(AccountItem {
                    kind: AccountKind::Proposal,
                    label: crm::proposals::document::number_label(p.number),
                    title: p.title,
                    amount_cents: p.total_cents,
                    date: p.valid_until,
                    overdue: false,
                    viewed: status == ProposalStatus::Viewed,
                    link,
                    pix_code: None,
                    boleto_line: None,
                });
            }
        }
        Ok(items)
    }

    async fn document_of(&self, tx: &mut TenantTx, customer_id: Uuid) -> Result<Option<String>> {
        let tenant = tx.tenant_id();
        Ok(crm::customers::repo::find(tx, tenant, customer_id).await?.and_then(|c| c.document))
    }

    async fn recent_payments(&self, tx: &mut TenantTx, customer_id: Uuid) -> Result<Vec<PaymentItem>> {
        let page = PageParams { limit: Some(3), cursor: None, q: None }.parse()?;
        let filter =
            finance::ledger::model::PaymentFilter { customer_id: Some(customer_id), ..Default::default() };
        let tenant = tx.tenant_id();
        let mut payments = finance::ledger::repo::list(tx, tenant, &page, &filter).await?;
        payments.truncate(3);
        Ok(payments
            .into_iter()
            .filter(|p| p.status != finance::ledger::model::PaymentStatus::Rejected)
            .map(|p| PaymentItem {
                received_on: p.received_on,
                amount_cents: p.amount_cents,
                method: p.method.label().to_owned(),
                in_review: p.status == finance::ledger::model::PaymentStatus::Review,
            })
            .collect())
    }

    async fn send_proposal(
        &self,
        app: &App,
        tx: &mut TenantTx,
        user_id: Uuid,
        proposal_id: Uuid,
        customer_id: Uuid,
        ticket: (Uuid, i64),
    ) -> Result<SharedProposal> {
        let sent =
            crm::proposals::service::send_in_chat(app, tx, user_id, proposal_id, customer_id, ticket).await?;
        Ok(SharedProposal { summary: summary_of(sent.proposal), link: sent.public_url })
    }

    async fn proposal_summary(
        &self,
        tx: &mut TenantTx,
        proposal_id: Uuid,
    ) -> Result<Option<ProposalSummary>> {
        let tenant = tx.tenant_id();
        Ok(crm::proposals::repo::find(tx, tenant, proposal_id).await?.map(summary_of))
    }

    async fn send_invoice(
        &self,
        app: &App,
        tx: &mut TenantTx,
        invoice_id: Uuid,
        customer_id: Uuid,
        ticket_id: Uuid,
    ) -> Result<SharedInvoice> {
        let r =
            finance::invoices::service::share_in_chat(app, tx, invoice_id, customer_id, ticket_id).await?;
        Ok(SharedInvoice {
            label: r.invoice.label,
            description: r.invoice.description,
            amount_due_cents: r.invoice.amount_due_cents,
            due_date: r.invoice.due_date,
            link: r.link,
            pix_payload: r.pix_payload,
        })
    }

    async fn invoice_label(&self, tx: &mut TenantTx, invoice_id: Uuid) -> Result<Option<String>> {
        let tenant = tx.tenant_id();
        Ok(finance::invoices::repo::find(tx, tenant, invoice_id, false).await?.map(|i| i.label))
    }
}

fn summary_of(p: crm::proposals::model::Proposal) -> ProposalSummary {
    ProposalSummary {
        label: crm::proposals::document::number_label(p.number),
        title: p.title,
        total_cents: p.total_cents,
        valid_until: p.valid_until,
    }
}
