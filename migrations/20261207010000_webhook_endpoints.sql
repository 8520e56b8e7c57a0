-- Outgoing webhooks (Configurações → Integrações): a company's endpoints,
-- each subscribed to chosen event kinds, and one delivery per endpoint and
-- event with its attempts, last status code and error.

create table webhook_endpoints (
    tenant_id            uuid not null references companies (tenant_id) on delete cascade,
    id                   uuid not null,
    url                  text not null check (length(url) between 1 and 2000),
    description          text not null default '' check (length(description) <= 200),
    -- Kinds of the catalogue (`events::catalogue()`), checked on save.
    event_kinds          text[] not null check (cardinality(event_kinds) > 0),
    -- Signs every delivery (`X-ConectCRM-Signature`), sealed with
    -- `kernel::secrets` (the tenant id as associated data).
    secret               bytea not null,
    enabled              boolean not null default true,
    -- Why it was switched off (persistent failure), shown to the admins.
    disabled_reason      text,
    disabled_at          timestamptz,
    -- Deliveries that exhausted their retries in a row; a success resets it.
    consecutive_failures int not null default 0,
    created_by           uuid,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index webhook_endpoints_created_by_idx on webhook_endpoints (tenant_id, created_by);
alter table webhook_endpoints enable row level security;
alter table webhook_endpoints force row level security;
create policy tenant_isolation on webhook_endpoints
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table webhook_deliveries (
    tenant_id       uuid not null references companies (tenant_id) on delete cascade,
    id              uuid not null,
    endpoint_id     uuid not null,
    -- The event delivered (a test ping gets an id of its own).
    event_id        uuid not null,
    event_kind      text not null,
    -- The JSON body POSTed, kept so a retry or a replay sends the same
    -- bytes' content even after the outbox is purged.
    body            jsonb not null,
    status          text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
    -- Attempts of the current round (a replay starts a new round).
    attempts        int not null default 0,
    -- The last answer's HTTP status, when the endpoint answered; never its body.
    response_status int,
    error           text,
    next_attempt_at timestamptz,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade,
    -- A redelivered event is delivered once per endpoint.
    constraint webhook_deliveries_once_key unique (tenant_id, endpoint_id, event_id)
);
-- The log: an endpoint's deliveries, newest first, optionally by status.
create index webhook_deliveries_endpoint_idx on webhook_deliveries (tenant_id, endpoint_id, id desc);
alter table webhook_deliveries enable row level security;
alter table webhook_deliveries force row level security;
create policy tenant_isolation on webhook_deliveries
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
