-- The dashboard's daily rollups. Each record that counts (a ticket, a
-- deal, a proposal, an invoice, a payment) keeps in `analytics_facts`
-- what it adds to the rollups — rows of (day, metric, subject, dim, n,
-- total) — so an event about it recomputes the record's facts from its
-- row and applies only the difference: replaying an event changes
-- nothing, and a record that moves (reassigned, reopened, cancelled)
-- leaves the day and slice it counted in before. `conectcrm analytics
-- rebuild` recomputes both tables from the records.
create table analytics_facts (
    tenant_id     uuid not null references companies (tenant_id) on delete cascade,
    source        text not null check (source in ('ticket', 'opportunity', 'proposal', 'invoice', 'payment')),
    record_id     uuid not null,
    contributions jsonb not null default '[]',
    primary key (tenant_id, source, record_id)
);
alter table analytics_facts enable row level security;
alter table analytics_facts force row level security;
create policy tenant_isolation on analytics_facts
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- One row per company, local day, metric, subject (the nil uuid for the
-- whole company, else the agent or salesperson it counts for) and
-- dimension value (a channel, a category, a histogram bucket, …).
-- `n` counts records; `total` sums their measure (cents, seconds, score).
create table analytics_daily (
    tenant_id uuid not null references companies (tenant_id) on delete cascade,
    metric    text not null check (length(metric) between 1 and 40),
    day       date not null,
    subject   uuid not null default '00000000-0000-0000-0000-000000000000',
    dim       text not null default '' check (length(dim) <= 120),
    n         bigint not null default 0,
    total     bigint not null default 0,
    primary key (tenant_id, metric, subject, day, dim)
);
alter table analytics_daily enable row level security;
alter table analytics_daily force row level security;
create policy tenant_isolation on analytics_daily
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
