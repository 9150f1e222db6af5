create table customer (
    id             uuid        primary key,
    partner_org_id text        not null,
    name           text        not null,
    external_id    text,
    managed_by     text        not null,
    created_at     timestamptz not null,
    created_by     text        not null,
    deleted        boolean     not null default false,
    version        bigint      not null
);

-- externalId is unique per partner among live customers
create unique index customer_external_id on customer (partner_org_id, external_id) where external_id is not null and not deleted;
create index customer_partner_name on customer (partner_org_id, lower(name), id) where not deleted;
create index customer_partner_created on customer (partner_org_id, created_at, id) where not deleted;

create table customer_admin (
    customer_id uuid        not null references customer (id),
    admin_id    text        not null,
    assigned_at timestamptz not null,
    primary key (customer_id, admin_id)
);

create index customer_admin_admin on customer_admin (admin_id, customer_id);
