-- Payments of an invoice (PRODUCT.md, Invoices): each carries a positive amount; the invoice is PAID once they cover
-- its amount, partial payments leave it OPEN or OVERDUE. paid_amount is their sum, kept on the invoice row (written
-- under the row's lock, so racing payments add up). Invoices paid before payments were recorded count as paid in
-- full, with one payment of their amount at their paid_at.
alter table invoice add column paid_amount numeric(14,2) not null default 0;

create table invoice_payment (
    id             uuid          primary key,
    invoice_id     uuid          not null references invoice (id),
    partner_org_id text          not null,
    amount         numeric(14,2) not null check (amount > 0),
    reference      text,
    recorded_at    timestamptz   not null,
    recorded_by    text          not null
);

create index invoice_payment_invoice on invoice_payment (invoice_id, recorded_at, id);

update invoice set paid_amount = amount where status = 'PAID';
insert into invoice_payment (id, invoice_id, partner_org_id, amount, reference, recorded_at, recorded_by)
select gen_random_uuid(), id, partner_org_id, amount, null, coalesce(paid_at, issued_at), 'migration'
  from invoice where status = 'PAID' and amount > 0;
