-- CSV imports of customers: the uploaded file lives in object storage; the
-- import runs as a job, all-or-nothing unless the user chose to skip bad rows.
create table customer_imports (
    tenant_id      uuid not null,
    id             uuid not null,
    filename       text not null,
    object_key     text not null,
    encoding       text not null,
    delimiter      text not null check (delimiter in (';', ',', E'\t')),
    columns        text[] not null,
    total_rows     int not null check (total_rows >= 0),
    status         text not null default 'uploaded'
                   check (status in ('uploaded', 'queued', 'running', 'done', 'failed')),
    mapping        jsonb,
    skip_invalid   boolean not null default false,
    processed_rows int not null default 0,
    created_count  int not null default 0,
    updated_count  int not null default 0,
    skipped_count  int not null default 0,
    -- First errors, row by row: [{row, field, message}].
    errors         jsonb not null default '[]',
    created_by     uuid,
    created_at     timestamptz not null default now(),
    finished_at    timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index customer_imports_created_by_idx on customer_imports (tenant_id, created_by);
alter table customer_imports enable row level security;
alter table customer_imports force row level security;
create policy tenant_isolation on customer_imports
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
