-- Admin changes reach Keycloak (issue 14). accessRevokedAt: tokens of the admin issued at or before it are refused
-- (the admin events carry it); set on a role change, on removal and when Keycloak has applied either.
alter table admin add column access_revoked_at timestamptz;

-- The identity outbox: per admin the newest desired state for Keycloak, written in the transaction of the directory
-- change. The worker applies it (exactly the desired admin realm role, or none when removed; sessions ended when
-- end_sessions), retried with backoff until Keycloak has it. A newer change overwrites the row: only the newest
-- state is applied. claimed_until is the lease of the worker applying it now (another replica skips it meanwhile).
create table identity_sync (
    partner_org_id  text        not null,
    admin_id        text        not null,
    role            text,
    removed         boolean     not null,
    end_sessions    boolean     not null,
    admin_version   bigint      not null,
    pending         boolean     not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    claimed_until   timestamptz,
    last_error      text,
    updated_at      timestamptz not null,
    primary key (partner_org_id, admin_id)
);
create index identity_sync_due on identity_sync (next_attempt_at) where pending;
