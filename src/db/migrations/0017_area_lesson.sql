-- Lessons learned (ถอดบทเรียน) per area and fiscal year: what mechanisms worked, the success
-- factors, the problems and obstacles, and suggestions. Any area level (a fund, a district,
-- a province, a region, the country); written by mentors and district teams, published with
-- the area's public page once `published` is set.
create table area_lesson (
  area_code text not null,
  fiscal_year integer not null check (fiscal_year between 2540 and 2700),
  mechanisms text not null default '' check (length(mechanisms) <= 4000),
  success_factors text not null default '' check (length(success_factors) <= 4000),
  problems text not null default '' check (length(problems) <= 4000),
  suggestions text not null default '' check (length(suggestions) <= 4000),
  published boolean not null default false,
  author_id bigint references app_user (id) on delete set null,
  updated_by bigint references app_user (id) on delete set null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (area_code, fiscal_year)
);

create index area_lesson_published on area_lesson (fiscal_year, area_code) where published;
