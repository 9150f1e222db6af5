-- Customers as customers-service last described them (full state + version from partnerhub.customers.v1).
create table customer (
    customer_id    uuid        primary key,
    partner_org_id text        not null,
    name           text        not null,
    deleted        boolean     not null,
    version        bigint      not null,
    event_time     timestamptz not null,
    updated_at     timestamptz not null default now()
);

create index customer_partner on customer (partner_org_id, customer_id);
