-- The fund's books (บัญชีกองทุน): a double-entry ledger whose balances and statements are
-- computed from postings, month closes that lock them, and a per-month summary that the
-- dashboards read, kept current by trigger in the same transaction as every posting.

create table ledger_account (
  code text primary key check (code ~ '^[0-9]{5}$'),
  kind text not null check (kind in ('asset', 'receipt', 'expense')),
  support_category smallint check (support_category between 1 and 5),
  name_th text not null,
  name_en text not null,
  check ((kind = 'expense') = (support_category is not null))
);

insert into ledger_account (code, kind, support_category, name_th, name_en) values
  ('10100', 'asset', null, 'เงินฝากธนาคาร', 'Bank deposit'),
  ('40100', 'receipt', null, 'เงินอุดหนุนจาก สปสช.', 'NHSO transfer'),
  ('40200', 'receipt', null, 'เงินสมทบจากองค์กรปกครองส่วนท้องถิ่น', 'Local government co-funding'),
  ('40300', 'receipt', null, 'ดอกเบี้ยเงินฝากธนาคาร', 'Bank interest'),
  ('40400', 'receipt', null, 'เงินสมทบจากชุมชนหรือแหล่งอื่น / เงินบริจาค', 'Community contributions and donations'),
  ('40500', 'receipt', null, 'เงินคืนจากโครงการ', 'Refunds from projects'),
  ('50100', 'expense', 1, 'ค่าใช้จ่ายตามข้อ 10(1) หน่วยบริการหรือสถานบริการสาธารณสุข', 'Category 10(1): health service units'),
  ('50200', 'expense', 2, 'ค่าใช้จ่ายตามข้อ 10(2) กลุ่มหรือองค์กรประชาชน หน่วยงานอื่น', 'Category 10(2): community groups and other organisations'),
  ('50300', 'expense', 3, 'ค่าใช้จ่ายตามข้อ 10(3) ศูนย์เด็กเล็ก ผู้สูงอายุ คนพิการ', 'Category 10(3): child, elderly and disability centres'),
  ('50400', 'expense', 4, 'ค่าใช้จ่ายตามข้อ 10(4) การบริหารหรือพัฒนากองทุน', 'Category 10(4): fund administration and development'),
  ('50500', 'expense', 5, 'ค่าใช้จ่ายตามข้อ 10(5) กรณีเกิดโรคระบาดหรือภัยพิบัติ', 'Category 10(5): epidemics and disasters');

-- One posting. Never updated: a correction is a new posting in an open month.
create table ledger_entry (
  id bigint generated always as identity primary key,
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null check (fiscal_year between 2540 and 2700),
  entry_date date not null,
  kind text not null check (kind in ('receipt', 'payment', 'refund', 'correction')),
  reference text not null check (reference ~ '^(RCV|PAY|RET|ADJ)[0-9]{4}-[0-9]{4,}$'),
  document_no text not null default '' check (length(document_no) <= 100),
  description text not null default '' check (length(description) <= 1000),
  proposal_id bigint references proposal (id) on delete restrict,
  -- The project's organisation type at posting time: the people's-group share (type 5) is
  -- then a sum over the summary without a join.
  organisation_type smallint check (organisation_type between 1 and 6),
  created_by bigint references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  is_demo boolean not null default false,
  unique (fund_id, reference)
);
create index ledger_entry_fund_date_idx on ledger_entry (fund_id, entry_date, id);
create index ledger_entry_proposal_idx on ledger_entry (proposal_id) where proposal_id is not null;

create table ledger_line (
  entry_id bigint not null references ledger_entry (id) on delete cascade,
  position smallint not null,
  account_code text not null references ledger_account (code),
  debit numeric(14, 2) not null default 0 check (debit >= 0),
  credit numeric(14, 2) not null default 0 check (credit >= 0),
  check ((debit = 0) <> (credit = 0)),
  primary key (entry_id, position)
);

-- A closed month (ปิดงวดเดือน): its postings are locked. Re-opening deletes the row; the
-- audit trail keeps who closed and re-opened it and why.
create table ledger_month_close (
  fund_id bigint not null references fund (id) on delete cascade,
  month date not null check (extract(day from month) = 1),
  closed_by bigint references app_user (id) on delete set null,
  closed_at timestamptz not null default now(),
  is_demo boolean not null default false,
  primary key (fund_id, month)
);

-- Per fund, month and account: what the overviews and statements sum.
create table ledger_month_total (
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null,
  month date not null,
  account_code text not null references ledger_account (code),
  debit numeric(16, 2) not null default 0,
  credit numeric(16, 2) not null default 0,
  -- Of the debit: postings for people's-group projects (organisation type 5).
  debit_peoples_group numeric(16, 2) not null default 0,
  primary key (fund_id, month, account_code)
);
create index ledger_month_total_year_idx on ledger_month_total (fiscal_year, fund_id);

-- Every posting balances: checked at commit, when all its lines are in.
create function ledger_entry_balances() returns trigger language plpgsql as $$
declare
  difference numeric;
  line_count integer;
begin
  select coalesce(sum(debit - credit), 0), count(*) into difference, line_count
  from ledger_line where entry_id = new.entry_id;
  if line_count > 0 and (difference <> 0 or line_count < 2) then
    raise exception 'ledger entry % does not balance (debit - credit = %)', new.entry_id, difference
      using errcode = '23514';
  end if;
  return null;
end $$;
create constraint trigger ledger_line_balanced after insert on ledger_line
  deferrable initially deferred for each row execute function ledger_entry_balances();

-- Nothing may be posted into a closed month, whichever code path tries.
create function ledger_entry_month_open() returns trigger language plpgsql as $$
begin
  if exists (select 1 from ledger_month_close
             where fund_id = new.fund_id and month = date_trunc('month', new.entry_date)::date) then
    raise exception 'month % of fund % is closed', to_char(new.entry_date, 'YYYY-MM'), new.fund_id
      using errcode = '23514';
  end if;
  return new;
end $$;
create trigger ledger_entry_month_open before insert on ledger_entry
  for each row execute function ledger_entry_month_open();

create function ledger_entry_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'postings are not changed; post a correction instead' using errcode = '23514';
end $$;
create trigger ledger_entry_immutable before update on ledger_entry
  for each row execute function ledger_entry_immutable();
create trigger ledger_line_immutable before update on ledger_line
  for each row execute function ledger_entry_immutable();

-- The summary follows every line in and out (out only when demo data is reloaded).
create function ledger_month_total_follow() returns trigger language plpgsql as $$
declare
  line ledger_line;
  sign integer;
  entry ledger_entry;
begin
  if tg_op = 'INSERT' then line := new; sign := 1; else line := old; sign := -1; end if;
  select * into entry from ledger_entry where id = line.entry_id;
  if entry.id is null then return null; end if; -- the entry itself is being deleted first
  insert into ledger_month_total as t (fund_id, fiscal_year, month, account_code, debit, credit, debit_peoples_group)
  values (entry.fund_id, entry.fiscal_year, date_trunc('month', entry.entry_date)::date, line.account_code,
          sign * line.debit, sign * line.credit,
          case when entry.organisation_type = 5 then sign * line.debit else 0 end)
  on conflict (fund_id, month, account_code) do update
    set debit = t.debit + excluded.debit,
        credit = t.credit + excluded.credit,
        debit_peoples_group = t.debit_peoples_group + excluded.debit_peoples_group;
  return null;
end $$;
create trigger ledger_month_total_follow after insert or delete on ledger_line
  for each row execute function ledger_month_total_follow();

-- Deleting an entry (demo reload) takes its lines out of the summary before they cascade away.
create function ledger_entry_unfollow() returns trigger language plpgsql as $$
begin
  update ledger_month_total t
  set debit = t.debit - l.debit,
      credit = t.credit - l.credit,
      debit_peoples_group = t.debit_peoples_group - case when old.organisation_type = 5 then l.debit else 0 end
  from ledger_line l
  where l.entry_id = old.id and t.fund_id = old.fund_id
    and t.month = date_trunc('month', old.entry_date)::date and t.account_code = l.account_code;
  return old;
end $$;
create trigger ledger_entry_unfollow before delete on ledger_entry
  for each row execute function ledger_entry_unfollow();

-- Payment vouchers (ใบขอเบิก / ฎีกา): a request to pay a project or a 10(4) expense, signed
-- in turn (src/domain/vouchers.ts has the chain as a table). The chair's approval posts it.
create table payment_voucher (
  id bigint generated always as identity primary key,
  fund_id bigint not null references fund (id) on delete cascade,
  fiscal_year integer not null check (fiscal_year between 2540 and 2700),
  state text not null check (state in ('requested', 'checked', 'finance_approved', 'clerk_approved', 'paid', 'returned', 'cancelled')),
  proposal_id bigint references proposal (id) on delete restrict,
  support_category smallint not null check (support_category between 1 and 5),
  organisation_type smallint check (organisation_type between 1 and 6),
  -- Money for a project, or a 10(4) expense of the fund itself.
  check (proposal_id is not null or support_category = 4),
  payee text not null check (length(payee) between 1 and 200),
  description text not null default '' check (length(description) <= 1000),
  amount numeric(14, 2) not null check (amount > 0),
  payment_method text not null check (payment_method in ('cheque', 'transfer', 'cash')),
  cheque_no text not null default '' check (length(cheque_no) <= 40),
  requested_by bigint references app_user (id) on delete set null,
  ledger_entry_id bigint unique references ledger_entry (id) on delete set null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index payment_voucher_fund_idx on payment_voucher (fund_id, fiscal_year, state);
create index payment_voucher_proposal_idx on payment_voucher (proposal_id) where proposal_id is not null;

-- Each step taken on a voucher: who, when, and the reason when it was returned or cancelled.
create table payment_voucher_step (
  id bigint generated always as identity primary key,
  voucher_id bigint not null references payment_voucher (id) on delete cascade,
  step text not null check (step in ('request', 'check', 'approve_finance', 'approve_clerk', 'approve_chair', 'return', 'resubmit', 'cancel')),
  -- Bumped by each return: the signatures that count are those of the current round.
  round integer not null,
  actor_id bigint references app_user (id) on delete set null,
  reason text not null default '' check (length(reason) <= 1000),
  created_at timestamptz not null default now()
);
create index payment_voucher_step_voucher_idx on payment_voucher_step (voucher_id, id);
