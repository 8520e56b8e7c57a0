-- The owner proves the sign-up address before the company sends anything
-- to its customers (e-mails, proposals, invoices): until then anyone could
-- sign up with someone else's address and mail from "their" company.

alter table companies add column email_confirmed_at timestamptz;
-- Companies that signed up before confirmation existed keep sending.
update companies set email_confirmed_at = created_at;

create table email_confirmations (
    tenant_id  uuid not null,
    id         uuid not null,
    user_id    uuid not null,
    token_hash bytea not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
create index email_confirmations_user_idx on email_confirmations (tenant_id, user_id);
alter table email_confirmations enable row level security;
alter table email_confirmations force row level security;
create policy tenant_isolation on email_confirmations
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
