-- Whole-portfolio totals of the low-allocation and overage sets, computed with the sets (a full admin's KPIs are
-- then one row, not a pass over the set). all_* count customers over both products (the same in both rows).
alter table line_set_state add column low_customers integer not null default 0;
alter table line_set_state add column low_purchased bigint not null default 0;
alter table line_set_state add column low_assigned bigint not null default 0;
alter table line_set_state add column low_used bigint not null default 0;
alter table line_set_state add column low_available bigint not null default 0;
alter table line_set_state add column over_customers integer not null default 0;
alter table line_set_state add column over_overage bigint not null default 0;
alter table line_set_state add column all_low_customers integer not null default 0;
alter table line_set_state add column all_over_customers integer not null default 0;

-- "not deleted" checks of full-admin reads probe only the few deleted customers
create index customer_deleted on customer (partner_org_id, customer_id) where deleted;

-- Each line's latest snapshot (by date), so a set at a date on or after it needs no lookup per line.
alter table subscription_line add column last_day date;
alter table subscription_line add column last_assigned integer;
alter table subscription_line add column last_used integer;
update subscription_line l set last_day = v.day, last_assigned = v.assigned, last_used = v.used
  from (select distinct on (partner_org_id, subscription_id, product) partner_org_id, subscription_id, product, day, assigned, used
          from license_snapshot order by partner_org_id, subscription_id, product, day desc) v
 where v.partner_org_id = l.partner_org_id and v.subscription_id = l.subscription_id and v.product = l.product;
