-- Support guards (issue 9): inbound tokens sealed, e-mail senders proven,
-- web-chat identities unverified until an agent links them, merged
-- messages remember the conversation they were written in.

-- Proof of control of an e-mail channel's sender address. A channel sends
-- as `config.address` only while it equals `sender_verified_address`; the
-- pending code is stored as a keyed digest (kernel::secrets::mac), never in
-- clear, and outside `config`, which admins edit freely.
alter table support_channels
    add column sender_verified_address text,
    add column sender_code_digest      bytea,
    add column sender_code_address     text,
    add column sender_code_sent_at     timestamptz,
    add column sender_code_attempts    int not null default 0 check (sender_code_attempts >= 0);

-- A web-chat visitor's declared e-mail is only a claim: it is kept here for
-- the agent, and the ticket's customer is a new one until an agent links
-- the ticket to an existing customer by hand.
alter table tickets
    add column contact_verified boolean not null default true,
    add column declared_email   text check (length(declared_email) <= 320);

-- The ticket a message was written in, set when a merge moves it; a
-- web-chat visitor reads only its own conversation's messages.
alter table ticket_messages
    add column origin_ticket_id uuid,
    add foreign key (tenant_id, origin_ticket_id) references tickets (tenant_id, id);
create index ticket_messages_origin_idx on ticket_messages (tenant_id, origin_ticket_id);

-- Inbound tokens (e-mail `inbound_token`, WhatsApp `verify_token`) were kept
-- in plain `config`. Sealing needs SECRETS_KEY, which SQL does not have:
-- each such channel gets a job (support.seal_inbound_secrets) that moves
-- its tokens into the sealed credentials. Until it runs, the webhooks still
-- accept the old plain value and the API never shows it.
alter table support_channels no force row level security;
insert into jobs (kind, tenant_id, payload, dedupe_key)
select 'support.seal_inbound_secrets', tenant_id, jsonb_build_object('channel_id', id),
       'seal-inbound:' || tenant_id || '.' || id
  from support_channels
 where config ?| array['inbound_token', 'verify_token'];
alter table support_channels force row level security;
