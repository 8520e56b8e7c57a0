-- The latest LLM summary of a ticket (an agent asked for it); the offline
-- extractive summary is computed when read and never stored. `messages`
-- is how many customer messages and replies it read, so a newer
-- conversation shows it as stale.
create table ticket_summaries (
    tenant_id   uuid not null,
    ticket_id   uuid not null,
    engine      text not null check (engine in ('openai', 'claude')),
    model       text not null,
    text        text not null,
    messages    int not null check (messages >= 0),
    created_by  uuid,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, ticket_id),
    foreign key (tenant_id, ticket_id) references tickets (tenant_id, id) on delete cascade,
    foreign key (tenant_id, created_by) references users (tenant_id, id) on delete set null (created_by)
);
create index ticket_summaries_created_by_idx on ticket_summaries (tenant_id, created_by);
alter table ticket_summaries enable row level security;
alter table ticket_summaries force row level security;
create policy tenant_isolation on ticket_summaries
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
