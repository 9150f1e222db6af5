-- The customer read model: customers as customers-service last described them on partnerhub.customers.v1 (full state
-- and version), kept and read by platform CustomerScope (the partner-admin scope) in every service that does not own
-- customers. This is its one definition. A service gets it by adding the location db/customer-read-model to
-- quarkus.flyway.locations; the table is then created after the service's versioned migrations (a repeatable
-- migration runs after them, and again whenever this file changes).
--
-- analytics-, calling-metrics- and subscriptions-service created the same table in their own first migrations
-- before it was defined here; those migrations stay as they are (Flyway checksums). For them the first block is a
-- no-op, and the second one checks that their table is what CustomerScope needs.

do $$
begin
    if to_regclass('customer') is null then
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
        create index customer_partner on customer (partner_org_id, customer_id);
    end if;
end
$$;

-- Every column CustomerScope reads and writes, with its type and nullability: the migration (and so the start) fails
-- when a service's table has drifted from this definition.
do $$
declare
    differing text;
begin
    select string_agg(expected.name, ', ') into differing
      from (values ('customer_id', 'uuid', 'NO'), ('partner_org_id', 'text', 'NO'), ('name', 'text', 'NO'),
                   ('admin_ids', 'ARRAY', 'NO'), ('created_by', 'text', 'YES'), ('deleted', 'boolean', 'NO'),
                   ('version', 'bigint', 'NO'), ('updated_at', 'timestamp with time zone', 'NO'))
           as expected (name, type, nullable)
     where not exists (select 1 from information_schema.columns c
                        where c.table_schema = current_schema() and c.table_name = 'customer' and c.column_name = expected.name
                          and c.data_type = expected.type and c.is_nullable = expected.nullable);
    if differing is not null then
        raise exception 'table customer differs from the platform customer read model (db/customer-read-model) in: %', differing;
    end if;
end
$$;
