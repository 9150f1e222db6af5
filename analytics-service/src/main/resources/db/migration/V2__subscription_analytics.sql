-- The customer table as the platform's CustomerScope keeps it (who a partner-admin sees).
alter table customer drop column event_time;
alter table customer add column admin_ids text[] not null default '{}';
alter table customer add column created_by text;

-- Subscriptions and trials as their newest event describes them (version guard per subscription).
create table subscription (
    partner_org_id  text        not null,
    subscription_id text        not null,
    customer_id     uuid        not null,
    version         bigint      not null,
    primary key (partner_org_id, subscription_id)
);

-- One row per subscription or trial × counted product (MEETINGS, CALLING), replaced with each newer version.
create table subscription_line (
    partner_org_id  text    not null,
    subscription_id text    not null,
    product         text    not null,
    customer_id     uuid    not null,
    trial           boolean not null,
    status          text    not null,
    -- the status lets the line be live at dates in [start_date, end_date) (Line.liveStatus)
    live            boolean not null,
    start_date      date    not null,
    end_date        date    not null,
    auto_renew      boolean not null,
    purchased       integer not null,
    primary key (partner_org_id, subscription_id, product)
);

create index subscription_line_customer on subscription_line (partner_org_id, customer_id);
-- the tables' pages: recently added (newest start first), expiring and renewing (soonest end first)
create index subscription_line_start on subscription_line (partner_org_id, product, start_date desc, subscription_id);
create index subscription_line_end on subscription_line (partner_org_id, product, end_date, subscription_id);

-- Dated license values per line; each date kept once, the latest write (by event time, then event id) wins.
create table license_snapshot (
    partner_org_id  text        not null,
    subscription_id text        not null,
    product         text        not null,
    day             date        not null,
    assigned        integer     not null,
    used            integer     not null,
    recorded_at     timestamptz not null,
    event_id        text        not null,
    primary key (partner_org_id, subscription_id, product, day)
);

-- Customers whose contributions must be computed again (written with the change, cleared by the recompute).
create table dirty_customer (
    partner_org_id text        not null,
    customer_id    uuid        not null,
    marked_at      timestamptz not null default now(),
    primary key (partner_org_id, customer_id)
);

-- What each customer adds to its partner's figures (Contributions, encoded), so a change adds only the difference.
create table customer_contribution (
    partner_org_id text     not null,
    customer_id    uuid     not null,
    changes        bigint[] not null,
    primary key (partner_org_id, customer_id)
);

-- The partner's figures as changes by date: a figure at asOf is the sum of the rows dated on or before it.
create table partner_day (
    partner_org_id text   not null,
    scope          text   not null,
    metric         text   not null,
    day            date   not null,
    customers      bigint not null,
    purchased      bigint not null,
    assigned       bigint not null,
    used           bigint not null,
    primary key (partner_org_id, scope, metric, day)
);

-- Grows with every applied change of the partner's data (line sets computed at an older version are stale);
-- fresh_at is when the newest applied event was produced.
create table partner_state (
    partner_org_id text        primary key,
    data_version   bigint      not null,
    fresh_at       timestamptz
);

-- Low-allocation and overage lines at a date, computed on the first read after a change (they need every line's
-- value at that date, and the median of all eligible lines).
create table line_set_state (
    partner_org_id text        not null,
    as_of          date        not null,
    product        text        not null,
    data_version   bigint      not null,
    eligible       integer     not null,
    median_num     numeric,
    median_den     numeric,
    computed_at    timestamptz not null default now(),
    primary key (partner_org_id, as_of, product)
);

create table line_set (
    partner_org_id  text    not null,
    as_of           date    not null,
    product         text    not null,
    kind            text    not null,
    sort_key        numeric not null,
    subscription_id text    not null,
    customer_id     uuid    not null,
    purchased       integer not null,
    assigned        integer not null,
    used            integer not null,
    primary key (partner_org_id, as_of, product, kind, sort_key, subscription_id)
);
