-- What a plan allows in automation: flows switched on at once, and runs
-- that act in a calendar month (runs whose conditions did not hold are free).
alter table plans add column max_active_flows int not null default 0 check (max_active_flows >= 0);
alter table plans add column max_automation_runs_per_month int not null default 0
    check (max_automation_runs_per_month >= 0);
update plans set max_active_flows = 5, max_automation_runs_per_month = 2000 where code = 'starter';
update plans set max_active_flows = 50, max_automation_runs_per_month = 20000 where code = 'pro';
update plans set max_active_flows = 500, max_automation_runs_per_month = 200000 where code = 'enterprise';

-- Runs that acted, per company and month (the month in UTC): counted when
-- a run is claimed, and refused past the plan's limit in the same statement.
create table automation_usage (
    tenant_id uuid not null references companies (tenant_id) on delete cascade,
    month     date not null,
    runs      int  not null default 0,
    primary key (tenant_id, month)
);
alter table automation_usage enable row level security;
alter table automation_usage force row level security;
create policy tenant_isolation on automation_usage
    using (tenant_id = current_tenant()) with check (tenant_id = current_tenant());
