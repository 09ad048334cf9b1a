-- Proposals (พัฒนาโครงการ, form กปท.7) from the community, the mentor's review, committee
-- meetings and their decisions. An approved proposal becomes a project by gaining a project
-- code: the same row moves on, so the project never drifts from what was approved.

-- The legal text printed on the proposal form follows the announcement in force for the year.
alter table rule_set add column proposal_clause text not null default 'ข้อ 16(2)';
alter table rule_set add column category_clause text not null default 'ข้อ 10';
insert into rule_set (effective_from_fiscal_year, nhso_per_capita, admin_cap_percent, equipment_item_limit, cash_payment_limit, announcement, proposal_clause, category_clause)
values (2567, 45.00, 15.00, 20000.00, 10000.00,
  'ประกาศคณะกรรมการหลักประกันสุขภาพแห่งชาติ เรื่อง หลักเกณฑ์เพื่อสนับสนุนให้องค์กรปกครองส่วนท้องถิ่นดำเนินงานและบริหารจัดการระบบหลักประกันสุขภาพในระดับท้องถิ่นหรือพื้นที่ พ.ศ. 2567',
  'ข้อ 17(2)', 'ข้อ 10')
on conflict (effective_from_fiscal_year) do nothing;
insert into cofunding_band (effective_from_fiscal_year, band, label_th, label_en, income_from, income_below, min_rate_percent)
select 2567, band, label_th, label_en, income_from, income_below, min_rate_percent
from cofunding_band where effective_from_fiscal_year = 2561
on conflict do nothing;

create table proposal (
  id bigint generated always as identity primary key,
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null check (fiscal_year between 2540 and 2700),
  state text not null check (state in ('draft', 'submitted', 'in_review', 'returned', 'resubmitted', 'reviewed',
    'on_agenda', 'approved', 'rejected', 'deferred', 'withdrawn', 'cancelled')),
  -- Who proposes: the organisation (its name and type as they were when it proposed).
  organisation_id bigint references organisation (id) on delete set null,
  organisation_name text not null default '' check (length(organisation_name) <= 200),
  organisation_type smallint check (organisation_type between 1 and 6),
  created_by bigint references app_user (id) on delete set null,
  title text not null default '' check (length(title) <= 500),
  rationale text not null default '' check (length(rationale) <= 10000),   -- หลักการและเหตุผล
  period_start date,
  period_end date,
  place text not null default '' check (length(place) <= 1000),
  expected_results text not null default '' check (length(expected_results) <= 5000),
  support_category smallint check (support_category between 1 and 5),
  budget numeric(14, 2) not null default 0 check (budget >= 0),            -- the expense lines' total
  coordinator_name text not null default '' check (length(coordinator_name) <= 200),
  coordinator_phone text not null default '' check (length(coordinator_phone) <= 30),
  review_checklist jsonb not null default '{}',                              -- the mentor's quality checks
  -- Bumped by every change to what the proposal says (not by workflow steps): a committee
  -- decides on the revision it put on its agenda.
  content_revision integer not null default 1,
  -- The committee's decision and, once approved, the project.
  approved_amount numeric(14, 2) check (approved_amount >= 0),
  conditions text check (length(conditions) <= 2000),
  decision_reason text check (length(decision_reason) <= 2000),
  decided_at timestamptz,
  project_code text unique,
  project_seq integer,
  submitted_at timestamptz,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (period_end is null or period_start is null or period_end >= period_start),
  check ((project_code is null) = (project_seq is null)),
  unique (fund_id, fiscal_year, support_category, project_seq)
);
create index proposal_fund_idx on proposal (fund_id, fiscal_year, state);
create index proposal_organisation_idx on proposal (organisation_id);
create index proposal_state_idx on proposal (state);

-- For a people's group (type 5): at least five members by name.
create table proposal_member (
  proposal_id bigint not null references proposal (id) on delete cascade,
  position integer not null,
  title text not null default '' check (length(title) <= 40),
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  primary key (proposal_id, position)
);

create table proposal_program (
  proposal_id bigint not null references proposal (id) on delete cascade,
  program_code text not null references plan_program (code),
  primary key (proposal_id, program_code)
);

-- Situation rows taken from the fund's approved plan (value as it was when chosen).
create table proposal_situation (
  proposal_id bigint not null references proposal (id) on delete cascade,
  indicator_code text not null references situation_indicator (code),
  value numeric(14, 2),
  target numeric(14, 2),
  primary key (proposal_id, indicator_code)
);

create table proposal_objective (
  proposal_id bigint not null references proposal (id) on delete cascade,
  position integer not null,
  objective text not null check (length(objective) between 1 and 1000),
  indicator text not null default '' check (length(indicator) <= 1000),
  target text not null default '' check (length(target) <= 200),
  primary key (proposal_id, position)
);

create table proposal_target_group (
  proposal_id bigint not null references proposal (id) on delete cascade,
  target_group_code text not null references target_group (code),
  people integer not null check (people between 1 and 10000000),
  primary key (proposal_id, target_group_code)
);

create table proposal_activity (
  proposal_id bigint not null references proposal (id) on delete cascade,
  position integer not null,
  title text not null check (length(title) between 1 and 500),
  detail text not null default '' check (length(detail) <= 5000),
  primary key (proposal_id, position)
);

-- An expense line: unit cost × units × times, in an expense group.
create table proposal_expense (
  proposal_id bigint not null,
  activity_position integer not null,
  position integer not null,
  expense_group text not null check (expense_group in ('compensation', 'wages', 'services', 'materials', 'utilities', 'travel', 'equipment', 'other')),
  item text not null check (length(item) between 1 and 500),
  unit_cost numeric(14, 2) not null check (unit_cost >= 0),
  units integer not null check (units >= 1),
  times integer not null check (times >= 1),
  primary key (proposal_id, activity_position, position),
  foreign key (proposal_id, activity_position) references proposal_activity (proposal_id, position) on delete cascade
);

-- Attachments (PDF or images) kept in the database so both engines and backups carry them.
create table proposal_attachment (
  id bigint generated always as identity primary key,
  proposal_id bigint not null references proposal (id) on delete cascade,
  file_name text not null check (length(file_name) between 1 and 255),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  sha256 text not null,
  content bytea not null,
  uploaded_by bigint references app_user (id) on delete set null,
  created_at timestamptz not null default now()
);
create index proposal_attachment_proposal_idx on proposal_attachment (proposal_id);

-- What the proposal said at each submission and after each mentor edit, for comparison.
create table proposal_version (
  proposal_id bigint not null references proposal (id) on delete cascade,
  number integer not null,
  content_revision integer not null,
  reason text not null check (reason in ('submitted', 'resubmitted', 'mentor_edit', 'suggestion_accepted')),
  snapshot jsonb not null,
  created_by bigint references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (proposal_id, number)
);

-- The mentor's (or officer's) comments on the whole proposal or one section; a suggestion
-- carries replacement text the proposer accepts or declines.
create table proposal_comment (
  id bigint generated always as identity primary key,
  proposal_id bigint not null references proposal (id) on delete cascade,
  section text not null check (section in ('whole', 'organisation', 'problem', 'objectives', 'targets', 'activities', 'period', 'results')),
  body text not null check (length(body) between 1 and 5000),
  suggested_field text check (suggested_field in ('title', 'rationale', 'place', 'expected_results')),
  suggested_text text check (length(suggested_text) <= 10000),
  suggestion_state text check (suggestion_state in ('open', 'accepted', 'declined')),
  author_id bigint references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((suggested_field is null) = (suggested_text is null) and (suggested_field is null) = (suggestion_state is null))
);
create index proposal_comment_proposal_idx on proposal_comment (proposal_id, created_at);

-- Examples a proposer can start from, per plan program.
create table proposal_example (
  id bigint generated always as identity primary key,
  program_code text not null references plan_program (code),
  organisation_type smallint not null check (organisation_type between 1 and 6),
  title text not null,
  rationale text not null,
  expected_results text not null,
  content jsonb not null                    -- objectives, target groups, activities with expense lines
);
create index proposal_example_program_idx on proposal_example (program_code);

-- Committee meetings (การประชุมคณะกรรมการ).
create table meeting (
  id bigint generated always as identity primary key,
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null check (fiscal_year between 2540 and 2700),
  number integer not null check (number >= 1),        -- ครั้งที่ n/ปี
  meeting_date date not null,
  place text not null default '' check (length(place) <= 300),
  minutes text not null default '' check (length(minutes) <= 20000),
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (fund_id, fiscal_year, number)
);

create table meeting_attendance (
  meeting_id bigint not null references meeting (id) on delete cascade,
  committee_member_id bigint not null references committee_member (id) on delete cascade,
  present boolean not null,
  primary key (meeting_id, committee_member_id)
);

-- An agenda item: a proposal as it stood (content_revision) when it was put on the agenda.
create table meeting_item (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meeting (id) on delete cascade,
  proposal_id bigint not null references proposal (id) on delete cascade,
  position integer not null,
  content_revision integer not null,
  decision text check (decision in ('approved', 'rejected', 'deferred')),
  approved_amount numeric(14, 2) check (approved_amount >= 0),
  conditions text check (length(conditions) <= 2000),
  reason text check (length(reason) <= 2000),
  decided_at timestamptz,
  unique (meeting_id, position)
);
create index meeting_item_proposal_idx on meeting_item (proposal_id);
-- A proposal is on at most one agenda awaiting a decision.
create unique index meeting_item_open_idx on meeting_item (proposal_id) where decision is null;

-- The in-app inbox: one row per person told about something.
create table notification (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  message_key text not null,
  params jsonb not null default '{}',
  link text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notification_user_idx on notification (user_id, created_at desc);
create index notification_unread_idx on notification (user_id) where read_at is null;

-- Email that would be sent: delivered when SMTP is configured, otherwise kept for the admin.
create table email_outbox (
  id bigint generated always as identity primary key,
  to_address text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  error text
);
