-- Each user's active weeks as bits, one row per user and block of 64 weeks: bit i of block b is week 64 * b + i,
-- counting weeks from Sunday 1970-01-04. The users read (users by how many of the 8 weeks they were active in) then
-- reads one row per user instead of one per user and week. Kept on ingest from the user weeks a batch adds.
create table user_activity (
    partner_id  integer not null,
    customer_id uuid    not null,
    user_id     uuid    not null,
    block       integer not null,
    weeks       bigint  not null,
    primary key (partner_id, customer_id, user_id, block)
) with (fillfactor = 80);

insert into user_activity (partner_id, customer_id, user_id, block, weeks)
select partner_id, customer_id, user_id, n / 64, bit_or(cast(1 as bigint) << (n % 64))
  from (select partner_id, customer_id, user_id, (week_start - date '1970-01-04') / 7 as n from user_week) x
 group by partner_id, customer_id, user_id, n / 64;
