-- Idempotency-Key (API.md): a key is scoped to partner and caller; the row is claimed before the work, in the work's
-- transaction, so the primary key decides between concurrent requests with one key. The hash of the canonical
-- request tells a replay (same request) from a misuse of the key (another request: 422).
alter table idempotent_request add column caller text not null default '';
alter table idempotent_request add column request_hash text;
alter table idempotent_request add column resource_id text;
alter table idempotent_request alter column status drop not null;
alter table idempotent_request alter column body drop not null;
alter table idempotent_request drop constraint idempotent_request_pkey;
alter table idempotent_request add primary key (partner_org_id, caller, idempotency_key);

-- Support requests are updatable (PATCH status): they carry a version, their ETag.
alter table support_request add column version bigint not null default 1;

-- Keyset order of the admin list (tags use tag_name)
create index admin_partner_order on admin (partner_org_id, lower(coalesce(display_name, email, admin_id)), admin_id) where not deleted;
