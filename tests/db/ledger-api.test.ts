import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as ledgerLoader } from '../../app/routes/api.v1.funds.$code.ledger.ts';
import { action as receiptsAction } from '../../app/routes/api.v1.funds.$code.receipts.ts';
import { loader as statementLoader } from '../../app/routes/api.v1.funds.$code.statements.$kind.ts';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi.ts';
import type { Database } from '../../src/db/database.ts';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { fromNumeric } from '../../src/domain/money.ts';
import { apiHarness, type Json } from '../support/api-harness.ts';
import { createTestDatabase } from '../support/test-db.ts';

// The books through the API: the ledger of a year, its statements, and receipts written with
// the same rules as the page. Fund L1976's demo books: FY 2569 closed, FY 2570 running.

describe('API /api/v1 ledger, statements and receipts', () => {
  let database: Database;
  const { setUp, call, ok, logged } = apiHarness();
  const today = toBangkokIsoDate(new Date());
  const ledger = (query: string, as?: string) => call(ledgerLoader, `/api/v1/funds/L1976/ledger${query}`, { params: { code: 'L1976' }, as });
  const statement = (kind: string, query: string, as?: string) => call(statementLoader, `/api/v1/funds/L1976/statements/${kind}${query}`, { params: { code: 'L1976', kind }, as });
  const receipt = (body: unknown, as = 'finance.l1976') => call(receiptsAction, '/api/v1/funds/L1976/receipts', { params: { code: 'L1976' }, as, body });

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    await setUp(database, ['finance.l1976', 'officer.l1976', 'proposer.l1976', 'finance.l4579']);
  });
  afterAll(async () => {
    expect(logged).toEqual([]);
    await database.close();
  });

  it("lists a year's postings with the running balance, in balance, to the fund's people only", async () => {
    const body = await ok(200, ledger('?fiscal_year=2569', 'officer.l1976'));
    expect(body.fund.code).toBe('L1976');
    expect(body.count).toBe(body.items.length);
    let balance: number = fromNumeric(body.carried_forward);
    for (const item of body.items as Json[]) {
      const debit = item.lines.reduce((s: number, l: Json) => s + fromNumeric(l.debit), 0);
      const credit = item.lines.reduce((s: number, l: Json) => s + fromNumeric(l.credit), 0);
      expect(debit, item.reference).toBe(credit);
      balance += fromNumeric(item.bank_change);
      expect(fromNumeric(item.balance), item.reference).toBe(balance);
    }
    expect(fromNumeric(body.balance)).toBe(balance);
    expect(body.actions).toEqual([]);
    expect((await ledger('?fiscal_year=2569', 'proposer.l1976')).status).toBe(403);
    expect((await ledger('?fiscal_year=2569', 'finance.l4579')).status).toBe(403);
    expect((await ledger('?fiscal_year=2569')).status).toBe(401);
    const csv = await ledger('?fiscal_year=2569&format=csv', 'officer.l1976');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\r\n').length).toBe(body.items.length + 2);
  });

  it('gives closed statements to anyone and open ones to the fund only; the year carries into the next', async () => {
    const year = await ok(200, statement('year', '?fiscal_year=2569'));
    expect(year.published).toBe(true);
    const sum = (rows: Json[]) => rows.reduce((s, r) => s + fromNumeric(r.amount), 0);
    expect(fromNumeric(year.total_receipts)).toBe(sum(year.receipts));
    expect(fromNumeric(year.balance)).toBe(fromNumeric(year.carried_forward) + sum(year.receipts) - sum(year.payments));
    const quarter1 = await ok(200, statement('quarter', '?fiscal_year=2570&number=1', 'officer.l1976'));
    expect(quarter1.carried_forward).toBe(year.balance);
    expect(quarter1.published).toBe(false);
    expect((await statement('quarter', '?fiscal_year=2570&number=1')).status).toBe(401);
    expect((await statement('quarter', '?fiscal_year=2570&number=5', 'officer.l1976')).status).toBe(400);
    const october = await ok(200, statement('month', '?fiscal_year=2570&number=10'));
    expect(october.period).toMatchObject({ kind: 'month', start: '2026-10-01', end: '2026-10-31' });
  });

  it('records a receipt and a refund with the page’s rules: finance only, amounts positive, open months', async () => {
    const bad = await receipt({ source: 'nhso', entry_date: today, amount: '-5' });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(['amount']);
    const closed = await receipt({ source: 'interest', entry_date: '2026-10-15', amount: '10' });
    expect(closed.status).toBe(400);
    expect(JSON.stringify(await closed.json())).toContain('ปิดงวดแล้ว');
    expect((await receipt({ source: 'nhso', entry_date: today, amount: '10' }, 'officer.l1976')).status).toBe(403);

    const created = await ok(201, receipt({ source: 'other', entry_date: today, amount: '1,234.50', document_no: 'บริจาค 01' }));
    expect(created.reference).toMatch(/^RCV\d{4}-\d{4}$/);
    expect(created.lines).toEqual([
      { account: '10100', account_name: 'เงินฝากธนาคาร', debit: '1234.50', credit: '0.00' },
      { account: '40400', account_name: expect.any(String), debit: '0.00', credit: '1234.50' },
    ]);
    const project = await database.db
      .selectFrom('ledger_entry as e')
      .innerJoin('proposal as p', 'p.id', 'e.proposal_id')
      .innerJoin('fund as f', 'f.id', 'e.fund_id')
      .select('p.project_code')
      .where('f.code', '=', 'L1976')
      .where('e.kind', '=', 'payment')
      .executeTakeFirstOrThrow();
    const refund = await ok(201, receipt({ source: 'refund', project_code: project.project_code, entry_date: today, amount: '100' }));
    expect(refund).toMatchObject({ reference: expect.stringMatching(/^RET/), project_code: project.project_code });
  });

  it('describes the new endpoints in the OpenAPI document', async () => {
    const doc = await ok(200, call(openApiLoader, '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/funds/{code}/ledger', '/funds/{code}/statements/{kind}', '/funds/{code}/receipts']));
  });
});
