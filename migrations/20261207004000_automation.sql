-- Automation: flows a company builds (trigger → conditions → actions) and
-- the record of every time one was considered for an event.

create table automation_flows (
    tenant_id    uuid not null references companies (tenant_id) on delete cascade,
    id           uuid not null,
    name         text not null check (length(name) between 1 and 120),
    -- An event kind of the catalogue (`events::catalogue()`), checked on save.
    trigger_kind text not null,
    -- `{all: [...]}` / `{any: [...]}` of `{field, op, value}`; see crates/automation.
    conditions   jsonb not null,
    actions      jsonb not null,
    status       text not null default 'draft' check (status in ('draft', 'active', 'paused')),
    -- Bumped on every change of the definition; runs record the one they used.
    version      int not null default 1,
    -- Signs the outgoing webhook calls (`X-ConectCRM-Signature`), sealed with
    -- `kernel::secrets` (the tenant id as associated data).
    secret       bytea not null,
    created_by   uuid,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
-- The job looks up, per event, the company's active flows of its kind.
create index automation_flows_trigger_idx on automation_flows (tenant_id, trigger_kind) where status = 'active';
create index automation_flows_created_by_idx on automation_flows (tenant_id, created_by);
alter table automation_flows enable row level security;
alter table automation_flows force row level security;
create policy tenant_isolation on automation_flows
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table automation_runs (
    tenant_id    uuid not null references companies (tenant_id) on delete cascade,
    id           uuid not null,
    flow_id      uuid not null,
    flow_version int not null,
    event_id     uuid not null,
    event_kind   text not null,
    -- The ticket (else the customer) the event is about: loop protection
    -- counts runs per flow and record.
    record_id    uuid,
    -- running: claimed, actions under way (a crash leaves it so, and the
    -- event is not run again: at most once per flow version and event).
    status       text not null check (status in ('running', 'succeeded', 'failed', 'skipped')),
    steps        jsonb not null default '[]',
    error        text,
    started_at   timestamptz not null default now(),
    finished_at  timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, flow_id) references automation_flows (tenant_id, id) on delete cascade,
    -- A redelivered event never runs the same flow version twice.
    constraint automation_runs_once_key unique (tenant_id, flow_id, flow_version, event_id)
);
create index automation_runs_flow_idx on automation_runs (tenant_id, flow_id, id desc);
create index automation_runs_record_idx on automation_runs (tenant_id, flow_id, record_id, started_at)
    where record_id is not null;
alter table automation_runs enable row level security;
alter table automation_runs force row level security;
create policy tenant_isolation on automation_runs
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- The dry run reads a company's latest events of one kind.
create index outbox_events_tenant_kind_idx on outbox_events (tenant_id, kind, id desc);
