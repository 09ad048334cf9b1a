-- Importing history from the current program (localfund): followed projects, annual financial
-- plans and ledger transactions (docs/decisions/015-history-import.md). Each import is a run:
-- its dry run's summary (counts and per-row reasons, capped) and, once applied, the result.

create table import_run (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('projects', 'financial_plans', 'ledger')),
  user_id bigint references app_user (id) on delete set null,
  file_name text not null check (length(file_name) <= 255),
  file_bytes bigint not null default 0,
  file_sha256 text not null default '',
  -- The stored upload awaiting its apply (a path under the data folder); null once applied.
  file_path text,
  -- checked: dry run with nothing rejected; rejected: dry run or apply refused; applied.
  status text not null check (status in ('checked', 'rejected', 'applied')),
  -- {created, updated, unchanged, rejected} rows, and the file-level problem when there is one.
  counts jsonb not null default '{}',
  -- The rows worth listing (rejected first, then created and updated), at most 1,000.
  rows jsonb not null default '[]',
  rows_more integer not null default 0,
  file_problem jsonb,
  created_at timestamptz not null default now(),
  applied_at timestamptz,
  is_demo boolean not null default false
);
create index import_run_user_idx on import_run (user_id, id);

-- An imported project keeps the old program's projectId, unique per fund, so re-imports match;
-- what the old program said beyond our columns (target group, area names …) is kept as given.
alter table proposal
  add column source_ref text check (length(source_ref) between 1 and 100),
  add column source_detail jsonb,
  add column import_run_id bigint references import_run (id);
create unique index proposal_source_ref_idx on proposal (fund_id, source_ref) where source_ref is not null;

-- An imported financial plan or posting names the run it came from: only those may be
-- corrected by a later import (a plan made here, or a posting made here, never is).
alter table fund_plan add column import_run_id bigint references import_run (id);
alter table ledger_entry add column import_run_id bigint references import_run (id);
create index ledger_entry_import_idx on ledger_entry (import_run_id) where import_run_id is not null;
