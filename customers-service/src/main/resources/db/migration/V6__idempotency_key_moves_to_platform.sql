-- Idempotency-Key answers now live in the platform's idempotency_key table (platform migration V0_2, one store for
-- every service). Answers of the last 24 h move there; their hashes were made another way, so they move without one
-- (the key still answers only its operation) and expire within 24 hours.
insert into idempotency_key (partner_org_id, caller, idempotency_key, operation, request_hash, status, resource_id, body, created_at)
select partner_org_id, caller, idempotency_key, operation, null, status, resource_id, body, created_at
  from idempotent_request
 where status is not null and created_at > now() - interval '24 hours'
on conflict do nothing;

drop table idempotent_request;
