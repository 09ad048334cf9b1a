-- Uploads waiting between an import's dry run and its apply: the file as it was sent, so the
-- apply re-reads exactly what the admin previewed. Rows older than a day are removed whenever
-- a new upload is stored, and an applied upload is removed at once.
create table import_upload (
  id text primary key,                      -- random, unguessable
  user_id bigint not null references app_user (id) on delete cascade,
  file_name text not null check (length(file_name) <= 255),
  content_base64 text not null,
  created_at timestamptz not null default now()
);
create index import_upload_created_idx on import_upload (created_at);
