-- A flow's "Notificar equipe" reaches the bell too (kind `automation`), and
-- a notification may open a customer, an invoice or a deal — or nothing,
-- for a scheduled flow that names no record.
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
    check (kind in ('mention', 'assignment', 'transfer', 'sla_warning', 'sla_breached', 'proposal_accepted',
                    'payment_received', 'delivery_failed', 'automation'));
alter table notifications drop constraint notifications_subject_kind_check;
alter table notifications alter column subject_kind drop not null, alter column subject_id drop not null;
alter table notifications add constraint notifications_subject_kind_check
    check (subject_kind in ('ticket', 'proposal', 'payment', 'customer', 'invoice', 'opportunity'));
alter table notifications add constraint notifications_subject_check
    check ((subject_kind is null) = (subject_id is null));
alter table notification_preferences drop constraint notification_preferences_kind_check;
alter table notification_preferences add constraint notification_preferences_kind_check
    check (kind in ('mention', 'assignment', 'transfer', 'sla_warning', 'sla_breached', 'proposal_accepted',
                    'payment_received', 'delivery_failed', 'automation'));
