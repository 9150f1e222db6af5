-- Subscriptions and trials (a trial is a subscription with type TRIAL), their lines, dated license usage,
-- CCW orders, invoices and stored answers of Idempotency-Key requests.

create table subscription (
    id              uuid        primary key,
    partner_org_id  text        not null,
    subscription_id text        not null,
    customer_id     uuid        not null,
    type            text        not null,
    status          text        not null,
    start_date      date        not null,
    end_date        date        not null,
    term_months     integer,
    auto_renew      boolean     not null,
    converted_to    text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null,
    unique (partner_org_id, subscription_id)
);

create index subscription_customer on subscription (partner_org_id, customer_id, subscription_id);
-- the lifecycle job reads only what may still change
create index subscription_live_end on subscription (end_date) where status in ('ORDER_READY', 'ACTIVE', 'SUSPENDED');
-- at most one ACTIVE trial per customer, also under concurrent requests
create unique index subscription_one_active_trial on subscription (partner_org_id, customer_id)
    where type = 'TRIAL' and status = 'ACTIVE';

create table subscription_line (
    subscription_ref uuid    not null references subscription (id),
    product          text    not null,
    sku              text    not null,
    purchased        integer not null,
    primary key (subscription_ref, product)
);

-- The value at a date is the latest snapshot on or before it: the key serves that lookup.
create table license_usage (
    subscription_ref uuid        not null references subscription (id),
    product          text        not null,
    usage_date       date        not null,
    assigned         integer     not null,
    used             integer     not null,
    recorded_at      timestamptz not null,
    primary key (subscription_ref, product, usage_date)
);

create table customer_order (
    id                  uuid        primary key,
    partner_org_id      text        not null,
    ccw_order_id        text        not null,
    revision            integer     not null,
    subscription_id     text        not null,
    customer_id         uuid        not null,
    customer_external_id text,
    customer_name       text,
    customer_managed_by text,
    start_date          date        not null,
    term_months         integer     not null,
    auto_renew          boolean     not null,
    lines               text        not null,
    received_at         timestamptz not null,
    outcome             text,
    unique (partner_org_id, ccw_order_id, revision)
);

create index customer_order_history on customer_order (partner_org_id, customer_id, received_at desc, id desc);

create table invoice (
    id               uuid          primary key,
    partner_org_id   text          not null,
    subscription_ref uuid          not null references subscription (id),
    subscription_id  text          not null,
    customer_id      uuid          not null,
    number           text          not null,
    period_start     date          not null,
    period_end       date          not null,
    amount           numeric(14,2) not null,
    currency         text          not null,
    due_date         date          not null,
    status           text          not null,
    issued_at        timestamptz   not null,
    paid_at          timestamptz,
    version          bigint        not null,
    unique (partner_org_id, number)
);

create index invoice_subscription on invoice (subscription_ref, issued_at, id);
create index invoice_open_due on invoice (due_date) where status in ('OPEN', 'OVERDUE');

create table idempotency_record (
    partner_org_id  text        not null,
    idempotency_key text        not null,
    scope           text        not null,
    response_status integer,
    response_body   text,
    created_at      timestamptz not null,
    primary key (partner_org_id, idempotency_key)
);
