-- A bulk posting (the history import's ledger, issue 8) at a million lines.

-- The activity flag asks whether a fund posted anything in a fiscal year; the entry index has
-- no fiscal year, so each fund-year's lookup walked all of the fund's entries.
create index ledger_entry_fund_year_idx on ledger_entry (fund_id, fiscal_year);

-- Every later year of each fund posted to, once: from the fund's earliest year in the batch (a
-- bulk posting names most years of most funds, and each key repeated the same later years).
create or replace function fund_year_summary_refresh_from(keys fund_year_key[]) returns void language plpgsql as $$
begin
  perform fund_year_summary_refresh_keys(keys || array(
    select row(s.fund_id, s.fiscal_year)::fund_year_key
    from fund_year_summary s
    join (select u.fund_id, min(u.fiscal_year) as first from unnest(keys) u group by 1) u
      on u.fund_id = s.fund_id and s.fiscal_year > u.first));
end $$;

-- The bulk posting defers the month totals too and rebuilds its funds' at the end. Kept per
-- statement, a month-account total that a million lines touch thousands of times is updated
-- thousands of times in one transaction, and each update's lookup walks every earlier version
-- of the row, which nothing may clean up before the commit: 100,000 lines took 20 s, a million
-- did not finish in 15 min.
drop trigger ledger_month_total_add on ledger_line;
create trigger ledger_month_total_add after insert on ledger_line
  referencing new table as new_lines for each statement
  when (current_setting('kongtun.month_totals_deferred', true) is distinct from 'on')
  execute function ledger_month_total_add();

-- The funds' month totals from their posting lines, as ledger_month_total_add keeps them.
create function ledger_month_total_rebuild(funds bigint[]) returns void language sql as $$
  delete from ledger_month_total where fund_id = any (funds);
  insert into ledger_month_total (fund_id, fiscal_year, month, account_code, debit, credit, debit_peoples_group)
  select e.fund_id, min(e.fiscal_year), date_trunc('month', e.entry_date)::date, l.account_code,
    sum(l.debit), sum(l.credit), sum(case when e.organisation_type = 5 then l.debit else 0 end)
  from ledger_entry e join ledger_line l on l.entry_id = e.id
  where e.fund_id = any (funds)
  group by e.fund_id, date_trunc('month', e.entry_date)::date, l.account_code;
$$;
