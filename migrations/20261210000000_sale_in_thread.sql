-- The sale in one thread: a deal and a proposal remember the conversation
-- they came from, so the ticket shows them and they show the ticket.
alter table opportunities add column ticket_id uuid;
alter table opportunities add constraint opportunities_tenant_id_ticket_id_fkey foreign key (tenant_id, ticket_id)
    references tickets (tenant_id, id) on delete set null (ticket_id);
create index opportunities_ticket_idx on opportunities (tenant_id, ticket_id) where ticket_id is not null;

alter table proposals add column ticket_id uuid;
alter table proposals add constraint proposals_tenant_id_ticket_id_fkey foreign key (tenant_id, ticket_id)
    references tickets (tenant_id, id) on delete set null (ticket_id);
create index proposals_ticket_idx on proposals (tenant_id, ticket_id) where ticket_id is not null;
