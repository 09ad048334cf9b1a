-- Situation analysis and planning (วิเคราะห์สถานการณ์ / แผนงาน), the annual financial plan and
-- the district health board's issues. The catalogues are seeded in 0005 and edited by admins.

-- แผนงาน catalogue: alcohol, tobacco, … fund administration.
create table plan_program (
  code text primary key check (code ~ '^[a-z0-9_]{2,40}$'),
  name_th text not null check (length(name_th) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  sort_order integer not null default 0,
  is_active boolean not null default true,
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

-- The situation indicators of a program, mostly percentages: "youth ≤ 25 who smoke" over
-- "youth ≤ 25". unit: percent (×100), per_1000, per_100000 or count (no denominator).
create table situation_indicator (
  code text primary key check (code ~ '^[A-Z0-9_]{2,20}$'),
  program_code text not null references plan_program (code),
  name_th text not null check (length(name_th) between 1 and 300),
  name_en text not null check (length(name_en) between 1 and 300),
  definition_th text not null default '' check (length(definition_th) <= 1000),
  unit text not null default 'percent' check (unit in ('percent', 'per_1000', 'per_100000', 'count')),
  numerator_th text not null default '' check (length(numerator_th) <= 300),
  denominator_th text not null default '' check (length(denominator_th) <= 300),
  -- Whether a falling value is the aim (smokers) or a rising one (exercisers): the target's side.
  direction text not null default 'decrease' check (direction in ('decrease', 'increase')),
  default_objective_th text not null default '' check (length(default_objective_th) <= 500),
  default_indicator_th text not null default '' check (length(default_indicator_th) <= 500),
  counts_in_analysis boolean not null default true,
  sort_order integer not null default 0,
  is_active boolean not null default true,
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index situation_indicator_program_idx on situation_indicator (program_code, sort_order);

-- แนวทาง: the standard approaches a program's plan can choose from.
create table plan_approach (
  id bigint generated always as identity primary key,
  program_code text not null references plan_program (code),
  name_th text not null check (length(name_th) between 1 and 500),
  sort_order integer not null default 0,
  is_active boolean not null default true
);
create index plan_approach_program_idx on plan_approach (program_code, sort_order);

-- กลุ่มเป้าหมาย with NHSO's codes; the eight with in_coverage are the ones plans should reach.
create table target_group (
  code text primary key check (code ~ '^[0-9]{4}$'),
  name_th text not null,
  name_en text not null,
  in_coverage boolean not null,
  sort_order integer not null
);

-- A fund's plan for a fiscal year, one row per revision. Revision 1 is the first; revising an
-- approved plan copies it into the next revision, and the approved one stays readable until
-- the new one is approved (then it is superseded). The annual financial plan lives here too.
create table fund_plan (
  id bigint generated always as identity primary key,
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null check (fiscal_year between 2540 and 2700),
  revision integer not null check (revision >= 1),
  status text not null check (status in ('draft', 'submitted', 'approved', 'superseded')),
  submitted_at timestamptz,
  approved_at timestamptz,
  meeting_number text check (length(meeting_number) <= 60),
  meeting_date date,
  -- Expected receipts of the annual financial plan (baht).
  carry_over numeric(14, 2) check (carry_over >= 0),
  nhso_transfer numeric(14, 2) check (nhso_transfer >= 0),
  lao_cofunding numeric(14, 2) check (lao_cofunding >= 0),
  other_income numeric(14, 2) check (other_income >= 0),
  -- Allocations to support categories 10(1)–10(5).
  allocation_1 numeric(14, 2) check (allocation_1 >= 0),
  allocation_2 numeric(14, 2) check (allocation_2 >= 0),
  allocation_3 numeric(14, 2) check (allocation_3 >= 0),
  allocation_4 numeric(14, 2) check (allocation_4 >= 0),
  allocation_5 numeric(14, 2) check (allocation_5 >= 0),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (fund_id, fiscal_year, revision),
  check ((status = 'approved' or status = 'superseded') = (meeting_date is not null))
);
-- At most one revision being worked on, and at most one in force, per fund and year.
create unique index fund_plan_open_idx on fund_plan (fund_id, fiscal_year) where status in ('draft', 'submitted');
create unique index fund_plan_approved_idx on fund_plan (fund_id, fiscal_year) where status = 'approved';
create index fund_plan_year_idx on fund_plan (fiscal_year, status);

-- แผนงาน: one program in a fund plan, with its optional priority scores (1–4 each).
create table plan_entry (
  id bigint generated always as identity primary key,
  plan_id bigint not null references fund_plan (id) on delete cascade,
  program_code text not null references plan_program (code),
  score_size smallint check (score_size between 1 and 4),
  score_severity smallint check (score_severity between 1 and 4),
  score_awareness smallint check (score_awareness between 1 and 4),
  score_difficulty smallint check (score_difficulty between 1 and 4),
  unique (plan_id, program_code)
);

-- สถานการณ์: a value per indicator, entered as counts (the rate computed) or as a rate alone.
create table plan_situation (
  entry_id bigint not null references plan_entry (id) on delete cascade,
  indicator_code text not null references situation_indicator (code),
  numerator bigint check (numerator >= 0),
  denominator bigint check (denominator > 0),
  value numeric(14, 2) not null check (value >= 0),   -- the rate in the indicator's unit
  target numeric(14, 2) check (target >= 0),
  source text check (length(source) <= 300),
  data_date date,
  primary key (entry_id, indicator_code),
  check ((numerator is null) = (denominator is null))
);
create index plan_situation_indicator_idx on plan_situation (indicator_code);

create table plan_objective (
  id bigint generated always as identity primary key,
  entry_id bigint not null references plan_entry (id) on delete cascade,
  position integer not null,
  objective text not null check (length(objective) between 1 and 1000),
  indicator text not null default '' check (length(indicator) <= 1000),
  target text not null default '' check (length(target) <= 200),
  unique (entry_id, position)
);

create table plan_entry_approach (
  entry_id bigint not null references plan_entry (id) on delete cascade,
  approach_id bigint not null references plan_approach (id),
  primary key (entry_id, approach_id)
);

create table plan_entry_target_group (
  entry_id bigint not null references plan_entry (id) on delete cascade,
  target_group_code text not null references target_group (code),
  primary key (entry_id, target_group_code)
);

-- Projects the plan intends to support, each under a support category 10(1)–10(5).
create table planned_project (
  id bigint generated always as identity primary key,
  entry_id bigint not null references plan_entry (id) on delete cascade,
  position integer not null,
  title text not null check (length(title) between 1 and 500),
  organisation text not null default '' check (length(organisation) <= 300),
  budget numeric(14, 2) not null check (budget >= 0),
  support_category smallint not null check (support_category between 1 and 5),
  unique (entry_id, position)
);

-- พชอ.: the district health board's year, holding the version its issues form is saved against.
create table district_year (
  district_code text not null references area (code),
  fiscal_year integer not null check (fiscal_year between 2540 and 2700),
  is_demo boolean not null default false,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (district_code, fiscal_year)
);

-- The board's quality-of-life issues for the year (at least two), each tied to a program.
create table district_issue (
  id bigint generated always as identity primary key,
  district_code text not null,
  fiscal_year integer not null,
  position integer not null,
  title text not null check (length(title) between 1 and 300),
  program_code text not null references plan_program (code),
  foreign key (district_code, fiscal_year) references district_year (district_code, fiscal_year) on delete cascade,
  unique (district_code, fiscal_year, position)
);

create table district_issue_indicator (
  issue_id bigint not null references district_issue (id) on delete cascade,
  indicator_code text not null references situation_indicator (code),
  primary key (issue_id, indicator_code)
);

-- Funds whose plan for the year the board counts as contributing to an issue.
create table district_issue_fund (
  issue_id bigint not null references district_issue (id) on delete cascade,
  fund_id bigint not null references fund (id) on delete cascade,
  primary key (issue_id, fund_id)
);
