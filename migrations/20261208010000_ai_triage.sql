-- AI triage (issue 12): every inbound message's triage with its confidence
-- per field, the engine that decided and why; the ticket keeps the latest
-- intent and sentiment for the inbox's filters; agents' corrections become
-- training examples of the company's own model, stored here as JSON.

alter table tickets
    add column intent    text check (intent in ('comprar', 'segunda_via', 'suporte_tecnico', 'cancelar',
                                                'reclamacao', 'elogio', 'outro')),
    add column sentiment text check (sentiment in ('very_negative', 'negative', 'neutral', 'positive',
                                                   'very_positive'));
create index tickets_intent_idx on tickets (tenant_id, intent) where intent is not null;
create index tickets_sentiment_idx on tickets (tenant_id, sentiment) where sentiment is not null;

create table ticket_triages (
    tenant_id            uuid not null references companies (tenant_id) on delete cascade,
    id                   uuid not null,
    ticket_id            uuid not null,
    message_id           uuid not null,
    -- The triage that opened the ticket (category, priority and team came
    -- from it); later messages only update the sentiment.
    initial              boolean not null,
    category             text,
    category_confidence  real,
    intent               text not null,
    intent_confidence    real not null,
    priority             text not null check (priority in ('low', 'normal', 'high', 'urgent')),
    priority_confidence  real not null,
    sentiment            text not null,
    sentiment_score      real not null,
    sentiment_confidence real not null,
    language             text,
    cues                 text[] not null default '{}',
    team_id              uuid,
    engine               text not null check (engine in ('rule', 'local_model', 'starter_model', 'openai', 'claude')),
    reason               text not null,
    -- Fields an agent changed afterwards (category, priority, team).
    corrected            text[] not null default '{}',
    corrected_at         timestamptz,
    created_at           timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete cascade
);
create index ticket_triages_ticket_idx on ticket_triages (tenant_id, ticket_id, created_at desc);
create index ticket_triages_initial_idx on ticket_triages (tenant_id, created_at) where initial;
alter table ticket_triages enable row level security;
alter table ticket_triages force row level security;
create policy tenant_isolation on ticket_triages
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- What an agent said a ticket was: the text the triage read and the labels
-- it should have given. One per ticket: a later correction replaces it.
create table triage_examples (
    tenant_id  uuid not null references companies (tenant_id) on delete cascade,
    ticket_id  uuid not null,
    text       text not null,
    category   text,
    priority   text check (priority in ('low', 'normal', 'high', 'urgent')),
    team_id    uuid,
    created_at timestamptz not null default now(),
    primary key (tenant_id, ticket_id),
    foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete cascade
);
create index triage_examples_created_idx on triage_examples (tenant_id, created_at);
alter table triage_examples enable row level security;
alter table triage_examples force row level security;
create policy tenant_isolation on triage_examples
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- The company's model (`ai::CompanyModel` as JSON), retrained by a job.
create table triage_models (
    tenant_id  uuid not null primary key references companies (tenant_id) on delete cascade,
    model      jsonb not null,
    examples   int not null,
    trained_at timestamptz not null default now()
);
alter table triage_models enable row level security;
alter table triage_models force row level security;
create policy tenant_isolation on triage_models
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
