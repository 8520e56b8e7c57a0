//! Customers, the pipeline, proposals and contracts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{Billing, ContractStatus, Timeline, event};

event!(
    /// A customer was created (by hand, by an import, or by a first message).
    Crm / Everyone CustomerCreated {
        pub customer_id: Uuid,
        pub name: String,
    }
);

event!(
    /// A customer's data changed.
    Crm / Everyone CustomerUpdated {
        pub customer_id: Uuid,
    }
);

event!(
    /// Two customers became one; everything of `merged_id` now belongs to `survivor_id`.
    Crm / Everyone CustomerMerged {
        pub survivor_id: Uuid,
        pub merged_id: Uuid,
    }
);

event!(
    /// A customer was deleted.
    Crm / Everyone CustomerDeleted {
        pub customer_id: Uuid,
    }
);

event!(
    /// A CSV import finished and kept its rows.
    Crm / Crm CustomersImported {
        pub import_id: Uuid,
        pub created: i64,
        pub updated: i64,
        pub skipped: i64,
    }
);

event!(
    /// A contact person was added to a customer.
    Crm / Everyone ContactAdded {
        pub customer_id: Uuid,
        pub contact_id: Uuid,
    }
);

event!(
    /// A deal was created in a pipeline.
    Crm / Crm OpportunityCreated {
        pub opportunity_id: Uuid,
        pub pipeline_id: Uuid,
        pub stage_id: Uuid,
        pub customer_id: Uuid,
        pub value_cents: i64,
        /// The conversation it came from ("Criar oportunidade" on a ticket).
        pub ticket_id: Option<Uuid>,
    }
);

event!(
    /// A deal's title, value, owner or dates changed.
    Crm / Crm OpportunityUpdated {
        pub opportunity_id: Uuid,
        pub pipeline_id: Uuid,
    }
);

event!(
    /// A card changed place on the board (another stage, or its order in one); open boards patch it in.
    Crm / Crm OpportunityMoved {
        pub opportunity_id: Uuid,
        pub pipeline_id: Uuid,
        pub from_stage_id: Uuid,
        pub stage_id: Uuid,
        pub position: f64,
        pub version: i32,
    }
);

event!(
    /// A deal entered another stage.
    Crm / Crm OpportunityStageChanged {
        pub opportunity_id: Uuid,
        pub pipeline_id: Uuid,
        pub customer_id: Uuid,
        pub from_stage_id: Uuid,
        pub stage_id: Uuid,
        pub stage_name: String,
        pub value_cents: i64,
    }
);

event!(
    /// A deal entered a won stage (by hand, or its proposal was accepted).
    Crm / Crm OpportunityWon {
        pub opportunity_id: Uuid,
        pub pipeline_id: Uuid,
        pub customer_id: Uuid,
        pub value_cents: i64,
    }
);

event!(
    /// A deal entered a lost stage.
    Crm / Crm OpportunityLost {
        pub opportunity_id: Uuid,
        pub pipeline_id: Uuid,
        pub customer_id: Uuid,
        pub value_cents: i64,
        pub lost_reason: Option<String>,
    }
);

event!(
    /// A deal was deleted.
    Crm / Crm OpportunityDeleted {
        pub opportunity_id: Uuid,
        pub pipeline_id: Uuid,
    }
);

event!(
    /// A proposal was drafted.
    Crm / Crm ProposalCreated {
        pub proposal_id: Uuid,
        pub customer_id: Uuid,
    }
);

event!(
    /// A proposal was edited (a new revision).
    Crm / Crm ProposalUpdated {
        pub proposal_id: Uuid,
        pub revision: i32,
    }
);

event!(
    /// A proposal's public link was sent to the customer.
    Crm / Crm ProposalSent {
        pub proposal_id: Uuid,
        pub customer_id: Uuid,
    }
);

event!(
    /// The customer opened the proposal's public link for the first time.
    Crm / Crm ProposalViewed {
        pub proposal_id: Uuid,
        pub customer_id: Uuid,
    }
);

event!(
    /// The customer accepted the proposal: a signed contract exists and the deal is won.
    Crm / Crm ProposalAccepted {
        pub proposal_id: Uuid,
        pub contract_id: Uuid,
        pub customer_id: Uuid,
        /// The conversation it was made in: the acceptance shows there.
        pub ticket_id: Option<Uuid>,
        /// `PROP-0007`'s number; 0 in events stored before it was carried.
        #[serde(default)]
        pub number: i64,
        /// Who answers for it: the deal's owner, else who wrote the proposal.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner_id: Option<Uuid>,
    }
);

event!(
    /// The customer refused the proposal.
    Crm / Crm ProposalRejected {
        pub proposal_id: Uuid,
        pub customer_id: Uuid,
    }
);

event!(
    /// A sent proposal passed its validity date unanswered.
    Crm / Crm ProposalExpired {
        pub proposal_id: Uuid,
        pub customer_id: Uuid,
    }
);

event!(
    /// A draft contract was edited.
    Crm / Crm ContractUpdated {
        pub contract_id: Uuid,
    }
);

/// A priced line of a signed contract, as finance bills it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ContractLine {
    pub description: String,
    /// Quantity in thousandths.
    pub quantity_milli: i64,
    pub unit_price_cents: i64,
    pub total_cents: i64,
    pub billing: Billing,
}

event!(
    /// A contract was signed: finance invoices its one-time part and starts a subscription for the recurring part.
    Crm / Crm ContractSigned {
        pub contract_id: Uuid,
        pub number: i64,
        pub customer_id: Uuid,
        /// The period of the recurring lines, or `one_time`.
        pub recurrence: Billing,
        pub start_date: NaiveDate,
        pub term_months: Option<i32>,
        pub billing_day: i32,
        pub one_time_cents: i64,
        pub recurring_cents: i64,
        pub items: Vec<ContractLine>,
        /// The conversation its proposal came from: its invoice goes there too.
        #[serde(default)]
        pub ticket_id: Option<Uuid>,
        pub timeline: Timeline,
    }
);

event!(
    /// A contract was suspended, reactivated or ended.
    Crm / Crm ContractStatusChanged {
        pub contract_id: Uuid,
        pub status: ContractStatus,
    }
);

event!(
    /// A contract was cancelled: its subscription stops.
    Crm / Crm ContractCancelled {
        pub contract_id: Uuid,
        pub customer_id: Uuid,
        pub reason: String,
        pub timeline: Timeline,
    }
);
