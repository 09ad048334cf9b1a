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

create type district_year_key as (district_code text, fiscal_year integer);

-- The district-years from the fund-year summary as it now is. The locks are per bucket of
-- districts, taken after the funds' buckets and in one order: two transactions writing funds of
-- one district then recompute it one after the other, and the second, whose statements take
-- fresh snapshots under READ COMMITTED, sees what the first committed.
create function district_year_summary_refresh(keys district_year_key[]) returns void language plpgsql as $$
begin
  perform pg_advisory_xact_lock(4242141, b.bucket)
  from (select distinct abs(hashtext(u.district_code) % 32) as bucket from unnest(keys) u order by 1) b;

  delete from district_year_summary d using unnest(keys) k where d.district_code = k.district_code and d.fiscal_year = k.fiscal_year;
  delete from district_month_close d using unnest(keys) k where d.district_code = k.district_code and d.fiscal_year = k.fiscal_year;
  delete from district_report_due d using unnest(keys) k where d.district_code = k.district_code and d.fiscal_year = k.fiscal_year;

  insert into district_year_summary (fiscal_year, district_code, province_code, region_code, funds_recorded, active_funds,
    funds_with_population, funds_with_plan, funds_with_financial_plan, plan_programs, proposals_developed, projects_followed,
    projects_paper, projects_imported, approved_budget, approved_peoples_group, population, target_people, target_groups_reached,
    opening_balance, received_nhso, received_local, received_interest, received_other, refunded, paid, paid_1, paid_2, paid_3,
    paid_4, paid_5, paid_peoples_group, paid_q1, paid_q2, paid_q3, paid_q4, balance)
  select k.fiscal_year, k.district_code, min(fa.province_code), min(fa.region_code), count(*),
    count(*) filter (where s.is_active), count(s.population), count(*) filter (where s.has_plan),
    count(*) filter (where s.has_financial_plan), sum(s.plan_programs), sum(s.proposals_developed), sum(s.projects_followed),
    sum(s.projects_paper), sum(s.projects_imported), sum(s.approved_budget), sum(s.approved_peoples_group),
    coalesce(sum(s.population), 0), sum(s.target_people), coalesce(sum(s.target_groups_covered) filter (where s.is_active), 0),
    sum(s.opening_balance), sum(s.received_nhso), sum(s.received_local), sum(s.received_interest), sum(s.received_other),
    sum(s.refunded), sum(s.paid), sum(s.paid_1), sum(s.paid_2), sum(s.paid_3), sum(s.paid_4), sum(s.paid_5),
    sum(s.paid_peoples_group), sum(s.paid_q1), sum(s.paid_q2), sum(s.paid_q3), sum(s.paid_q4), sum(s.balance)
  from (select distinct u.district_code, u.fiscal_year from unnest(keys) u) k
  join fund_area fa on fa.district_code = k.district_code
  join fund_year_summary s on s.fund_id = fa.fund_id and s.fiscal_year = k.fiscal_year
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
