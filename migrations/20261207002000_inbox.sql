-- One webhook inbox (issue 10): what providers send to a support channel
-- (WhatsApp, Twilio, e-mail, the web chat) and to a payment gateway
-- (Stripe, Asaas) is stored here first, raw, and processed by the job its
-- source registered (kernel::inbox). Replaces support_inbound_events and
-- finance_webhook_events, whose rows move here with their ids, so jobs
-- already queued for them still find them.
create table inbox_events (
    tenant_id    uuid not null references companies (tenant_id) on delete cascade,
    id           uuid not null,
    -- Who it was sent to: `channel` (support_channels) or `gateway`
    -- (payment_gateways). No foreign key can name either table, so the
    -- owning domain deletes a source's events with the source.
    source_kind  text not null check (source_kind in ('channel', 'gateway')),
    source_id    uuid not null,
    -- whatsapp, twilio_sms, twilio_whatsapp, email, webchat, stripe, asaas.
    provider     text not null,
    -- The provider's id of what arrived (event id, message id, message id +
    -- status, or `unreadable:<sha-256>`): a redelivery is stored once.
    event_id     text not null,
    -- The provider's event type, when it names one (Stripe, Asaas).
    kind         text not null default '',
    body         text not null,
    -- The one header processing needs (multipart boundary, MIME vs form).
    content_type text not null default 'application/json',
    status       text not null default 'received' check (status in ('received', 'processed', 'ignored', 'failed')),
    -- Why it was ignored or failed, or a note a person should read.
    error        text,
    -- How many times processing reached an outcome (replays count).
    attempts     int not null default 0 check (attempts >= 0),
    received_at  timestamptz not null default now(),
    processed_at timestamptz,
    primary key (tenant_id, id),
    constraint inbox_events_event_key unique (tenant_id, source_kind, source_id, event_id)
);
-- A source's log, newest first (ids are UUIDv7).
create index inbox_events_source_idx on inbox_events (tenant_id, source_kind, source_id, id desc);
alter table inbox_events enable row level security;
alter table inbox_events force row level security;
create policy tenant_isolation on inbox_events
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());

-- The move reads every company's rows: RLS is lifted for it and put back.
alter table inbox_events no force row level security;
alter table support_inbound_events no force row level security;
alter table finance_webhook_events no force row level security;
alter table support_channels no force row level security;

insert into inbox_events (tenant_id, id, source_kind, source_id, provider, event_id, body, content_type,
                          status, error, attempts, received_at, processed_at)
select e.tenant_id, e.id, 'channel', e.channel_id, c.kind, e.dedupe_key, e.body, e.content_type,
       case e.status when 'pending' then 'received' else e.status end, e.error,
       case when e.processed_at is null then 0 else 1 end, e.received_at, e.processed_at
  from support_inbound_events e
  join support_channels c on c.tenant_id = e.tenant_id and c.id = e.channel_id;

insert into inbox_events (tenant_id, id, source_kind, source_id, provider, event_id, kind, body,
                          status, error, attempts, received_at, processed_at)
select tenant_id, id, 'gateway', gateway_id, provider, event_id, kind, body,
       case status when 'pending' then 'received' else status end, error,
       case when processed_at is null then 0 else 1 end, received_at, processed_at
  from finance_webhook_events;

alter table support_channels force row level security;
alter table inbox_events force row level security;

drop table support_inbound_events;
drop table finance_webhook_events;
