-- Each customer's statuses, subscription types and products as of one day, so that reads at that day (the default:
-- today) and list filters on them read one row per customer instead of computing them from the subscription summary
-- on every request. customer_status_day is the day (and thresholds) every row is computed for: the refresh recomputes
-- every customer for a new day in one transaction; writes that change a customer's inputs recompute its row in their
-- own transaction (CustomerStatuses). A read uses a row only when its day and thresholds are the read's; otherwise it
-- computes the customer live, as before.
create table customer_status_day (
    one                     boolean primary key default true check (one),
    day                     date    not null,
    expiring_soon_days      int     not null,
    no_recent_activity_days int     not null
);

create table customer_status (
    customer_id             uuid    primary key,
    day                     date    not null,
    expiring_soon_days      int     not null,
    no_recent_activity_days int     not null,
    statuses                text[]  not null,
    types                   text[]  not null,
    products                text[]  not null
);
