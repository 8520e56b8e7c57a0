-- The service bot ("Bot IA"): a company's settings (Automação → Bot) and
-- where each conversation stands with it. The bot answers a customer
-- message at most once (its job is keyed by the message), and falls
-- silent for good once a person takes the ticket or it hands over.
create table bot_settings (
    tenant_id              uuid not null primary key references companies (tenant_id) on delete cascade,
    enabled                boolean not null default false,
    -- Channel kinds it answers on: 'whatsapp', 'webchat'.
    channels               text[] not null default '{whatsapp,webchat}',
    greeting               text not null check (length(greeting) between 1 and 1000),
    -- [{label, action: invoices|tickets|faq|human}], in the order shown.
    menu                   jsonb not null,
    -- [{question, answer}]: the only company facts the bot states.
    faq                    jsonb not null default '[]',
    handover_team_id       uuid,
    max_misunderstandings  int not null default 2 check (max_misunderstandings between 1 and 5),
    updated_at             timestamptz not null default now(),
    foreign key (tenant_id, handover_team_id) references teams (tenant_id, id) on delete set null (handover_team_id)
);
create index bot_settings_team_idx on bot_settings (tenant_id, handover_team_id);
alter table bot_settings enable row level security;
alter table bot_settings force row level security;
create policy tenant_isolation on bot_settings
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table bot_conversations (
    tenant_id        uuid not null,
    ticket_id        uuid not null,
    -- menu, choose_invoice, ask_document, handed_over, silent
    step             text not null check (step in ('menu', 'choose_invoice', 'choose_faq', 'ask_document', 'handed_over', 'silent')),
    -- The customer proved who they are (document matched) in this conversation.
    identified       boolean not null default false,
    misunderstandings int not null default 0,
    -- What the customer asked before the bot needed the document.
    pending          text,
    -- The last customer message answered: a redelivered one is not answered twice.
    last_message_id  uuid,
    -- What the bot did, one line each, for the handover note.
    log              text[] not null default '{}',
    resolved         boolean not null default false,
    handover_reason  text,
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, ticket_id),
    foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete cascade
);
alter table bot_conversations enable row level security;
alter table bot_conversations force row level security;
create policy tenant_isolation on bot_conversations
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
