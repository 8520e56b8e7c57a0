-- Kernel: tenancy helpers, privileges of the runtime role, job queue, outbox.
--
-- Migrations run as conectcrm_owner (see kernel::db::migrate); the server's
-- pool runs as conectcrm_app, which owns nothing, is not a superuser and has
-- no BYPASSRLS. Both roles are created by kernel::db::bootstrap, because
-- roles are cluster-wide and migrations are per database.

-- The tenant of the running transaction, set by TenantTx with
-- set_config('app.tenant_id', id, true). NULL outside a tenant transaction,
-- so every tenant_isolation policy matches nothing there.
create function current_tenant() returns uuid
    language sql stable parallel safe
as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create function set_updated_at() returns trigger
    language plpgsql
as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

alter default privileges for role conectcrm_owner in schema public
    grant select, insert, update, delete on tables to conectcrm_app;
alter default privileges for role conectcrm_owner in schema public
    grant usage, select on sequences to conectcrm_app;

-- Global (allow-listed): the durable job queue. Rows name their tenant; the
-- worker reads across tenants and each job opens its own tenant transaction.
create table jobs (
    id           bigint generated always as identity primary key,
    kind         text        not null,
    tenant_id    uuid,
    payload      jsonb       not null default '{}',
    run_at       timestamptz not null default now(),
    attempts     int         not null default 0,
    max_attempts int         not null default 10 check (max_attempts > 0),
    last_error   text,
    -- A job enqueued twice with the same key exists once (cron ticks,
    -- event deliveries, idempotent requests). Finished jobs keep their key
    -- until the janitor removes them, so a late duplicate is still refused.
    dedupe_key   text unique,
    created_at   timestamptz not null default now(),
    done_at      timestamptz,
    dead_at      timestamptz
);
create index jobs_ready_idx on jobs (run_at, id) where done_at is null and dead_at is null;
create index jobs_dead_by_tenant_idx on jobs (tenant_id, id) where dead_at is not null;

-- Global (allow-listed): the domain-event outbox. Written in the same
-- transaction as the change that caused the event; the dispatcher reads it
-- across tenants after commit and fans out to subscribers and Socket.IO.
create table outbox_events (
    id            bigint generated always as identity primary key,
    event_id      uuid        not null unique,
    tenant_id     uuid        not null,
    kind          text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    dispatched_at timestamptz
);
create index outbox_events_pending_idx on outbox_events (id) where dispatched_at is null;
