-- CRM: customers (the centre), contacts, custom fields, products,
-- pipelines and stages, opportunities, and the customer timeline.

-- unaccent() is only STABLE (its dictionary could change); search columns
-- need an IMMUTABLE wrapper with the dictionary named explicitly.
create function immutable_unaccent(text) returns text
    language sql immutable parallel safe strict
as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- A prefix query from free text: "joão sil" → 'joao:* & sil:*'.
create function search_query(text) returns tsquery
    language sql immutable parallel safe strict
as $$
    select case when q = '' then null else to_tsquery('simple', q) end
      from (select coalesce(string_agg(t || ':*', ' & '), '') as q
              from regexp_split_to_table(lower(immutable_unaccent($1)), '[^a-z0-9@.+_-]+') as t
             where t <> '') s
$$;

create table custom_field_definitions (
    tenant_id  uuid not null references companies (tenant_id) on delete cascade,
    id         uuid not null,
    key        text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label      text not null check (length(label) between 1 and 100),
    field_type text not null check (field_type in ('text', 'number', 'date', 'select', 'multiselect')),
    options    text[] not null default '{}',
    required   boolean not null default false,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint custom_field_definitions_key_key unique (tenant_id, key)
);
alter table custom_field_definitions enable row level security;
alter table custom_field_definitions force row level security;
create policy tenant_isolation on custom_field_definitions
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table customers (
    tenant_id     uuid not null references companies (tenant_id) on delete cascade,
    id            uuid not null,
    kind          text not null check (kind in ('person', 'company')),
    name          text not null check (length(name) between 1 and 200),
    trade_name    text check (length(trade_name) <= 200),
    -- CPF (11 digits) for people, CNPJ (14, alphanumeric) for companies.
    document      text check (document ~ '^[0-9A-Z]{11}$|^[0-9A-Z]{14}$'),
    emails        text[] not null default '{}',
    phones        text[] not null default '{}',
    address       jsonb,
    tags          text[] not null default '{}',
    owner_id      uuid,
    status        text not null default 'lead' check (status in ('lead', 'active', 'inactive')),
    notes         text,
    custom_fields jsonb not null default '{}',
    -- Set when merged into another customer; merged rows leave every list.
    merged_into   uuid,
    version       int not null default 1,
    search        tsvector not null default ''::tsvector,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, owner_id) references users (tenant_id, id) on delete set null (owner_id),
    foreign key (tenant_id, merged_into) references customers (tenant_id, id)
);
create index customers_owner_idx on customers (tenant_id, owner_id);
create index customers_merged_into_idx on customers (tenant_id, merged_into);
create index customers_search_idx on customers using gin (search);
create index customers_tags_idx on customers using gin (tags);
create index customers_document_idx on customers (tenant_id, document) where document is not null;
create index customers_emails_idx on customers using gin (emails);
create index customers_phones_idx on customers using gin (phones);
create index customers_list_idx on customers (tenant_id, id desc) where merged_into is null;

create function customers_search_refresh() returns trigger
    language plpgsql
as $$
begin
    new.search := to_tsvector('simple', immutable_unaccent(lower(
        coalesce(new.name, '') || ' ' || coalesce(new.trade_name, '') || ' ' || coalesce(new.document, '') || ' ' ||
        array_to_string(new.emails, ' ') || ' ' ||
        array_to_string(new.phones, ' ') || ' ' ||
        -- Brazilian numbers also without +55 and without the area code, so
        -- "11987…" and "98765…" both find +5511987654321.
        array_to_string(array(select regexp_replace(p, '^\+55', '') from unnest(new.phones) p), ' ') || ' ' ||
        array_to_string(array(select regexp_replace(p, '^\+55[0-9]{2}', '') from unnest(new.phones) p
                               where p like '+55%'), ' '))));
    new.updated_at := now();
    return new;
end;
$$;
create trigger customers_search before insert or update on customers
    for each row execute function customers_search_refresh();
alter table customers enable row level security;
alter table customers force row level security;
create policy tenant_isolation on customers
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table contacts (
    tenant_id   uuid not null,
    id          uuid not null,
    customer_id uuid not null,
    name        text not null check (length(name) between 1 and 200),
    job_title   text,
    email       text,
    phone       text,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id) on delete cascade
);
create index contacts_customer_idx on contacts (tenant_id, customer_id);
alter table contacts enable row level security;
alter table contacts force row level security;
create policy tenant_isolation on contacts
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table products (
    tenant_id   uuid not null references companies (tenant_id) on delete cascade,
    id          uuid not null,
    sku         text not null check (length(sku) between 1 and 60),
    name        text not null check (length(name) between 1 and 200),
    description text,
    unit        text not null default 'un',
    price_cents bigint not null check (price_cents >= 0),
    billing     text not null default 'one_time' check (billing in ('one_time', 'monthly', 'quarterly', 'yearly')),
    active      boolean not null default true,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint products_sku_key unique (tenant_id, sku)
);
create trigger products_updated_at before update on products
    for each row execute function set_updated_at();
alter table products enable row level security;
alter table products force row level security;
create policy tenant_isolation on products
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table pipelines (
    tenant_id  uuid not null references companies (tenant_id) on delete cascade,
    id         uuid not null,
    name       text not null check (length(name) between 1 and 100),
    created_at timestamptz not null default now(),
    primary key (tenant_id, id)
);
alter table pipelines enable row level security;
alter table pipelines force row level security;
create policy tenant_isolation on pipelines
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table pipeline_stages (
    tenant_id   uuid not null,
    id          uuid not null,
    pipeline_id uuid not null,
    name        text not null check (length(name) between 1 and 100),
    position    int not null,
    probability int not null check (probability between 0 and 100),
    kind        text not null default 'open' check (kind in ('open', 'won', 'lost')),
    primary key (tenant_id, id),
    foreign key (tenant_id, pipeline_id) references pipelines (tenant_id, id) on delete cascade
);
create index pipeline_stages_pipeline_idx on pipeline_stages (tenant_id, pipeline_id, position);
alter table pipeline_stages enable row level security;
alter table pipeline_stages force row level security;
create policy tenant_isolation on pipeline_stages
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table opportunities (
    tenant_id           uuid not null,
    id                  uuid not null,
    customer_id         uuid not null,
    pipeline_id         uuid not null,
    stage_id            uuid not null,
    title               text not null check (length(title) between 1 and 200),
    value_cents         bigint not null default 0 check (value_cents >= 0),
    expected_close_date date,
    owner_id            uuid,
    source              text,
    lost_reason         text,
    -- Order inside the stage column of the kanban.
    position            double precision not null default 0,
    stage_entered_at    timestamptz not null default now(),
    version             int not null default 1,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id),
    foreign key (tenant_id, pipeline_id) references pipelines (tenant_id, id),
    foreign key (tenant_id, stage_id) references pipeline_stages (tenant_id, id),
    foreign key (tenant_id, owner_id) references users (tenant_id, id) on delete set null (owner_id)
);
create index opportunities_customer_idx on opportunities (tenant_id, customer_id);
create index opportunities_pipeline_idx on opportunities (tenant_id, pipeline_id);
create index opportunities_stage_idx on opportunities (tenant_id, stage_id, position);
create index opportunities_owner_idx on opportunities (tenant_id, owner_id);
create trigger opportunities_updated_at before update on opportunities
    for each row execute function set_updated_at();
alter table opportunities enable row level security;
alter table opportunities force row level security;
create policy tenant_isolation on opportunities
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- The customer timeline. CRM writes its own entries; other modules' domain
-- events that name a customer_id are turned into entries by a subscriber
-- job, so CRM never imports them.
create table timeline_entries (
    tenant_id      uuid not null,
    id             uuid not null,
    customer_id    uuid not null,
    opportunity_id uuid,
    kind           text not null,
    summary        text not null,
    data           jsonb not null default '{}',
    actor_id       uuid,
    -- The domain event this entry came from, so redelivery adds nothing.
    event_id       uuid,
    occurred_at    timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id) on delete cascade,
    foreign key (tenant_id, opportunity_id) references opportunities (tenant_id, id) on delete set null (opportunity_id),
    foreign key (tenant_id, actor_id) references users (tenant_id, id) on delete set null (actor_id),
    constraint timeline_entries_event_key unique (tenant_id, event_id)
);
create index timeline_entries_customer_idx on timeline_entries (tenant_id, customer_id, occurred_at desc);
create index timeline_entries_opportunity_idx on timeline_entries (tenant_id, opportunity_id);
create index timeline_entries_actor_idx on timeline_entries (tenant_id, actor_id);
alter table timeline_entries enable row level security;
alter table timeline_entries force row level security;
create policy tenant_isolation on timeline_entries
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
