-- A sent proposal's public link can be copied again (and shared to
-- WhatsApp) without sending it anew: its secret is kept sealed with
-- SECRETS_KEY beside the hash the link is checked against. Sending again or
-- editing replaces or clears both. Links sent before this have no sealed
-- copy: they keep working, and are copied again after the next send.
alter table proposals add column public_token_sealed bytea;
