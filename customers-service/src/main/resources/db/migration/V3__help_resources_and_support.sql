-- Resources & help: a catalogue of help resources with full-text search, support contacts and requests.
create table help_resource (
    id          uuid    primary key,
    title       text    not null,
    url         text    not null,
    type        text    not null,
    products    text[]  not null,
    topics      text[]  not null,
    featured    boolean not null,
    quick_link  boolean not null,
    summary     text    not null,
    search      tsvector generated always as (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B')) stored
);
create index help_resource_search on help_resource using gin (search);

create table support_contact (
    id      uuid primary key,
    product text not null,
    name    text not null,
    email   text not null,
    phone   text not null,
    hours   text not null
);

create table support_request (
    id             uuid        primary key,
    partner_org_id text        not null,
    created_by     text        not null,
    product        text,
    customer_id    uuid,
    subject        text        not null,
    description    text        not null,
    status         text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index support_request_partner on support_request (partner_org_id, created_at desc, id);

insert into help_resource (id, title, url, type, products, topics, featured, quick_link, summary) values
    ('4e1b0000-0000-4000-8000-000000000001', 'Partner Hub getting started guide', 'https://help.partnerhub.io/guides/getting-started', 'GUIDE', array['MEETINGS','CALLING','MESSAGING']::text[], array['onboarding']::text[], true, true, 'First-time setup of your partner org: confirm your plan, accept the terms of service, add admins and create your first customers.'),
    ('4e1b0000-0000-4000-8000-000000000002', 'Assigning partner admin roles', 'https://help.partnerhub.io/guides/admin-roles', 'GUIDE', '{}'::text[], array['administration','security']::text[], false, true, 'Users, roles and security: give full, partner and read-only admin roles and assign partner admins to customers.'),
    ('4e1b0000-0000-4000-8000-000000000003', 'Starting an enterprise trial', 'https://help.partnerhub.io/guides/start-trial', 'GUIDE', array['MEETINGS','CALLING']::text[], array['trials']::text[], true, true, 'Start a trial with products, license count and duration of 1 to 90 days, extend it up to 180 days, and convert it to a subscription.'),
    ('4e1b0000-0000-4000-8000-000000000004', 'Managing subscriptions and renewals', 'https://help.partnerhub.io/guides/subscriptions', 'GUIDE', array['MEETINGS','CALLING','CONTACT_CENTER']::text[], array['subscriptions','renewals']::text[], false, false, 'Renewal dates, auto-renew, suspended subscriptions after unpaid invoices and expired terms.'),
    ('4e1b0000-0000-4000-8000-000000000005', 'Understanding license allocation and overage', 'https://help.partnerhub.io/guides/licenses', 'GUIDE', array['MEETINGS','CALLING']::text[], array['licenses','analytics']::text[], true, false, 'Purchased, assigned, used and available licenses, low allocation and overage explained with examples.'),
    ('4e1b0000-0000-4000-8000-000000000006', 'Webex Calling deployment checklist', 'https://help.partnerhub.io/calling/deployment-checklist', 'CHECKLIST', array['CALLING']::text[], array['deployment']::text[], false, false, 'Numbers, locations, emergency services, devices and call queues to prepare before porting customers to Webex Calling.'),
    ('4e1b0000-0000-4000-8000-000000000007', 'Call quality troubleshooting', 'https://help.partnerhub.io/calling/call-quality', 'TROUBLESHOOTING', array['CALLING']::text[], array['quality','analytics']::text[], true, false, 'Packet loss, jitter, latency and MOS: what makes a poor call and how to find the network segment responsible.'),
    ('4e1b0000-0000-4000-8000-000000000008', 'Call queue best practices', 'https://help.partnerhub.io/calling/call-queues', 'GUIDE', array['CALLING','CONTACT_CENTER']::text[], array['call queues']::text[], false, false, 'Sizing agents, overflow, abandoned call rate and time to answer for call queues and hunt groups.'),
    ('4e1b0000-0000-4000-8000-000000000009', 'Meetings adoption playbook', 'https://help.partnerhub.io/meetings/adoption', 'PLAYBOOK', array['MEETINGS']::text[], array['adoption','analytics']::text[], true, false, 'Drive Webex Meetings usage after go-live: champions, training sessions and usage reviews with the customer.'),
    ('4e1b0000-0000-4000-8000-00000000000a', 'Real-time translation setup', 'https://help.partnerhub.io/meetings/realtime-translation', 'GUIDE', array['REALTIME_TRANSLATION','MEETINGS']::text[], array['setup']::text[], false, false, 'Enable real-time translation for meetings and webinars and choose the languages available to attendees.'),
    ('4e1b0000-0000-4000-8000-00000000000b', 'Webinars: running large events', 'https://help.partnerhub.io/webinars/large-events', 'GUIDE', array['WEBINARS']::text[], array['events']::text[], false, false, 'Registration, panelists, practice sessions and attendee reports for webinars with thousands of attendees.'),
    ('4e1b0000-0000-4000-8000-00000000000c', 'Contact Center onboarding', 'https://help.partnerhub.io/contact-center/onboarding', 'GUIDE', array['CONTACT_CENTER']::text[], array['onboarding','deployment']::text[], false, false, 'Entry points, queues, teams and agent desktop for Webex Contact Center customers.'),
    ('4e1b0000-0000-4000-8000-00000000000d', 'Messaging retention and compliance', 'https://help.partnerhub.io/messaging/retention', 'POLICY', array['MESSAGING']::text[], array['compliance','security']::text[], false, false, 'Retention policies, legal hold and data residency for Webex messaging spaces.'),
    ('4e1b0000-0000-4000-8000-00000000000e', 'Partner Hub API reference', 'https://help.partnerhub.io/api/reference', 'API', '{}'::text[], array['integration','api']::text[], true, true, 'REST endpoints, pagination, filters, CSV export, errors as problem+json and idempotent ingestion for integrators.'),
    ('4e1b0000-0000-4000-8000-00000000000f', 'Event catalogue for integrators', 'https://help.partnerhub.io/api/events', 'API', '{}'::text[], array['integration','events']::text[], false, true, 'CloudEvents on Kafka topics: customer, subscription, license usage and call quality events with full state and version.'),
    ('4e1b0000-0000-4000-8000-000000000010', 'Launching a customer org', 'https://help.partnerhub.io/guides/launch-org', 'GUIDE', '{}'::text[], array['administration']::text[], false, false, 'Open a customer''s Control Hub from Partner Hub with a short-lived, audited launch link.'),
    ('4e1b0000-0000-4000-8000-000000000011', 'Custom tags for your customer process', 'https://help.partnerhub.io/guides/tags', 'GUIDE', '{}'::text[], array['administration','customers']::text[], false, false, 'Create up to twenty tags per customer to group customers by onboarding stage, region or account manager.'),
    ('4e1b0000-0000-4000-8000-000000000012', 'Expiring and renewing subscriptions report', 'https://help.partnerhub.io/analytics/expiring-renewing', 'GUIDE', array['MEETINGS','CALLING']::text[], array['analytics','renewals']::text[], false, false, 'Use the expiring and renewing tables to plan renewals 90 days ahead, with usage over the last three months.'),
    ('4e1b0000-0000-4000-8000-000000000013', 'Calling engagement dashboard', 'https://help.partnerhub.io/analytics/calling-engagement', 'GUIDE', array['CALLING']::text[], array['analytics','quality','call queues']::text[], false, false, 'Users by usage trend, customers and usage, call quality by endpoint and advanced calling features, refreshed as records arrive.'),
    ('4e1b0000-0000-4000-8000-000000000014', 'Partner helpdesk and support requests', 'https://help.partnerhub.io/support/helpdesk', 'SUPPORT', '{}'::text[], array['support']::text[], false, true, 'Contacts for Calling and Contact Center support and how to open and track a support request.');

insert into support_contact (id, product, name, email, phone, hours) values
    ('5c0a0000-0000-4000-8000-000000000001', 'CALLING', 'Webex Calling partner support', 'calling-support@partnerhub.io', '+81-3-0000-0101', '24x7'),
    ('5c0a0000-0000-4000-8000-000000000002', 'CONTACT_CENTER', 'Webex Contact Center partner support', 'cc-support@partnerhub.io', '+81-3-0000-0202', 'Mon-Fri 09:00-18:00 JST');
