-- Proposals (versioned, with a public acceptance link) and contracts.

-- Gapless per-company numbering (proposals, contracts, later invoices):
-- the row is locked by the transaction that takes a number, so numbers are
-- never skipped or repeated.
create table tenant_counters (
    tenant_id uuid not null references companies (tenant_id) on delete cascade,
    name      text not null,
    value     bigint not null default 0,
    primary key (tenant_id, name)
);
alter table tenant_counters enable row level security;
alter table tenant_counters force row level security;
create policy tenant_isolation on tenant_counters
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table proposals (
    tenant_id          uuid not null,
    id                 uuid not null,
    number             bigint not null,
    customer_id        uuid not null,
    opportunity_id     uuid,
    title              text not null check (length(title) between 1 and 200),
    status             text not null default 'draft'
                       check (status in ('draft', 'sent', 'viewed', 'accepted', 'rejected', 'expired')),
    -- Content version: editing a sent proposal snapshots it and bumps this.
    revision           int not null default 1,
    valid_until        date not null,
    terms              text not null default '',
    -- Overall discount, a percentage in basis points (10% = 1000); amounts
    -- below are computed by the server (crm::proposals::pricing).
    discount_bp        int not null default 0 check (discount_bp between 0 and 10000),
    subtotal_cents     bigint not null default 0 check (subtotal_cents >= 0),
    discount_cents     bigint not null default 0 check (discount_cents >= 0),
    total_cents        bigint not null default 0 check (total_cents >= 0),
    -- After the overall discount: what is billed once, and every period.
    one_time_cents     bigint not null default 0 check (one_time_cents >= 0),
    recurring_cents    bigint not null default 0 check (recurring_cents >= 0),
    recurrence         text not null default 'one_time'
                       check (recurrence in ('one_time', 'monthly', 'quarterly', 'yearly')),
    -- SHA-256 of the secret in the public link; null until sent.
    public_token_hash  bytea,
    sent_at            timestamptz,
    viewed_at          timestamptz,
    decided_at         timestamptz,
    accepted_name      text,
    accepted_document  text,
    accepted_email     text,
    accepted_ip        text,
    rejected_reason    text,
    created_by         uuid,
    version            int not null default 1,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint proposals_number_key unique (tenant_id, number),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id),
    foreign key (tenant_id, opportunity_id) references opportunities (tenant_id, id) on delete set null (opportunity_id),
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index proposals_customer_idx on proposals (tenant_id, customer_id);
create index proposals_opportunity_idx on proposals (tenant_id, opportunity_id);
create index proposals_created_by_idx on proposals (tenant_id, created_by);
create index proposals_expiring_idx on proposals (valid_until) where status in ('sent', 'viewed');
create trigger proposals_updated_at before update on proposals
    for each row execute function set_updated_at();
alter table proposals enable row level security;
alter table proposals force row level security;
create policy tenant_isolation on proposals
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table proposal_items (
    tenant_id        uuid not null,
    id               uuid not null,
    proposal_id      uuid not null,
    position         int not null,
    product_id       uuid,
    description      text not null check (length(description) between 1 and 500),
    unit             text not null default 'un',
    quantity_milli   bigint not null check (quantity_milli > 0),
    unit_price_cents bigint not null check (unit_price_cents >= 0),
    discount_bp      int not null default 0 check (discount_bp between 0 and 10000),
    billing          text not null default 'one_time' check (billing in ('one_time', 'monthly', 'quarterly', 'yearly')),
    total_cents      bigint not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, proposal_id) references proposals (tenant_id, id) on delete cascade,
    foreign key (tenant_id, product_id) references products (tenant_id, id)
);
create index proposal_items_proposal_idx on proposal_items (tenant_id, proposal_id, position);
create index proposal_items_product_idx on proposal_items (tenant_id, product_id);
alter table proposal_items enable row level security;
alter table proposal_items force row level security;
create policy tenant_isolation on proposal_items
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- Earlier versions of a proposal, kept when a sent proposal is edited.
create table proposal_versions (
    tenant_id      uuid not null,
    proposal_id    uuid not null,
    revision       int not null,
    snapshot       jsonb not null,
    created_at     timestamptz not null default now(),
    primary key (tenant_id, proposal_id, revision),
    foreign key (tenant_id, proposal_id) references proposals (tenant_id, id) on delete cascade
);
alter table proposal_versions enable row level security;
alter table proposal_versions force row level security;
create policy tenant_isolation on proposal_versions
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table contracts (
    tenant_id      uuid not null,
    id             uuid not null,
    number         bigint not null,
    customer_id    uuid not null,
    proposal_id    uuid,
    opportunity_id uuid,
    title          text not null check (length(title) between 1 and 200),
    status         text not null default 'draft'
                   check (status in ('draft', 'active', 'suspended', 'cancelled', 'ended')),
    recurrence     text not null default 'one_time'
                   check (recurrence in ('one_time', 'monthly', 'quarterly', 'yearly')),
    start_date     date not null,
    -- Months; null = until cancelled.
    term_months    int check (term_months > 0),
    -- Day of the month invoices fall due (1–31; short months use their last day).
    billing_day    int not null default 1 check (billing_day between 1 and 31),
    -- One-time items plus one period of recurring items.
    one_time_cents bigint not null default 0 check (one_time_cents >= 0),
    recurring_cents bigint not null default 0 check (recurring_cents >= 0),
    signed_at      timestamptz,
    cancelled_at   timestamptz,
    cancel_reason  text,
    version        int not null default 1,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint contracts_number_key unique (tenant_id, number),
    constraint contracts_proposal_key unique (tenant_id, proposal_id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id),
    foreign key (tenant_id, proposal_id) references proposals (tenant_id, id),
    foreign key (tenant_id, opportunity_id) references opportunities (tenant_id, id) on delete set null (opportunity_id)
);
create index contracts_customer_idx on contracts (tenant_id, customer_id);
create index contracts_opportunity_idx on contracts (tenant_id, opportunity_id);
create trigger contracts_updated_at before update on contracts
    for each row execute function set_updated_at();
alter table contracts enable row level security;
alter table contracts force row level security;
create policy tenant_isolation on contracts
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table contract_items (
    tenant_id        uuid not null,
    id               uuid not null,
    contract_id      uuid not null,
    position         int not null,
    product_id       uuid,
    description      text not null check (length(description) between 1 and 500),
    unit             text not null default 'un',
    quantity_milli   bigint not null check (quantity_milli > 0),
    unit_price_cents bigint not null check (unit_price_cents >= 0),
    discount_bp      int not null default 0 check (discount_bp between 0 and 10000),
    billing          text not null default 'one_time' check (billing in ('one_time', 'monthly', 'quarterly', 'yearly')),
    total_cents      bigint not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, contract_id) references contracts (tenant_id, id) on delete cascade,
    foreign key (tenant_id, product_id) references products (tenant_id, id)
);
create index contract_items_contract_idx on contract_items (tenant_id, contract_id, position);
create index contract_items_product_idx on contract_items (tenant_id, product_id);
alter table contract_items enable row level security;
alter table contract_items force row level security;
create policy tenant_isolation on contract_items
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
