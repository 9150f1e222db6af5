-- Distinct active users come from user_activity alone: the ingest statement writes a user's bits only when the row
-- does not hold them yet, and keeps in `added` the bits that upsert set (read back by the same statement to count
-- new active users per customer week). user_week (one row per user and week) is no longer written or read:
-- user_activity was filled from it by V3.
alter table user_activity add column added bigint not null default 0;

drop table user_week;
