-- A dated license value keeps the later write (event time, then event id), as analytics-service does: a usage event
-- redelivered after housekeeping purged its processed_event row (30 days) then changes nothing. Values stored before
-- count as the oldest write.
alter table license_snapshot add column recorded_at timestamptz not null default '-infinity';
alter table license_snapshot add column event_id text not null default '';
