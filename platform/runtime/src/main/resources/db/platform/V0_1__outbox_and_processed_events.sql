-- Platform tables every service has: the transactional outbox and the idempotent-consumer log.

create table outbox_event (
    seq         bigserial   primary key,
    id          uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    payload     jsonb       not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);

-- The relay reads only what is pending; sent rows never slow it down.
create index outbox_event_pending on outbox_event (seq) where sent_at is null;

-- Wake the relay when a transaction that wrote events commits (NOTIFY is delivered at commit, once per
-- transaction and channel for identical payloads).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end;
$$;

create trigger outbox_event_inserted after insert on outbox_event
    for each statement execute function outbox_event_notify();

create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
