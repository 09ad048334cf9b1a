import { describe, expect, it } from 'vitest';
import { approvalWindow, isProjectOrigin, normalisePhone, outsideProjectSchema, parseProjectCode } from '../../src/domain/outside-projects.ts';

const context = { fundCode: 'L1976', today: '2025-06-15', targetGroups: new Set(['1001', '1004']) };
const schema = outsideProjectSchema(context);

/** A paper project of FY 2568 (Oct 2024 – Sep 2025) as the officer types it. */
const typed = (overrides: Record<string, unknown> = {}) => ({
  fiscal_year: '2568',
  title: 'โครงการคัดกรองเบาหวานความดันในชุมชน',
  organisation_name: 'รพ.สต.บ้านโนน',
  organisation_type: '1',
  support_category: '1',
  approved_amount: '25,000',
  approval_date: '15/11/2567',
  meeting_ref: 'ครั้งที่ 2/2568',
  meeting_date: '',
  period_start: '1/12/2567',
  period_end: '31/8/2568',
  place: 'หมู่ 1–12',
  coordinator_name: 'นางสมศรี ใจงาม',
  coordinator_phone: '081-234-5678',
  target_groups: { '1001': '120', '1004': '' },
  project_code: '',
  ...overrides,
});

function problems(input: Record<string, unknown>): Record<string, string> {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('an outside project', () => {
  it('reads what the officer typed into clean values', () => {
    const result = schema.parse(typed());
    expect(result).toEqual({
      fiscalYear: 2568,
      title: 'โครงการคัดกรองเบาหวานความดันในชุมชน',
      organisationName: 'รพ.สต.บ้านโนน',
      organisationType: 1,
      supportCategory: 1,
      amount: 2_500_000,
      approvalDate: '2024-11-15',
      meetingRef: 'ครั้งที่ 2/2568',
      meetingDate: null,
      periodStart: '2024-12-01',
      periodEnd: '2025-08-31',
      place: 'หมู่ 1–12',
      coordinatorName: 'นางสมศรี ใจงาม',
      coordinatorPhone: '0812345678',
      targetGroups: [{ code: '1001', people: 120 }],
      projectCode: null,
    });
  });

  it('needs every required field', () => {
    const empty = Object.fromEntries(Object.keys(typed()).map((k) => [k, '']));
    expect(problems(empty)).toEqual({
      fiscal_year: 'admin.error.required',
      title: 'admin.error.required',
      organisation_name: 'admin.error.required',
      organisation_type: 'proposal.error.organisationType',
      support_category: 'proposal.error.category',
      approved_amount: 'admin.error.required',
      approval_date: 'admin.error.required',
      meeting_ref: 'admin.error.required',
      period_start: 'admin.error.required',
      period_end: 'admin.error.required',
      coordinator_name: 'admin.error.required',
      coordinator_phone: 'admin.error.required',
    });
  });

  it('refuses values that cannot be read', () => {
    expect(problems(typed({ fiscal_year: '2025', approved_amount: 'ห้าพัน', approval_date: '31/2/2568', organisation_type: '9', support_category: '6', title: 'x'.repeat(501) }))).toEqual({
      fiscal_year: 'admin.error.fiscalYearCe',
      approved_amount: 'admin.error.money',
      approval_date: 'admin.error.date',
      organisation_type: 'proposal.error.organisationType',
      support_category: 'proposal.error.category',
      title: 'admin.error.tooLong',
    });
  });

  it('takes an amount of more than nothing and less than a typing slip, in satang', () => {
    expect(problems(typed({ approved_amount: '0' }))).toEqual({ approved_amount: 'outside.error.amountZero' });
    expect(problems(typed({ approved_amount: '-5' }))).toEqual({ approved_amount: 'admin.error.negative' });
    expect(problems(typed({ approved_amount: '100,000,000.01' }))).toEqual({ approved_amount: 'outside.error.amountTooLarge' });
    expect(schema.parse(typed({ approved_amount: '12,500.50' })).amount).toBe(1_250_050);
  });

  it('dates the approval in a sensible window and never in the future', () => {
    expect(approvalWindow(2568, '2025-06-15')).toEqual({ from: '2023-10-01', to: '2025-06-15' });
    expect(approvalWindow(2567, '2025-06-15')).toEqual({ from: '2022-10-01', to: '2024-09-30' });
    expect(problems(typed({ approval_date: '16/6/2568' }))).toEqual({ approval_date: 'outside.error.approvalFuture' });
    expect(problems(typed({ approval_date: '30/9/2566' }))).toEqual({ approval_date: 'outside.error.approvalRange' });
    expect(schema.parse(typed({ approval_date: '1/10/2566' })).approvalDate).toBe('2023-10-01');
    expect(problems(typed({ meeting_date: '16/11/2567' }))).toEqual({ meeting_date: 'outside.error.meetingAfterApproval' });
    expect(schema.parse(typed({ meeting_date: '10/11/2567' })).meetingDate).toBe('2024-11-10');
  });

  it('runs from within its fiscal year, ending after it starts and by the end of the next year', () => {
    expect(problems(typed({ period_start: '30/9/2567' }))).toEqual({ period_start: 'proposal.error.outsideYear' });
    expect(problems(typed({ period_end: '30/11/2567' }))).toEqual({ period_end: 'proposal.error.endBeforeStart' });
    expect(problems(typed({ period_end: '1/10/2569' }))).toEqual({ period_end: 'outside.error.periodTooLong' });
    expect(schema.parse(typed({ period_end: '30/9/2569' })).periodEnd).toBe('2026-09-30');
  });

  it('takes a phone of 9–10 digits starting with 0', () => {
    expect(normalisePhone('045 812 345')).toBe('045812345');
    expect(normalisePhone('12345')).toBeNull();
    expect(problems(typed({ coordinator_phone: '1234-5678' }))).toEqual({ coordinator_phone: 'proposal.error.phone' });
  });

  it('needs at least one target group of the catalogue, with a count', () => {
    expect(problems(typed({ target_groups: {} }))).toEqual({ target_groups: 'outside.error.targetGroups' });
    expect(problems(typed({ target_groups: { '1001': '', '1004': '' } }))).toEqual({ target_groups: 'outside.error.targetGroups' });
    expect(problems(typed({ target_groups: { '9999': '10', '1004': '0', '1001': 'สิบ' } }))).toEqual({
      'target_groups.9999': 'proposal.error.targetGroup',
      'target_groups.1004': 'proposal.error.peopleZero',
      'target_groups.1001': 'admin.error.wholeNumber',
    });
  });

  it('keeps a code it already has when the code is of its year, fund and category', () => {
    expect(parseProjectCode('68-l1976-2-03')).toEqual({ yy: 68, fundCode: 'L1976', category: 2, sequence: 3 });
    expect(parseProjectCode('68-L1976-2-00')).toBeNull();
    expect(parseProjectCode('2568-L1976-2-03')).toBeNull();
    expect(schema.parse(typed({ project_code: ' 68-L1976-1-07 ' })).projectCode).toEqual({ code: '68-L1976-1-07', sequence: 7 });
    expect(schema.parse(typed({ project_code: '68-L1976-1-123' })).projectCode).toEqual({ code: '68-L1976-1-123', sequence: 123 });
    expect(problems(typed({ project_code: 'L1976-68-1' }))).toEqual({ project_code: 'outside.error.codeFormat' });
    for (const code of ['67-L1976-1-07', '68-L1977-1-07', '68-L1976-2-07']) {
      expect(problems(typed({ project_code: code }))).toEqual({ project_code: 'outside.error.codeMismatch' });
    }
  });

  it('names the three origins', () => {
    expect(['system', 'paper', 'imported'].every(isProjectOrigin)).toBe(true);
    expect(isProjectOrigin('other')).toBe(false);
  });
});
