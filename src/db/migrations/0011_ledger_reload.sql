-- Two things stood in the way of removing what the books refer to (a user account, a demo fund
-- on reload), and so of `npm run seed:demo` being run twice.

-- Removing a user account sets ledger_entry.created_by to null (on delete set null): an update
-- the immutability trigger refused. Forgetting who posted is let through; every other change to
-- a posting is still refused.
create or replace function ledger_entry_immutable() returns trigger language plpgsql as $$
begin
  if to_jsonb(old) ? 'created_by' and to_jsonb(new) ->> 'created_by' is null
     and to_jsonb(new) - 'created_by' = to_jsonb(old) - 'created_by' then
    return new;
  end if;
  raise exception 'postings are not changed; post a correction instead' using errcode = '23514';
end $$;

-- A posting going out only ever subtracts from a total that is there, and not at all when its
-- fund is being deleted: the totals go with the fund, and touching them broke the foreign key.
create or replace function ledger_month_total_follow() returns trigger language plpgsql as $$
declare
  line ledger_line;
  entry ledger_entry;
begin
  if tg_op = 'INSERT' then line := new; else line := old; end if;
  select * into entry from ledger_entry where id = line.entry_id;
  if entry.id is null then return null; end if; -- the entry itself is being deleted first
  if tg_op = 'DELETE' then
    update ledger_month_total t
    set debit = t.debit - line.debit,
        credit = t.credit - line.credit,
        debit_peoples_group = t.debit_peoples_group - case when entry.organisation_type = 5 then line.debit else 0 end
    where t.fund_id = entry.fund_id and t.month = date_trunc('month', entry.entry_date)::date
      and t.account_code = line.account_code
      and exists (select 1 from fund where id = entry.fund_id);
    return null;
  end if;
  insert into ledger_month_total as t (fund_id, fiscal_year, month, account_code, debit, credit, debit_peoples_group)
  values (entry.fund_id, entry.fiscal_year, date_trunc('month', entry.entry_date)::date, line.account_code,
          line.debit, line.credit, case when entry.organisation_type = 5 then line.debit else 0 end)
  on conflict (fund_id, month, account_code) do update
    set debit = t.debit + excluded.debit,
        credit = t.credit + excluded.credit,
        debit_peoples_group = t.debit_peoples_group + excluded.debit_peoples_group;
  return null;
end $$;

create or replace function ledger_entry_unfollow() returns trigger language plpgsql as $$
begin
  update ledger_month_total t
  set debit = t.debit - l.debit,
      credit = t.credit - l.credit,
      debit_peoples_group = t.debit_peoples_group - case when old.organisation_type = 5 then l.debit else 0 end
  from ledger_line l
  where l.entry_id = old.id and t.fund_id = old.fund_id
    and t.month = date_trunc('month', old.entry_date)::date and t.account_code = l.account_code
    and exists (select 1 from fund where id = old.fund_id);
  return old;
end $$;
