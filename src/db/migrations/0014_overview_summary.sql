-- The overview's summary (issue 7): one row per fund and fiscal year with every figure the
-- overviews add up, and the reports each fund-year owes by due date. Triggers recompute a
-- fund-year's row in the same transaction as any change to what it is made of, so an
-- approval, a voucher or a report shows at every level as soon as it commits. Decision 017.
--
-- Concurrency: a recompute first takes a transaction-scoped advisory lock on the fund's bucket; under
-- READ COMMITTED the recompute's own statements then see what the transaction that held the
-- lock committed, so two transactions on one fund never leave a row computed from a stale view.

create table fund_year_summary (
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null,
  -- Anything recorded for the year in kongtun: a plan, a proposal or a posting.
  is_active boolean not null,
  population integer,
  has_plan boolean not null,                 -- an approved plan in force
  has_financial_plan boolean not null,       -- …with its annual financial plan filled in
  plan_programs integer not null,            -- แผนงาน in the plan in force
  proposals_developed integer not null,      -- พัฒนาโครงการ here and submitted at least once
  projects_followed integer not null,        -- ติดตามโครงการ: approved projects of every origin
  projects_paper integer not null,
  projects_imported integer not null,
  approved_budget numeric(16, 2) not null,
  approved_peoples_group numeric(16, 2) not null,   -- of it, to people's groups (type 5)
  target_people bigint not null,
  target_groups_covered integer not null,    -- of the target groups plans should reach
  months_closed integer not null,
  -- Money, from the books (baht; receipts net of reversals, payments net of corrections).
  opening_balance numeric(16, 2) not null,
  received_nhso numeric(16, 2) not null,
  received_local numeric(16, 2) not null,
  received_interest numeric(16, 2) not null,
  received_other numeric(16, 2) not null,
  refunded numeric(16, 2) not null,
  paid numeric(16, 2) not null,
  paid_1 numeric(16, 2) not null,
  paid_2 numeric(16, 2) not null,
  paid_3 numeric(16, 2) not null,
  paid_4 numeric(16, 2) not null,
  paid_5 numeric(16, 2) not null,
  paid_peoples_group numeric(16, 2) not null,
  paid_q1 numeric(16, 2) not null,
  paid_q2 numeric(16, 2) not null,
  paid_q3 numeric(16, 2) not null,
  paid_q4 numeric(16, 2) not null,
  balance numeric(16, 2) not null,
  primary key (fund_id, fiscal_year)
);
create index fund_year_summary_year_idx on fund_year_summary (fiscal_year, fund_id);

-- What the year's projects owe (ส.1 and ง.1 per period, ง.2 and ส.3 at the end), per due date:
-- which of them are due depends on the day the overview is read, so the count is made then.
create table fund_report_due (
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null,
  due_date date not null,
  expected integer not null,
  on_time integer not null,
  submitted integer not null,
  primary key (fund_id, fiscal_year, due_date)
);
create index fund_report_due_year_idx on fund_report_due (fiscal_year, due_date);
-- A fund-year's reports are found through its projects (the unique keys are partial).
create index project_report_proposal_idx on project_report (proposal_id);

-- Everything but money, straight from the base tables, for one fund-year.
create function fund_year_figures_of(f bigint, y integer)
returns table (is_active boolean, population integer, has_plan boolean, has_financial_plan boolean,
  plan_programs integer, proposals_developed integer, projects_followed integer, projects_paper integer,
  projects_imported integer, approved_budget numeric, approved_peoples_group numeric, target_people bigint,
  target_groups_covered integer, months_closed integer)
language sql stable as $$
  select
    exists (select 1 from fund_plan where fund_id = f and fiscal_year = y) or pr.proposals > 0
      or exists (select 1 from ledger_entry where fund_id = f and fiscal_year = y),
    (select population from fund_year where fund_id = f and fiscal_year = y),
    pl.id is not null,
    pl.nhso_transfer is not null,
    coalesce((select count(*)::integer from plan_entry where plan_id = pl.id), 0),
    pr.developed, pr.followed, pr.paper, pr.imported, pr.budget, pr.peoples,
    tg.people, tg.groups,
    (select count(*)::integer from ledger_month_close
      where fund_id = f and month >= make_date(y - 544, 10, 1) and month < make_date(y - 543, 10, 1))
  from (select 1) as one
  left join fund_plan pl on pl.fund_id = f and pl.fiscal_year = y and pl.status = 'approved'
  cross join lateral (
    select count(*)::integer as proposals,
      count(*) filter (where origin = 'system' and submitted_at is not null)::integer as developed,
      count(project_code)::integer as followed,
      count(project_code) filter (where origin = 'paper')::integer as paper,
      count(project_code) filter (where origin = 'imported')::integer as imported,
      coalesce(sum(approved_amount) filter (where project_code is not null), 0) as budget,
      coalesce(sum(approved_amount) filter (where project_code is not null and organisation_type = 5), 0) as peoples
    from proposal where fund_id = f and fiscal_year = y) pr
  cross join lateral (
    select coalesce(sum(t.people), 0)::bigint as people,
      count(distinct t.target_group_code) filter (where g.in_coverage)::integer as groups
    from proposal p
    join proposal_target_group t on t.proposal_id = p.id
    join target_group g on g.code = t.target_group_code
    where p.fund_id = f and p.fiscal_year = y and p.project_code is not null) tg
$$;

-- The year's money for one fund, from the month totals (the summary's source) or, to check
-- them and to measure what the summary buys, from the posting lines themselves.
create function fund_year_money_of(f bigint, y integer, from_lines boolean)
returns table (opening_balance numeric, received_nhso numeric, received_local numeric, received_interest numeric,
  received_other numeric, refunded numeric, paid numeric, paid_1 numeric, paid_2 numeric, paid_3 numeric,
  paid_4 numeric, paid_5 numeric, paid_peoples_group numeric, paid_q1 numeric, paid_q2 numeric, paid_q3 numeric,
  paid_q4 numeric, balance numeric)
language sql stable as $$
  with movement as (
    select t.month, t.account_code, t.debit, t.credit, t.debit_peoples_group as debit_pg
    from ledger_month_total t
    where not from_lines and t.fund_id = f and t.month < make_date(y - 543, 10, 1)
    union all
    select date_trunc('month', e.entry_date)::date, l.account_code, l.debit, l.credit,
      case when e.organisation_type = 5 then l.debit else 0 end
    from ledger_entry e join ledger_line l on l.entry_id = e.id
    where from_lines and e.fund_id = f and e.entry_date < make_date(y - 543, 10, 1)
  ), in_year as (
    select m.*, a.support_category,
      case when m.month < make_date(y - 543, 1, 1) then 1 when m.month < make_date(y - 543, 4, 1) then 2
        when m.month < make_date(y - 543, 7, 1) then 3 else 4 end as quarter
    from movement m join ledger_account a on a.code = m.account_code
    where m.month >= make_date(y - 544, 10, 1)
  ), opening as (
    select coalesce((select opening_balance from fund where id = f), 0)
      + coalesce((select sum(debit - credit) from movement where account_code = '10100' and month < make_date(y - 544, 10, 1)), 0) as amount
  )
  select opening.amount,
    coalesce(sum(credit - debit) filter (where account_code = '40100'), 0),
    coalesce(sum(credit - debit) filter (where account_code = '40200'), 0),
    coalesce(sum(credit - debit) filter (where account_code = '40300'), 0),
    coalesce(sum(credit - debit) filter (where account_code = '40400'), 0),
    coalesce(sum(credit - debit) filter (where account_code = '40500'), 0),
    coalesce(sum(debit - credit) filter (where support_category is not null), 0),
    coalesce(sum(debit - credit) filter (where support_category = 1), 0),
    coalesce(sum(debit - credit) filter (where support_category = 2), 0),
    coalesce(sum(debit - credit) filter (where support_category = 3), 0),
    coalesce(sum(debit - credit) filter (where support_category = 4), 0),
    coalesce(sum(debit - credit) filter (where support_category = 5), 0),
    coalesce(sum(debit_pg) filter (where support_category is not null), 0),
    coalesce(sum(debit - credit) filter (where support_category is not null and quarter = 1), 0),
    coalesce(sum(debit - credit) filter (where support_category is not null and quarter = 2), 0),
    coalesce(sum(debit - credit) filter (where support_category is not null and quarter = 3), 0),
    coalesce(sum(debit - credit) filter (where support_category is not null and quarter = 4), 0),
    opening.amount + coalesce(sum(debit - credit) filter (where account_code = '10100'), 0)
  from in_year right join opening on true
  group by opening.amount
$$;

-- Every report the fund-year's projects owe, with when it is due and whether it came in on time
-- (submitted on or before the due date, Thai time). 30 days: REPORT_DUE_DAYS in the domain.
create function fund_year_reports_of(f bigint, y integer)
returns table (due_date date, expected integer, on_time integer, submitted integer)
language sql stable as $$
  select owed.due_date, count(*)::integer,
    count(*) filter (where (r.submitted_at at time zone 'Asia/Bangkok')::date <= owed.due_date)::integer,
    count(r.submitted_at)::integer
  from (
    select p.id, k.kind, pp.number, pp.report_due as due_date
    from proposal p
    join project_period pp on pp.proposal_id = p.id
    cross join (values ('progress'), ('financial')) as k (kind)
    where p.fund_id = f and p.fiscal_year = y and p.project_code is not null
    union all
    select p.id, k.kind, null, p.period_end + 30
    from proposal p
    cross join (values ('closing_financial'), ('final')) as k (kind)
    where p.fund_id = f and p.fiscal_year = y and p.project_code is not null and p.period_end is not null
      and exists (select 1 from project_period where proposal_id = p.id)
  ) owed
  left join project_report r on r.proposal_id = owed.id and r.kind = owed.kind
    and r.period_number is not distinct from owed.number
  group by owed.due_date
$$;

-- A fund-year is in the overview once anything is recorded for it; a year with nothing at all
-- has no row (and carries no balance into the sums).
create function fund_year_recorded(f bigint, y integer) returns boolean language sql stable as $$
  select exists (select 1 from fund_year where fund_id = f and fiscal_year = y)
    or exists (select 1 from fund_plan where fund_id = f and fiscal_year = y)
    or exists (select 1 from proposal where fund_id = f and fiscal_year = y)
    or exists (select 1 from ledger_month_total where fund_id = f and fiscal_year = y)
$$;

create function fund_year_summary_refresh(f bigint, y integer) returns void language plpgsql as $$
begin
  delete from fund_year_summary where fund_id = f and fiscal_year = y;
  delete from fund_report_due where fund_id = f and fiscal_year = y;
  -- The fund is being deleted, or nothing is left of the year.
  if not exists (select 1 from fund where id = f) or not fund_year_recorded(f, y) then return; end if;
  insert into fund_year_summary
  select f, y, g.*, m.* from fund_year_figures_of(f, y) g cross join fund_year_money_of(f, y, false) m;
  insert into fund_report_due
  select f, y, r.* from fund_year_reports_of(f, y) r;
end $$;

create type fund_year_key as (fund_id bigint, fiscal_year integer);

-- Each fund-year once. The locks are per bucket of funds (fund id mod 32), taken in one order:
-- a transaction never holds more than 32 of them however many funds it touches (a lock per
-- fund ran a PostgreSQL server out of lock memory loading the demo's 7,261 funds).
-- (One plain statement per fund-year: a set-based recompute over all keys planned far worse.)
create function fund_year_summary_refresh_keys(keys fund_year_key[]) returns void language plpgsql as $$
declare
  k fund_year_key;
begin
  perform pg_advisory_xact_lock(4242140, b.bucket)
  from (select distinct (u.fund_id % 32)::integer as bucket from unnest(keys) u where u.fund_id is not null order by 1) b;
  for k in select distinct u.fund_id, u.fiscal_year from unnest(keys) u where u.fund_id is not null order by 1, 2 loop
    perform fund_year_summary_refresh(k.fund_id, k.fiscal_year);
  end loop;
end $$;

-- A posting changes the balance carried into every later year of the fund too.
create function fund_year_summary_refresh_from(keys fund_year_key[]) returns void language plpgsql as $$
begin
  perform fund_year_summary_refresh_keys(keys || array(
    select row(s.fund_id, s.fiscal_year)::fund_year_key
    from fund_year_summary s join unnest(keys) u on u.fund_id = s.fund_id and s.fiscal_year > u.fiscal_year));
end $$;

-- The followers: one function per table maps its changed rows (transition tables) to
-- fund-years. Statement-level, so a bulk load recomputes each fund-year once per statement.
create function summary_follow_direct() returns trigger language plpgsql as $$
declare
  keys fund_year_key[] := '{}';
begin
  -- A bulk load (the demo seed) defers the summary and recomputes it once at its end.
  if current_setting('kongtun.summary_deferred', true) = 'on' then return null; end if;
  if tg_op in ('INSERT', 'UPDATE') then
    keys := keys || array(select row(n.fund_id, n.fiscal_year)::fund_year_key from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    keys := keys || array(select row(o.fund_id, o.fiscal_year)::fund_year_key from old_rows o);
  end if;
  if tg_table_name = 'ledger_month_total' then
    perform fund_year_summary_refresh_from(keys);
  else
    perform fund_year_summary_refresh_keys(keys);
  end if;
  return null;
end $$;

create function summary_follow_by_proposal() returns trigger language plpgsql as $$
declare
  ids bigint[] := '{}';
begin
  -- A bulk load (the demo seed) defers the summary and recomputes it once at its end.
  if current_setting('kongtun.summary_deferred', true) = 'on' then return null; end if;
  if tg_op in ('INSERT', 'UPDATE') then ids := ids || array(select n.proposal_id from new_rows n); end if;
  if tg_op in ('UPDATE', 'DELETE') then ids := ids || array(select o.proposal_id from old_rows o); end if;
  perform fund_year_summary_refresh_keys(array(
    select row(p.fund_id, p.fiscal_year)::fund_year_key from proposal p where p.id = any (ids)));
  return null;
end $$;

create function summary_follow_plan_entry() returns trigger language plpgsql as $$
declare
  ids bigint[] := '{}';
begin
  -- A bulk load (the demo seed) defers the summary and recomputes it once at its end.
  if current_setting('kongtun.summary_deferred', true) = 'on' then return null; end if;
  if tg_op in ('INSERT', 'UPDATE') then ids := ids || array(select n.plan_id from new_rows n); end if;
  if tg_op in ('UPDATE', 'DELETE') then ids := ids || array(select o.plan_id from old_rows o); end if;
  perform fund_year_summary_refresh_keys(array(
    select row(p.fund_id, p.fiscal_year)::fund_year_key from fund_plan p where p.id = any (ids) and p.status = 'approved'));
  return null;
end $$;

create function summary_follow_month_close() returns trigger language plpgsql as $$
declare
  keys fund_year_key[] := '{}';
begin
  -- A bulk load (the demo seed) defers the summary and recomputes it once at its end.
  if current_setting('kongtun.summary_deferred', true) = 'on' then return null; end if;
  -- October starts the next Buddhist-era fiscal year.
  if tg_op in ('INSERT', 'UPDATE') then
    keys := keys || array(select row(n.fund_id, extract(year from n.month + interval '3 months')::integer + 543)::fund_year_key from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    keys := keys || array(select row(o.fund_id, extract(year from o.month + interval '3 months')::integer + 543)::fund_year_key from old_rows o);
  end if;
  perform fund_year_summary_refresh_keys(keys);
  return null;
end $$;

-- The opening balance is carried into every year of the fund.
create function summary_follow_fund() returns trigger language plpgsql as $$
begin
  -- A bulk load (the demo seed) defers the summary and recomputes it once at its end.
  if current_setting('kongtun.summary_deferred', true) = 'on' then return null; end if;
  perform fund_year_summary_refresh_keys(array(
    select row(s.fund_id, s.fiscal_year)::fund_year_key
    from fund_year_summary s
    join new_rows n on n.id = s.fund_id
    join old_rows o on o.id = n.id
    where n.opening_balance is distinct from o.opening_balance));
  return null;
end $$;

-- The month totals follow each statement's posting lines at once (they followed each line),
-- so a bulk posting refreshes the fund-year once rather than once per line. Deletions (a demo
-- reload) still go line by line.
drop trigger ledger_month_total_follow on ledger_line;
create trigger ledger_month_total_follow after delete on ledger_line
  for each row execute function ledger_month_total_follow();
create function ledger_month_total_add() returns trigger language plpgsql as $$
begin
  insert into ledger_month_total as t (fund_id, fiscal_year, month, account_code, debit, credit, debit_peoples_group)
  select e.fund_id, min(e.fiscal_year), date_trunc('month', e.entry_date)::date, l.account_code,
    sum(l.debit), sum(l.credit), sum(case when e.organisation_type = 5 then l.debit else 0 end)
  from new_lines l join ledger_entry e on e.id = l.entry_id
  group by e.fund_id, date_trunc('month', e.entry_date)::date, l.account_code
  on conflict (fund_id, month, account_code) do update
    set debit = t.debit + excluded.debit,
        credit = t.credit + excluded.credit,
        debit_peoples_group = t.debit_peoples_group + excluded.debit_peoples_group;
  return null;
end $$;
create trigger ledger_month_total_add after insert on ledger_line
  referencing new table as new_lines for each statement execute function ledger_month_total_add();

create trigger summary_follow_insert after insert on proposal referencing new table as new_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_update after update on proposal referencing old table as old_rows new table as new_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_delete after delete on proposal referencing old table as old_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_insert after insert on fund_plan referencing new table as new_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_update after update on fund_plan referencing old table as old_rows new table as new_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_delete after delete on fund_plan referencing old table as old_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_insert after insert on fund_year referencing new table as new_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_update after update on fund_year referencing old table as old_rows new table as new_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_delete after delete on fund_year referencing old table as old_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_insert after insert on ledger_month_total referencing new table as new_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_update after update on ledger_month_total referencing old table as old_rows new table as new_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_delete after delete on ledger_month_total referencing old table as old_rows for each statement execute function summary_follow_direct();
create trigger summary_follow_insert after insert on plan_entry referencing new table as new_rows for each statement execute function summary_follow_plan_entry();
create trigger summary_follow_delete after delete on plan_entry referencing old table as old_rows for each statement execute function summary_follow_plan_entry();
create trigger summary_follow_insert after insert on ledger_month_close referencing new table as new_rows for each statement execute function summary_follow_month_close();
create trigger summary_follow_delete after delete on ledger_month_close referencing old table as old_rows for each statement execute function summary_follow_month_close();
create trigger summary_follow_update after update on fund referencing old table as old_rows new table as new_rows for each statement execute function summary_follow_fund();
create trigger summary_follow_insert after insert on proposal_target_group referencing new table as new_rows for each statement execute function summary_follow_by_proposal();
create trigger summary_follow_update after update on proposal_target_group referencing old table as old_rows new table as new_rows for each statement execute function summary_follow_by_proposal();
create trigger summary_follow_delete after delete on proposal_target_group referencing old table as old_rows for each statement execute function summary_follow_by_proposal();
create trigger summary_follow_insert after insert on project_period referencing new table as new_rows for each statement execute function summary_follow_by_proposal();
create trigger summary_follow_update after update on project_period referencing old table as old_rows new table as new_rows for each statement execute function summary_follow_by_proposal();
create trigger summary_follow_delete after delete on project_period referencing old table as old_rows for each statement execute function summary_follow_by_proposal();
create trigger summary_follow_insert after insert on project_report referencing new table as new_rows for each statement execute function summary_follow_by_proposal();
create trigger summary_follow_update after update on project_report referencing old table as old_rows new table as new_rows for each statement execute function summary_follow_by_proposal();
create trigger summary_follow_delete after delete on project_report referencing old table as old_rows for each statement execute function summary_follow_by_proposal();

-- Every fund-year there is, or was (a row whose records are gone is dropped).
create function fund_year_summary_refresh_all() returns void language plpgsql as $$
begin
  perform fund_year_summary_refresh_keys(array(
    select row(fund_id, fiscal_year)::fund_year_key from fund_year
    union select row(fund_id, fiscal_year)::fund_year_key from fund_plan
    union select row(fund_id, fiscal_year)::fund_year_key from proposal
    union select row(fund_id, fiscal_year)::fund_year_key from ledger_month_total
    union select row(fund_id, fiscal_year)::fund_year_key from fund_year_summary));
end $$;

-- Whatever is already in the database.
select fund_year_summary_refresh_all();
