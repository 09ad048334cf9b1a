-- What someone typed on a page of a proposal when their session had ended, kept for a day so
-- that signing in again brings it back instead of losing it (src/use-cases/form-stash.ts).
create table form_stash (
  id text primary key,                     -- random, unguessable: it travels in the sign-in address
  proposal_id bigint not null references proposal (id) on delete cascade,
  path text not null check (length(path) <= 300),
  -- A hash of the browser's CSRF cookie: only the browser that typed the text gets it back.
  browser_key text not null,
  body jsonb not null,
  created_at timestamptz not null default now()
);
create index form_stash_created_idx on form_stash (created_at);
