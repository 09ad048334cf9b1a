-- The overview summary recomputed for many fund-years at once (issue 8: a history import, the
-- demo seed, the bench). fund_year_summary_refresh (0014) costs a few milliseconds a fund-year
-- whatever the batch, so a run writing tens of thousands of fund-years spent most of its time
-- there. Here each figure is one grouped statement over all the keys' rows; it must give exactly
-- what the per-fund-year functions give (tests/db/overview-summary.test.ts compares the two).
-- The triggers' small changes keep the per-fund-year path: its index lookups beat a grouped
-- pass below a few dozen fund-years.

create function fund_year_summary_refresh_set(keys fund_year_key[]) returns void language plpgsql as $$
begin
  create temporary table if not exists summary_key (fund_id bigint, fiscal_year integer, primary key (fund_id, fiscal_year)) on commit drop;
  truncate summary_key;
  insert into summary_key select distinct u.fund_id, u.fiscal_year from unnest(keys) u where u.fund_id is not null;
  analyze summary_key;

  delete from fund_year_summary s using summary_key k where s.fund_id = k.fund_id and s.fiscal_year = k.fiscal_year;
  delete from fund_report_due d using summary_key k where d.fund_id = k.fund_id and d.fiscal_year = k.fiscal_year;

  insert into fund_year_summary
  with fund_of as (
    select f.id, f.opening_balance from fund f where f.id in (select fund_id from summary_key)
  ), proposals as (
    select p.fund_id, p.fiscal_year, count(*)::integer as proposals,
      count(*) filter (where origin = 'system' and submitted_at is not null)::integer as developed,
      count(project_code)::integer as followed,
      count(project_code) filter (where origin = 'paper')::integer as paper,
      count(project_code) filter (where origin = 'imported')::integer as imported,
      coalesce(sum(approved_amount) filter (where project_code is not null), 0) as budget,
      coalesce(sum(approved_amount) filter (where project_code is not null and organisation_type = 5), 0) as peoples
    from proposal p join summary_key k using (fund_id, fiscal_year)
    group by 1, 2
  ), targets as (
    select p.fund_id, p.fiscal_year, coalesce(sum(t.people), 0)::bigint as people,
      count(distinct t.target_group_code) filter (where g.in_coverage)::integer as groups
    from proposal p
    join summary_key k using (fund_id, fiscal_year)
    join proposal_target_group t on t.proposal_id = p.id
    join target_group g on g.code = t.target_group_code
    where p.project_code is not null
    group by 1, 2
  ), plans as (
    select pl.fund_id, pl.fiscal_year, pl.nhso_transfer, (select count(*)::integer from plan_entry e where e.plan_id = pl.id) as programs
    from fund_plan pl join summary_key k using (fund_id, fiscal_year)
    where pl.status = 'approved'
  ), closes as (
    select c.fund_id, extract(year from c.month + interval '3 months')::integer + 543 as fiscal_year, count(*)::integer as months
    from ledger_month_close c where c.fund_id in (select fund_id from fund_of)
    group by 1, 2
  ), money_year as (
    -- Each fund's money per fiscal year (October starts the next Buddhist-era year), from the month totals.
    select t.fund_id, extract(year from t.month + interval '3 months')::integer + 543 as fiscal_year,
      coalesce(sum(t.credit - t.debit) filter (where t.account_code = '40100'), 0) as received_nhso,
      coalesce(sum(t.credit - t.debit) filter (where t.account_code = '40200'), 0) as received_local,
      coalesce(sum(t.credit - t.debit) filter (where t.account_code = '40300'), 0) as received_interest,
      coalesce(sum(t.credit - t.debit) filter (where t.account_code = '40400'), 0) as received_other,
      coalesce(sum(t.credit - t.debit) filter (where t.account_code = '40500'), 0) as refunded,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category is not null), 0) as paid,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category = 1), 0) as paid_1,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category = 2), 0) as paid_2,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category = 3), 0) as paid_3,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category = 4), 0) as paid_4,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category = 5), 0) as paid_5,
      coalesce(sum(t.debit_peoples_group) filter (where a.support_category is not null), 0) as paid_peoples_group,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category is not null and extract(month from t.month) in (10, 11, 12)), 0) as paid_q1,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category is not null and extract(month from t.month) in (1, 2, 3)), 0) as paid_q2,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category is not null and extract(month from t.month) in (4, 5, 6)), 0) as paid_q3,
      coalesce(sum(t.debit - t.credit) filter (where a.support_category is not null and extract(month from t.month) in (7, 8, 9)), 0) as paid_q4,
      coalesce(sum(t.debit - t.credit) filter (where t.account_code = '10100'), 0) as bank
    from ledger_month_total t join ledger_account a on a.code = t.account_code
    where t.fund_id in (select id from fund_of)
    group by 1, 2
  ), bank_before as (
    select k.fund_id, k.fiscal_year, coalesce(sum(m.bank), 0) as amount
    from summary_key k left join money_year m on m.fund_id = k.fund_id and m.fiscal_year < k.fiscal_year
    group by 1, 2
  )
  select k.fund_id, k.fiscal_year,
    exists (select 1 from fund_plan p where p.fund_id = k.fund_id and p.fiscal_year = k.fiscal_year)
      or coalesce(pr.proposals, 0) > 0
      or exists (select 1 from ledger_entry e where e.fund_id = k.fund_id and e.fiscal_year = k.fiscal_year),
    fy.population,
    pl.fund_id is not null,
    pl.nhso_transfer is not null,
    coalesce(pl.programs, 0),
    coalesce(pr.developed, 0), coalesce(pr.followed, 0), coalesce(pr.paper, 0), coalesce(pr.imported, 0),
    coalesce(pr.budget, 0), coalesce(pr.peoples, 0),
    coalesce(tg.people, 0), coalesce(tg.groups, 0),
    coalesce(c.months, 0),
    coalesce(f.opening_balance, 0) + b.amount,
    coalesce(m.received_nhso, 0), coalesce(m.received_local, 0), coalesce(m.received_interest, 0), coalesce(m.received_other, 0),
    coalesce(m.refunded, 0), coalesce(m.paid, 0),
    coalesce(m.paid_1, 0), coalesce(m.paid_2, 0), coalesce(m.paid_3, 0), coalesce(m.paid_4, 0), coalesce(m.paid_5, 0),
    coalesce(m.paid_peoples_group, 0),
    coalesce(m.paid_q1, 0), coalesce(m.paid_q2, 0), coalesce(m.paid_q3, 0), coalesce(m.paid_q4, 0),
    coalesce(f.opening_balance, 0) + b.amount + coalesce(m.bank, 0)
  from summary_key k
  join fund_of f on f.id = k.fund_id
  join bank_before b on b.fund_id = k.fund_id and b.fiscal_year = k.fiscal_year
  left join fund_year fy on fy.fund_id = k.fund_id and fy.fiscal_year = k.fiscal_year
  left join plans pl on pl.fund_id = k.fund_id and pl.fiscal_year = k.fiscal_year
  left join proposals pr on pr.fund_id = k.fund_id and pr.fiscal_year = k.fiscal_year
  left join targets tg on tg.fund_id = k.fund_id and tg.fiscal_year = k.fiscal_year
  left join closes c on c.fund_id = k.fund_id and c.fiscal_year = k.fiscal_year
  left join money_year m on m.fund_id = k.fund_id and m.fiscal_year = k.fiscal_year
  -- A fund-year with nothing recorded has no row (fund_year_recorded).
  where fy.fund_id is not null or pr.fund_id is not null
    or exists (select 1 from fund_plan p where p.fund_id = k.fund_id and p.fiscal_year = k.fiscal_year)
    or exists (select 1 from ledger_month_total t where t.fund_id = k.fund_id and t.fiscal_year = k.fiscal_year);

  insert into fund_report_due
  select owed.fund_id, owed.fiscal_year, owed.due_date, count(*)::integer,
    count(*) filter (where (r.submitted_at at time zone 'Asia/Bangkok')::date <= owed.due_date)::integer,
    count(r.submitted_at)::integer
  from (
    select p.fund_id, p.fiscal_year, p.id, k2.kind, pp.number, pp.report_due as due_date
    from proposal p
    join fund_year_summary s using (fund_id, fiscal_year)
    join summary_key k using (fund_id, fiscal_year)
    join project_period pp on pp.proposal_id = p.id
    cross join (values ('progress'), ('financial')) as k2 (kind)
    where p.project_code is not null
    union all
    select p.fund_id, p.fiscal_year, p.id, k2.kind, null, p.period_end + 30
    from proposal p
    join fund_year_summary s using (fund_id, fiscal_year)
    join summary_key k using (fund_id, fiscal_year)
    cross join (values ('closing_financial'), ('final')) as k2 (kind)
    where p.project_code is not null and p.period_end is not null
      and exists (select 1 from project_period where proposal_id = p.id)
  ) owed
  left join project_report r on r.proposal_id = owed.id and r.kind = owed.kind
    and r.period_number is not distinct from owed.number
  group by owed.fund_id, owed.fiscal_year, owed.due_date;
end $$;

-- The same bucket locks as before, then one path or the other by the batch's size.
create or replace function fund_year_summary_refresh_keys(keys fund_year_key[]) returns void language plpgsql as $$
declare
  k fund_year_key;
begin
  perform pg_advisory_xact_lock(4242140, b.bucket)
  from (select distinct (u.fund_id % 32)::integer as bucket from unnest(keys) u where u.fund_id is not null order by 1) b;
  if cardinality(keys) > 64 then
    perform fund_year_summary_refresh_set(keys);
    return;
  end if;
  for k in select distinct u.fund_id, u.fiscal_year from unnest(keys) u where u.fund_id is not null order by 1, 2 loop
    perform fund_year_summary_refresh(k.fund_id, k.fiscal_year);
  end loop;
end $$;
