-- Runs whose conditions did not hold are kept 30 days (the run history
-- shows why a flow did not act); the hourly janitor deletes older ones
-- company by company, through this index.
create index automation_runs_skipped_idx on automation_runs (tenant_id, finished_at)
    where status = 'skipped';

-- A scheduled flow over invoices ("3 dias antes do vencimento") reads one
-- company's open invoices due on a day, page by page in id order.
create index invoices_due_page_idx on invoices (tenant_id, due_date, id)
    include (customer_id)
    where status in ('open', 'partially_paid', 'overdue');
