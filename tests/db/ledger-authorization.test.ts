import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { closeMonth, getLedger, getProjectMoney, getStatement, recordReceipt, recordRefund, reopenMonth } from '../../src/use-cases/ledger.ts';
import { getSpending } from '../../src/use-cases/spending.ts';
import { getVoucher, listVouchers, requestVoucher, stepVoucher, voucherForm } from '../../src/use-cases/vouchers.ts';
import { actorFor, permissionMatrix } from '../support/actors.ts';
import { ROLES_AROUND_L1976 } from '../support/demo-accounts.ts';
import { createTestDatabase } from '../support/test-db.ts';

/**
 * Every role against every use case of the fund's books, on fund L1976's demo books (FY 2569
 * closed, FY 2570 running). Only finance roles post; the fund's people and overseers read; a
 * group sees its own project's money only; the public sees statements whose months are closed.
 * Inputs stop an allowed call at its input, so the books are the same afterwards.
 */
const ACCOUNTS = { ...ROLES_AROUND_L1976, proposer_self: 'proposer.l1976', proposer_other: 'proposer.l1977' } as const;
type Who = keyof typeof ACCOUNTS | 'public';
const WHO = ['public', ...Object.keys(ACCOUNTS)] as Who[];
const INTERNAL: Who[] = ['admin', 'region_in', 'province_in', 'mentor_district_in', 'mentor_fund_in', 'board_secretary_in', 'officer_in', 'finance_in', 'committee_in'];
const FINANCE: Who[] = ['admin', 'finance_in'];

describe("every role against the fund's books", () => {
  let database: Database;
  const actors = new Map<Who, Actor | null>([['public', null]]);
  let projectCode: string;
  let requested: { id: number; version: number };
  let booksBefore: unknown;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    for (const [who, username] of Object.entries(ACCOUNTS)) actors.set(who as Who, await actorFor(database.db, username));
    // A project of L1976's own proposer, and a voucher of L1976 waiting for its checker.
    const project = await database.db
      .selectFrom('proposal as p')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .select('p.project_code')
      .where('f.code', '=', 'L1976')
      .where('p.created_by', '=', actors.get('proposer_self')!.userId)
      .where('p.state', '=', 'approved')
      .executeTakeFirstOrThrow();
    projectCode = project.project_code!;
    requested = await database.db
      .selectFrom('payment_voucher as v')
      .innerJoin('fund as f', 'f.id', 'v.fund_id')
      .select(['v.id', 'v.version'])
      .where('f.code', '=', 'L1976')
      .where('v.state', '=', 'requested')
      .executeTakeFirstOrThrow();
    booksBefore = await booksSnapshot(database.db);
  });
  afterAll(() => database.close());

  const CASES: [name: string, allowed: Who[], call: (db: Database['db'], actor: Actor | null) => Promise<unknown>][] = [
    ['read the ledger', INTERNAL, (db, a) => getLedger(db, a, { code: 'L1976', fiscalYear: 2570 })],
    ['read a statement not yet closed', INTERNAL, (db, a) => getStatement(db, a, { code: 'L1976', kind: 'year', fiscalYear: 2570 })],
    ['read a closed statement', WHO, (db, a) => getStatement(db, a, { code: 'L1976', kind: 'year', fiscalYear: 2569 })],
    ['read the spending indicators', WHO, (db, a) => getSpending(db, a, { code: 'L1976', fiscalYear: 2569 })],
    ["read a project's money", [...INTERNAL, 'proposer_self'], (db, a) => getProjectMoney(db, a, { projectCode })],
    ['list vouchers', INTERNAL, (db, a) => listVouchers(db, a, { code: 'L1976', fiscalYear: 2570 })],
    ['read a voucher', INTERNAL, (db, a) => getVoucher(db, a, { id: requested.id })],
    ['record a receipt', FINANCE, (db, a) => recordReceipt(db, a, { code: 'L1976', source: 'nhso', entry_date: '', amount: '' })],
    ['record a refund', FINANCE, (db, a) => recordRefund(db, a, { code: 'L1976', project_code: projectCode, entry_date: '', amount: '' })],
    ['close a month', FINANCE, (db, a) => closeMonth(db, a, { code: 'L1976', month: 'no month' })],
    ['re-open a month', ['admin'], (db, a) => reopenMonth(db, a, { code: 'L1976', month: '2026-10', reason: '' })],
    ['open the voucher form', ['admin', 'officer_in', 'finance_in'], (db, a) => voucherForm(db, a, { code: 'L1976' })],
    ['request a voucher', ['admin', 'officer_in', 'finance_in'], (db, a) => requestVoucher(db, a, { code: 'L1976', purpose: 'project', project_code: projectCode, amount: '' })],
  ];

  for (const [name, allowed, call] of CASES) {
    it(name, async () => {
      const { outcome, expected } = await permissionMatrix(WHO, allowed, (who) => call(database.db, actors.get(who) ?? null));
      expect(outcome).toEqual(expected);
    });
  }

  it('offers each signatory only their own step, and refuses the step to everyone else', async () => {
    const offered: Record<string, string[]> = {};
    const refused: Record<string, boolean> = {};
    for (const who of INTERNAL) offered[who] = (await getVoucher(database.db, actors.get(who)!, { id: requested.id })).steps;
    for (const who of WHO.filter((w) => !FINANCE.includes(w))) {
      try {
        await stepVoucher(database.db, actors.get(who) ?? null, { id: requested.id, step: 'check', version: requested.version });
        refused[who] = false;
      } catch (error) {
        refused[who] = error instanceof Forbidden;
      }
    }
    // Whoever may request may cancel; the checker may check or return; the rest wait their turn.
    expect(offered).toEqual({
      admin: ['check', 'return', 'cancel'],
      region_in: [],
      province_in: [],
      mentor_district_in: [],
      mentor_fund_in: [],
      board_secretary_in: [],
      officer_in: ['cancel'],
      finance_in: ['check', 'return', 'cancel'],
      committee_in: [],
    });
    expect(Object.values(refused).every(Boolean)).toBe(true);
  });

  it('changed nothing in the books for anyone', async () => {
    expect(await booksSnapshot(database.db)).toEqual(booksBefore);
  });

  it("counts the public's spending figures from closed months only", async () => {
    for (const who of WHO) {
      const view = await getSpending(database.db, actors.get(who) ?? null, { code: 'L1976', fiscalYear: 2570 });
      expect({ who, publishedOnly: view.publishedOnly }).toEqual({ who, publishedOnly: !INTERNAL.includes(who) });
    }
  });
});

async function booksSnapshot(db: Database['db']) {
  const rows = async (table: string, order: string) =>
    (await sql<{ n: number; digest: string | null }>`select count(*)::int as n, md5(string_agg(t::text, '|' order by ${sql.raw(order)})) as digest from ${sql.table(table)} t`.execute(db)).rows[0];
  return {
    ledger_entry: await rows('ledger_entry', 'id'),
    ledger_line: await rows('ledger_line', 'entry_id, position'),
    ledger_month_close: await rows('ledger_month_close', 'fund_id, month'),
    payment_voucher: await rows('payment_voucher', 'id'),
    payment_voucher_step: await rows('payment_voucher_step', 'id'),
  };
}
