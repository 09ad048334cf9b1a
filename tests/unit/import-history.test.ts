import { describe, expect, it } from 'vitest';
import {
  buildEntry,
  entryKindOf,
  historyColumn,
  jsonValueText,
  type LedgerLineValues,
  MAX_REJECTED_LISTED,
  parseCategory,
  parseHistoryDate,
  parseProjectStatus,
  readHeader,
  readLedgerRecord,
  readPlanRecord,
  readProjectRecord,
  RunSummary,
  sameLines,
} from '../../src/domain/import-history.ts';
import type { Satang } from '../../src/domain/money.ts';

// The rules of importing history from the current program (src/domain/import-history.ts):
// dates in ISO (CE) and Thai (BE) forms with the wrong era refused, never guessed; categories
// by number or label; statuses in the old program's words; exact money; ledger transactions
// that balance and suit their reference; the bounded summary of a run.

const s = (baht: number) => Math.round(baht * 100) as Satang;
const keys = (problems: { key: string }[]) => problems.map((p) => p.key);

describe('dates', () => {
  it('reads ISO as CE and Thai numeric and month-name forms as BE', () => {
    expect(parseHistoryDate('2022-01-10')).toEqual({ ok: true, value: '2022-01-10' });
    expect(parseHistoryDate('2022-01-10T08:30:00+07:00')).toEqual({ ok: true, value: '2022-01-10' });
    expect(parseHistoryDate('31/03/2565')).toEqual({ ok: true, value: '2022-03-31' });
    expect(parseHistoryDate('1.2.2565')).toEqual({ ok: true, value: '2022-02-01' });
    expect(parseHistoryDate('15 ธ.ค. 2564')).toEqual({ ok: true, value: '2021-12-15' });
    expect(parseHistoryDate('1 กุมภาพันธ์ พ.ศ. 2565')).toEqual({ ok: true, value: '2022-02-01' });
    expect(parseHistoryDate('๓๐ เม.ย. ๒๕๖๕')).toEqual({ ok: true, value: '2022-04-30' });
  });

  it('refuses a CE year in a Thai form and a BE year in ISO, naming the other reading', () => {
    expect(parseHistoryDate('15/01/2022')).toEqual({ ok: false, code: 'dateCe', params: { text: '15/01/2022', be: '15/1/2565' } });
    expect(parseHistoryDate('2565-01-15')).toEqual({ ok: false, code: 'dateBe', params: { text: '2565-01-15', ce: '2022-01-15' } });
    expect(parseHistoryDate('15 ม.ค. 2022')).toMatchObject({ ok: false, code: 'dateCe' });
  });

  it('refuses two-digit years, impossible days, unknown months and far years', () => {
    expect(parseHistoryDate('15/01/65')).toMatchObject({ ok: false, code: 'dateTwoDigitYear' });
    expect(parseHistoryDate('15 ม.ค. 65')).toMatchObject({ ok: false, code: 'dateTwoDigitYear' });
    expect(parseHistoryDate('31/02/2565')).toEqual({ ok: false, problem: 'date' });
    expect(parseHistoryDate('29/02/2567')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseHistoryDate('29/02/2566')).toEqual({ ok: false, problem: 'date' });
    expect(parseHistoryDate('15 มกรา 2565')).toEqual({ ok: false, problem: 'date' });
    expect(parseHistoryDate('next tuesday')).toEqual({ ok: false, problem: 'date' });
    expect(parseHistoryDate('1850-01-01')).toEqual({ ok: false, problem: 'dateRange' });
  });
});

describe('categories and statuses', () => {
  it('reads a support category by number, clause or label', () => {
    for (const text of ['2', '10(2)', 'ข้อ 10(2)', '(2)', '๒']) expect(parseCategory(text), text).toEqual({ ok: true, value: 2 });
    expect(parseCategory('สนับสนุนกิจกรรมสร้างเสริมสุขภาพ การป้องกันโรคของกลุ่มหรือองค์กรประชาชน/หน่วยงานอื่น [ข้อ 10(2)]')).toEqual({ ok: true, value: 2 });
    expect(parseCategory('ศูนย์เด็กเล็ก/ผู้สูงอายุ/คนพิการ')).toEqual({ ok: true, value: 3 });
    expect(parseCategory('สนับสนุนการบริหารหรือพัฒนากองทุนฯ')).toEqual({ ok: true, value: 4 });
    expect(parseCategory('Epidemics and disasters')).toEqual({ ok: true, value: 5 });
  });

  it('refuses an unknown category, a number out of range, and a label contradicting its clause', () => {
    expect(parseCategory('6')).toMatchObject({ ok: false, code: 'category' });
    expect(parseCategory('สนับสนุนอะไรสักอย่าง')).toMatchObject({ ok: false, code: 'category' });
    expect(parseCategory('ศูนย์เด็กเล็ก/ผู้สูงอายุ/คนพิการ [ข้อ 10(1)]')).toMatchObject({ ok: false, code: 'category' });
  });

  it("reads the old program's statuses, empty as running", () => {
    expect(parseProjectStatus('')).toEqual({ ok: true, value: 'running' });
    expect(parseProjectStatus('ดำเนินการเสร็จสิ้น')).toEqual({ ok: true, value: 'completed' });
    expect(parseProjectStatus(' Completed ')).toEqual({ ok: true, value: 'completed' });
    expect(parseProjectStatus('ยกเลิก')).toEqual({ ok: true, value: 'terminated' });
    expect(parseProjectStatus('ระงับ')).toEqual({ ok: true, value: 'suspended' });
    expect(parseProjectStatus('maybe')).toMatchObject({ ok: false, code: 'status' });
  });
});

describe('columns', () => {
  it('finds columns by name or alias whatever the case and separators', () => {
    expect(historyColumn('projects', 'Fund Code')).toBe('fundCode');
    expect(historyColumn('projects', 'fundId')).toBe('fundCode');
    expect(historyColumn('financial_plans', 'fund_code')).toBe('fundId');
    expect(historyColumn('ledger', 'reference')).toBe('refCode');
    expect(historyColumn('projects', 'projectName')).toBeNull();
  });

  it('names the missing and the unknown columns of a header', () => {
    const plan = readHeader('projects', ['fundCode', 'projectId', 'projectCode', 'projectName', 'budgetYear', 'projectType', 'budgetGrant', '']);
    expect(plan.missing).toEqual(['projectTitle']);
    expect(plan.unknown).toEqual(['projectName']);
    expect(plan.positions.get('budgetGrant')).toBe(6);
    // A column given twice: the second is not ours.
    expect(readHeader('ledger', ['fundCode', 'refCode', 'date', 'dateTrans', 'accountCode']).unknown).toEqual(['dateTrans']);
  });

  it('writes JSON values as the text a cell would hold', () => {
    expect([jsonValueText(25000.5), jsonValueText(null), jsonValueText('x'), jsonValueText(true), jsonValueText({ a: 1 })]).toEqual(['25000.5', '', 'x', 'true', '{"a":1}']);
  });
});

describe('records', () => {
  const project = {
    fundCode: 'l1976',
    projectId: 'P-1',
    projectCode: '65-L1976-2-01',
    projectTitle: 'โครงการ',
    budgetYear: '2565',
    projectType: '2',
    budgetGrant: '25,000.50',
    dateStart: '2022-01-10',
    dateEnd: '31/03/2565',
    dateApprove: '15 ธ.ค. 2564',
    targetSize: '60',
    targetGroup: 'ผู้สูงอายุ',
  };

  it('reads a followed project with exact money and keeps what has no column', () => {
    const row = readProjectRecord(2, project);
    expect(row.problems).toEqual([]);
    expect(row.fundCode).toBe('L1976');
    expect(row.values).toMatchObject({ fiscalYear: 2565, category: 2, approvedAmount: 2500050, periodStart: '2022-01-10', periodEnd: '2022-03-31', decidedOn: '2021-12-15', status: 'running' });
    expect(row.values?.detail).toEqual({ targetGroup: 'ผู้สูงอายุ', targetSize: '60' });
  });

  it('gives each bad value its own problem and no values', () => {
    const row = readProjectRecord(3, { ...project, budgetYear: '2022', budgetGrant: '-500', dateEnd: '2022-01-01', targetSize: 'sixty', projectTitle: '' });
    expect(row.values).toBeNull();
    expect(row.problems.map((p) => `${p.column}:${p.key}`)).toEqual([
      'projectTitle:history.error.missingValue',
      'budgetYear:admin.error.fiscalYearCe',
      'budgetGrant:admin.error.negative',
      'dateEnd:history.error.periodOrder',
      'targetSize:admin.error.wholeNumber',
    ]);
  });

  it('reads a financial plan; a missing income is an error, other income may be blank', () => {
    const plan = { fundId: 'L1976', budgetYear: '2565', openBalance: '152340.75', incomeNhso: '230000', incomeLocal: '69,000', budget10_1: '1', budget10_2: '2', budget10_3: '3', budget10_4: '4', budget10_5: '5' };
    const row = readPlanRecord(2, plan);
    expect(row.values).toMatchObject({ fiscalYear: 2565, carryOver: 15234075, laoCofunding: 6900000, otherIncome: 0, allocations: [100, 200, 300, 400, 500] });
    expect(row.key).toBe('2565');
    expect(keys(readPlanRecord(2, { ...plan, incomeNhso: '' }).problems)).toEqual(['history.error.missingValue']);
  });

  it('reads a ledger line: a CE reference, an unknown account, both or neither side are refused', () => {
    const line = { fundCode: 'L1976', refCode: 'pay2565-0001', dateTrans: '20 ม.ค. 2565', accountCode: '50200', debit: '12,500.25', credit: '' };
    expect(readLedgerRecord(2, line).values).toMatchObject({ reference: 'PAY2565-0001', date: '2022-01-20', debit: 1250025, credit: 0 });
    expect(keys(readLedgerRecord(2, { ...line, refCode: 'RCV2022-0001' }).problems)).toEqual(['history.error.referenceCe']);
    expect(keys(readLedgerRecord(2, { ...line, refCode: 'R-1' }).problems)).toEqual(['history.error.reference']);
    expect(keys(readLedgerRecord(2, { ...line, accountCode: '99999' }).problems)).toEqual(['history.error.account']);
    expect(keys(readLedgerRecord(2, { ...line, credit: '5' }).problems)).toEqual(['history.error.debitOrCredit']);
    expect(keys(readLedgerRecord(2, { ...line, debit: '' }).problems)).toEqual(['history.error.debitOrCredit']);
  });
});

describe('ledger entries', () => {
  const line = (reference: string, accountCode: string, debit: number, credit: number, date = '2022-01-20'): LedgerLineValues => ({
    reference,
    date,
    accountCode,
    debit: s(debit),
    credit: s(credit),
    project: '',
    description: '',
  });

  it('knows the kind of a posting from its reference', () => {
    expect(['RCV2565-0001', 'PAY2565-0001', 'RET2565-0001', 'ADJ2565-0001', 'XYZ2565-0001'].map(entryKindOf)).toEqual(['receipt', 'payment', 'refund', 'correction', null]);
  });

  it('adds the bank side when the file leaves it out, in the fiscal year of the date', () => {
    const { entry, problems } = buildEntry([line('PAY2565-0001', '50200', 12500.25, 0, '2021-10-01')]);
    expect(problems).toEqual([]);
    expect(entry?.fiscalYear).toBe(2565);
    expect(entry?.lines).toEqual([
      { accountCode: '50200', debit: 1250025, credit: 0 },
      { accountCode: '10100', debit: 0, credit: 1250025 },
    ]);
    expect(buildEntry([line('PAY2565-0001', '50200', 1, 0, '2021-09-30')]).entry?.fiscalYear).toBe(2564);
  });

  it('refuses listed lines that do not balance, to the satang', () => {
    const { entry, problems } = buildEntry([line('PAY2565-0009', '50200', 1000, 0), line('PAY2565-0009', '10100', 0, 999.99)]);
    expect(entry).toBeNull();
    expect(problems).toEqual([{ column: 'debit', key: 'history.error.unbalanced', params: { reference: 'PAY2565-0009', debit: '1000.00', credit: '999.99' } }]);
    expect(buildEntry([line('PAY2565-0009', '50200', 1000, 0), line('PAY2565-0009', '10100', 0, 1000)]).problems).toEqual([]);
  });

  it('refuses lines that do not suit the kind, and lines of one entry on different dates', () => {
    expect(keys(buildEntry([line('RCV2565-0001', '50200', 10, 0)]).problems)).toEqual(['history.error.accountForKind']);
    expect(keys(buildEntry([line('RCV2565-0001', '40500', 0, 10)]).problems)).toEqual(['history.error.accountForKind']);
    expect(keys(buildEntry([line('RET2565-0001', '40500', 0, 10)]).problems)).toEqual([]);
    expect(keys(buildEntry([line('PAY2565-0001', '50200', 5, 0), line('PAY2565-0001', '50300', 5, 0, '2022-01-21')]).problems)).toEqual(['history.error.entryDates']);
  });

  it('compares postings line by line, whatever their order', () => {
    const a = [{ accountCode: '50200', debit: s(5), credit: s(0) }, { accountCode: '10100', debit: s(0), credit: s(5) }];
    expect(sameLines(a, [...a].reverse())).toBe(true);
    expect(sameLines(a, [{ ...a[0]!, debit: s(5.01) }, a[1]!])).toBe(false);
  });
});

describe('the summary of a run', () => {
  it('counts every row and lists rejected ones first, bounded', () => {
    const summary = new RunSummary();
    summary.add({ row: 5, fundCode: 'L1', key: 'b', outcome: 'created', problems: [] });
    summary.add({ row: 9, fundCode: 'L1', key: 'c', outcome: 'unchanged', problems: [] });
    for (let i = 0; i < MAX_REJECTED_LISTED + 3; i++) summary.add({ row: 100 + i, fundCode: 'L1', key: `r${i}`, outcome: 'rejected', problems: [] });
    expect(summary.counts).toEqual({ created: 1, updated: 0, unchanged: 1, rejected: MAX_REJECTED_LISTED + 3 });
    expect(summary.total).toBe(MAX_REJECTED_LISTED + 5);
    expect(summary.more).toBe(3);
    const rows = summary.rows();
    expect(rows).toHaveLength(MAX_REJECTED_LISTED + 1);
    expect(rows[0]?.outcome).toBe('rejected');
    expect(rows.at(-1)).toMatchObject({ key: 'b', outcome: 'created' });
  });
});
