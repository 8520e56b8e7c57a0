//! Events of automation flows.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::event;

event!(
    /// Someone pressed a flow's button on a ticket (a flow with this
    /// trigger runs only when its own button is pressed).
    Automation / Support FlowRunRequested {
        pub flow_id: Uuid,
        pub ticket_id: Uuid,
        pub requested_by: Uuid,
        pub requested_by_name: String,
    }
);

event!(
    /// A flow paused itself after failing again and again; admins are told.
    Automation / Admin FlowPaused {
        pub flow_id: Uuid,
        pub name: String,
        pub reason: String,
    }
);

event!(
    /// A scheduled flow's time came (its cron, in the company's timezone);
    /// a flow with this trigger runs only at its own times.
    Automation / Admin FlowScheduleFired {
        pub flow_id: Uuid,
        pub fired_at: DateTime<Utc>,
    }
);

event!(
    /// A scheduled flow over invoices ("3 dias antes do vencimento") came
    /// to one open invoice: one event per invoice due `days_to_due` days
    /// after the firing day, read in the company's timezone. Only that
    /// flow runs on it; nobody receives it live.
    Automation / Internal FlowInvoiceDue {
        pub flow_id: Uuid,
        pub invoice_id: Uuid,
        pub customer_id: Uuid,
        pub due_date: NaiveDate,
        /// 3 = "vence em 3 dias", 0 = "vence hoje", −2 = "venceu há 2 dias".
        pub days_to_due: i32,
        pub fired_at: DateTime<Utc>,
    }
);
