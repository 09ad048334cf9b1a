-- Foundation: settings, accounts, sessions, roles and the audit trail.

create table app_meta (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table app_user (
  id bigint generated always as identity primary key,
  username text not null unique check (username ~ '^[a-z0-9._-]{3,40}$'),
  title text not null default '',          -- คำนำหน้า: นาย / นาง / นางสาว …
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text not null check (length(last_name) between 1 and 100),
  phone text,
  email text,
  password_hash text not null,
  locale text not null default 'th' check (locale in ('th', 'en')),
  is_active boolean not null default true,
  is_demo boolean not null default false,  -- created by the demo seed only
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1       -- optimistic concurrency
);

-- The cookie holds a random token; only its SHA-256 is stored, so a leaked table opens nothing.
create table user_session (
  token_hash text primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  user_agent text,
  ip text
);
create index user_session_user_idx on user_session (user_id);
create index user_session_expires_idx on user_session (expires_at);

-- A role held within an area: TH (country), R1..R13, a province, district or fund code.
create table role_assignment (
  id bigint generated always as identity primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  role text not null,
  scope_code text not null,
  created_at timestamptz not null default now(),
  unique (user_id, role, scope_code)
);

create table audit_event (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_user_id bigint references app_user (id) on delete set null,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  data jsonb not null default '{}'
);
create index audit_event_subject_idx on audit_event (subject_type, subject_id);
