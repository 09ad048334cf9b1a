import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { fiscalYearOf, toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { BANK_ACCOUNT, monthOf, RECEIPT_SOURCE_KEYS, REFUND_ACCOUNT, type ReceiptSource } from '../../src/domain/ledger.ts';
import { fromNumeric, type Satang, toNumeric } from '../../src/domain/money.ts';
import type { Actor } from '../../src/domain/policy.ts';
import type { VoucherTransitionStep } from '../../src/domain/vouchers.ts';
import { Conflict, Invalid } from '../../src/use-cases/errors.ts';
import { closeMonth, getLedger, getStatement, projectMoneyOf, recordReceipt, recordRefund } from '../../src/use-cases/ledger.ts';
import { requestVoucher, stepVoucher } from '../../src/use-cases/vouchers.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase, TEST_ENGINE } from '../support/test-db.ts';

/**
 * The fund's books through their use cases, on demo fund L1978 (books opened 2024-10-01, every
 * month closed up to October 2026, project 70-L1978-2-01 half paid). Refused input changes
 * nothing; racing calls are taken one after the other; and random sequences of receipts,
 * vouchers, refunds and month closes keep the books balanced and within what was approved.
 * Each test starts from the demo books: whatever the previous one posted is removed first.
 */
const FUND = 'L1978';
const PROJECT = '70-L1978-2-01';
/** A FY 2569 project of L1978 paid in full, with a refund: it has a little left. */
const OLD_PROJECT = '69-L1978-4-01';
/** Inside October 2026, which the demo closed. */
const CLOSED_DATE = '2026-10-15';
const CHAIN: [step: VoucherTransitionStep, who: Who][] = [
  ['check', 'finance'],
  ['approve_finance', 'treasurer'],
  ['approve_clerk', 'clerk'],
  ['approve_chair', 'chair'],
];
const PEOPLE = ['officer', 'finance', 'treasurer', 'clerk', 'chair'] as const;
type Who = (typeof PEOPLE)[number];

const today = toBangkokIsoDate(new Date());
const baht = (amount: number) => toNumeric(amount as Satang);
const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const nextMonth = (month: string) => monthOf(addDays(month, 32));

describe(`the fund's books on ${TEST_ENGINE}`, () => {
  let database: Database;
  let db: Database['db'];
  let fundId: number;
  let bankAccount: string;
  let openingBalance: Satang;
  const actors = {} as Record<Who, Actor>;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    const fund = await db.selectFrom('fund').select(['id', 'bank_account_number', 'opening_balance']).where('code', '=', FUND).executeTakeFirstOrThrow();
    fundId = fund.id;
    bankAccount = fund.bank_account_number!;
    openingBalance = fromNumeric(fund.opening_balance!);
    for (const who of PEOPLE) actors[who] = await actorFor(db, `${who}.${FUND.toLowerCase()}`);
  });
  afterAll(() => database.close());

  /** Back to the demo books: what the tests posted, requested and closed goes; the bank account is back. */
  async function reset() {
    await db.deleteFrom('payment_voucher').where('fund_id', '=', fundId).where('is_demo', '=', false).execute();
    await db.deleteFrom('ledger_entry').where('fund_id', '=', fundId).where('is_demo', '=', false).execute();
    await db.deleteFrom('ledger_month_close').where('fund_id', '=', fundId).where('is_demo', '=', false).execute();
    await db.updateTable('fund').set({ bank_account_number: bankAccount }).where('id', '=', fundId).execute();
  }
  beforeEach(reset);

  /** The bank balance from the bank account's lines: the opening balance and every movement since. */
  async function bankBalance(): Promise<Satang> {
    const lines = await db
      .selectFrom('ledger_line as l')
      .innerJoin('ledger_entry as e', 'e.id', 'l.entry_id')
      .select(['l.debit', 'l.credit'])
      .where('e.fund_id', '=', fundId)
      .where('l.account_code', '=', BANK_ACCOUNT)
      .execute();
    return lines.reduce((sum, l) => sum + fromNumeric(l.debit) - fromNumeric(l.credit), openingBalance as number) as Satang;
  }

  /** Everything the books hold, counted and digested, and the bank balance. */
  async function snapshot() {
    const table = async (name: string, order: string) =>
      (
        await sql<{ n: number; digest: string | null }>`select count(*)::int as n, md5(string_agg(t::text, '|' order by ${sql.raw(order)})) as digest from ${sql.table(name)} t`.execute(
          db,
        )
      ).rows[0];
    return {
      ledger_entry: await table('ledger_entry', 'id'),
      ledger_line: await table('ledger_line', 'entry_id, position'),
      ledger_month_close: await table('ledger_month_close', 'fund_id, month'),
      ledger_month_total: await table('ledger_month_total', 'fund_id, month, account_code'),
      payment_voucher: await table('payment_voucher', 'id'),
      payment_voucher_step: await table('payment_voucher_step', 'id'),
      balance: await bankBalance(),
    };
  }

  /** The call is refused with this problem, and the books are as they were. */
  async function refusedUnchanged(call: () => Promise<unknown>, field: string, key?: string) {
    const before = await snapshot();
    const error = await refusal(call);
    expect(error).toBeInstanceOf(Invalid);
    const problems = (error as Invalid).problems;
    expect(problems.map((p) => p.field)).toContain(field);
    if (key) expect(problems.map((p) => p.key)).toContain(key);
    expect(await snapshot()).toEqual(before);
    return problems;
  }

  const receipt = (amount: string, entryDate = today, who: Who = 'finance', source: ReceiptSource = 'nhso') =>
    recordReceipt(db, actors[who], { code: FUND, source, entry_date: entryDate, amount });
  const voucher = (amount: string, projectCode: string | null = PROJECT, who: Who = 'officer') =>
    requestVoucher(
      db,
      actors[who],
      projectCode
        ? { code: FUND, purpose: 'project', project_code: projectCode, amount, payment_method: 'transfer' }
        : { code: FUND, purpose: 'administration', payee: 'ร้านทดสอบ', amount, payment_method: 'transfer' },
    );
  const step = (id: number, stepName: VoucherTransitionStep, version: number, who: Who, payOn = today, reason?: string) =>
    stepVoucher(db, actors[who], { id, step: stepName, version, ...(reason ? { reason } : {}) }, payOn);
  /** Takes a requested voucher through the chain up to (not including) the chair's signature. */
  async function upToChair(id: number): Promise<number> {
    let version = 1;
    for (const [stepName, who] of CHAIN.slice(0, -1)) await step(id, stepName, version++, who);
    return version;
  }
  const projectId = async (code: string) =>
    (await db.selectFrom('proposal').select('id').where('fund_id', '=', fundId).where('project_code', '=', code).executeTakeFirstOrThrow()).id;
  const postings = async (kind: string) =>
    (await db.selectFrom('ledger_entry').select(sql<number>`count(*)::int`.as('n')).where('fund_id', '=', fundId).where('kind', '=', kind as 'receipt').executeTakeFirstOrThrow()).n;

  describe('refuses bad input with a clear error and changes nothing', () => {
    it('a voucher for more than the project has left; exactly what is left is fine', async () => {
      const money = await projectMoneyOf(db, await projectId(PROJECT));
      expect(money.remaining).toBe(12_420_00);
      const problems = await refusedUnchanged(() => voucher(baht(money.remaining + 1)), 'amount', 'ledger.error.overRemaining');
      expect(problems[0]!.params).toEqual({ remaining: '12420.00' });
      // What a voucher in the chain holds counts too: half requested, the other half plus a satang is refused.
      await voucher(baht(6_000_00));
      const held = await refusedUnchanged(() => voucher(baht(money.remaining - 6_000_00 + 1), PROJECT, 'finance'), 'amount', 'ledger.error.overRemaining');
      expect(held[0]!.params).toEqual({ remaining: '6420.00' });
      await expect(voucher(baht(money.remaining - 6_000_00), PROJECT, 'finance')).resolves.toMatchObject({ id: expect.any(Number) });
    });

    it('a receipt dated in a closed month, the demo’s or one just closed', async () => {
      await refusedUnchanged(() => receipt('100.00', CLOSED_DATE), 'entry_date', 'ledger.error.monthClosed');
      // November 2026 is over and open: a receipt goes in, then the month is closed and the next is refused.
      const month = nextMonth('2026-10-01');
      const inMonth = `${month.slice(0, 8)}20` <= today ? `${month.slice(0, 8)}20` : today;
      await receipt('100.00', inMonth);
      await closeMonth(db, actors.finance, { code: FUND, month: month.slice(0, 7) });
      if (inMonth < monthOf(today)) await refusedUnchanged(() => receipt('50.00', inMonth), 'entry_date', 'ledger.error.monthClosed');
      await refusedUnchanged(() => receipt('50.00', addDays(today, 1)), 'entry_date', 'ledger.error.future');
    });

    it('a refund larger than the project was paid, net of what it returned already', async () => {
      const money = await projectMoneyOf(db, await projectId(PROJECT));
      expect(money.paid - money.refunded).toBe(12_420_00);
      const problems = await refusedUnchanged(
        () => recordRefund(db, actors.finance, { code: FUND, project_code: PROJECT, entry_date: today, amount: baht(12_420_01) }),
        'amount',
        'ledger.error.overPaid',
      );
      expect(problems[0]!.params).toEqual({ paid: '12420.00' });
      await recordRefund(db, actors.finance, { code: FUND, project_code: PROJECT, entry_date: today, amount: '12,000' });
      await refusedUnchanged(
        () => recordRefund(db, actors.treasurer, { code: FUND, project_code: PROJECT, entry_date: today, amount: '420.01' }),
        'amount',
        'ledger.error.overPaid',
      );
      await recordRefund(db, actors.treasurer, { code: FUND, project_code: PROJECT, entry_date: today, amount: '420' });
      expect(await projectMoneyOf(db, await projectId(PROJECT))).toMatchObject({ paid: 12_420_00, refunded: 12_420_00, remaining: 24_840_00 });
    });

    it('a receipt of a negative, zero or malformed amount', async () => {
      for (const amount of ['-5', '-0.01', '0', '0.00', '', '12.345', '1e3'])
        await refusedUnchanged(() => receipt(amount), 'amount', amount.startsWith('0') ? 'ledger.error.zero' : undefined);
      await refusedUnchanged(() => receipt('-5'), 'amount', 'admin.error.negative');
      await refusedUnchanged(() => voucher('0'), 'amount', 'ledger.error.zero');
      await refusedUnchanged(() => recordRefund(db, actors.finance, { code: FUND, project_code: PROJECT, entry_date: today, amount: '-1' }), 'amount');
    });

    it('a voucher, or its payment, when the fund has no bank account', async () => {
      const { id } = await voucher('1,000');
      const version = await upToChair(id);
      await db.updateTable('fund').set({ bank_account_number: null }).where('id', '=', fundId).execute();
      await refusedUnchanged(() => voucher('1,000'), 'amount', 'ledger.error.noBankAccount');
      await refusedUnchanged(() => voucher('1,000', null), 'amount', 'ledger.error.noBankAccount');
      await refusedUnchanged(() => step(id, 'approve_chair', version, 'chair'), 'amount', 'ledger.error.noBankAccount');
      expect(await db.selectFrom('payment_voucher').select(['state', 'ledger_entry_id']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
        state: 'clerk_approved',
        ledger_entry_id: null,
      });
      // With the account set up again the same signature pays.
      await db.updateTable('fund').set({ bank_account_number: bankAccount }).where('id', '=', fundId).execute();
      await expect(step(id, 'approve_chair', version, 'chair')).resolves.toEqual({ id, state: 'paid' });
    });
  });

  describe('takes racing calls one after the other', () => {
    it('the same step taken twice at once: one signs, the other is told the voucher moved on; one payment', async () => {
      const { id } = await voucher('1,000');
      const paymentsBefore = await postings('payment');
      const balanceBefore = await bankBalance();
      let version = 1;
      for (const [stepName, who] of CHAIN) {
        const outcomes = await Promise.allSettled([step(id, stepName, version, who), step(id, stepName, version, who)]);
        expect(outcomes.filter((o) => o.status === 'fulfilled'), stepName).toHaveLength(1);
        const rejected = outcomes.filter((o) => o.status === 'rejected');
        expect(rejected, stepName).toHaveLength(1);
        expect(rejected[0]!.reason, stepName).toBeInstanceOf(Conflict);
        version++;
      }
      const row = await db.selectFrom('payment_voucher').select(['state', 'version', 'ledger_entry_id']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state: 'paid', version: 5, ledger_entry_id: expect.any(Number) });
      const signatures = await db.selectFrom('payment_voucher_step').select('step').where('voucher_id', '=', id).orderBy('id').execute();
      expect(signatures.map((s) => s.step)).toEqual(['request', ...CHAIN.map(([s]) => s)]);
      expect(await postings('payment')).toBe(paymentsBefore + 1);
      expect(await bankBalance()).toBe(balanceBefore - 1_000_00);
    });

    it('receipts recorded at once by two finance people: all posted, numbered without gaps, in balance', async () => {
      const balanceBefore = await bankBalance();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => receipt(baht(100_00 + i), today, i % 2 === 0 ? 'finance' : 'treasurer', RECEIPT_SOURCE_KEYS[i % RECEIPT_SOURCE_KEYS.length])),
      );
      const references = results.map((r) => r.reference);
      expect(new Set(references).size).toBe(6);
      const prefix = `RCV${fiscalYearOf(today)}-`;
      for (const reference of references) expect(reference.startsWith(prefix)).toBe(true);
      const numbers = references.map((r) => Number(r.slice(prefix.length))).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
      expect(await bankBalance()).toBe(balanceBefore + 6 * 100_00 + 15);
      await expectBooksInOrder();
    });

    it('two vouchers at once for more than the project has left between them: one is refused', async () => {
      const proposalId = await projectId(PROJECT);
      const outcomes = await Promise.allSettled([voucher('8,000', PROJECT, 'officer'), voucher('8,000', PROJECT, 'finance')]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.filter((o) => o.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(Invalid);
      expect((rejected[0]!.reason as Invalid).problems[0]).toMatchObject({ field: 'amount', key: 'ledger.error.overRemaining' });
      const pending = await db.selectFrom('payment_voucher').select('amount').where('proposal_id', '=', proposalId).where('state', '=', 'requested').execute();
      expect(pending.map((v) => v.amount)).toEqual(['8000.00']);
    });
  });

  /** Every posting balances, references run without gaps, the bank agrees three ways, and no project is overpaid. */
  async function expectBooksInOrder() {
    const rows = await db
      .selectFrom('ledger_entry as e')
      .innerJoin('ledger_line as l', 'l.entry_id', 'e.id')
      .select(['e.id', 'e.kind', 'e.reference', 'e.proposal_id', 'l.account_code', 'l.debit', 'l.credit'])
      .where('e.fund_id', '=', fundId)
      .execute();
    const entries = new Map<number, { kind: string; reference: string; proposalId: number | null; debit: number; credit: number }>();
    let receipts = 0;
    let payments = 0;
    let refunds = 0;
    const netPaid = new Map<number, number>();
    for (const row of rows) {
      const entry = entries.get(row.id) ?? { kind: row.kind, reference: row.reference, proposalId: row.proposal_id, debit: 0, credit: 0 };
      entries.set(row.id, entry);
      const debit = fromNumeric(row.debit);
      const credit = fromNumeric(row.credit);
      entry.debit += debit;
      entry.credit += credit;
      // Each kind counted from its other side, not the bank's line.
      if (row.kind === 'receipt' && row.account_code.startsWith('40')) receipts += credit;
      if (row.kind === 'payment' && row.account_code.startsWith('50')) payments += debit;
      if (row.kind === 'refund' && row.account_code === REFUND_ACCOUNT) refunds += credit;
      if (row.proposal_id !== null && row.account_code === BANK_ACCOUNT) netPaid.set(row.proposal_id, (netPaid.get(row.proposal_id) ?? 0) + credit - debit);
    }
    for (const entry of entries.values()) expect(entry.debit, entry.reference).toBe(entry.credit);
    const byPrefix = new Map<string, number[]>();
    for (const { reference } of entries.values()) {
      const [prefix, n] = reference.split('-') as [string, string];
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), Number(n)]);
    }
    for (const [prefix, numbers] of byPrefix) expect(numbers.sort((a, b) => a - b), prefix).toEqual(numbers.map((_, i) => i + 1));
    const expected = openingBalance + receipts - payments + refunds;
    expect(await bankBalance()).toBe(expected);
    const fiscalYear = fiscalYearOf(today);
    const ledger = await getLedger(db, actors.finance, { code: FUND, fiscalYear });
    expect(ledger.balance).toBe(expected);
    const statement = await getStatement(db, actors.finance, { code: FUND, kind: 'year', fiscalYear });
    expect(statement.statement.balance).toBe(expected);
    const projects = await db.selectFrom('proposal').select(['id', 'project_code', 'approved_amount']).where('fund_id', '=', fundId).execute();
    for (const project of projects) {
      const net = netPaid.get(project.id) ?? 0;
      expect(net, project.project_code ?? '').toBeGreaterThanOrEqual(0);
      expect(net, project.project_code ?? '').toBeLessThanOrEqual(project.approved_amount === null ? 0 : fromNumeric(project.approved_amount));
    }
    // Nothing went into a month after it was closed.
    const late = await sql<{ reference: string }>`
      select e.reference from ledger_entry e
      join ledger_month_close c on c.fund_id = e.fund_id and c.month = date_trunc('month', e.entry_date)::date
      where e.fund_id = ${fundId} and not e.is_demo and e.created_at >= c.closed_at`.execute(db);
    expect(late.rows).toEqual([]);
  }

  describe('random sequences of receipts, vouchers, refunds and month closes', () => {
    type DateChoice = 'closed' | 'recent' | 'today' | 'future';
    type Command =
      | { kind: 'receipt'; who: 'finance' | 'treasurer'; source: ReceiptSource; amount: number; date: DateChoice }
      | { kind: 'voucher'; project: 'current' | 'old' | 'none'; amount: number; payOn: DateChoice }
      | { kind: 'refund'; project: 'current' | 'old'; amount: number; date: DateChoice }
      | { kind: 'close'; which: 'next' | 'current' | 'closed' };

    const amount = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 1_500_000 }), weight: 8 }, { arbitrary: fc.constantFrom(0, -1, -100_00), weight: 1 });
    const date = fc.constantFrom<DateChoice>('closed', 'recent', 'recent', 'today', 'today', 'future');
    const command: fc.Arbitrary<Command> = fc.oneof(
      fc.record({ kind: fc.constant('receipt' as const), who: fc.constantFrom('finance' as const, 'treasurer' as const), source: fc.constantFrom(...RECEIPT_SOURCE_KEYS), amount, date }),
      fc.record({ kind: fc.constant('voucher' as const), project: fc.constantFrom('current' as const, 'current' as const, 'old' as const, 'none' as const), amount, payOn: date }),
      fc.record({ kind: fc.constant('refund' as const), project: fc.constantFrom('current' as const, 'old' as const), amount, date }),
      fc.record({ kind: fc.constant('close' as const), which: fc.constantFrom('next' as const, 'next' as const, 'current' as const, 'closed' as const) }),
    );

    it(
      'keep every posting balanced, the bank equal to what came in and went out, closed months shut and projects within approval',
      async () => {
        const projects = { current: PROJECT, old: OLD_PROJECT } as const;
        const ids = { current: await projectId(PROJECT), old: await projectId(OLD_PROJECT) };
        await fc.assert(
          fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
            await reset();
            // The model: what the use cases should accept, from the books as the demo left them.
            const closed = new Set((await db.selectFrom('ledger_month_close').select('month').where('fund_id', '=', fundId).execute()).map((c) => c.month));
            const firstOpen = nextMonth([...closed].sort().at(-1)!);
            const dates: Record<DateChoice, string> = {
              closed: CLOSED_DATE,
              recent: `${firstOpen.slice(0, 8)}20` <= today ? `${firstOpen.slice(0, 8)}20` : today,
              today,
              future: addDays(today, 1),
            };
            const money = {
              current: await projectMoneyOf(db, ids.current),
              old: await projectMoneyOf(db, ids.old),
            };
            const net = { current: money.current.paid - money.current.refunded, old: money.old.paid - money.old.refunded };
            const approved = { current: money.current.approved as number, old: money.old.approved as number };
            let balance: number = await bankBalance();
            const open = (d: DateChoice) => !closed.has(monthOf(dates[d])) && dates[d] <= today;

            /** Runs a call the model expects to pass, or to be refused leaving the books as they were. */
            async function expectOutcome<T>(call: () => Promise<T>, accepted: boolean, what: string): Promise<T | null> {
              const before = await snapshot();
              try {
                const result = await call();
                expect(accepted, `${what} was accepted`).toBe(true);
                return result;
              } catch (error) {
                if (!(error instanceof Invalid)) throw error;
                expect(accepted, `${what} was refused: ${error.message}`).toBe(false);
                expect(await snapshot(), what).toEqual(before);
                return null;
              }
            }

            for (const c of commands) {
              const what = JSON.stringify(c);
              if (c.kind === 'receipt') {
                const ok = c.amount > 0 && open(c.date);
                const posted = await expectOutcome(() => receipt(baht(c.amount), dates[c.date], c.who, c.source), ok, what);
                if (posted) balance += c.amount;
              } else if (c.kind === 'refund') {
                const ok = c.amount > 0 && c.amount <= net[c.project] && open(c.date);
                const input = { code: FUND, project_code: projects[c.project], entry_date: dates[c.date], amount: baht(c.amount) };
                if (await expectOutcome(() => recordRefund(db, actors.finance, input), ok, what)) {
                  balance += c.amount;
                  net[c.project] -= c.amount;
                }
              } else if (c.kind === 'voucher') {
                const project = c.project === 'none' ? null : c.project;
                const fits = c.amount > 0 && (project === null || c.amount <= approved[project] - net[project]);
                const requested = await expectOutcome(() => voucher(baht(c.amount), project ? projects[project] : null), fits, what);
                if (!requested) continue;
                const version = await upToChair(requested.id);
                const pays = open(c.payOn) && c.amount <= balance;
                const paid = await expectOutcome(() => step(requested.id, 'approve_chair', version, 'chair', dates[c.payOn]), pays, `${what} approve_chair`);
                if (paid) {
                  balance -= c.amount;
                  if (project) net[project] += c.amount;
                } else {
                  // Not paid: the chair sends it back and the requester withdraws it, releasing what it held.
                  await step(requested.id, 'return', version, 'chair', today, 'วันที่จ่ายอยู่ในงวดที่ปิดแล้ว');
                  await step(requested.id, 'cancel', version + 1, 'officer', today, 'ไม่เบิกแล้ว');
                }
                const state = await db.selectFrom('payment_voucher').select('state').where('id', '=', requested.id).executeTakeFirstOrThrow();
                expect(state.state).toBe(paid ? 'paid' : 'cancelled');
              } else {
                const latest = [...closed].sort().at(-1)!;
                const month = c.which === 'next' ? nextMonth(latest) : c.which === 'current' ? monthOf(today) : latest;
                const ok = !closed.has(month) && month < monthOf(today) && closed.has(monthOf(addDays(month, -1)));
                if (await expectOutcome(() => closeMonth(db, actors.finance, { code: FUND, month: month.slice(0, 7) }).then(() => true), ok, what)) closed.add(month);
              }
            }
            expect(await bankBalance()).toBe(balance);
            for (const key of ['current', 'old'] as const) {
              const after = await projectMoneyOf(db, ids[key]);
              expect(after.paid - after.refunded, key).toBe(net[key]);
            }
            await expectBooksInOrder();
          }),
          { numRuns: 15 },
        );
      },
      120_000,
    );
  });
});
