-- An invoice sent into a conversation remembers it, so its payment shows there.
alter table invoices add column ticket_id uuid;
alter table invoices add constraint invoices_tenant_id_ticket_id_fkey foreign key (tenant_id, ticket_id)
    references tickets (tenant_id, id) on delete set null (ticket_id);
create index invoices_ticket_idx on invoices (tenant_id, ticket_id) where ticket_id is not null;
