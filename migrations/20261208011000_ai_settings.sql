-- A company's LLM (Configurações → IA): provider, model, its own key
-- (sealed with kernel::secrets, the tenant id as associated data), whether
-- personal data is masked before a text leaves, a monthly token budget;
-- and one row per call for the usage page and the plan's monthly limit.

create table ai_settings (
    tenant_id            uuid not null primary key references companies (tenant_id) on delete cascade,
    provider             text not null check (provider in ('openai', 'anthropic')),
    model                text not null default '' check (length(model) <= 100),
    -- An OpenAI-compatible server the operator allows (EGRESS_ALLOW_HOSTS);
    -- null for the provider's own API.
    base_url             text check (length(base_url) <= 500),
    api_key              bytea,
    mask_personal_data   boolean not null default true,
    monthly_token_budget int not null default 500000 check (monthly_token_budget >= 0),
    enabled              boolean not null default true,
    updated_at           timestamptz not null default now()
);
alter table ai_settings enable row level security;
alter table ai_settings force row level security;
create policy tenant_isolation on ai_settings
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table ai_calls (
    tenant_id     uuid not null references companies (tenant_id) on delete cascade,
    id            uuid not null,
    feature       text not null check (feature in ('triage', 'summary', 'reply')),
    engine        text not null check (engine in ('openai', 'claude')),
    model         text not null,
    -- ok, or why the offline answer stayed.
    outcome       text not null check (outcome in ('ok', 'refused', 'truncated', 'timeout', 'rate_limited',
                                                   'invalid', 'error', 'over_limit')),
    input_tokens  int not null default 0,
    output_tokens int not null default 0,
    ticket_id     uuid,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete set null (ticket_id)
);
create index ai_calls_created_idx on ai_calls (tenant_id, created_at);
create index ai_calls_ticket_idx on ai_calls (tenant_id, ticket_id);
alter table ai_calls enable row level security;
alter table ai_calls force row level security;
create policy tenant_isolation on ai_calls
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
