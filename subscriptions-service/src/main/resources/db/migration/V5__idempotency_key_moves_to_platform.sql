-- Idempotency-Key answers now live in the platform's idempotency_key table (platform migration V0_2, one store for
-- every service): answers of the last 24 h move there with their request hashes (made the same way), the old table goes.
insert into idempotency_key (partner_org_id, caller, idempotency_key, operation, request_hash, status, resource_id, body, created_at)
select partner_org_id, caller, idempotency_key, scope, request_hash, response_status, null, response_body, created_at
  from idempotency_record
 where response_status is not null and created_at > now() - interval '24 hours'
on conflict do nothing;

drop table idempotency_record;
