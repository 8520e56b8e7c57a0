-- Accounts: plans (global catalogue), companies (the tenants), users, the
-- global login identities, refresh tokens, invitations, password resets,
-- stored files.

-- Global catalogue (allow-listed): read-only for the runtime role.
create table plans (
    code                     text primary key,
    name                     text   not null,
    price_cents              bigint not null check (price_cents >= 0),
    currency                 text   not null default 'BRL' check (currency = 'BRL'),
    max_users                int    not null check (max_users > 0),
    max_channels             int    not null check (max_channels >= 0),
    max_storage_mb           int    not null check (max_storage_mb > 0),
    max_ai_triages_per_month int    not null check (max_ai_triages_per_month >= 0),
    features                 text[] not null default '{}',
    sort_order               int    not null
);
revoke insert, update, delete on plans from conectcrm_app;

insert into plans values
    ('starter', 'Starter', 9900, 'BRL', 3, 2, 1024, 300,
     '{inbox,crm,invoices}', 1),
    ('pro', 'Pro', 29900, 'BRL', 15, 10, 10240, 5000,
     '{inbox,crm,invoices,subscriptions,automation,ai_triage,sla}', 2),
    ('enterprise', 'Enterprise', 89900, 'BRL', 100, 50, 102400, 50000,
     '{inbox,crm,invoices,subscriptions,automation,ai_triage,sla,api,priority_support}', 3);

-- The tenant itself. Its primary key is the tenant id.
create table companies (
    tenant_id      uuid primary key,
    name           text not null check (length(name) between 1 and 200),
    trade_name     text check (length(trade_name) <= 200),
    cnpj           text check (cnpj ~ '^[0-9A-Z]{12}[0-9]{2}$'),
    email          text,
    phone          text,
    address        jsonb,
    timezone       text not null default 'America/Sao_Paulo',
    business_hours jsonb not null default
        '[{"weekday":1,"opens":"08:00","closes":"18:00"},{"weekday":2,"opens":"08:00","closes":"18:00"},{"weekday":3,"opens":"08:00","closes":"18:00"},{"weekday":4,"opens":"08:00","closes":"18:00"},{"weekday":5,"opens":"08:00","closes":"18:00"}]',
    logo_file_id   uuid,
    plan_code      text not null references plans (code),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index companies_plan_code_idx on companies (plan_code);
create trigger companies_updated_at before update on companies
    for each row execute function set_updated_at();
alter table companies enable row level security;
alter table companies force row level security;
create policy tenant_isolation on companies
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table users (
    tenant_id  uuid not null references companies (tenant_id) on delete cascade,
    id         uuid not null,
    name       text not null check (length(name) between 1 and 200),
    email      text not null,
    role       text not null check (role in ('owner', 'admin', 'manager', 'agent', 'sales', 'finance')),
    active     boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint users_email_key unique (tenant_id, email)
);
create trigger users_updated_at before update on users
    for each row execute function set_updated_at();
alter table users enable row level security;
alter table users force row level security;
create policy tenant_isolation on users
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- Global (allow-listed): login must find a user by e-mail before the tenant
-- is known. This table holds only what login needs — e-mail, tenant, user
-- and password hash — so no tenant data is readable without a tenant
-- transaction. An e-mail belongs to one company.
create table identities (
    email         text primary key check (email = lower(email)),
    tenant_id     uuid not null,
    user_id       uuid not null,
    password_hash text not null,
    updated_at    timestamptz not null default now(),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create unique index identities_user_idx on identities (tenant_id, user_id);

create table refresh_tokens (
    tenant_id  uuid not null,
    id         uuid not null,
    user_id    uuid not null,
    -- Every token rotated from one login shares its family; presenting a
    -- rotated token again revokes the whole family (token theft).
    family_id  uuid not null,
    token_hash bytea not null,
    expires_at timestamptz not null,
    rotated_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index refresh_tokens_user_idx on refresh_tokens (tenant_id, user_id);
create index refresh_tokens_family_idx on refresh_tokens (tenant_id, family_id);
alter table refresh_tokens enable row level security;
alter table refresh_tokens force row level security;
create policy tenant_isolation on refresh_tokens
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table invitations (
    tenant_id   uuid not null,
    id          uuid not null,
    email       text not null,
    role        text not null check (role in ('admin', 'manager', 'agent', 'sales', 'finance')),
    token_hash  bytea not null,
    invited_by  uuid not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, invited_by) references users (tenant_id, id) on delete cascade
);
create index invitations_invited_by_idx on invitations (tenant_id, invited_by);
create unique index invitations_pending_email_key on invitations (tenant_id, email)
    where accepted_at is null and revoked_at is null;
alter table invitations enable row level security;
alter table invitations force row level security;
create policy tenant_isolation on invitations
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table password_resets (
    tenant_id  uuid not null,
    id         uuid not null,
    user_id    uuid not null,
    token_hash bytea not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index password_resets_user_idx on password_resets (tenant_id, user_id);
alter table password_resets enable row level security;
alter table password_resets force row level security;
create policy tenant_isolation on password_resets
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- Every object a company stores (logo now; attachments, PDFs later), so
-- storage use can be summed against the plan.
create table files (
    tenant_id    uuid not null references companies (tenant_id) on delete cascade,
    id           uuid not null,
    object_key   text not null,
    content_type text not null,
    size_bytes   bigint not null check (size_bytes >= 0),
    created_by   uuid,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index files_created_by_idx on files (tenant_id, created_by);
alter table files enable row level security;
alter table files force row level security;
create policy tenant_isolation on files
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

alter table companies add foreign key (tenant_id, logo_file_id) references files (tenant_id, id)
    on delete set null (logo_file_id);
create index companies_logo_file_idx on companies (tenant_id, logo_file_id);
