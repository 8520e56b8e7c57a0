-- My profile: a photo and an e-mail signature per user, and what a login
-- (a refresh-token family) was started from, so "Sessões ativas" can name
-- the devices.
alter table users
    add column avatar_file_id uuid,
    add column signature text not null default '' check (length(signature) <= 2000);
alter table users add foreign key (tenant_id, avatar_file_id) references files (tenant_id, id)
    on delete set null (avatar_file_id);
create index users_avatar_file_idx on users (tenant_id, avatar_file_id) where avatar_file_id is not null;

alter table refresh_tokens
    add column user_agent text check (length(user_agent) <= 400),
    add column ip text check (length(ip) <= 64);

-- Notifications: one row per person and event that concerns them (a
-- mention, an assignment, an SLA warning, an accepted proposal, a payment,
-- a failed delivery). `event_id` keeps a redelivered event from notifying
-- twice — also for a person who keeps only e-mail or desktop alerts of
-- that kind (`in_app` false: recorded, never listed in the bell).
-- `subject_kind`/`subject_id` name the record it opens.
create table notifications (
    tenant_id    uuid not null,
    id           uuid not null,
    user_id      uuid not null,
    kind         text not null check (kind in ('mention', 'assignment', 'transfer', 'sla_warning',
                                              'sla_breached', 'proposal_accepted', 'payment_received',
                                              'delivery_failed')),
    title        text not null,
    body         text not null default '',
    subject_kind text not null check (subject_kind in ('ticket', 'proposal', 'payment')),
    subject_id   uuid not null,
    event_id     uuid not null,
    in_app       boolean not null default true,
    created_at   timestamptz not null default now(),
    read_at      timestamptz,
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade,
    constraint notifications_event_key unique (tenant_id, user_id, event_id)
);
create index notifications_user_idx on notifications (tenant_id, user_id, id desc) where in_app;
create index notifications_unread_idx on notifications (tenant_id, user_id) where in_app and read_at is null;
alter table notifications enable row level security;
alter table notifications force row level security;
create policy tenant_isolation on notifications
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- A person's choices per kind; a kind without a row takes the defaults in
-- `accounts::notifications::model::Kind::defaults`.
create table notification_preferences (
    tenant_id uuid not null,
    user_id   uuid not null,
    kind      text not null check (kind in ('mention', 'assignment', 'transfer', 'sla_warning',
                                            'sla_breached', 'proposal_accepted', 'payment_received',
                                            'delivery_failed')),
    in_app    boolean not null,
    email     boolean not null,
    desktop   boolean not null,
    primary key (tenant_id, user_id, kind),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
alter table notification_preferences enable row level security;
alter table notification_preferences force row level security;
create policy tenant_isolation on notification_preferences
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
