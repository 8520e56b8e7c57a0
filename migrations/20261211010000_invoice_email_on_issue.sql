-- Invoices e-mailed (with their PDF) to the customer as soon as they are
-- issued — by hand, from a contract or by a subscription's period — not
-- only when someone clicks "Enviar".
alter table finance_settings add column email_on_issue boolean not null default false;
