-- An Idempotency-Key belongs to the partner and the caller (API.md), and remembers the request it was first used for
-- (SHA-256 of endpoint and canonical body): the same key with another request is refused (422). Records written
-- before have neither and expire within 24 hours.
alter table idempotency_record add column caller text not null default '';
alter table idempotency_record add column request_hash text;
alter table idempotency_record drop constraint idempotency_record_pkey;
alter table idempotency_record add primary key (partner_org_id, caller, idempotency_key);
