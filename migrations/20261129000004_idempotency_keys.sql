-- Idempotency-Key (docs/API.md): the first answer to a POST that sends a
-- message or moves money is kept for 24 hours and replayed for a retry.
create table idempotency_keys (
    tenant_id    uuid not null references companies (tenant_id) on delete cascade,
    key          text not null check (length(key) between 1 and 200),
    -- SHA-256 of method, path and body: the same key with another request is refused.
    request_hash bytea not null,
    status       int not null,
    response     jsonb not null,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, key)
);
create index idempotency_keys_age_idx on idempotency_keys (tenant_id, created_at);
alter table idempotency_keys enable row level security;
alter table idempotency_keys force row level security;
create policy tenant_isolation on idempotency_keys
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
