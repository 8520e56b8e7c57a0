-- Support: channels, raw inbound events, tickets, messages, activities,
-- teams and queues, presence, SLA, canned responses, triage rules.

create table support_channels (
    tenant_id    uuid not null references companies (tenant_id) on delete cascade,
    id           uuid not null,
    kind         text not null check (kind in ('webchat', 'email', 'whatsapp', 'twilio_sms', 'twilio_whatsapp')),
    name         text not null check (length(name) between 1 and 100),
    -- Non-secret settings (phone number id, sender, widget colour, pre-chat form…).
    config       jsonb not null default '{}',
    -- Sealed with SECRETS_KEY (kernel::secrets): tokens, app secrets, API keys.
    credentials  bytea,
    enabled      boolean not null default true,
    -- Where new tickets of this channel go first (before triage rules).
    team_id      uuid,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (tenant_id, id)
);
alter table support_channels enable row level security;
alter table support_channels force row level security;
create policy tenant_isolation on support_channels
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- Verified provider payloads, stored before the provider gets its 200.
create table support_inbound_events (
    tenant_id    uuid not null,
    id           uuid not null,
    channel_id   uuid not null,
    -- Provider's id of what arrived (message id, or message id + status);
    -- a redelivery has the same key and is not stored twice.
    dedupe_key   text not null,
    body         text not null,
    content_type text not null default 'application/json',
    status       text not null default 'pending' check (status in ('pending', 'processed', 'ignored', 'failed')),
    error        text,
    received_at  timestamptz not null default now(),
    processed_at timestamptz,
    primary key (tenant_id, id),
    constraint support_inbound_events_dedupe_key unique (tenant_id, channel_id, dedupe_key),
    foreign key (tenant_id, channel_id) references support_channels (tenant_id, id) on delete cascade
);
create index support_inbound_events_channel_idx on support_inbound_events (tenant_id, channel_id, received_at desc);
alter table support_inbound_events enable row level security;
alter table support_inbound_events force row level security;
create policy tenant_isolation on support_inbound_events
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table teams (
    tenant_id      uuid not null references companies (tenant_id) on delete cascade,
    id             uuid not null,
    name           text not null check (length(name) between 1 and 100),
    -- [{weekday 0-6 (0 = Sunday), opens "08:00", closes "18:00"}]; empty = always open.
    business_hours jsonb not null default '[]',
    created_at     timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint teams_name_key unique (tenant_id, name)
);
alter table teams enable row level security;
alter table teams force row level security;
create policy tenant_isolation on teams
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
alter table support_channels add foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete set null (team_id);
create index support_channels_team_idx on support_channels (tenant_id, team_id);

create table team_members (
    tenant_id  uuid not null,
    team_id    uuid not null,
    user_id    uuid not null,
    -- Most open tickets routed to this agent at once.
    capacity   int not null default 10 check (capacity between 1 and 500),
    primary key (tenant_id, team_id, user_id),
    foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete cascade,
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index team_members_user_idx on team_members (tenant_id, user_id);
alter table team_members enable row level security;
alter table team_members force row level security;
create policy tenant_isolation on team_members
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table support_queues (
    tenant_id    uuid not null,
    id           uuid not null,
    name         text not null check (length(name) between 1 and 100),
    team_id      uuid not null,
    routing      text not null default 'round_robin' check (routing in ('round_robin', 'least_busy', 'manual')),
    -- Round robin's cursor.
    last_user_id uuid,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint support_queues_name_key unique (tenant_id, name),
    foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete cascade,
    foreign key (tenant_id, last_user_id) references users (tenant_id, id) on delete set null (last_user_id)
);
create index support_queues_team_idx on support_queues (tenant_id, team_id);
create index support_queues_last_user_idx on support_queues (tenant_id, last_user_id);
alter table support_queues enable row level security;
alter table support_queues force row level security;
create policy tenant_isolation on support_queues
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- Agent presence as set from the inbox (Socket.IO); routing reads it on any node.
create table agent_presence (
    tenant_id  uuid not null,
    user_id    uuid not null,
    status     text not null check (status in ('online', 'away', 'offline')),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, user_id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
alter table agent_presence enable row level security;
alter table agent_presence force row level security;
create policy tenant_isolation on agent_presence
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- First-response and resolution targets per priority, in business minutes.
create table sla_policies (
    tenant_id                uuid not null references companies (tenant_id) on delete cascade,
    priority                 text not null check (priority in ('low', 'normal', 'high', 'urgent')),
    first_response_minutes   int not null check (first_response_minutes > 0),
    resolution_minutes       int not null check (resolution_minutes > 0),
    primary key (tenant_id, priority)
);
alter table sla_policies enable row level security;
alter table sla_policies force row level security;
create policy tenant_isolation on sla_policies
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table tickets (
    tenant_id            uuid not null,
    id                   uuid not null,
    number               bigint not null,
    subject              text not null default '',
    status               text not null default 'open'
                         check (status in ('open', 'pending', 'waiting_customer', 'resolved', 'closed')),
    priority             text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
    category             text,
    channel_id           uuid not null,
    customer_id          uuid not null,
    -- The customer's address on the channel (phone, e-mail, web-chat visitor id).
    contact_address      text not null,
    team_id              uuid,
    queue_id             uuid,
    assignee_id          uuid,
    tags                 text[] not null default '{}',
    first_response_due   timestamptz,
    resolution_due       timestamptz,
    first_response_at    timestamptz,
    resolved_at          timestamptz,
    closed_at            timestamptz,
    sla_warned_at        timestamptz,
    sla_breached_at      timestamptz,
    snoozed_until        timestamptz,
    merged_into          uuid,
    csat_score           int check (csat_score between 1 and 5),
    csat_requested_at    timestamptz,
    last_message_at      timestamptz not null default now(),
    last_inbound_at      timestamptz,
    -- E-mail threading: the Message-ID of the last message in either direction.
    email_thread_ids     text[] not null default '{}',
    unread               int not null default 0,
    version              int not null default 1,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint tickets_number_key unique (tenant_id, number),
    foreign key (tenant_id, channel_id) references support_channels (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id),
    foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete set null (team_id),
    foreign key (tenant_id, queue_id) references support_queues (tenant_id, id) on delete set null (queue_id),
    foreign key (tenant_id, assignee_id) references users (tenant_id, id) on delete set null (assignee_id),
    foreign key (tenant_id, merged_into) references tickets (tenant_id, id)
);
create index tickets_list_idx on tickets (tenant_id, last_message_at desc, id desc);
-- The inbox's view counts: an index-only scan over open tickets.
create index tickets_open_counts_idx on tickets (tenant_id) include (assignee_id, team_id, unread)
    where status in ('open', 'pending', 'waiting_customer');
create index tickets_open_by_contact_idx on tickets (tenant_id, channel_id, customer_id)
    where status in ('open', 'pending', 'waiting_customer');
create index tickets_assignee_idx on tickets (tenant_id, assignee_id, status);
create index tickets_team_idx on tickets (tenant_id, team_id, status);
create index tickets_queue_idx on tickets (tenant_id, queue_id);
create index tickets_customer_idx on tickets (tenant_id, customer_id);
create index tickets_channel_idx on tickets (tenant_id, channel_id);
create index tickets_merged_into_idx on tickets (tenant_id, merged_into);
create index tickets_thread_idx on tickets using gin (email_thread_ids);
create trigger tickets_updated_at before update on tickets
    for each row execute function set_updated_at();
alter table tickets enable row level security;
alter table tickets force row level security;
create policy tenant_isolation on tickets
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table ticket_messages (
    tenant_id           uuid not null,
    id                  uuid not null,
    ticket_id           uuid not null,
    direction           text not null check (direction in ('in', 'out', 'note')),
    author_id           uuid,
    author_name         text not null,
    text                text not null default '',
    -- Sanitised before it is stored.
    html                text,
    -- Media, location, contacts… as received.
    extra               jsonb not null default '{}',
    provider_message_id text,
    delivery_status     text check (delivery_status in ('scheduled', 'queued', 'sent', 'delivered', 'read', 'failed')),
    failure_reason      text,
    send_at             timestamptz,
    -- @mentioned users of an internal note.
    mentions            uuid[] not null default '{}',
    created_at          timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete cascade,
    foreign key (tenant_id, author_id) references users (tenant_id, id) on delete set null (author_id)
);
create index ticket_messages_ticket_idx on ticket_messages (tenant_id, ticket_id, id desc);
create index ticket_messages_author_idx on ticket_messages (tenant_id, author_id);
create unique index ticket_messages_provider_key on ticket_messages (tenant_id, provider_message_id)
    where provider_message_id is not null;
alter table ticket_messages enable row level security;
alter table ticket_messages force row level security;
create policy tenant_isolation on ticket_messages
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table ticket_attachments (
    tenant_id    uuid not null,
    id           uuid not null,
    message_id   uuid not null,
    filename     text not null,
    content_type text not null,
    size_bytes   bigint not null check (size_bytes >= 0),
    object_key   text not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, message_id) references ticket_messages (tenant_id, id) on delete cascade
);
create index ticket_attachments_message_idx on ticket_attachments (tenant_id, message_id);
alter table ticket_attachments enable row level security;
alter table ticket_attachments force row level security;
create policy tenant_isolation on ticket_attachments
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table ticket_activities (
    tenant_id  uuid not null,
    id         uuid not null,
    ticket_id  uuid not null,
    actor_id   uuid,
    kind       text not null,
    data       jsonb not null default '{}',
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete cascade,
    foreign key (tenant_id, actor_id) references users (tenant_id, id) on delete set null (actor_id)
);
create index ticket_activities_ticket_idx on ticket_activities (tenant_id, ticket_id, id);
create index ticket_activities_actor_idx on ticket_activities (tenant_id, actor_id);
alter table ticket_activities enable row level security;
alter table ticket_activities force row level security;
create policy tenant_isolation on ticket_activities
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

create table canned_responses (
    tenant_id  uuid not null references companies (tenant_id) on delete cascade,
    id         uuid not null,
    shortcut   text not null check (shortcut ~ '^[a-z0-9_-]{1,40}$'),
    title      text not null check (length(title) between 1 and 100),
    body       text not null check (length(body) between 1 and 5000),
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    constraint canned_responses_shortcut_key unique (tenant_id, shortcut)
);
alter table canned_responses enable row level security;
alter table canned_responses force row level security;
create policy tenant_isolation on canned_responses
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- Keyword triage: the first rule (by position) whose words appear sets
-- category, priority and team.
create table triage_rules (
    tenant_id  uuid not null references companies (tenant_id) on delete cascade,
    id         uuid not null,
    position   int not null default 0,
    keywords   text[] not null check (cardinality(keywords) between 1 and 50),
    category   text,
    priority   text check (priority in ('low', 'normal', 'high', 'urgent')),
    team_id    uuid,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete set null (team_id)
);
create index triage_rules_team_idx on triage_rules (tenant_id, team_id);
alter table triage_rules enable row level security;
alter table triage_rules force row level security;
create policy tenant_isolation on triage_rules
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
