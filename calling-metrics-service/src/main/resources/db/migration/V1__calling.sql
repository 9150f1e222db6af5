-- calling-metrics-service: raw call records (kept for re-aggregation) and the weekly aggregates every read uses.
-- Weeks start Sunday 00:00 UTC; week_start is that Sunday.

-- Tenants get a small surrogate key: every aggregate key starts with it, so indexes stay narrow.
create table partner (
    id             integer generated always as identity primary key,
    partner_org_id text not null unique
);

-- Idempotency: a call id is taken once per partner, whatever week a replay claims.
create table call_key (
    partner_id integer not null,
    call_id    text    not null,
    primary key (partner_id, call_id)
);

-- Raw records, partitioned by week (partitions are created on demand by the service, one per week).
-- No index: reads never touch them; re-aggregation scans whole week partitions.
create table call_record (
    partner_id       integer     not null,
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
    features         integer     not null,   -- bit set of Feature.bit()
    queue_id         text,
    queue_outcome    text,
    queue_answered   boolean,                -- QueueOutcome.answered(): ANSWERED or TRANSFERRED
    wait_seconds     numeric,
    ingested_at      timestamptz not null
) partition by range (week_start);

-- Per customer and week: usage, quality, calls per endpoint type (ep_*) and per feature (f_*), queued calls.
-- active_users counts the user_week rows of the customer and week (kept current by the same statement).
create table customer_week (
    partner_id                      integer     not null,
    week_start                      date        not null,
    customer_id                     uuid        not null,
    calls                           bigint      not null,
    duration_seconds                bigint      not null,
    poor_calls                      bigint      not null,
    active_users                    bigint      not null,
    queued                          bigint      not null,
    ep_webex_app_desktop_calls      bigint      not null,
    ep_webex_app_desktop_poor       bigint      not null,
    ep_webex_app_mobile_calls       bigint      not null,
    ep_webex_app_mobile_poor        bigint      not null,
    ep_webex_app_web_calls          bigint      not null,
    ep_webex_app_web_poor           bigint      not null,
    ep_ip_phone_calls               bigint      not null,
    ep_ip_phone_poor                bigint      not null,
    ep_room_device_calls            bigint      not null,
    ep_room_device_poor             bigint      not null,
    ep_third_party_device_calls     bigint      not null,
    ep_third_party_device_poor      bigint      not null,
    ep_other_calls                  bigint      not null,
    ep_other_poor                   bigint      not null,
    f_call_queue                    bigint      not null,
    f_hunt_group                    bigint      not null,
    f_auto_attendant                bigint      not null,
    f_transfer                      bigint      not null,
    f_call_park                     bigint      not null,
    f_call_pickup                   bigint      not null,
    f_voicemail                     bigint      not null,
    f_recording                     bigint      not null,
    f_conference                    bigint      not null,
    last_ingested_at                timestamptz not null,
    primary key (partner_id, week_start, customer_id)
) with (fillfactor = 70);  -- room on each page, so counter updates are HOT (no index bloat)

-- Distinct active users need one row per user and week (users with an OUTBOUND call that week).
create table user_week (
    partner_id  integer not null,
    week_start  date    not null,
    customer_id uuid    not null,
    user_id     uuid    not null,
    primary key (partner_id, week_start, customer_id, user_id)
);

-- Per queue and week: answered = ANSWERED + TRANSFERRED, abandoned = ABANDONED + VOICEMAIL, with their wait sums.
create table queue_week (
    partner_id          integer not null,
    week_start          date    not null,
    customer_id         uuid    not null,
    queue_id            text    not null,
    queued              bigint  not null,
    answered            bigint  not null,
    abandoned           bigint  not null,
    answered_wait_sum   numeric not null,
    abandoned_wait_sum  numeric not null,
    primary key (partner_id, week_start, customer_id, queue_id)
) with (fillfactor = 70);

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
