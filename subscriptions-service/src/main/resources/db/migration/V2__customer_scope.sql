-- Customers as customers-service last described them on partnerhub.customers.v1, for the partner-admin scope
-- (assigned admins and creator; platform CustomerScope keeps and reads this table).
create table customer (
    customer_id    uuid        primary key,
    partner_org_id text        not null,
    name           text        not null,
    admin_ids      text[]      not null,
    created_by     text,
    deleted        boolean     not null,
    version        bigint      not null,
    updated_at     timestamptz not null default now()
);
