-- The situation values of approved plans, flattened with each fund's place and population:
-- what the figures beside a fund's values, the district plan and the situation over the years
-- add up. An approved revision never changes (only drafts are edited), so the rows change only
-- when a plan is approved or superseded, a population is corrected or a fund moves district;
-- triggers below keep them in step in the same transaction, so they are never stale.
create table situation_fact (
  plan_id bigint not null references fund_plan (id) on delete cascade,
  indicator_code text not null,
  fiscal_year integer not null,
  fund_id bigint not null,
  fund_code text not null,
  district_code text not null,
  province_code text not null,
  region_code text not null,
  program_code text not null,
  value numeric(14, 2) not null,
  target numeric(14, 2),
  population integer,
  primary key (plan_id, indicator_code)
);
create index situation_fact_year_idx on situation_fact (fiscal_year, indicator_code);
create index situation_fact_indicator_idx on situation_fact (indicator_code, fiscal_year);
create index situation_fact_district_idx on situation_fact (district_code, fiscal_year);
create index situation_fact_fund_idx on situation_fact (fund_id, fiscal_year);

-- The facts of some plans, from their situation rows.
create function situation_fact_add(plans bigint[]) returns void language sql as $$
  insert into situation_fact (plan_id, indicator_code, fiscal_year, fund_id, fund_code, district_code, province_code, region_code,
    program_code, value, target, population)
  select p.id, s.indicator_code, p.fiscal_year, p.fund_id, fa.fund_code, fa.district_code, fa.province_code, fa.region_code,
    e.program_code, s.value, s.target, fy.population
  from fund_plan p
  join plan_entry e on e.plan_id = p.id
  join plan_situation s on s.entry_id = e.id
  join fund_area fa on fa.fund_id = p.fund_id
  left join fund_year fy on fy.fund_id = p.fund_id and fy.fiscal_year = p.fiscal_year
  where p.id = any (plans)
  on conflict do nothing
$$;

create function situation_fact_plan_status() returns trigger language plpgsql as $$
begin
  if new.status = 'approved' and old.status <> 'approved' then
    perform situation_fact_add(array[new.id]);
  elsif old.status = 'approved' and new.status <> 'approved' then
    delete from situation_fact where plan_id = old.id;
  end if;
  return null;
end $$;
-- Plans are created as drafts and approved by an update; only the demo seed inserts approved
-- plans, and it adds their facts itself once their situation rows are in.
create trigger situation_fact_plan_status after update of status on fund_plan
  for each row execute function situation_fact_plan_status();

create function situation_fact_population() returns trigger language plpgsql as $$
begin
  update situation_fact set population = new.population
  where fund_id = new.fund_id and fiscal_year = new.fiscal_year and population is distinct from new.population;
  return null;
end $$;
create trigger situation_fact_population after insert or update of population on fund_year
  for each row execute function situation_fact_population();

create function situation_fact_place() returns trigger language plpgsql as $$
begin
  update situation_fact set fund_code = new.fund_code, district_code = new.district_code,
    province_code = new.province_code, region_code = new.region_code
  where fund_id = new.fund_id;
  return null;
end $$;
create trigger situation_fact_place after update on fund_area
  for each row execute function situation_fact_place();

-- Plans approved before this table existed.
select situation_fact_add(array(select id from fund_plan where status = 'approved'));
