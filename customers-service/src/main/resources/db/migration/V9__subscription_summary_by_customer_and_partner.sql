-- A customer's subscriptions are looked up by customer and partner (the statuses computation). With the customer
-- alone indexed, PostgreSQL combined that index with the primary key's partner prefix (a bitmap of every subscription
-- of the partner, for each customer): 15 s per 1,000 customers at 100,000, against 0.2 s with this index.
create index subscription_summary_customer_partner on subscription_summary (customer_id, partner_org_id);
