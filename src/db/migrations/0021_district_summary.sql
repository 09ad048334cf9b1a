-- Overviews above the district (issue 7) read a summary per district and fiscal year: the
-- country's overview added up 7,261 fund-year rows and ~400,000 report-due rows, and missed the
-- 50 ms target; the districts are 928 rows a year. Decision 017.
--
-- Every figure is a sum over the district's fund-years, so the rows are recomputed from
-- fund_year_summary and fund_report_due whenever those are (fund_year_summary_refresh_keys), not
-- kept by deltas: one definition per figure, as for the funds.
--
-- The figures that depend on the day of reading are stored so that they still add up then:
-- funds by the number of months they closed (district_month_close), and, per due date, the
-- funds whose first report not yet in was due that day (district_report_due) — a fund-year is
-- missing reports on a day when that date has passed.

create table district_year_summary (
  fiscal_year integer not null,
  district_code text not null,
  province_code text not null,
  region_code text not null,
  funds_recorded integer not null,           -- funds with a fund_year_summary row
  active_funds integer not null,
  funds_with_population integer not null,
  funds_with_plan integer not null,
  funds_with_financial_plan integer not null,
  plan_programs bigint not null,
  proposals_developed bigint not null,
  projects_followed bigint not null,
  projects_paper bigint not null,
  projects_imported bigint not null,
  approved_budget numeric(18, 2) not null,
  approved_peoples_group numeric(18, 2) not null,
  population bigint not null,
  target_people bigint not null,
  target_groups_reached bigint not null,     -- of the active funds
  opening_balance numeric(18, 2) not null,
  received_nhso numeric(18, 2) not null,
  received_local numeric(18, 2) not null,
  received_interest numeric(18, 2) not null,
  received_other numeric(18, 2) not null,
  refunded numeric(18, 2) not null,
  paid numeric(18, 2) not null,
  paid_1 numeric(18, 2) not null,
  paid_2 numeric(18, 2) not null,
  paid_3 numeric(18, 2) not null,
  paid_4 numeric(18, 2) not null,
  paid_5 numeric(18, 2) not null,
  paid_peoples_group numeric(18, 2) not null,
  paid_q1 numeric(18, 2) not null,
  paid_q2 numeric(18, 2) not null,
  paid_q3 numeric(18, 2) not null,
  paid_q4 numeric(18, 2) not null,
  balance numeric(18, 2) not null,
  -- Every report the year owes, whatever its due date: an overview takes away those not due yet
  -- (district_report_due from today on, a few rows) rather than adding up those already due.
  reports_expected bigint not null,
  reports_on_time bigint not null,
  reports_submitted bigint not null,
  funds_missing_reports bigint not null,     -- funds with any report not in
  primary key (fiscal_year, district_code)
);

create table district_month_close (
  fiscal_year integer not null,
  district_code text not null,
  province_code text not null,
  region_code text not null,
  months_closed integer not null,
  funds integer not null,
  primary key (fiscal_year, district_code, months_closed)
);

create table district_report_due (
  fiscal_year integer not null,
  district_code text not null,
  province_code text not null,
  region_code text not null,
  due_date date not null,
  expected integer not null,
  on_time integer not null,
  submitted integer not null,
  funds_first_unsubmitted integer not null,
  primary key (fiscal_year, district_code, due_date)
);
create index district_report_due_day_idx on district_report_due (fiscal_year, due_date);

create type district_year_key as (district_code text, fiscal_year integer);

-- The district-years from the fund-year summary as it now is. The locks are per bucket of
-- districts, taken after the funds' buckets and in one order: two transactions writing funds of
-- one district then recompute it one after the other, and the second, whose statements take
-- fresh snapshots under READ COMMITTED, sees what the first committed.
create function district_year_summary_refresh(keys district_year_key[]) returns void language plpgsql as $$
begin
  -- Many triggers' statements touch no fund-year (a draft plan edited, a fund's phone changed).
  if cardinality(keys) = 0 then return; end if;
  perform pg_advisory_xact_lock(4242141, b.bucket)
  from (select distinct abs(hashtext(u.district_code) % 32) as bucket from unnest(keys) u order by 1) b;

  delete from district_year_summary d using unnest(keys) k where d.district_code = k.district_code and d.fiscal_year = k.fiscal_year;
  delete from district_month_close d using unnest(keys) k where d.district_code = k.district_code and d.fiscal_year = k.fiscal_year;
  delete from district_report_due d using unnest(keys) k where d.district_code = k.district_code and d.fiscal_year = k.fiscal_year;

  insert into district_year_summary (fiscal_year, district_code, province_code, region_code, funds_recorded, active_funds,
    funds_with_population, funds_with_plan, funds_with_financial_plan, plan_programs, proposals_developed, projects_followed,
    projects_paper, projects_imported, approved_budget, approved_peoples_group, population, target_people, target_groups_reached,
    opening_balance, received_nhso, received_local, received_interest, received_other, refunded, paid, paid_1, paid_2, paid_3,
    paid_4, paid_5, paid_peoples_group, paid_q1, paid_q2, paid_q3, paid_q4, balance,
    reports_expected, reports_on_time, reports_submitted, funds_missing_reports)
  select k.fiscal_year, k.district_code, min(fa.province_code), min(fa.region_code), count(*),
    count(*) filter (where s.is_active), count(s.population), count(*) filter (where s.has_plan),
    count(*) filter (where s.has_financial_plan), sum(s.plan_programs), sum(s.proposals_developed), sum(s.projects_followed),
    sum(s.projects_paper), sum(s.projects_imported), sum(s.approved_budget), sum(s.approved_peoples_group),
    coalesce(sum(s.population), 0), sum(s.target_people), coalesce(sum(s.target_groups_covered) filter (where s.is_active), 0),
    sum(s.opening_balance), sum(s.received_nhso), sum(s.received_local), sum(s.received_interest), sum(s.received_other),
    sum(s.refunded), sum(s.paid), sum(s.paid_1), sum(s.paid_2), sum(s.paid_3), sum(s.paid_4), sum(s.paid_5),
    sum(s.paid_peoples_group), sum(s.paid_q1), sum(s.paid_q2), sum(s.paid_q3), sum(s.paid_q4), sum(s.balance),
    coalesce(sum(r.expected), 0), coalesce(sum(r.on_time), 0), coalesce(sum(r.submitted), 0),
    count(*) filter (where r.expected > r.submitted)
  from (select distinct u.district_code, u.fiscal_year from unnest(keys) u) k
  join fund_area fa on fa.district_code = k.district_code
  join fund_year_summary s on s.fund_id = fa.fund_id and s.fiscal_year = k.fiscal_year
  left join lateral (
    select sum(r.expected) as expected, sum(r.on_time) as on_time, sum(r.submitted) as submitted
    from fund_report_due r where r.fund_id = fa.fund_id and r.fiscal_year = k.fiscal_year) r on true
  group by k.fiscal_year, k.district_code;

  insert into district_month_close
  select k.fiscal_year, k.district_code, min(fa.province_code), min(fa.region_code), s.months_closed, count(*)
  from (select distinct u.district_code, u.fiscal_year from unnest(keys) u) k
  join fund_area fa on fa.district_code = k.district_code
  join fund_year_summary s on s.fund_id = fa.fund_id and s.fiscal_year = k.fiscal_year
  group by k.fiscal_year, k.district_code, s.months_closed;

  insert into district_report_due
  select k.fiscal_year, k.district_code, min(fa.province_code), min(fa.region_code), r.due_date,
    sum(r.expected), sum(r.on_time), sum(r.submitted), count(*) filter (where r.first_unsubmitted)
  from (select distinct u.district_code, u.fiscal_year from unnest(keys) u) k
  join fund_area fa on fa.district_code = k.district_code
  cross join lateral (
    select r.due_date, r.expected, r.on_time, r.submitted,
      r.due_date = min(r.due_date) filter (where r.expected > r.submitted) over () as first_unsubmitted
    from fund_report_due r where r.fund_id = fa.fund_id and r.fiscal_year = k.fiscal_year) r
  group by k.fiscal_year, k.district_code, r.due_date;
end $$;

-- 0019's, and then the districts of the funds it recomputed.
create or replace function fund_year_summary_refresh_keys(keys fund_year_key[]) returns void language plpgsql as $$
declare
  k fund_year_key;
begin
  perform pg_advisory_xact_lock(4242140, b.bucket)
  from (select distinct (u.fund_id % 32)::integer as bucket from unnest(keys) u where u.fund_id is not null order by 1) b;
  if cardinality(keys) > 64 then
    perform fund_year_summary_refresh_set(keys);
  else
    for k in select distinct u.fund_id, u.fiscal_year from unnest(keys) u where u.fund_id is not null order by 1, 2 loop
      perform fund_year_summary_refresh(k.fund_id, k.fiscal_year);
    end loop;
  end if;
  perform district_year_summary_refresh(array(
    select distinct row(fa.district_code, u.fiscal_year)::district_year_key
    from unnest(keys) u join fund_area fa on fa.fund_id = u.fund_id));
end $$;

-- How many funds each district has now, whatever they recorded: the overview counts them all
-- (928 rows for the country rather than 7,261). Kept by deltas, which concurrent writers add up
-- under the row's lock.
create table district_funds (
  district_code text primary key,
  province_code text not null,
  region_code text not null,
  funds integer not null
);
create function district_funds_follow() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    insert into district_funds as d (district_code, province_code, region_code, funds)
    select n.district_code, min(n.province_code), min(n.region_code), count(*) from new_rows n group by 1
    on conflict (district_code) do update set funds = d.funds + excluded.funds;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    update district_funds d set funds = d.funds - o.funds
    from (select o.district_code, count(*) as funds from old_rows o group by 1) o
    where d.district_code = o.district_code;
    delete from district_funds d where d.funds = 0 and d.district_code in (select o.district_code from old_rows o);
  end if;
  return null;
end $$;
create trigger district_funds_follow_insert after insert on fund_area referencing new table as new_rows
  for each statement execute function district_funds_follow();
create trigger district_funds_follow_update after update on fund_area referencing old table as old_rows new table as new_rows
  for each statement execute function district_funds_follow();
create trigger district_funds_follow_delete after delete on fund_area referencing old table as old_rows
  for each statement execute function district_funds_follow();
insert into district_funds
select district_code, min(province_code), min(region_code), count(*) from fund_area group by 1;

-- Which child area of an overview's area a district is in (the region, the province or itself),
-- and whether it is in the area at all.
create function overview_child_of(area_level text, region_code text, province_code text, district_code text)
returns text language sql immutable as $$
  select case area_level when 'country' then region_code when 'region' then province_code else district_code end
$$;
create function overview_takes(area_level text, area_code text, region_code text, province_code text)
returns boolean language sql immutable as $$
  select area_level = 'country' or (area_level = 'region' and region_code = area_code)
    or (area_level = 'province' and province_code = area_code)
$$;

-- One row of an overview: a child area's figures in a fiscal year (src/use-cases/overview.ts reads them by name).
create type overview_row as (fiscal_year integer, code text, funds numeric, active_funds numeric, funds_with_plan numeric,
  plan_programs numeric, proposals_developed numeric, projects_followed numeric, projects_paper numeric,
  projects_imported numeric, approved_budget numeric, approved_peoples_group numeric, population numeric,
  target_people numeric, opening_balance numeric, received_nhso numeric, received_local numeric,
  received_interest numeric, received_other numeric, refunded numeric, paid numeric, paid_1 numeric, paid_2 numeric,
  paid_3 numeric, paid_4 numeric, paid_5 numeric, paid_peoples_group numeric, paid_q1 numeric, paid_q2 numeric,
  paid_q3 numeric, paid_q4 numeric, balance numeric, target_groups_reached numeric, reports_due numeric,
  reports_on_time numeric, reports_submitted numeric, missing_population numeric, missing_plan numeric,
  missing_financial_plan numeric, missing_month_closes numeric, missing_reports numeric);

-- The overview of the country, a region or a province for fiscal years `years` (each with the
-- month closes expected of it by `today`), per child area, as fund_overview (below) gives it
-- per fund; getOverviewFromBaseTables computes both from the base tables to check. In functions
-- so that their plans are made once a connection: the statements took longer to plan than to run.
-- Reports: all the year owes, less those not due by `today` (few rows, none for a past year).
create function district_overview(area_level text, area_code text, years integer[], closes integer[], today date)
returns setof overview_row
language plpgsql stable set plan_cache_mode = force_generic_plan as $$
begin
  return query
  with y as (
    select * from unnest(years, closes) as y (fiscal_year, closes)
  ), f as (
    select overview_child_of(area_level, n.region_code, n.province_code, n.district_code) as code, sum(n.funds) as funds
    from district_funds n where overview_takes(area_level, area_code, n.region_code, n.province_code)
    group by 1
  ), d as (
    select d.fiscal_year, overview_child_of(area_level, d.region_code, d.province_code, d.district_code) as code,
      sum(d.funds_recorded) as funds_recorded, sum(d.active_funds) as active_funds,
      sum(d.funds_with_population) as funds_with_population, sum(d.funds_with_plan) as funds_with_plan,
      sum(d.funds_with_financial_plan) as funds_with_financial_plan,
      sum(d.plan_programs) as plan_programs, sum(d.proposals_developed) as proposals_developed,
      sum(d.projects_followed) as projects_followed, sum(d.projects_paper) as projects_paper,
      sum(d.projects_imported) as projects_imported, sum(d.approved_budget) as approved_budget,
      sum(d.approved_peoples_group) as approved_peoples_group, sum(d.population) as population,
      sum(d.target_people) as target_people, sum(d.opening_balance) as opening_balance,
      sum(d.received_nhso) as received_nhso, sum(d.received_local) as received_local,
      sum(d.received_interest) as received_interest, sum(d.received_other) as received_other,
      sum(d.refunded) as refunded, sum(d.paid) as paid, sum(d.paid_1) as paid_1, sum(d.paid_2) as paid_2,
      sum(d.paid_3) as paid_3, sum(d.paid_4) as paid_4, sum(d.paid_5) as paid_5,
      sum(d.paid_peoples_group) as paid_peoples_group, sum(d.paid_q1) as paid_q1, sum(d.paid_q2) as paid_q2,
      sum(d.paid_q3) as paid_q3, sum(d.paid_q4) as paid_q4, sum(d.balance) as balance,
      sum(d.target_groups_reached) as target_groups_reached, sum(d.reports_expected) as reports_expected,
      sum(d.reports_on_time) as reports_on_time, sum(d.reports_submitted) as reports_submitted,
      sum(d.funds_missing_reports) as funds_missing_reports
    from district_year_summary d
    where d.fiscal_year = any (years) and overview_takes(area_level, area_code, d.region_code, d.province_code)
    group by 1, 2
  ), c as (
    select c.fiscal_year, overview_child_of(area_level, c.region_code, c.province_code, c.district_code) as code,
      sum(c.funds) as funds_short
    from district_month_close c join y on y.fiscal_year = c.fiscal_year and c.months_closed < y.closes
    where c.fiscal_year = any (years) and overview_takes(area_level, area_code, c.region_code, c.province_code)
    group by 1, 2
  ), later as (
    select r.fiscal_year, overview_child_of(area_level, r.region_code, r.province_code, r.district_code) as code,
      sum(r.expected) as expected, sum(r.on_time) as on_time, sum(r.submitted) as submitted,
      sum(r.funds_first_unsubmitted) as funds_first_unsubmitted
    from district_report_due r
    where r.fiscal_year = any (years) and r.due_date >= today and overview_takes(area_level, area_code, r.region_code, r.province_code)
    group by 1, 2
  )
  select y.fiscal_year, f.code, f.funds::numeric,
    coalesce(d.active_funds, 0)::numeric, coalesce(d.funds_with_plan, 0)::numeric,
    coalesce(d.plan_programs, 0), coalesce(d.proposals_developed, 0), coalesce(d.projects_followed, 0),
    coalesce(d.projects_paper, 0), coalesce(d.projects_imported, 0), coalesce(d.approved_budget, 0),
    coalesce(d.approved_peoples_group, 0), coalesce(d.population, 0), coalesce(d.target_people, 0),
    coalesce(d.opening_balance, 0), coalesce(d.received_nhso, 0), coalesce(d.received_local, 0),
    coalesce(d.received_interest, 0), coalesce(d.received_other, 0), coalesce(d.refunded, 0), coalesce(d.paid, 0),
    coalesce(d.paid_1, 0), coalesce(d.paid_2, 0), coalesce(d.paid_3, 0), coalesce(d.paid_4, 0), coalesce(d.paid_5, 0),
    coalesce(d.paid_peoples_group, 0), coalesce(d.paid_q1, 0), coalesce(d.paid_q2, 0), coalesce(d.paid_q3, 0),
    coalesce(d.paid_q4, 0), coalesce(d.balance, 0), coalesce(d.target_groups_reached, 0),
    coalesce(d.reports_expected, 0) - coalesce(later.expected, 0),
    coalesce(d.reports_on_time, 0) - coalesce(later.on_time, 0),
    coalesce(d.reports_submitted, 0) - coalesce(later.submitted, 0),
    (f.funds - coalesce(d.funds_with_population, 0))::numeric,
    (f.funds - coalesce(d.funds_with_plan, 0))::numeric,
    (f.funds - coalesce(d.funds_with_financial_plan, 0))::numeric,
    -- A fund-year with nothing recorded has no summary row: it misses every close expected.
    (case when y.closes > 0 then f.funds - coalesce(d.funds_recorded, 0) else 0 end + coalesce(c.funds_short, 0))::numeric,
    coalesce(d.funds_missing_reports, 0) - coalesce(later.funds_first_unsubmitted, 0)
  from y
  cross join f
  left join d on d.fiscal_year = y.fiscal_year and d.code = f.code
  left join c on c.fiscal_year = y.fiscal_year and c.code = f.code
  left join later on later.fiscal_year = y.fiscal_year and later.code = f.code;
end $$;

-- The same for a district (per fund) or a fund, from fund_year_summary: the statement the base
-- tables' check in src/use-cases/overview.ts also makes, planned once a connection here.
create function fund_overview(area_level text, area_code text, years integer[], closes integer[], today date)
returns setof overview_row
language plpgsql stable set plan_cache_mode = force_generic_plan as $$
begin
  return query
  with y as (
    select * from unnest(years, closes) as y (fiscal_year, closes)
  ), fa as (
    select fa.fund_id, fa.fund_code from fund_area fa
    where fa.district_code = case when area_level = 'district' then area_code end
      or fa.fund_code = case when area_level = 'fund' then area_code end
  ), r as (
    select r.fund_id, r.fiscal_year, sum(r.expected) as expected, sum(r.on_time) as on_time, sum(r.submitted) as submitted
    from fund_report_due r join fa on fa.fund_id = r.fund_id
    where r.fiscal_year = any (years) and r.due_date < today
    group by 1, 2
  )
  select y.fiscal_year, case when area_level = 'district' then fa.fund_code end, count(*)::numeric,
    count(*) filter (where s.is_active)::numeric, count(*) filter (where s.has_plan)::numeric,
    coalesce(sum(s.plan_programs), 0)::numeric, coalesce(sum(s.proposals_developed), 0)::numeric,
    coalesce(sum(s.projects_followed), 0)::numeric, coalesce(sum(s.projects_paper), 0)::numeric,
    coalesce(sum(s.projects_imported), 0)::numeric, coalesce(sum(s.approved_budget), 0),
    coalesce(sum(s.approved_peoples_group), 0), coalesce(sum(s.population), 0)::numeric,
    coalesce(sum(s.target_people), 0)::numeric, coalesce(sum(s.opening_balance), 0),
    coalesce(sum(s.received_nhso), 0), coalesce(sum(s.received_local), 0), coalesce(sum(s.received_interest), 0),
    coalesce(sum(s.received_other), 0), coalesce(sum(s.refunded), 0), coalesce(sum(s.paid), 0),
    coalesce(sum(s.paid_1), 0), coalesce(sum(s.paid_2), 0), coalesce(sum(s.paid_3), 0), coalesce(sum(s.paid_4), 0),
    coalesce(sum(s.paid_5), 0), coalesce(sum(s.paid_peoples_group), 0), coalesce(sum(s.paid_q1), 0),
    coalesce(sum(s.paid_q2), 0), coalesce(sum(s.paid_q3), 0), coalesce(sum(s.paid_q4), 0), coalesce(sum(s.balance), 0),
    coalesce(sum(s.target_groups_covered) filter (where s.is_active), 0)::numeric,
    coalesce(sum(r.expected), 0)::numeric, coalesce(sum(r.on_time), 0)::numeric, coalesce(sum(r.submitted), 0)::numeric,
    count(*) filter (where s.population is null)::numeric,
    count(*) filter (where s.has_plan is not true)::numeric,
    count(*) filter (where s.has_financial_plan is not true)::numeric,
    count(*) filter (where coalesce(s.months_closed, 0) < y.closes)::numeric,
    count(*) filter (where r.expected > r.submitted)::numeric
  from fa
  cross join y
  left join fund_year_summary s on s.fund_id = fa.fund_id and s.fiscal_year = y.fiscal_year
  left join r on r.fund_id = fa.fund_id and r.fiscal_year = y.fiscal_year
  group by 1, 2;
end $$;

-- A fund moved to another district leaves the old one and joins the new one; a fund deleted
-- (its summary rows and fund_area row go with it) leaves its district. Not deferred by a bulk
-- load: its closing recompute only knows the districts funds are in now.
create function district_follow_fund() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    perform district_year_summary_refresh(array(
      select distinct row(d.code, s.fiscal_year)::district_year_key
      from new_rows n
      join old_rows o on o.id = n.id and o.district_code is distinct from n.district_code
      join fund_year_summary s on s.fund_id = n.id
      cross join lateral (values (n.district_code), (o.district_code)) d (code)));
  else
    perform district_year_summary_refresh(array(
      select distinct row(d.district_code, d.fiscal_year)::district_year_key
      from district_year_summary d where d.district_code in (select o.district_code from old_rows o)));
  end if;
  return null;
end $$;
create trigger district_follow_update after update on fund referencing old table as old_rows new table as new_rows
  for each statement execute function district_follow_fund();
create trigger district_follow_delete after delete on fund referencing old table as old_rows
  for each statement execute function district_follow_fund();

-- Whatever is already in the database.
select district_year_summary_refresh(array(
  select distinct row(fa.district_code, s.fiscal_year)::district_year_key
  from fund_year_summary s join fund_area fa on fa.fund_id = s.fund_id));
