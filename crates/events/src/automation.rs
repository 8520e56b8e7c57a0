//! Events of automation flows.

use chrono::{DateTime, Utc};
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
