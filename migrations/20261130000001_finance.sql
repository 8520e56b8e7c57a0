-- Finance: invoices, payments, subscriptions, gateways, webhooks, dunning.
-- Money is integer cents (BRL). Every table is tenant-scoped with RLS and
-- composite keys, like the rest of the schema.

-- One row per company: late-fee policy, PIX receiving data, dunning.
create table finance_settings (
    tenant_id          uuid primary key references companies (tenant_id) on delete cascade,
    -- Brazilian consumer limits (CDC art. 52 §1 and usual 1 % a month):
    -- never above 2 % fine and 1 % interest a month.
    fine_bp            int not null default 200 check (fine_bp between 0 and 200),
    interest_bp_month  int not null default 100 check (interest_bp_month between 0 and 100),
    due_in_days        int not null default 5 check (due_in_days between 0 and 60),
    pix_key            text,
    pix_key_kind       text check (pix_key_kind in ('cpf', 'cnpj', 'email', 'phone', 'random')),
    merchant_name      text,
    merchant_city      text,
    -- Days relative to the due date on which a reminder goes out (-3 = three
    -- days before, 0 = on the day, 5 = five days late).
    dunning_offsets    int[] not null default '{-3,0,3,10}',
    dunning_enabled    boolean not null default true,
    updated_at         timestamptz not null default now()
);
alter table finance_settings enable row level security;
alter table finance_settings force row level security;
create policy tenant_isolation on finance_settings
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- A payment gateway account; credentials are sealed with the server's
-- secrets key (AES-256-GCM, tenant id as associated data).
create table payment_gateways (
    tenant_id     uuid not null references companies (tenant_id) on delete cascade,
    id            uuid not null,
    provider      text not null check (provider in ('stripe', 'asaas')),
    -- Where the provider's API lives; tests point this at a local server.
    base_url      text not null,
    credentials   bytea not null,
    -- Last four characters of the API key, to recognise it in the UI.
    key_hint      text not null,
    enabled       boolean not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint payment_gateways_provider_key unique (tenant_id, provider)
);
alter table payment_gateways enable row level security;
alter table payment_gateways force row level security;
create policy tenant_isolation on payment_gateways
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table subscriptions (
    tenant_id          uuid not null,
    id                 uuid not null,
    contract_id        uuid,
    customer_id        uuid not null,
    description        text not null check (length(description) between 1 and 200),
    amount_cents       bigint not null check (amount_cents > 0),
    interval_months    int not null check (interval_months in (1, 3, 12)),
    -- Day of month the period starts and the invoice is issued; 29–31 fall
    -- back to the month's last day (see finance::subscriptions::schedule).
    anchor_day         int not null check (anchor_day between 1 and 31),
    -- First period start; period k starts anchor months × k later.
    first_period_start date not null,
    -- Start of the next period to bill (the billing job's cursor).
    next_period_start  date not null,
    ends_on            date,
    status             text not null default 'active' check (status in ('active', 'paused', 'cancelled', 'ended')),
    -- Proration from plan changes, added to the next invoice (negative = credit).
    pending_adjustment_cents bigint not null default 0,
    paused_at          timestamptz,
    cancelled_at       timestamptz,
    cancel_reason      text,
    version            int not null default 1,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint subscriptions_contract_key unique (tenant_id, contract_id),
    foreign key (tenant_id, contract_id) references contracts (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
create index subscriptions_customer_idx on subscriptions (tenant_id, customer_id);
create index subscriptions_due_idx on subscriptions (next_period_start) where status = 'active';
create trigger subscriptions_updated_at before update on subscriptions
    for each row execute function set_updated_at();
alter table subscriptions enable row level security;
alter table subscriptions force row level security;
create policy tenant_isolation on subscriptions
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table invoices (
    tenant_id          uuid not null,
    id                 uuid not null,
    number             bigint not null,
    customer_id        uuid not null,
    contract_id        uuid,
    subscription_id    uuid,
    -- 'one_time' for the once-only part of a contract; the billed period for a subscription.
    period_start       date,
    period_end         date,
    status             text not null default 'open'
                       check (status in ('draft', 'open', 'partially_paid', 'paid', 'overdue', 'cancelled', 'refunded')),
    issue_date         date not null,
    due_date           date not null check (due_date >= issue_date),
    description        text not null default '',
    subtotal_cents     bigint not null check (subtotal_cents >= 0),
    discount_cents     bigint not null default 0 check (discount_cents >= 0 and discount_cents <= subtotal_cents),
    total_cents        bigint not null check (total_cents > 0),
    -- Fine and interest accrued up to fees_accrued_on (materialised when paid late).
    late_fee_cents     bigint not null default 0 check (late_fee_cents >= 0),
    fees_accrued_on    date,
    paid_cents         bigint not null default 0 check (paid_cents >= 0),
    refunded_cents     bigint not null default 0 check (refunded_cents >= 0 and refunded_cents <= paid_cents),
    -- What a gateway charge was created for, and when (a payment of exactly
    -- that amount settles the invoice even if interest accrued since).
    charged_cents      bigint,
    charged_on         date,
    stripe_intent_id   text,
    stripe_checkout_url text,
    asaas_payment_id   text,
    boleto_line        text,
    boleto_url         text,
    gateway_pix_payload text,
    cancel_reason      text,
    cancelled_at       timestamptz,
    paid_at            timestamptz,
    created_by         uuid,
    version            int not null default 1,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint invoices_number_key unique (tenant_id, number),
    -- A subscription never bills a period twice.
    constraint invoices_period_key unique (tenant_id, subscription_id, period_start),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id),
    foreign key (tenant_id, contract_id) references contracts (tenant_id, id),
    foreign key (tenant_id, subscription_id) references subscriptions (tenant_id, id),
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
-- A contract's once-only invoice is issued once.
create unique index invoices_contract_once_key on invoices (tenant_id, contract_id)
    where contract_id is not null and subscription_id is null and status <> 'cancelled';
create index invoices_customer_idx on invoices (tenant_id, customer_id, id desc);
create index invoices_contract_idx on invoices (tenant_id, contract_id);
create index invoices_subscription_idx on invoices (tenant_id, subscription_id);
create index invoices_created_by_idx on invoices (tenant_id, created_by);
create index invoices_list_idx on invoices (tenant_id, id desc);
-- Covering: the receivables view sums open invoices with an index-only scan.
create index invoices_receivable_idx on invoices (tenant_id, due_date)
    include (total_cents, paid_cents, late_fee_cents)
    where status in ('open', 'partially_paid', 'overdue');
create index invoices_stripe_idx on invoices (tenant_id, stripe_intent_id) where stripe_intent_id is not null;
create index invoices_asaas_idx on invoices (tenant_id, asaas_payment_id) where asaas_payment_id is not null;
create index invoices_overdue_scan_idx on invoices (due_date) where status in ('open', 'partially_paid');
create trigger invoices_updated_at before update on invoices
    for each row execute function set_updated_at();
alter table invoices enable row level security;
alter table invoices force row level security;
create policy tenant_isolation on invoices
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table invoice_items (
    tenant_id        uuid not null,
    id               uuid not null,
    invoice_id       uuid not null,
    position         int not null,
    description      text not null check (length(description) between 1 and 500),
    quantity_milli   bigint not null check (quantity_milli > 0),
    unit_price_cents bigint not null,
    -- Negative totals are allowed for credits and proration adjustments.
    total_cents      bigint not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, invoice_id) references invoices (tenant_id, id) on delete cascade
);
create index invoice_items_invoice_idx on invoice_items (tenant_id, invoice_id, position);
alter table invoice_items enable row level security;
alter table invoice_items force row level security;
create policy tenant_isolation on invoice_items
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- Money received. A gateway payment is unique per gateway id, so a webhook
-- delivered twice settles once. 'review' = the amount did not match and a
-- person must decide; it is not applied to any invoice until then.
create table payments (
    tenant_id          uuid not null,
    id                 uuid not null,
    customer_id        uuid not null,
    method             text not null check (method in ('pix', 'transfer', 'cash', 'boleto', 'card', 'credit', 'other')),
    amount_cents       bigint not null check (amount_cents > 0),
    received_on        date not null,
    reference          text not null default '',
    gateway            text check (gateway in ('stripe', 'asaas')),
    gateway_payment_id text,
    status             text not null default 'confirmed' check (status in ('confirmed', 'review', 'rejected')),
    review_reason      text,
    -- The invoice a gateway said this pays (for review and reconciliation).
    intended_invoice_id uuid,
    refunded_cents     bigint not null default 0 check (refunded_cents >= 0 and refunded_cents <= amount_cents),
    created_by         uuid,
    created_at         timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint payments_gateway_key unique (tenant_id, gateway, gateway_payment_id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id),
    foreign key (tenant_id, intended_invoice_id) references invoices (tenant_id, id),
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index payments_customer_idx on payments (tenant_id, customer_id);
create index payments_intended_idx on payments (tenant_id, intended_invoice_id);
create index payments_created_by_idx on payments (tenant_id, created_by);
create index payments_received_idx on payments (tenant_id, received_on) where status = 'confirmed';
alter table payments enable row level security;
alter table payments force row level security;
create policy tenant_isolation on payments
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table payment_allocations (
    tenant_id    uuid not null,
    payment_id   uuid not null,
    invoice_id   uuid not null,
    amount_cents bigint not null check (amount_cents > 0),
    primary key (tenant_id, payment_id, invoice_id),
    foreign key (tenant_id, payment_id) references payments (tenant_id, id),
    foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
);
create index payment_allocations_invoice_idx on payment_allocations (tenant_id, invoice_id);
alter table payment_allocations enable row level security;
alter table payment_allocations force row level security;
create policy tenant_isolation on payment_allocations
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- A customer's credit ledger: overpayments in (+), credit used or refunded out (−).
create table customer_credits (
    tenant_id    uuid not null,
    id           uuid not null,
    customer_id  uuid not null,
    amount_cents bigint not null check (amount_cents <> 0),
    payment_id   uuid,
    invoice_id   uuid,
    note         text not null,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id),
    foreign key (tenant_id, payment_id) references payments (tenant_id, id),
    foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
);
create index customer_credits_customer_idx on customer_credits (tenant_id, customer_id);
create index customer_credits_payment_idx on customer_credits (tenant_id, payment_id);
create index customer_credits_invoice_idx on customer_credits (tenant_id, invoice_id);
alter table customer_credits enable row level security;
alter table customer_credits force row level security;
create policy tenant_isolation on customer_credits
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table refunds (
    tenant_id        uuid not null,
    id               uuid not null,
    payment_id       uuid not null,
    invoice_id       uuid,
    amount_cents     bigint not null check (amount_cents > 0),
    reason           text not null,
    -- Set for refunds a gateway reported: one row per gateway refund total step.
    gateway_ref      text,
    created_by       uuid,
    created_at       timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint refunds_gateway_key unique (tenant_id, gateway_ref),
    foreign key (tenant_id, payment_id) references payments (tenant_id, id),
    foreign key (tenant_id, invoice_id) references invoices (tenant_id, id),
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index refunds_payment_idx on refunds (tenant_id, payment_id);
create index refunds_invoice_idx on refunds (tenant_id, invoice_id);
create index refunds_created_by_idx on refunds (tenant_id, created_by);
alter table refunds enable row level security;
alter table refunds force row level security;
create policy tenant_isolation on refunds
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- Provider webhooks, stored raw before they are acknowledged; a job
-- processes them. (provider, event_id) deduplicates redeliveries.
create table finance_webhook_events (
    tenant_id     uuid not null,
    id            uuid not null,
    gateway_id    uuid not null,
    provider      text not null check (provider in ('stripe', 'asaas')),
    event_id      text not null,
    kind          text not null default '',
    body          text not null,
    status        text not null default 'pending' check (status in ('pending', 'processed', 'ignored', 'failed')),
    error         text,
    received_at   timestamptz not null default now(),
    processed_at  timestamptz,
    primary key (tenant_id, id),
    constraint finance_webhook_events_event_key unique (tenant_id, provider, event_id),
    foreign key (tenant_id, gateway_id) references payment_gateways (tenant_id, id) on delete cascade
);
create index finance_webhook_events_gateway_idx on finance_webhook_events (tenant_id, gateway_id, received_at desc);
alter table finance_webhook_events enable row level security;
alter table finance_webhook_events force row level security;
create policy tenant_isolation on finance_webhook_events
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- One reminder per invoice and schedule step.
create table dunning_notices (
    tenant_id    uuid not null,
    invoice_id   uuid not null,
    offset_days  int not null,
    sent_at      timestamptz not null default now(),
    primary key (tenant_id, invoice_id, offset_days),
    foreign key (tenant_id, invoice_id) references invoices (tenant_id, id) on delete cascade
);
alter table dunning_notices enable row level security;
alter table dunning_notices force row level security;
create policy tenant_isolation on dunning_notices
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
