-- The latest start time of each customer week's records. A read of the current week as of a day before its Saturday
-- counts only the records starting up to that day: it reads the week's raw records only when this says that some
-- start later, and the aggregates otherwise. Kept on ingest; filled here from the raw records.
alter table customer_week add column last_start_time timestamptz;

update customer_week w
   set last_start_time = r.last_start_time
  from (select partner_id, week_start, customer_id, max(start_time) as last_start_time
          from call_record
         group by partner_id, week_start, customer_id) r
 where r.partner_id = w.partner_id and r.week_start = w.week_start and r.customer_id = w.customer_id;

alter table customer_week alter column last_start_time set not null;
