-- The registry: areas with real codes, funds, year profiles, committees, versioned rules,
-- organisations, and what accounts need beyond sign-in (resets, throttling, API tokens).

create extension if not exists pg_trgm;

-- NHSO region → province → district → subdistrict, under the country.
create table area (
  code text primary key,                    -- TH, R1…R13, DOPA 2/4/6-digit codes
  level text not null check (level in ('country', 'region', 'province', 'district', 'subdistrict')),
  parent_code text references area (code),
  path text not null,                       -- materialised: TH/R10/33/3306/330601
  name_th text not null,
  name_en text,
  check ((level = 'country') = (parent_code is null))
);
create index area_parent_idx on area (parent_code, code);
create index area_path_idx on area (path text_pattern_ops);
create index area_name_th_trgm_idx on area using gin (name_th gin_trgm_ops);

-- Local government types (อปท.) a fund can belong to.
create table fund (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^(L[0-9]{4}|[0-9]{5})$'),   -- NHSO fund code
  name_th text not null check (length(name_th) between 1 and 200),
  name_en text check (length(name_en) <= 200),
  lao_type text not null check (lao_type in ('pao', 'city_municipality', 'town_municipality', 'subdistrict_municipality', 'sao')),
  lao_name text not null check (length(lao_name) between 1 and 200),  -- e.g. องค์การบริหารส่วนตำบลบึงมะลู
  district_code text not null references area (code),
  established_fiscal_year integer check (established_fiscal_year between 2540 and 2700),
  address text check (length(address) <= 500),
  phone text check (length(phone) <= 40),
  email text check (length(email) <= 200),
  latitude numeric(9, 6) check (latitude between -90 and 90),
  longitude numeric(9, 6) check (longitude between -180 and 180),
  bank_name text check (length(bank_name) <= 100),
  bank_branch text check (length(bank_branch) <= 100),
  bank_account_name text check (length(bank_account_name) <= 200),
  bank_account_number text check (bank_account_number ~ '^[0-9]{10,15}$'),
  opening_balance numeric(14, 2),
  opening_balance_date date,
  status text not null default 'active' check (status in ('active', 'closed')),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index fund_district_idx on fund (district_code);
create index fund_name_th_trgm_idx on fund using gin (name_th gin_trgm_ops);

create table fund_subdistrict (
  fund_id bigint not null references fund (id) on delete cascade,
  subdistrict_code text not null references area (code),
  primary key (fund_id, subdistrict_code)
);

-- Flattened fund → district → province → region for rollups (a plain GROUP BY) and scope
-- checks; kept by a trigger whenever a fund is written.
create table fund_area (
  fund_id bigint primary key references fund (id) on delete cascade,
  fund_code text not null unique,
  district_code text not null,
  province_code text not null,
  region_code text not null
);
create index fund_area_district_idx on fund_area (district_code);
create index fund_area_province_idx on fund_area (province_code);
create index fund_area_region_idx on fund_area (region_code);

create function fund_area_sync() returns trigger language plpgsql as $$
begin
  insert into fund_area (fund_id, fund_code, district_code, province_code, region_code)
  select new.id, new.code, d.code, p.code, r.code
  from area d join area p on p.code = d.parent_code join area r on r.code = p.parent_code
  where d.code = new.district_code and d.level = 'district'
  on conflict (fund_id) do update set fund_code = excluded.fund_code,
    district_code = excluded.district_code, province_code = excluded.province_code,
    region_code = excluded.region_code;
  if not found then
    raise exception 'fund % is not in a known district (%)', new.code, new.district_code;
  end if;
  return new;
end $$;
create trigger fund_area_sync after insert or update of code, district_code on fund
  for each row execute function fund_area_sync();

-- NHSO rules that change by fiscal year. A year uses the row with the greatest
-- effective_from_fiscal_year not after it. Admins edit these; code holds no such numbers.
create table rule_set (
  effective_from_fiscal_year integer primary key check (effective_from_fiscal_year between 2540 and 2700),
  nhso_per_capita numeric(14, 2) not null check (nhso_per_capita > 0),      -- baht per person
  admin_cap_percent numeric(5, 2) not null check (admin_cap_percent between 0 and 100),  -- 10(4)
  equipment_item_limit numeric(14, 2) not null check (equipment_item_limit >= 0),
  cash_payment_limit numeric(14, 2) not null check (cash_payment_limit >= 0),
  announcement text not null,               -- ประกาศ that the numbers come from
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

-- Minimum local co-funding rate by the local government's income band, versioned likewise.
create table cofunding_band (
  effective_from_fiscal_year integer not null references rule_set (effective_from_fiscal_year) on delete cascade,
  band text not null,                       -- e.g. under_6m, 6m_to_20m, over_20m
  label_th text not null,
  label_en text not null,
  income_from numeric(14, 2) not null check (income_from >= 0),
  income_below numeric(14, 2) check (income_below > income_from),  -- null: no upper bound
  min_rate_percent numeric(5, 2) not null check (min_rate_percent between 0 and 100),
  primary key (effective_from_fiscal_year, band)
);

-- A fund's year (ปีงบประมาณ): the inputs. Rates and the NHSO estimate are derived from the
-- rule tables when read, so a corrected rule never leaves a stale copy behind.
create table fund_year (
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null check (fiscal_year between 2540 and 2700),
  population integer check (population between 0 and 10000000),   -- civil registry, 1 April
  population_as_of date,
  income_band text,
  cofunding_budget numeric(14, 2) check (cofunding_budget >= 0),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (fund_id, fiscal_year)
);

-- คณะกรรมการกองทุน: one row per appointment, so the history stays.
create table committee_member (
  id bigint generated always as identity primary key,
  fund_id bigint not null references fund (id) on delete cascade,
  title text not null default '' check (length(title) <= 40),
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  position text not null check (position in ('chair', 'vice_chair', 'member', 'secretary', 'assistant_secretary')),
  composition_slot text not null,
  organisation text check (length(organisation) <= 200),
  term_start date not null,
  term_end date,
  appointment_order_number text check (length(appointment_order_number) <= 60),
  appointment_order_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (term_end is null or term_end >= term_start)
);
create index committee_member_fund_idx on committee_member (fund_id, term_start desc);

-- Organisations that propose projects (ผู้เสนอโครงการ): types 1–6 of the proposal form.
create table organisation (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 200),
  org_type smallint not null check (org_type between 1 and 6),
  description text check (length(description) <= 2000),
  fund_id bigint references fund (id),      -- the fund it usually proposes to
  created_by bigint references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create table organisation_member (
  id bigint generated always as identity primary key,
  organisation_id bigint not null references organisation (id) on delete cascade,
  title text not null default '',
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  phone text
);
alter table app_user add column organisation_id bigint references organisation (id) on delete set null;
create unique index app_user_phone_idx on app_user (phone) where phone is not null;
create unique index app_user_email_idx on app_user (lower(email)) where email is not null;

-- One-time reset codes issued by a fund officer or an admin; only the hash is kept.
create table password_reset (
  code_hash text primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  issued_by bigint references app_user (id) on delete set null,
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Failed sign-ins, for slowing down guessing per username and per address.
create table sign_in_failure (
  id bigint generated always as identity primary key,
  username text not null,
  ip text,
  failed_at timestamptz not null default now()
);
create index sign_in_failure_username_idx on sign_in_failure (username, failed_at);
create index sign_in_failure_ip_idx on sign_in_failure (ip, failed_at);

-- Personal API tokens: shown once, stored hashed, revocable.
create table api_token (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_token_user_idx on api_token (user_id);

-- The rules in force from the 2561 announcement (domain.md §1, §4.7). Admins correct or add
-- years in the app; these rows are only the starting point.
insert into rule_set (effective_from_fiscal_year, nhso_per_capita, admin_cap_percent, equipment_item_limit, cash_payment_limit, announcement)
values (2561, 45.00, 15.00, 20000.00, 10000.00,
  'ประกาศคณะกรรมการหลักประกันสุขภาพแห่งชาติ เรื่อง หลักเกณฑ์เพื่อสนับสนุนให้องค์กรปกครองส่วนท้องถิ่นดำเนินงานและบริหารจัดการกองทุนหลักประกันสุขภาพในระดับท้องถิ่นหรือพื้นที่ พ.ศ. 2561');
insert into cofunding_band (effective_from_fiscal_year, band, label_th, label_en, income_from, income_below, min_rate_percent)
values
  (2561, 'under_6m', 'รายได้ไม่ถึง 6 ล้านบาท', 'Income under 6 million baht', 0, 6000000, 30),
  (2561, '6m_to_20m', 'รายได้ 6–20 ล้านบาท', 'Income 6–20 million baht', 6000000, 20000000, 40),
  (2561, 'over_20m', 'รายได้มากกว่า 20 ล้านบาท', 'Income over 20 million baht', 20000000, null, 50);
