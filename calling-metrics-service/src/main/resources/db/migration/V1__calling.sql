-- calling-metrics-service: raw call records (kept for re-aggregation) and the weekly aggregates every read uses.
-- Weeks start Sunday 00:00 UTC; week_start is that Sunday.

-- Idempotency: a call id is taken once per partner, whatever week a replay claims.
create table call_key (
    partner_org_id text not null,
    call_id        text not null,
    primary key (partner_org_id, call_id)
);

-- Raw records, partitioned by week (partitions are created on demand by the service, one per week).
-- No index: reads never touch them; re-aggregation scans whole week partitions.
create table call_record (
    partner_org_id   text        not null,
    week_start       date        not null,
    call_id          text        not null,
    customer_id      uuid        not null,
    user_id          uuid        not null,
    start_time       timestamptz not null,
    duration_seconds integer     not null,
    direction        text        not null,
    endpoint_type    text        not null,
    mos              numeric,
    packet_loss_pct  numeric,
    jitter_ms        numeric,
    latency_ms       numeric,
    poor             boolean     not null,
    features         integer     not null,
    queue_id         text,
    queue_outcome    text,
    queue_answered   boolean,      -- QueueOutcome.answered(): ANSWERED or TRANSFERRED
    wait_seconds     numeric,
    ingested_at      timestamptz not null
) partition by range (week_start);

-- Per customer and week: usage and quality counters.
create table customer_week (
    partner_org_id   text        not null,
    customer_id      uuid        not null,
    week_start       date        not null,
    calls            bigint      not null,
    duration_seconds bigint      not null,
    poor_calls       bigint      not null,
    last_ingested_at timestamptz not null,
    primary key (partner_org_id, week_start, customer_id)
);

-- Distinct active users need one row per user and week (users with an OUTBOUND call that week).
create table user_week (
    partner_org_id text not null,
    week_start     date not null,
    customer_id    uuid not null,
    user_id        uuid not null,
    primary key (partner_org_id, week_start, customer_id, user_id)
);

create table endpoint_week (
    partner_org_id text   not null,
    week_start     date   not null,
    customer_id    uuid   not null,
    endpoint_type  text   not null,
    calls          bigint not null,
    poor_calls     bigint not null,
    primary key (partner_org_id, week_start, customer_id, endpoint_type)
);

create table feature_week (
    partner_org_id text   not null,
    week_start     date   not null,
    customer_id    uuid   not null,
    feature        text   not null,
    calls          bigint not null,
    primary key (partner_org_id, week_start, customer_id, feature)
);

-- Per queue and week: answered = ANSWERED + TRANSFERRED, abandoned = ABANDONED + VOICEMAIL, with their wait sums.
create table queue_week (
    partner_org_id      text    not null,
    week_start          date    not null,
    customer_id         uuid    not null,
    queue_id            text    not null,
    queued              bigint  not null,
    answered            bigint  not null,
    abandoned           bigint  not null,
    answered_wait_sum   numeric not null,
    abandoned_wait_sum  numeric not null,
    primary key (partner_org_id, week_start, customer_id, queue_id)
);

-- The feature bits of call_record.features (Feature.bit() in the code).
create table feature_bit (
    feature text    primary key,
    bit     integer not null unique
);
insert into feature_bit (feature, bit) values
    ('CALL_QUEUE', 1), ('HUNT_GROUP', 2), ('AUTO_ATTENDANT', 4), ('TRANSFER', 8), ('CALL_PARK', 16),
    ('CALL_PICKUP', 32), ('VOICEMAIL', 64), ('RECORDING', 128), ('CONFERENCE', 256);

-- Customers as customers-service last described them (names and partner-admin scope).
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
