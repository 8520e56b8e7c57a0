-- Automation, second slice: published versions (draft → active → archived),
-- pending edits of a live flow, waits, the cause chain of events a flow
-- caused, and auto-pause after repeated failures.

-- The automation run whose action caused an event: `{run_id, flow_id, depth}`
-- (null for a person's or a provider's event). A flow refuses to act on an
-- event caused at depth ≥ 5, so two flows feeding each other stop.
alter table outbox_events add column cause jsonb;

alter table automation_flows drop constraint automation_flows_status_check;
alter table automation_flows add constraint automation_flows_status_check
    check (status in ('draft', 'active', 'paused', 'archived'));
-- Edits of a flow that has been published wait here until published: the
-- live definition (and its version) does not change under running flows.
alter table automation_flows add column draft jsonb;
-- Consecutive failed runs; at 5 the flow pauses itself (`paused_reason`).
alter table automation_flows add column consecutive_failures int not null default 0;
alter table automation_flows add column paused_reason text;
-- A `FlowScheduleFired` flow's cron (minute hour day month weekday), read
-- in the company's timezone; each time is a delayed job that queues the next.
alter table automation_flows add column schedule text;

-- Every published definition; runs name the one they used. The flow's
-- current one is `automation_flows.version`; earlier ones are archived.
create table automation_flow_versions (
    tenant_id    uuid not null references companies (tenant_id) on delete cascade,
    flow_id      uuid not null,
    version      int not null,
    definition   jsonb not null,
    published_by uuid,
    published_at timestamptz not null default now(),
    primary key (tenant_id, flow_id, version),
    foreign key (tenant_id, flow_id) references automation_flows (tenant_id, id) on delete cascade,
    foreign key (tenant_id, published_by) references users (tenant_id, id) on delete set null (published_by)
);
create index automation_flow_versions_published_by_idx on automation_flow_versions (tenant_id, published_by);
alter table automation_flow_versions enable row level security;
alter table automation_flow_versions force row level security;
create policy tenant_isolation on automation_flow_versions
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- waiting: a `wait` step holds the run until `resume_at` (a delayed job);
-- cancelled: the flow changed or the record stopped qualifying meanwhile.
alter table automation_runs drop constraint automation_runs_status_check;
alter table automation_runs add constraint automation_runs_status_check
    check (status in ('running', 'waiting', 'succeeded', 'failed', 'skipped', 'cancelled'));
alter table automation_runs add column resume_at timestamptz;
-- The first action not yet run (a wait resumes here; a retry starts here).
alter table automation_runs add column next_step int not null default 0;
-- The event that started it, as the actions read it (kept for a resume
-- and a retry: the outbox is purged after a week).
alter table automation_runs add column payload jsonb;
alter table automation_runs add column depth smallint not null default 0;
-- The history on a ticket's or customer's page.
create index automation_runs_record_history_idx on automation_runs (tenant_id, record_id, id desc)
    where record_id is not null;
