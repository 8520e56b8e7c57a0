-- What the server knows of a web-chat visitor beyond the signed token:
-- how far they have read (the widget reports it) and how far the e-mail
-- digest of agent replies they never saw has gone. One row per visitor,
-- created by the first report or digest; the conversation itself stays in
-- tickets and ticket_messages.
create table webchat_visitors (
    tenant_id      uuid not null,
    id             uuid not null,
    channel_id     uuid not null,
    -- The newest message the visitor has seen (its created_at).
    seen_through   timestamptz,
    -- The newest agent reply an e-mail digest has carried.
    mailed_through timestamptz,
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, channel_id) references support_channels (tenant_id, id) on delete cascade
);
create index webchat_visitors_channel_idx on webchat_visitors (tenant_id, channel_id);
alter table webchat_visitors enable row level security;
alter table webchat_visitors force row level security;
create policy tenant_isolation on webchat_visitors
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
