//! Invoices, payments and subscriptions.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::{GatewayProvider, PaymentMethod, Timeline, event};

event!(
    /// An invoice was issued (by hand, from a contract, or by a subscription's period).
    Finance / Finance InvoiceIssued {
        pub invoice_id: Uuid,
        pub number: i64,
        pub customer_id: Uuid,
        pub total_cents: i64,
        pub due_date: NaiveDate,
        pub timeline: Timeline,
    }
);

event!(
    /// An invoice was e-mailed to the customer.
    Finance / Finance InvoiceSent {
        pub invoice_id: Uuid,
        /// The address it went to.
        pub to: String,
    }
);

event!(
    /// A dunning step is due for an open invoice (before or after its due date). E-mail is sent by finance; another channel (WhatsApp) may send the same reminder.
    Finance / Finance InvoiceReminderDue {
        pub invoice_id: Uuid,
        pub customer_id: Uuid,
        /// Days relative to the due date (negative: before it).
        pub offset_days: i32,
        /// What is due today, late fees included.
        pub amount_due_cents: i64,
        /// The invoice's public page.
        pub link: String,
        pub phones: Vec<String>,
    }
);

event!(
    /// An open invoice passed its due date unpaid (announced once, the day after it was due).
    Finance / Finance InvoiceOverdue {
        pub invoice_id: Uuid,
        pub number: i64,
        pub customer_id: Uuid,
        pub due_date: NaiveDate,
        /// What is due today, late fees included.
        pub amount_due_cents: i64,
    }
);

event!(
    /// An invoice was paid in full.
    Finance / Finance InvoicePaid {
        pub invoice_id: Uuid,
        pub customer_id: Uuid,
        pub paid_cents: i64,
        /// The conversation it was sent into: the payment shows there.
        pub ticket_id: Option<Uuid>,
        pub timeline: Timeline,
    }
);

event!(
    /// An invoice was cancelled.
    Finance / Finance InvoiceCancelled {
        pub invoice_id: Uuid,
        pub customer_id: Uuid,
        pub reason: String,
        pub timeline: Timeline,
    }
);

event!(
    /// Money came in (by hand or through a gateway) and was applied to the customer's invoices.
    Finance / Finance PaymentReceived {
        pub payment_id: Uuid,
        pub customer_id: Uuid,
        pub amount_cents: i64,
        pub method: PaymentMethod,
        pub timeline: Timeline,
    }
);

event!(
    /// A gateway payment did not match its invoice: held until a person decides.
    Finance / Finance PaymentNeedsReview {
        pub payment_id: Uuid,
        pub invoice_id: Uuid,
        pub reason: String,
    }
);

event!(
    /// A gateway reported a failed charge.
    Finance / Finance PaymentFailed {
        pub gateway: GatewayProvider,
        /// The gateway's id of the charge.
        pub intent_id: String,
        pub invoice_id: Option<Uuid>,
        pub reason: String,
    }
);

event!(
    /// A payment was refunded, in part or whole.
    Finance / Finance PaymentRefunded {
        pub payment_id: Uuid,
        pub customer_id: Uuid,
        pub amount_cents: i64,
        pub timeline: Timeline,
    }
);

event!(
    /// A subscription started (from a signed contract or by hand).
    Finance / Finance SubscriptionStarted {
        pub subscription_id: Uuid,
        pub customer_id: Uuid,
        pub amount_cents: i64,
        pub timeline: Timeline,
    }
);

event!(
    /// A subscription's amount changed (with the pro-rata adjustment, if any).
    Finance / Finance SubscriptionChanged {
        pub subscription_id: Uuid,
        pub customer_id: Uuid,
        pub from_cents: i64,
        pub to_cents: i64,
        pub adjustment_cents: i64,
        pub timeline: Timeline,
    }
);

event!(
    /// A subscription was paused: no billing until resumed.
    Finance / Finance SubscriptionPaused {
        pub subscription_id: Uuid,
        pub customer_id: Uuid,
    }
);

event!(
    /// A paused subscription bills again.
    Finance / Finance SubscriptionResumed {
        pub subscription_id: Uuid,
        pub customer_id: Uuid,
    }
);

event!(
    /// A subscription was cancelled.
    Finance / Finance SubscriptionCancelled {
        pub subscription_id: Uuid,
        pub customer_id: Uuid,
        /// The monthly recurring revenue lost.
        pub mrr_cents: i64,
        pub timeline: Timeline,
    }
);
