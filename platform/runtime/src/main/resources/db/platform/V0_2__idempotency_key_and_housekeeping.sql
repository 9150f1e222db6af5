-- Platform migrations are numbered 0.x: in a new database they run before every service migration (V1, V2, ...),
-- so a service migration may use platform tables. A database that already has service migrations takes a new
-- platform migration out of order (quarkus.flyway.out-of-order=true in the platform defaults).

-- The Idempotency-Key store (platform IdempotencyKeys): the first answer of a keyed request, per partner and caller,
-- for 24 h. The row is claimed before the work, in the work's transaction, so the primary key decides between
-- concurrent requests with one key; the hash of the canonical request tells a replay from a misuse of the key (422).
create table idempotency_key (
    partner_org_id  text        not null,
    caller          text        not null,
    idempotency_key text        not null,
    operation       text        not null,
    request_hash    text,
    status          integer,
    resource_id     text,
    body            text,
    created_at      timestamptz not null,
    primary key (partner_org_id, caller, idempotency_key)
);

-- Housekeeping (platform Housekeeping) finds what is past its retention without reading whole tables.
create index idempotency_key_created on idempotency_key (created_at);
create index outbox_event_sent on outbox_event (sent_at) where sent_at is not null;
create index processed_event_processed on processed_event (processed_at);
