// The finance API's types, written by hand from the server's models
// (crates/finance/src/*/model.rs) until web/openapi.json includes them.
// JSON is snake_case, money is integer cents, dates are "AAAA-MM-DD"
// (`NaiveDate`) and instants are ISO 8601 (`DateTime<Utc>`).
//
// When `npm run gen:api` knows these schemas, each type below becomes an
// alias in src/lib/api/models.ts (`export type Invoice = Schemas['Invoice']`)
// and this file re-exports them under the same names, so nothing else changes.

/** A calendar date, "2026-03-01". */
export type IsoDate = string;
/** An instant, "2026-03-01T12:00:00Z". */
export type IsoDateTime = string;

// --- invoices (crates/finance/src/invoices/model.rs) ---------------------------

/** `overdue` is not stored: an open or partially paid invoice past its due date. */
export type InvoiceStatus = 'draft' | 'open' | 'partially_paid' | 'paid' | 'overdue' | 'cancelled' | 'refunded';

export type InvoiceItem = {
  id: string;
  description: string;
  /** Up to three decimals. */
  quantity: number;
  unit_price_cents: number;
  /** Negative for credits and proration adjustments. */
  total_cents: number;
};

export type Invoice = {
  id: string;
  number: number;
  /** "FAT-0042". */
  label: string;
  customer_id: string;
  customer_name: string;
  contract_id: string | null;
  subscription_id: string | null;
  period_start: IsoDate | null;
  period_end: IsoDate | null;
  status: InvoiceStatus;
  issue_date: IsoDate;
  due_date: IsoDate;
  description: string;
  items: InvoiceItem[];
  subtotal_cents: number;
  discount_cents: number;
  total_cents: number;
  /** Fine and interest already charged (materialised when paid late). */
  late_fee_cents: number;
  paid_cents: number;
  refunded_cents: number;
  /** What settles it today: open principal plus fees up to today. */
  amount_due_cents: number;
  /** The fee part of `amount_due_cents`. */
  fees_due_cents: number;
  currency: string;
  boleto_line: string | null;
  boleto_url: string | null;
  card_url: string | null;
  cancel_reason: string | null;
  cancelled_at: IsoDateTime | null;
  paid_at: IsoDateTime | null;
  version: number;
  created_at: IsoDateTime;
};

export type InvoicePage = { items: Invoice[]; next_cursor: string | null };

/** Query of GET /invoices and GET /invoices/export.csv (limit and cursor apart). */
export type InvoiceFilter = {
  /** Number ("42", "FAT-0042") or customer name. */
  q?: string;
  status?: InvoiceStatus;
  customer_id?: string;
  contract_id?: string;
  subscription_id?: string;
  /** Due on or after. */
  due_from?: IsoDate;
  /** Due on or before. */
  due_to?: IsoDate;
};

export type NewInvoiceItem = {
  description: string;
  /** Default 1; up to three decimals. */
  quantity?: number | null;
  unit_price_cents: number;
};

export type CreateInvoiceRequest = {
  customer_id: string;
  contract_id?: string | null;
  /** Default: today. */
  issue_date?: IsoDate | null;
  due_date: IsoDate;
  description?: string;
  items: NewInvoiceItem[];
  /** Discount on the whole invoice. */
  discount_cents?: number;
  /** true keeps it as a draft (not payable, no reminders) until issued. */
  draft?: boolean;
};

export type CancelInvoiceRequest = { reason: string };

export type SendInvoiceRequest = {
  /** Default: the customer's first e-mail. */
  to?: string | null;
};

export type SentInvoice = { to: string; link: string };

export type PublicLink = { link: string };

/** PIX data for an invoice: the copy-and-paste code and its QR code. */
export type PixCharge = {
  /** "PIX copia e cola". */
  payload: string;
  /** The QR code as an SVG document. */
  qr_svg: string;
  amount_cents: number;
  /** "gateway" (Asaas) or "static" (the company's own key; confirmed by hand). */
  source: 'gateway' | 'static' | (string & {});
};

/** What the customer sees behind the public link. */
export type PublicInvoice = {
  company_name: string;
  company_document: string | null;
  label: string;
  customer_name: string;
  status: InvoiceStatus;
  issue_date: IsoDate;
  due_date: IsoDate;
  description: string;
  items: InvoiceItem[];
  subtotal_cents: number;
  discount_cents: number;
  total_cents: number;
  paid_cents: number;
  amount_due_cents: number;
  fees_due_cents: number;
  currency: string;
  pix: PixCharge | null;
  boleto_line: string | null;
  boleto_url: string | null;
  /** Card payment is offered (a Stripe account is connected). */
  card_available: boolean;
};

export type CardCheckout = { url: string };

// --- payments (crates/finance/src/ledger/model.rs) -----------------------------

export type PaymentMethod = 'pix' | 'transfer' | 'cash' | 'boleto' | 'card' | 'credit' | 'other';

/** `review`: a gateway's amount did not match, held until a person decides. */
export type PaymentStatus = 'confirmed' | 'review' | 'rejected';

export type Allocation = {
  invoice_id: string;
  invoice_label: string;
  amount_cents: number;
};

export type Payment = {
  id: string;
  customer_id: string;
  customer_name: string;
  method: PaymentMethod;
  amount_cents: number;
  currency: string;
  received_on: IsoDate;
  reference: string;
  /** stripe or asaas, for payments a gateway reported. */
  gateway: string | null;
  gateway_payment_id: string | null;
  status: PaymentStatus;
  review_reason: string | null;
  intended_invoice_id: string | null;
  allocations: Allocation[];
  /** The part that went to the customer's credit. */
  credited_cents: number;
  refunded_cents: number;
  created_at: IsoDateTime;
};

export type PaymentPage = { items: Payment[]; next_cursor: string | null };

export type PaymentFilter = {
  /** Customer name or reference. */
  q?: string;
  customer_id?: string;
  invoice_id?: string;
  status?: PaymentStatus;
};

export type RegisterPaymentRequest = {
  /** Required when no invoice is given. */
  customer_id?: string | null;
  /** Invoices to settle, in this order; empty = the customer's open invoices, oldest due first. */
  invoice_ids?: string[];
  method: PaymentMethod;
  amount_cents: number;
  /** Default: today. */
  received_on?: IsoDate | null;
  reference?: string;
};

export type RefundRequest = {
  /** Default: everything not yet refunded. */
  amount_cents?: number | null;
  reason: string;
};

export type CustomerCredit = {
  customer_id: string;
  balance_cents: number;
  currency: string;
};

// --- subscriptions (crates/finance/src/subscriptions/model.rs) -----------------

export type SubscriptionStatus = 'active' | 'paused' | 'cancelled' | 'ended';

export type Subscription = {
  id: string;
  contract_id: string | null;
  customer_id: string;
  customer_name: string;
  description: string;
  /** Per period. */
  amount_cents: number;
  currency: string;
  /** 1 (monthly), 3 (quarterly) or 12 (yearly). */
  interval_months: number;
  /** Day of the month the period starts; 29–31 fall back to the month's last day. */
  anchor_day: number;
  /** The next period's start, when its invoice is issued. */
  next_billing_date: IsoDate;
  ends_on: IsoDate | null;
  status: SubscriptionStatus;
  /** Proration from plan changes, added to the next invoice (negative = credit). */
  pending_adjustment_cents: number;
  /** Monthly recurring revenue of this subscription. */
  mrr_cents: number;
  paused_at: IsoDateTime | null;
  cancelled_at: IsoDateTime | null;
  cancel_reason: string | null;
  version: number;
  created_at: IsoDateTime;
};

export type SubscriptionPage = { items: Subscription[]; next_cursor: string | null };

export type SubscriptionFilter = {
  /** Customer name or description. */
  q?: string;
  status?: SubscriptionStatus;
  customer_id?: string;
};

export type CreateSubscriptionRequest = {
  customer_id: string;
  description: string;
  amount_cents: number;
  /** 1, 3 or 12. */
  interval_months: number;
  /** Default: today. */
  start_date?: IsoDate | null;
  /** Default: the start date's day. */
  anchor_day?: number | null;
  ends_on?: IsoDate | null;
};

/** The new amount applies from the next period; the rest of the current one is prorated by day onto the next invoice. */
export type ChangeSubscriptionPlanRequest = {
  amount_cents: number;
  description?: string | null;
};

export type CancelSubscriptionRequest = { reason: string };

// --- settings (crates/finance/src/settings/model.rs) ---------------------------

export type FinanceSettings = {
  /** Fine on late payment, basis points (2 % = 200, the maximum). */
  fine_bp: number;
  /** Interest a month, basis points, charged pro rata per day (1 % = 100, the maximum). */
  interest_bp_month: number;
  /** Days between issue and due date for invoices from subscriptions. */
  due_in_days: number;
  pix_key: string | null;
  /** cpf, cnpj, email, phone or random. */
  pix_key_kind: string | null;
  /** Name on the PIX code (up to 25 characters; defaults to the company's name). */
  merchant_name: string | null;
  /** City on the PIX code (up to 15 characters). */
  merchant_city: string | null;
  /** Days relative to the due date when a reminder is sent (−3 = three days before). */
  dunning_offsets: number[];
  dunning_enabled: boolean;
};

/** Every field optional: only what is sent changes. `pix_key: ""` removes the key. */
export type UpdateFinanceSettings = {
  fine_bp?: number | null;
  interest_bp_month?: number | null;
  due_in_days?: number | null;
  pix_key?: string | null;
  merchant_name?: string | null;
  merchant_city?: string | null;
  dunning_offsets?: number[] | null;
  dunning_enabled?: boolean | null;
};

// --- gateways (crates/finance/src/gateways/model.rs) ---------------------------

export type GatewayProvider = 'stripe' | 'asaas';

export type Gateway = {
  id: string;
  provider: GatewayProvider;
  base_url: string;
  /** Last four characters of the API key. */
  key_hint: string;
  enabled: boolean;
  /** Paste this into the provider's webhook settings. */
  webhook_url: string;
  /** Only in the answer that created it, when the server generated it (Asaas): paste it as the webhook's token. */
  webhook_secret: string | null;
  created_at: IsoDateTime;
};

export type SaveGatewayRequest = {
  provider: GatewayProvider;
  api_key: string;
  /** Stripe: required (whsec_…). Asaas: generated when empty. */
  webhook_secret?: string | null;
  /** Asaas sandbox instead of production. */
  sandbox?: boolean;
  /** Another API address (a proxy, or a local test server). */
  base_url?: string | null;
  enabled?: boolean | null;
};

export type ConnectionTest = { ok: boolean; message: string };

/** `card`: Stripe Checkout; `pix_boleto`: an Asaas charge with PIX QR code and boleto. */
export type ChargeMethod = 'card' | 'pix_boleto';

export type ChargeRequest = { method: ChargeMethod };

// --- reports (crates/finance/src/reports/model.rs) -----------------------------

export type Bucket = { count: number; total_cents: number };

export type Receivables = {
  today: IsoDate;
  currency: string;
  /** Open, due within the next 7 days. */
  due_soon: Bucket;
  /** Open, due later than that. */
  not_due: Bucket;
  /** Past due (open principal, without fees). */
  overdue: Bucket;
  overdue_1_30: Bucket;
  overdue_31_60: Bucket;
  overdue_61_90: Bucket;
  overdue_over_90: Bucket;
  /** Confirmed money received this month (credit use excluded). */
  received_this_month: Bucket;
  /** Gateway payments waiting for a person to confirm. */
  in_review: Bucket;
};

export type MonthCash = {
  /** "2026-11". */
  month: string;
  received_cents: number;
  refunded_cents: number;
};

export type FinanceSummary = {
  from: IsoDate;
  to: IsoDate;
  currency: string;
  cash_by_month: MonthCash[];
  received_cents: number;
  /** Monthly recurring revenue of active subscriptions. */
  mrr_cents: number;
  arr_cents: number;
  active_subscriptions: number;
  /** MRR of subscriptions cancelled in the period. */
  churned_mrr_cents: number;
  churned_subscriptions: number;
};

export type PeriodParams = {
  /** Default: first day of the month eleven months ago. */
  from?: IsoDate;
  /** Default: today. */
  to?: IsoDate;
};
