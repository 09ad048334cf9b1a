-- Following a project (domain.md §4.9–4.10): its status, reporting periods (งวด), activity
-- records with participants, expenses and attachments, and the reports (ส.1, ง.1, ง.2, ส.3)
-- with their review history, indicator results and value assessment. The project is the
-- approved proposal row (0007), so everything here hangs off proposal(id).

-- running → completed | terminated | suspended (suspended → running); null until approved.
alter table proposal
  add column project_status text check (project_status in ('running', 'completed', 'terminated', 'suspended')),
  add column project_status_reason text not null default '' check (length(project_status_reason) <= 2000),
  add column project_status_at timestamptz,
  add check (project_status is null or project_code is not null);

create table project_status_event (
  id bigint generated always as identity primary key,
  proposal_id bigint not null references proposal (id) on delete cascade,
  from_status text,
  to_status text not null,
  reason text not null default '' check (length(reason) <= 2000),
  actor_id bigint references app_user (id) on delete set null,
  created_at timestamptz not null default now()
);
create index project_status_event_proposal_idx on project_status_event (proposal_id, id);

-- งวด: what the group reports on and the instalment paid for it.
create table project_period (
  proposal_id bigint not null references proposal (id) on delete cascade,
  number integer not null check (number between 1 and 12),
  period_start date not null,
  period_end date not null,
  report_due date not null,
  instalment numeric(14, 2) not null check (instalment >= 0),
  primary key (proposal_id, number),
  check (period_end >= period_start),
  check (report_due >= period_end)
);

-- บันทึกกิจกรรม: one thing the group did, on one day.
create table project_activity_record (
  id bigint generated always as identity primary key,
  proposal_id bigint not null references proposal (id) on delete cascade,
  activity_position integer,  -- which planned activity (null: not in the plan)
  activity_date date not null,
  title text not null check (length(title) between 1 and 500),
  done text not null default '' check (length(done) <= 5000),           -- what was done
  outputs text not null default '' check (length(outputs) <= 5000),     -- ผลผลิต
  outcomes text not null default '' check (length(outcomes) <= 5000),   -- ผลลัพธ์
  problems text not null default '' check (length(problems) <= 5000),   -- ปัญหาอุปสรรค
  fixes text not null default '' check (length(fixes) <= 5000),         -- แนวทางแก้ไข
  recorded_by bigint references app_user (id) on delete set null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  foreign key (proposal_id, activity_position) references proposal_activity (proposal_id, position)
);
create index project_activity_record_proposal_idx on project_activity_record (proposal_id, activity_date);

create table project_activity_participant (
  record_id bigint not null references project_activity_record (id) on delete cascade,
  target_group_code text not null references target_group (code),
  planned integer not null default 0 check (planned between 0 and 10000000),
  actual integer not null check (actual between 0 and 10000000),
  primary key (record_id, target_group_code)
);

-- Actual expenses by the same groups the proposal's budget uses.
create table project_activity_expense (
  record_id bigint not null references project_activity_record (id) on delete cascade,
  expense_group text not null check (expense_group in ('compensation', 'wages', 'services', 'materials', 'utilities', 'travel', 'equipment', 'other')),
  amount numeric(14, 2) not null check (amount > 0),
  primary key (record_id, expense_group)
);

-- Photos and receipts, in the database like proposal attachments (both engines, backups).
create table project_activity_attachment (
  id bigint generated always as identity primary key,
  record_id bigint not null references project_activity_record (id) on delete cascade,
  kind text not null check (kind in ('photo', 'receipt')),
  file_name text not null check (length(file_name) between 1 and 255),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  sha256 text not null,
  content bytea not null,
  uploaded_by bigint references app_user (id) on delete set null,
  created_at timestamptz not null default now()
);
create index project_activity_attachment_record_idx on project_activity_attachment (record_id);

-- ส.1 progress and ง.1 financial per period; ง.2 closing financial summary and ส.3 final report
-- once. The body is generated from the activity records and then edited; its shape is the
-- domain's (validated there), the money in it is whole satang.
create table project_report (
  id bigint generated always as identity primary key,
  proposal_id bigint not null references proposal (id) on delete cascade,
  kind text not null check (kind in ('progress', 'financial', 'closing_financial', 'final')),
  period_number integer,
  state text not null default 'draft' check (state in ('draft', 'submitted', 'checked', 'accepted', 'returned')),
  body jsonb not null default '{}',
  due_date date not null,
  submitted_at timestamptz,
  accepted_at timestamptz,
  created_by bigint references app_user (id) on delete set null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check ((kind in ('progress', 'financial')) = (period_number is not null)),
  foreign key (proposal_id, period_number) references project_period (proposal_id, number)
);
create unique index project_report_period_key on project_report (proposal_id, kind, period_number) where period_number is not null;
create unique index project_report_once_key on project_report (proposal_id, kind) where period_number is null;
create index project_report_due_idx on project_report (state, due_date);

create table project_report_event (
  id bigint generated always as identity primary key,
  report_id bigint not null references project_report (id) on delete cascade,
  action text not null check (action in ('submit', 'check', 'accept', 'return', 'reopen')),
  from_state text not null,
  to_state text not null,
  comment text not null default '' check (length(comment) <= 2000),
  actor_id bigint references app_user (id) on delete set null,
  created_at timestamptz not null default now()
);
create index project_report_event_report_idx on project_report_event (report_id, id);

-- ส.3: each objective's indicator with its baseline, target and what was reached.
create table project_indicator_result (
  report_id bigint not null references project_report (id) on delete cascade,
  objective_position integer not null,
  baseline text not null default '' check (length(baseline) <= 200),
  target text not null default '' check (length(target) <= 200),
  actual text not null default '' check (length(actual) <= 200),
  note text not null default '' check (length(note) <= 2000),
  primary key (report_id, objective_position)
);

-- ส.3: the six-dimension value assessment (domain.md §4.10), each rated with its evidence.
create table project_value_assessment (
  report_id bigint not null references project_report (id) on delete cascade,
  dimension text not null check (dimension in ('knowledge', 'behaviour', 'environment', 'public_policy', 'community_process', 'spiritual')),
  rating smallint not null check (rating between 0 and 3),
  evidence text not null default '' check (length(evidence) <= 2000),
  primary key (report_id, dimension)
);

-- Every approved project is running until someone says otherwise.
update proposal set project_status = 'running', project_status_at = decided_at where project_code is not null;
