-- Partner org and its admins
create table partner (
    partner_org_id    text        primary key,
    name              text,
    setup_completed   boolean     not null default false,
    terms_accepted_at timestamptz,
    plan_confirmed_at timestamptz,
    created_at        timestamptz not null default now()
);

create table admin (
    partner_org_id text        not null,
    admin_id       text        not null,
    email          text,
    display_name   text,
    role           text        not null,
    first_seen_at  timestamptz not null default now(),
    last_seen_at   timestamptz not null default now(),
    deleted        boolean     not null default false,
    version        bigint      not null default 1,
    primary key (partner_org_id, admin_id)
);

-- Customers: last sign-in of the customer org's own admin
alter table customer add column last_admin_activity_at timestamptz;

-- One row per customer and day with a customer-admin sign-in: "latest sign-in on or before asOf" at any asOf.
create table customer_admin_activity (
    customer_id uuid not null,
    day         date not null,
    primary key (customer_id, day)
);

-- Tags
create table tag (
    id             uuid        primary key,
    partner_org_id text        not null,
    name           text        not null,
    color          text        not null,
    description    text,
    created_at     timestamptz not null,
    version        bigint      not null
);
create unique index tag_name on tag (partner_org_id, lower(name));

create table customer_tag (
    customer_id uuid        not null references customer (id),
    tag_id      uuid        not null references tag (id) on delete cascade,
    tagged_at   timestamptz not null,
    primary key (customer_id, tag_id)
);
create index customer_tag_tag on customer_tag (tag_id, customer_id);

-- Subscription state per customer, from partnerhub.subscriptions.v1 (full state + version per subscription)
create table subscription_summary (
    partner_org_id  text    not null,
    subscription_id text    not null,
    customer_id     uuid    not null,
    type            text    not null,
    status          text    not null,
    start_date      date,
    end_date        date,
    auto_renew      boolean not null default false,
    version         bigint  not null,
    primary key (partner_org_id, subscription_id)
);
create index subscription_summary_customer on subscription_summary (customer_id);

create table subscription_line (
    partner_org_id  text   not null,
    subscription_id text   not null,
    product         text   not null,
    sku             text,
    purchased       bigint not null,
    primary key (partner_org_id, subscription_id, product)
);

create table license_snapshot (
    partner_org_id  text   not null,
    subscription_id text   not null,
    product         text   not null,
    day             date   not null,
    assigned        bigint not null,
    used            bigint not null,
    primary key (partner_org_id, subscription_id, product, day)
);

-- Audit log of every change
create table audit_entry (
    id             bigserial   primary key,
    partner_org_id text        not null,
    at             timestamptz not null,
    actor          text        not null,
    action         text        not null,
    resource_type  text        not null,
    resource_id    text        not null,
    customer_id    uuid,
    before         jsonb,
    after          jsonb
);
create index audit_entry_partner on audit_entry (partner_org_id, id desc);
create index audit_entry_customer on audit_entry (partner_org_id, customer_id, id desc);
create index audit_entry_actor on audit_entry (partner_org_id, actor, id desc);

-- Replays of creating requests (Idempotency-Key) answer the first result for 24 h
create table idempotent_request (
    partner_org_id text        not null,
    idempotency_key text       not null,
    operation      text        not null,
    status         int         not null,
    location       text,
    body           text        not null,
    created_at     timestamptz not null default now(),
    primary key (partner_org_id, operation, idempotency_key)
);
