import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { fromNumeric } from '../../src/domain/money.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { parseCsv } from '../../src/domain/csv.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { storeUpload } from '../../src/use-cases/import-files.ts';
import { applyImportRun, getImportRun, importHistory } from '../../src/use-cases/import-history.ts';
import { getOverview, getOverviewFromBaseTables } from '../../src/use-cases/overview.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';
import { buildXlsx } from '../support/xlsx.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/history');

describe('importing history from the current program', () => {
  let database: Database;
  let db: Kysely<DB>;
  let admin: Actor;
  let officer: Actor;
  let outsider: Actor;
  let province: Actor;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    admin = await actorFor(db, 'admin');
    officer = await actorFor(db, 'officer.l1976');
    outsider = await actorFor(db, 'officer.l4579');
    province = await actorFor(db, 'province33');
    folder = mkdtempSync(path.join(tmpdir(), 'kt-history-'));
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await database.close();
  });

  const upload = (name: string, content?: Uint8Array) =>
    storeUpload(folder, name, content ?? new Uint8Array(readFileSync(path.join(FIXTURES, name))));
  const run = async (actor: Actor, kind: string, name: string, dryRun: boolean, content?: Uint8Array, fundCode?: string) =>
    importHistory(db, actor, { kind, upload: await upload(name, content), dryRun, ...(fundCode ? { fundCode } : {}) });
  const reasons = (view: Awaited<ReturnType<typeof run>>) => view.rows.filter((r) => r.outcome === 'rejected').map((r) => `${r.key}:${r.problems.map((p) => p.key).join('+')}`);
  const count = async (table: 'proposal' | 'ledger_entry' | 'fund_plan') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('dry-runs the old program\'s JSON, then applies it; the same file again changes nothing', async () => {
    const before = await count('proposal');
    const checked = await run(officer, 'projects', 'projects.json', true);
    expect(checked.status).toBe('checked');
    expect(checked.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(await count('proposal')).toBe(before);
    const applied = await applyImportRun(db, officer, { id: checked.id });
    expect(applied.status).toBe('applied');
    const project = await db.selectFrom('proposal').selectAll().where('source_ref', '=', '65-L1976-2-01').executeTakeFirstOrThrow();
    expect(project).toMatchObject({ origin: 'imported', state: 'approved', fiscal_year: 2565, support_category: 2, approved_amount: '25000.50', period_start: '2022-01-10', period_end: '2022-03-31', project_status: 'completed' });
    expect(project.source_detail).toMatchObject({ targetGroup: 'ผู้สูงอายุ', targetSize: '60' });
    const again = await run(officer, 'projects', 'projects.json', false);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(await count('proposal')).toBe(before + 2);
  });

  it('a corrected CSV updates the row it matches by projectId, never duplicating it', async () => {
    const before = await count('proposal');
    const view = await run(officer, 'projects', 'projects-corrected.csv', false);
    expect(view.counts).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(view.rows[0]?.changed).toEqual(['budgetGrant']);
    expect(await count('proposal')).toBe(before);
    const project = await db.selectFrom('proposal').select('approved_amount').where('source_ref', '=', '65-L1976-2-01').executeTakeFirstOrThrow();
    expect(project.approved_amount).toBe('26000.00');
  });

  it('reads the same columns from an XLSX', async () => {
    const { records } = parseCsv(readFileSync(path.join(FIXTURES, 'projects-corrected.csv'), 'utf8'));
    const xlsx = buildXlsx([{ name: 'projects', rows: records.filter((r) => r.length > 1) }]);
    const view = await run(officer, 'projects', 'projects.xlsx', true, xlsx);
    expect(view.fileProblem).toBeNull();
    expect(view.counts).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });
  });

  it('gives every bad row its reason and applies nothing', async () => {
    const before = await count('proposal');
    const view = await run(officer, 'projects', 'projects-bad.csv', false);
    expect(view.status).toBe('rejected');
    expect(reasons(view)).toEqual([
      'X-1:history.error.unknownFund',
      'X-2:history.error.outOfScope',
      'X-3:admin.error.date',
      'X-4:admin.error.fiscalYearCe+history.error.dateCe',
      'X-5:admin.error.negative',
      'X-7:history.error.duplicateProjectCode',
      'X-8:history.error.category',
    ]);
    expect(view.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 7 });
    expect(await count('proposal')).toBe(before);
  });

  it('refuses a truncated file and a sheet with renamed or extra columns, naming them', async () => {
    const truncated = await run(officer, 'projects', 'projects-truncated.json', false);
    expect(truncated.fileProblem?.code).toBe('truncated');
    const renamed = await run(officer, 'projects', 'projects-renamed.csv', false);
    expect(renamed.fileProblem).toEqual({ code: 'missingColumns', params: { columns: 'projectTitle', unknown: 'projectName' } });
    const extra = await run(officer, 'projects', 'projects-extra.csv', false);
    expect(extra.fileProblem).toEqual({ code: 'unknownColumns', params: { columns: 'remark' } });
    expect(await db.selectFrom('proposal').select('id').where('source_ref', 'in', ['X-9', 'X-10']).execute()).toEqual([]);
  });

  it('refuses a file cut off after whole batches were written, keeping none of them', async () => {
    // 1,500 good rows, so the first 1,000 are written while the rest is read and found cut off.
    const [item] = JSON.parse(readFileSync(path.join(FIXTURES, 'projects.json'), 'utf8')).items;
    const items = Array.from({ length: 1500 }, (_, i) => ({ ...item, projectId: `65-L1976-8-${i}`, projectCode: `65-L1976-8-${i}` }));
    const whole = JSON.stringify({ total: items.length, items });
    const before = await count('proposal');
    const cut = await run(officer, 'projects', 'projects-cut.json', false, new TextEncoder().encode(whole.slice(0, Math.floor(whole.length * 0.9))));
    expect(cut.fileProblem?.code).toBe('truncated');
    expect(await count('proposal')).toBe(before);
  });

  it('imports a financial plan as the approved plan of its year; re-import unchanged', async () => {
    const view = await run(province, 'financial_plans', 'plans.json', false);
    expect(view.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
    const plan = await db
      .selectFrom('fund_plan')
      .innerJoin('fund', 'fund.id', 'fund_plan.fund_id')
      .select(['fund_plan.status', 'carry_over', 'allocation_2', 'meeting_date'])
      .where('fund.code', '=', 'L1976')
      .where('fiscal_year', '=', 2565)
      .where('fund_plan.status', '=', 'approved')
      .executeTakeFirstOrThrow();
    expect(plan).toEqual({ status: 'approved', carry_over: '152340.75', allocation_2: '150000.00', meeting_date: '2021-10-01' });
    expect((await run(province, 'financial_plans', 'plans.json', false)).counts.unchanged).toBe(1);
  });

  it('posts ledger transactions into the statements of their year, implying the bank side', async () => {
    const view = await run(admin, 'ledger', 'ledger.csv', false);
    expect(view.counts).toEqual({ created: 6, updated: 0, unchanged: 0, rejected: 0 });
    const totals = await db
      .selectFrom('ledger_month_total')
      .innerJoin('fund', 'fund.id', 'ledger_month_total.fund_id')
      .select(['account_code', (eb) => eb.fn.sum<string>('debit').as('debit'), (eb) => eb.fn.sum<string>('credit').as('credit')])
      .where('fund.code', '=', 'L1976')
      .where('fiscal_year', '=', 2565)
      .groupBy('account_code')
      .orderBy('account_code')
      .execute();
    expect(totals.map((t) => [t.account_code, Number(t.debit).toFixed(2), Number(t.credit).toFixed(2)])).toEqual([
      ['10100', '299500.25', '12500.25'],
      ['40100', '0.00', '230000.00'],
      ['40200', '0.00', '69000.00'],
      ['40500', '0.00', '500.25'],
      ['50200', '12500.25', '0.00'],
    ]);
    // The apply rebuilt the fund's month totals (0019): every month, the demo's years included,
    // is again what its posting lines add up to.
    const { rows: differing } = await sql<{ n: number }>`
      with fund as (select id from fund where code = 'L1976'),
      kept as (select month, account_code, debit, credit, debit_peoples_group from ledger_month_total where fund_id = (select id from fund)),
      lines as (select date_trunc('month', e.entry_date)::date as month, l.account_code, sum(l.debit) as debit, sum(l.credit) as credit,
          sum(case when e.organisation_type = 5 then l.debit else 0 end) as debit_peoples_group
        from ledger_entry e join ledger_line l on l.entry_id = e.id where e.fund_id = (select id from fund) group by 1, 2)
      select (select count(*) from (select * from kept except select * from lines) a)::int
        + (select count(*) from (select * from lines except select * from kept) b)::int as n`.execute(db);
    expect(differing[0]!.n).toBe(0);
    expect((await run(admin, 'ledger', 'ledger.csv', false)).counts.unchanged).toBe(6);
  });

  it('shows the imported year in the overview of every level as soon as it is applied', async () => {
    const imported = await db
      .selectFrom('proposal')
      .innerJoin('fund', 'fund.id', 'proposal.fund_id')
      .select([(eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.sum<string>('approved_amount').as('amount')])
      .where('fund.code', '=', 'L1976')
      .where('fiscal_year', '=', 2565)
      .where('origin', '=', 'imported')
      .executeTakeFirstOrThrow();
    const fund = await getOverview(db, null, { area: 'L1976', fiscalYear: 2565 });
    expect(fund.totals).toMatchObject({
      activeFunds: 1,
      fundsWithPlan: 1,
      projectsFollowed: Number(imported.n),
      projectsImported: Number(imported.n),
      proposalsDeveloped: 0,
      approvedBudget: fromNumeric(imported.amount),
      receivedNhso: 23_000_000,
      receivedLocal: 6_900_000,
    });
    for (const area of ['TH', 'R10', '33', '3304', 'L1976']) {
      const summary = await getOverview(db, null, { area, fiscalYear: 2565 });
      expect(summary.totals.projectsImported, area).toBe(Number(imported.n));
      expect(summary, area).toEqual(await getOverviewFromBaseTables(db, { area, fiscalYear: 2565 }));
    }
  });

  it('refuses a batch that does not balance and a CE reference', async () => {
    const before = await count('ledger_entry');
    const view = await run(admin, 'ledger', 'ledger-unbalanced.csv', false);
    expect(reasons(view)).toEqual(['PAY2565-0009:history.error.unbalanced', 'PAY2565-0009:history.error.unbalanced', 'RCV2022-0001:history.error.referenceCe']);
    expect(await count('ledger_entry')).toBe(before);
  });

  it('lets only importers in: the officer into their own fund, the run to its importer', async () => {
    const chair = await actorFor(db, 'chair.l1976');
    expect(await refusal(() => run(chair, 'projects', 'projects.json', true))).toBeInstanceOf(Forbidden);
    expect(await refusal(() => run(outsider, 'projects', 'projects.json', true, undefined, 'L1976'))).toBeInstanceOf(Forbidden);
    const view = await run(outsider, 'projects', 'projects.json', true);
    expect(reasons(view)).toEqual(['65-L1976-2-01:history.error.outOfScope', 'P-88123:history.error.outOfScope']);
    await expect(getImportRun(db, officer, { id: view.id })).rejects.toThrow();
    expect((await getImportRun(db, admin, { id: view.id })).id).toBe(view.id);
  });
});
