import { type Kysely, type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { percentToBasisPoints } from '../../src/domain/fund-year.ts';
import { fromNumeric } from '../../src/domain/money.ts';
import { financialPlanProblems } from '../../src/domain/planning.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import {
  addPlanProgram,
  getFundPlanExport,
  getFundPlanYear,
  getPlanEntry,
  listFundPlanYears,
  removePlanProgram,
  saveFinancialPlan,
  savePlanEntry,
  startFundPlan,
  transitionFundPlan,
} from '../../src/use-cases/plans.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

function problemsOf(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(Invalid);
  return Object.fromEntries((error as Invalid).problems.map((p) => [p.field, p.key]));
}

const FINANCE = ['carry_over', 'nhso_transfer', 'lao_cofunding', 'other_income', 'allocation_1', 'allocation_2', 'allocation_3', 'allocation_4', 'allocation_5'] as const;
const UNDER_ENTRY = ['plan_situation', 'plan_objective', 'plan_entry_approach', 'plan_entry_target_group', 'planned_project'] as const;

/**
 * A fund's plans on the demo data. Fund A (L1976, อำเภอกันทรลักษ์ 3304) starts an empty plan for
 * FY 2567 that most tests fill in; its demo FY 2570 draft goes through the workflow. In 3304 the
 * demo FY 2570 plans are: L1976 draft, L1977 submitted, L1978 approved, L1979 draft.
 */
describe('fund plans', () => {
  let database: Database;
  let db: Kysely<DB>;
  let admin: Actor;
  let officerA: Actor;
  let officerB: Actor;
  let officerC: Actor;
  let mentorA: Actor;
  let financeA: Actor;
  const A = 'L1976';
  const EMPTY_YEAR = 2567;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    admin = await actorFor(db, 'admin');
    officerA = await actorFor(db, 'officer.l1976');
    officerB = await actorFor(db, 'officer.l1977');
    officerC = await actorFor(db, 'officer.l1978');
    mentorA = await actorFor(db, 'mentor3304');
    financeA = await actorFor(db, 'finance.l1976');
  });
  afterAll(() => database.close());

  /** Every row of a fund's plans for a year (all revisions), to show that a refusal changed nothing. */
  async function planState(code: string, fiscalYear: number) {
    const plans = await db
      .selectFrom('fund_plan')
      .innerJoin('fund', 'fund.id', 'fund_plan.fund_id')
      .selectAll('fund_plan')
      .where('fund.code', '=', code)
      .where('fund_plan.fiscal_year', '=', fiscalYear)
      .orderBy('revision')
      .execute();
    const entries = await db
      .selectFrom('plan_entry as e')
      .innerJoin('fund_plan as p', 'p.id', 'e.plan_id')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .selectAll('e')
      .where('f.code', '=', code)
      .where('p.fiscal_year', '=', fiscalYear)
      .orderBy('e.id')
      .execute();
    const under: Record<string, string[]> = {};
    for (const table of UNDER_ENTRY) {
      const rows = await sql<Record<string, unknown>>`
        select t.* from ${sql.table(table)} t join plan_entry e on e.id = t.entry_id join fund_plan p on p.id = e.plan_id join fund f on f.id = p.fund_id
        where f.code = ${code} and p.fiscal_year = ${fiscalYear}`.execute(db);
      under[table] = rows.rows.map((r) => JSON.stringify(r)).sort();
    }
    return { plans, entries, under };
  }

  /** A plan's content by program, without ids: what a copy must reproduce. */
  async function content(code: string, fiscalYear: number, revision: number) {
    const where = sql`f.code = ${code} and p.fiscal_year = ${fiscalYear} and p.revision = ${revision}`;
    const q = async (query: RawBuilder<unknown>) => (await query.execute(db)).rows.map((r) => JSON.stringify(r)).sort();
    const from = sql`from plan_entry e join fund_plan p on p.id = e.plan_id join fund f on f.id = p.fund_id`;
    return {
      entries: await q(sql`select e.program_code, e.score_size, e.score_severity, e.score_awareness, e.score_difficulty ${from} where ${where}`),
      situations: await q(
        sql`select e.program_code, s.indicator_code, s.numerator, s.denominator, s.value, s.target, s.source, s.data_date ${from} join plan_situation s on s.entry_id = e.id where ${where}`,
      ),
      objectives: await q(sql`select e.program_code, o.position, o.objective, o.indicator, o.target ${from} join plan_objective o on o.entry_id = e.id where ${where}`),
      approaches: await q(sql`select e.program_code, a.approach_id ${from} join plan_entry_approach a on a.entry_id = e.id where ${where}`),
      targetGroups: await q(sql`select e.program_code, g.target_group_code ${from} join plan_entry_target_group g on g.entry_id = e.id where ${where}`),
      projects: await q(
        sql`select e.program_code, pp.position, pp.title, pp.organisation, pp.budget, pp.support_category ${from} join planned_project pp on pp.entry_id = e.id where ${where}`,
      ),
    };
  }

  async function planRow(code: string, fiscalYear: number, revision: number) {
    return db
      .selectFrom('fund_plan')
      .innerJoin('fund', 'fund.id', 'fund_plan.fund_id')
      .selectAll('fund_plan')
      .where('fund.code', '=', code)
      .where('fund_plan.fiscal_year', '=', fiscalYear)
      .where('revision', '=', revision)
      .executeTakeFirstOrThrow();
  }

  /** The version of the revision being worked on (else the one in force), as a form would post it. */
  async function versionOf(code: string, fiscalYear: number, actor: Actor = admin): Promise<string> {
    const year = await getFundPlanYear(db, actor, { code, fiscalYear });
    return String(year.plan!.version);
  }

  const approachIds = async (program: string) =>
    (await db.selectFrom('plan_approach').select('id').where('program_code', '=', program).orderBy('sort_order').orderBy('id').execute()).map((a) => a.id);

  const blankSituation = { numerator: '', denominator: '', value: '', target: '', source: '', data_date: '' };

  /** The communicable-diseases form of fund A's FY 2567 plan: COM01 per 100,000, COM02 and COM03 percent. */
  async function communicableForm(version: string, change: Record<string, unknown> = {}) {
    return {
      code: A,
      fiscalYear: String(EMPTY_YEAR),
      program: 'communicable',
      version,
      scores: { size: '3', severity: '4', awareness: '2', difficulty: '1' },
      situations: {
        COM01: { ...blankSituation, numerator: '3', denominator: '4,500', target: '50' },
        COM02: { ...blankSituation, numerator: '37', denominator: '120', value: '99', target: '20', source: 'สำรวจโดย อสม.', data_date: '31/8/2566' },
        COM03: { ...blankSituation, value: '85.5' },
        COM04: { ...blankSituation },
      },
      objectives: {
        '0': { objective: 'ลดลูกน้ำยุงลาย', indicator: 'ค่า HI ไม่เกิน 10', target: '10' },
        '1': { objective: '', indicator: '', target: '' },
      },
      approaches: { [String((await approachIds('communicable'))[0])]: 'on' },
      target_groups: { '2004': 'on', '1002': 'on' },
      projects: {
        '0': { title: 'โครงการบ้านสะอาด', organisation: 'ชมรม อสม.', budget: '25,000.50', support_category: '2' },
        '1': { title: '', organisation: '', budget: '', support_category: '' },
      },
      ...change,
    };
  }

  describe('starting a plan', () => {
    it('refuses to copy a year that has no plan, and creates nothing', async () => {
      const error = await refusal(() => startFundPlan(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), copy: 'previous' }));
      expect(problemsOf(error)).toEqual({ copy: 'planning.error.noPreviousPlan' });
      expect((error as Invalid).problems[0]?.params).toEqual({ year: EMPTY_YEAR - 1 });
      expect((await planState(A, EMPTY_YEAR)).plans).toEqual([]);
    });

    it('starts an empty draft, revision 1, and refuses to start it twice', async () => {
      expect(await startFundPlan(db, officerA, { code: A.toLowerCase(), fiscalYear: String(EMPTY_YEAR), copy: 'empty' })).toEqual({ version: 1 });
      const year = await getFundPlanYear(db, officerA, { code: A, fiscalYear: EMPTY_YEAR });
      expect(year.plan).toMatchObject({ revision: 1, status: 'draft', version: 1, meeting_date: null, approvedOnTime: null, entries: [] });
      expect(Object.values(year.plan!.finance.inputs)).toEqual(FINANCE.map(() => null));
      expect(year.previousYearHasPlan).toBe(false);
      expect(year.programOptions).toHaveLength(17);
      expect(year.transitions).toEqual(['submit']);
      expect(year.may).toEqual({ viewDraft: true, edit: true, workflow: true });
      expect(await refusal(() => startFundPlan(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), copy: 'empty' }))).toBeInstanceOf(Conflict);
      expect((await planState(A, EMPTY_YEAR)).plans).toHaveLength(1);
    });

    it("starts by copying last year's approved plan: programs, situations, objectives, approaches, groups and projects, not the financial plan", async () => {
      const source = await content('L1978', 2570, 1);
      expect(source.entries.length).toBeGreaterThan(1);
      for (const part of Object.values(source)) expect(part.length).toBeGreaterThan(0);
      const sourceRow = await planRow('L1978', 2570, 1);
      expect(sourceRow.status).toBe('approved');
      expect(sourceRow.nhso_transfer).not.toBeNull();

      await startFundPlan(db, officerC, { code: 'L1978', fiscalYear: '2571', copy: 'previous' });
      expect(await content('L1978', 2571, 1)).toEqual(source);
      const copy = await planRow('L1978', 2571, 1);
      expect([copy.status, copy.revision, copy.version, copy.meeting_date]).toEqual(['draft', 1, 1, null]);
      for (const field of FINANCE) expect(copy[field]).toBeNull();
      // The year copied from is untouched.
      expect(await content('L1978', 2570, 1)).toEqual(source);
      expect((await planRow('L1978', 2570, 1)).version).toBe(sourceRow.version);
      expect((await getFundPlanYear(db, officerC, { code: 'L1978', fiscalYear: 2571 })).previousYearHasPlan).toBe(true);
    });

    it('refuses an unknown way of starting', async () => {
      expect(problemsOf(await refusal(() => startFundPlan(db, officerA, { code: A, fiscalYear: '2566', copy: 'guess' })))).toEqual({ copy: 'admin.error.invalid' });
      expect((await planState(A, 2566)).plans).toEqual([]);
    });
  });

  describe('programs in the plan', () => {
    it("adds a program with a first objective in its first indicator's words", async () => {
      const version = await versionOf(A, EMPTY_YEAR);
      const result = await addPlanProgram(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), version, program: 'communicable' });
      expect(result.version).toBe(Number(version) + 1);
      const first = await db
        .selectFrom('situation_indicator')
        .select(['code', 'default_objective_th', 'default_indicator_th'])
        .where('program_code', '=', 'communicable')
        .where('is_active', '=', true)
        .orderBy('sort_order')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      expect(first.code).toBe('COM01');
      const entry = await getPlanEntry(db, officerA, { code: A, fiscalYear: EMPTY_YEAR, program: 'communicable' });
      expect(entry.objectives).toEqual([{ objective: first.default_objective_th, indicator: first.default_indicator_th, target: '' }]);
      expect(entry.objectives[0]!.objective).not.toBe('');
      expect(entry.editable).toBe(true);
      expect(entry.situations.map((s) => s.indicator.code)).toEqual(['COM01', 'COM02', 'COM03', 'COM04']);
      expect(entry.situations.every((s) => s.value === null)).toBe(true);
      const year = await getFundPlanYear(db, officerA, { code: A, fiscalYear: EMPTY_YEAR });
      expect(year.plan!.entries.map((e) => e.program_code)).toEqual(['communicable']);
      expect(year.programOptions.map((p) => p.code)).not.toContain('communicable');
    });

    it('refuses to add a program twice or one that does not exist, and changes nothing', async () => {
      const version = await versionOf(A, EMPTY_YEAR);
      const before = await planState(A, EMPTY_YEAR);
      expect(problemsOf(await refusal(() => addPlanProgram(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), version, program: 'communicable' })))).toEqual({
        program: 'planning.error.programTaken',
      });
      expect(problemsOf(await refusal(() => addPlanProgram(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), version, program: 'astrology' })))).toEqual({
        program: 'planning.error.program',
      });
      expect(problemsOf(await refusal(() => addPlanProgram(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), version, program: ' ' })))).toEqual({
        program: 'planning.error.program',
      });
      expect(await planState(A, EMPTY_YEAR)).toEqual(before);
    });

    it('removes a program with everything under it; removing one not in the plan is NotFound', async () => {
      let version = await versionOf(A, EMPTY_YEAR);
      version = String((await addPlanProgram(db, mentorA, { code: A, fiscalYear: String(EMPTY_YEAR), version, program: 'tobacco' })).version);
      expect((await getFundPlanYear(db, officerA, { code: A, fiscalYear: EMPTY_YEAR })).plan!.entries.map((e) => e.program_code).sort()).toEqual([
        'communicable',
        'tobacco',
      ]);
      const removed = await removePlanProgram(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), version, program: 'tobacco' });
      expect(removed.version).toBe(Number(version) + 1);
      const state = await planState(A, EMPTY_YEAR);
      expect(state.entries.map((e) => e.program_code)).toEqual(['communicable']);
      expect(state.under.plan_objective).toHaveLength(1);
      expect(await refusal(() => removePlanProgram(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), version: String(removed.version), program: 'tobacco' }))).toBeInstanceOf(
        NotFound,
      );
      expect(await planState(A, EMPTY_YEAR)).toEqual(state);
    });
  });

  describe("saving a program's situation, objectives and projects", () => {
    it('stores the rate computed from counts (the typed rate ignored), a rate alone, a per-100,000 rate, and drops blank rows', async () => {
      const version = await versionOf(A, EMPTY_YEAR);
      const form = await communicableForm(version);
      const result = await savePlanEntry(db, officerA, form);
      expect(result.version).toBe(Number(version) + 1);

      const stored = await sql<{ indicator_code: string; numerator: number | null; denominator: number | null; value: string; target: string | null; source: string | null; data_date: string | null }>`
        select s.indicator_code, s.numerator, s.denominator, s.value::text as value, s.target::text as target, s.source, s.data_date::text as data_date
        from plan_situation s join plan_entry e on e.id = s.entry_id join fund_plan p on p.id = e.plan_id join fund f on f.id = p.fund_id
        where f.code = ${A} and p.fiscal_year = ${EMPTY_YEAR} order by s.indicator_code`.execute(db);
      expect(stored.rows).toEqual([
        // 3 of 4,500 per 100,000 = 66.666… → 66.67
        { indicator_code: 'COM01', numerator: 3, denominator: 4500, value: '66.67', target: '50.00', source: null, data_date: null },
        // 37 of 120 = 30.8333… % → 30.83; the typed 99 is ignored
        { indicator_code: 'COM02', numerator: 37, denominator: 120, value: '30.83', target: '20.00', source: 'สำรวจโดย อสม.', data_date: '2023-08-31' },
        { indicator_code: 'COM03', numerator: null, denominator: null, value: '85.50', target: null, source: null, data_date: null },
      ]);

      const entry = await getPlanEntry(db, officerA, { code: A, fiscalYear: EMPTY_YEAR, program: 'communicable' });
      expect(entry.scores).toEqual({ size: 3, severity: 4, awareness: 2, difficulty: 1 });
      expect(entry.situations.map((s) => [s.indicator.code, s.value, s.target])).toEqual([
        ['COM01', '66.67', '50'],
        ['COM02', '30.83', '20'],
        ['COM03', '85.5', null],
        ['COM04', null, null],
      ]);
      expect(entry.objectives).toEqual([{ objective: 'ลดลูกน้ำยุงลาย', indicator: 'ค่า HI ไม่เกิน 10', target: '10' }]);
      expect(entry.projects).toEqual([{ title: 'โครงการบ้านสะอาด', organisation: 'ชมรม อสม.', budget: '25000.50', support_category: 2 }]);
      const firstApproach = (await approachIds('communicable'))[0];
      expect(entry.approaches.filter((a) => a.chosen).map((a) => a.id)).toEqual([firstApproach]);
      expect(entry.targetGroups.filter((g) => g.chosen).map((g) => g.code).sort()).toEqual(['1002', '2004']);

      const year = await getFundPlanYear(db, officerA, { code: A, fiscalYear: EMPTY_YEAR });
      expect(year.plan!.entries[0]).toMatchObject({ program_code: 'communicable', priority: 10, situations: 3, objectives: 1 });
      expect(year.plan!.finance.plannedByCategory[2]).toBe('25000.50');
      expect(year.plan!.coverage.reached).toEqual(['1002', '2004']);
    });

    it('refuses each kind of bad row, naming its cell, and changes nothing', async () => {
      const version = await versionOf(A, EMPTY_YEAR);
      const before = await planState(A, EMPTY_YEAR);
      const base = await communicableForm(version);
      const situation = (code: string, row: Record<string, string>) => ({ situations: { ...base.situations, [code]: { ...blankSituation, ...row } } });
      const cases: [Record<string, unknown>, Record<string, string>][] = [
        [situation('COM02', { numerator: '130', denominator: '120' }), { 'situations.COM02.numerator': 'planning.error.numerator_over_denominator' }],
        [situation('COM02', { numerator: '-3', denominator: '120' }), { 'situations.COM02.numerator': 'admin.error.negative' }],
        [situation('COM02', { value: '-3' }), { 'situations.COM02.value': 'admin.error.negative' }],
        [situation('COM02', { value: '12', target: '120' }), { 'situations.COM02.target': 'planning.error.target_over_100' }],
        [situation('COM02', { value: '120' }), { 'situations.COM02.value': 'planning.error.value_over_100' }],
        [situation('COM03', { value: 'มาก' }), { 'situations.COM03.value': 'planning.error.rate' }],
        [situation('COM03', { numerator: '5', denominator: 'ทั้งหมด' }), { 'situations.COM03.denominator': 'admin.error.wholeNumber' }],
        [situation('COM03', { numerator: '5' }), { 'situations.COM03.denominator': 'planning.error.counts_incomplete' }],
        [situation('COM03', { target: '5' }), { 'situations.COM03.value': 'planning.error.value_missing' }],
        [situation('TOB01', { value: '5' }), { 'situations.TOB01.value': 'planning.error.indicator' }],
        [situation('COM03', { value: '5', data_date: '31/2/2566' }), { 'situations.COM03.data_date': 'admin.error.date' }],
        [{ objectives: { '0': { objective: '', indicator: 'ร้อยละของครัวเรือน', target: '80' } } }, { 'objectives.0.objective': 'planning.error.objective' }],
        [{ projects: { '0': { title: 'โครงการไม่มีงบ', organisation: '', budget: '', support_category: '2' } } }, { 'projects.0.budget': 'planning.error.projectBudget' }],
        [{ projects: { '0': { title: 'โครงการ', organisation: '', budget: '-10', support_category: '2' } } }, { 'projects.0.budget': 'admin.error.negative' }],
        [{ projects: { '0': { title: 'โครงการ', organisation: '', budget: '100', support_category: '6' } } }, { 'projects.0.support_category': 'planning.error.category' }],
        [{ approaches: { '999999': 'on' } }, { approaches: 'planning.error.approach' }],
        [{ approaches: { [String((await approachIds('tobacco'))[0])]: 'on' } }, { approaches: 'planning.error.approach' }],
        [{ target_groups: { '9999': 'on' } }, { target_groups: 'planning.error.targetGroup' }],
        [{ scores: { size: '5' } }, { 'scores.size': 'planning.error.score' }],
      ];
      const outcomes = [];
      for (const [change] of cases) {
        try {
          await savePlanEntry(db, officerA, { ...base, ...change });
          outcomes.push({ change, saved: true });
        } catch (error) {
          outcomes.push({ change, problems: error instanceof Invalid ? problemsOf(error) : String(error) });
        }
      }
      expect(outcomes).toEqual(cases.map(([change, problems]) => ({ change, problems })));
      expect(await planState(A, EMPTY_YEAR)).toEqual(before);
    });

    it('refuses the second of two saves made from the same version, keeping the first', async () => {
      const version = await versionOf(A, EMPTY_YEAR);
      const first = await communicableForm(version, { objectives: { '0': { objective: 'บันทึกแรก', indicator: '', target: '' } } });
      const second = await communicableForm(version, { objectives: { '0': { objective: 'บันทึกที่สอง', indicator: '', target: '' } } });
      await savePlanEntry(db, officerA, first);
      const after = await planState(A, EMPTY_YEAR);
      expect(await refusal(() => savePlanEntry(db, mentorA, second))).toBeInstanceOf(Conflict);
      expect(await planState(A, EMPTY_YEAR)).toEqual(after);
      expect((await getPlanEntry(db, officerA, { code: A, fiscalYear: EMPTY_YEAR, program: 'communicable' })).objectives.map((o) => o.objective)).toEqual(['บันทึกแรก']);
      // Adding a program and the financial plan check the version too.
      expect(await refusal(() => addPlanProgram(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), version, program: 'tobacco' }))).toBeInstanceOf(Conflict);
      expect(await refusal(() => saveFinancialPlan(db, officerA, { code: A, fiscalYear: String(EMPTY_YEAR), version }))).toBeInstanceOf(Conflict);
      expect(await planState(A, EMPTY_YEAR)).toEqual(after);
    });

    it("refuses another fund's officer, the finance officer and the public", async () => {
      const before = await planState(A, EMPTY_YEAR);
      const form = await communicableForm(await versionOf(A, EMPTY_YEAR));
      for (const actor of [officerB, financeA, null]) {
        expect(await refusal(() => savePlanEntry(db, actor, form))).toBeInstanceOf(Forbidden);
        expect(await refusal(() => addPlanProgram(db, actor, { ...form, program: 'tobacco' }))).toBeInstanceOf(Forbidden);
      }
      expect(await planState(A, EMPTY_YEAR)).toEqual(before);
    });
  });

  describe('the financial plan', () => {
    const finance = (version: string, values: Partial<Record<(typeof FINANCE)[number], string>>) => ({
      code: A,
      fiscalYear: String(EMPTY_YEAR),
      version,
      ...Object.fromEntries(FINANCE.map((f) => [f, ''])),
      ...values,
    });

    it("refuses 10(4) over 15 % of the year's income, and a carry-over does not raise that cap", async () => {
      const version = await versionOf(A, EMPTY_YEAR);
      const before = await planState(A, EMPTY_YEAR);
      // Income 1,400,000: the cap is 210,000.00.
      const income = { nhso_transfer: '1,000,000', lao_cofunding: '400000', other_income: '' };
      const over = await refusal(() => saveFinancialPlan(db, officerA, finance(version, { ...income, allocation_4: '210000.01' })));
      expect(problemsOf(over)).toEqual({ allocation_4: 'planning.error.overAdminCap' });
      expect((over as Invalid).problems[0]?.params).toEqual({ max: '210000.00', percent: '15.00' });
      const withCarryOver = await refusal(() => saveFinancialPlan(db, officerA, finance(version, { ...income, carry_over: '5000000', allocation_4: '250000' })));
      expect(problemsOf(withCarryOver)).toEqual({ allocation_4: 'planning.error.overAdminCap' });
      expect((withCarryOver as Invalid).problems[0]?.params?.max).toBe('210000.00');
      expect(await planState(A, EMPTY_YEAR)).toEqual(before);
      // Exactly at the cap is allowed.
      const saved = await saveFinancialPlan(db, officerA, finance(version, { ...income, carry_over: '5000000', allocation_4: '210000' }));
      expect(saved.version).toBe(Number(version) + 1);
      const view = (await getFundPlanYear(db, officerA, { code: A, fiscalYear: EMPTY_YEAR })).plan!.finance;
      expect(view.summary).toMatchObject({ yearIncome: '1400000.00', totalReceipts: '6400000.00', adminCap: '210000.00', totalAllocated: '210000.00' });
      expect(view.problems).toEqual([]);
    });

    it('refuses allocations over the total receipts, and bad amounts', async () => {
      const version = await versionOf(A, EMPTY_YEAR);
      const before = await planState(A, EMPTY_YEAR);
      const over = await refusal(() =>
        saveFinancialPlan(
          db,
          officerA,
          finance(version, { carry_over: '100000', nhso_transfer: '1000000', lao_cofunding: '400000', allocation_1: '1400000', allocation_2: '100000.01' }),
        ),
      );
      expect(problemsOf(over)).toEqual({ allocation_total: 'planning.error.overReceipts' });
      expect((over as Invalid).problems[0]?.params?.max).toBe('1500000.00');
      expect(problemsOf(await refusal(() => saveFinancialPlan(db, officerA, finance(version, { nhso_transfer: 'หนึ่งล้าน', allocation_5: '-5' }))))).toEqual({
        nhso_transfer: 'admin.error.money',
        allocation_5: 'admin.error.negative',
      });
      expect(await planState(A, EMPTY_YEAR)).toEqual(before);
    });

    it('saves a valid plan with every baht and satang exact', async () => {
      const version = await versionOf(A, EMPTY_YEAR);
      await saveFinancialPlan(
        db,
        mentorA,
        finance(version, {
          carry_over: '0.01',
          nhso_transfer: '1,234,567.89',
          lao_cofunding: '400000',
          other_income: '',
          allocation_1: '500000.10',
          allocation_2: '654321.09',
          allocation_4: '245185.18',
        }),
      );
      const row = (await planState(A, EMPTY_YEAR)).plans[0]!;
      expect(FINANCE.map((f) => row[f])).toEqual(['0.01', '1234567.89', '400000.00', null, '500000.10', '654321.09', null, '245185.18', null]);
      const view = (await getFundPlanYear(db, officerA, { code: A, fiscalYear: EMPTY_YEAR })).plan!.finance;
      expect(view.inputs.nhso_transfer).toBe('1234567.89');
      // 15 % of 1,634,567.89 = 245,185.1835 → 245,185.18 (rounded down to the satang).
      expect(view.summary).toEqual({
        yearIncome: '1634567.89',
        totalReceipts: '1634567.90',
        totalAllocated: '1399506.37',
        adminCap: '245185.18',
        unallocated: '235061.53',
      });
      expect(view.adminCapPercent).toBe('15.00');
    });
  });

  describe('submitted and approved plans', () => {
    it('refuses to edit a submitted plan or an approved one, and changes nothing', async () => {
      for (const [code, actor, key] of [
        ['L1977', officerB, 'planning.error.submitted'],
        ['L1978', officerC, 'planning.error.approved'],
      ] as const) {
        const year = await getFundPlanYear(db, actor, { code, fiscalYear: 2570 });
        const before = await planState(code, 2570);
        const version = String(year.plan!.version);
        const program = year.plan!.entries[0]!.program_code;
        const base = { code, fiscalYear: '2570', version };
        expect(problemsOf(await refusal(() => savePlanEntry(db, actor, { ...base, program })))).toEqual({ _form: key });
        expect(problemsOf(await refusal(() => addPlanProgram(db, actor, { ...base, program: 'covid19' })))).toEqual({ _form: key });
        expect(problemsOf(await refusal(() => removePlanProgram(db, actor, { ...base, program })))).toEqual({ _form: key });
        expect(problemsOf(await refusal(() => saveFinancialPlan(db, actor, { ...base, carry_over: '1' })))).toEqual({ _form: key });
        expect(await planState(code, 2570)).toEqual(before);
        const entry = await getPlanEntry(db, actor, { code, fiscalYear: 2570, program });
        expect(entry.editable).toBe(false);
      }
    });
  });

  describe('the workflow', () => {
    it('submits, returns, submits again and approves with the meeting (a Thai date), on time in December', async () => {
      const transition = async (transition: string, extra: Record<string, string> = {}) =>
        transitionFundPlan(db, officerA, { code: A, fiscalYear: '2570', version: await versionOf(A, 2570, officerA), transition, ...extra });
      expect((await getFundPlanYear(db, officerA, { code: A, fiscalYear: 2570 })).transitions).toEqual(['submit']);
      // Not yet submitted: approving is not a step open to a draft.
      expect(problemsOf(await refusal(() => transition('approve', { meeting_number: '1/2570', meeting_date: '15/12/2569' })))).toEqual({
        _form: 'planning.error.transition',
      });
      expect(await transition('submit')).toEqual({ revision: 1, status: 'submitted' });
      expect((await planRow(A, 2570, 1)).submitted_at).not.toBeNull();
      expect((await getFundPlanYear(db, officerA, { code: A, fiscalYear: 2570 })).transitions).toEqual(['return', 'approve']);
      expect(await transition('return')).toEqual({ revision: 1, status: 'draft' });
      expect(await transition('submit')).toEqual({ revision: 1, status: 'submitted' });

      const before = await planState(A, 2570);
      expect(problemsOf(await refusal(() => transition('approve')))).toEqual({ meeting_number: 'planning.error.meetingNumber', meeting_date: 'planning.error.meetingDate' });
      expect(problemsOf(await refusal(() => transition('approve', { meeting_number: '1/2570', meeting_date: '31/2/2569' })))).toEqual({ meeting_date: 'admin.error.date' });
      // A stale version is a Conflict.
      const stale = String(Number(await versionOf(A, 2570, officerA)) - 1);
      expect(
        await refusal(() => transitionFundPlan(db, officerA, { code: A, fiscalYear: '2570', version: stale, transition: 'approve', meeting_number: '1/2570', meeting_date: '15/12/2569' })),
      ).toBeInstanceOf(Conflict);
      expect(await planState(A, 2570)).toEqual(before);

      expect(await transition('approve', { meeting_number: '1/2570', meeting_date: '15/12/2569' })).toEqual({ revision: 1, status: 'approved' });
      const year = await getFundPlanYear(db, officerA, { code: A, fiscalYear: 2570 });
      expect(year.plan).toMatchObject({ revision: 1, status: 'approved', meeting_number: '1/2570', meeting_date: '2026-12-15', approvedOnTime: true });
      expect(year.plan!.approved_at).not.toBeNull();
      expect(year.deadline).toBe('2026-12-31');
      expect(year.transitions).toEqual(['revise']);
      const actions = await db.selectFrom('audit_event').select('action').where('subject_type', '=', 'fund_plan').where('subject_id', '=', String(year.plan!.id)).orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual(['plan.submit', 'plan.return', 'plan.submit', 'plan.approve']);
    });

    it('revises an approved plan into revision 2, a full copy as a draft, while revision 1 stays approved and readable', async () => {
      const first = await content(A, 2570, 1);
      const firstRow = await planRow(A, 2570, 1);
      expect(firstRow.nhso_transfer).not.toBeNull();
      expect(await transitionFundPlan(db, officerA, { code: A, fiscalYear: '2570', version: String(firstRow.version), transition: 'revise' })).toEqual({
        revision: 2,
        status: 'draft',
      });
      expect(await content(A, 2570, 2)).toEqual(first);
      const second = await planRow(A, 2570, 2);
      expect([second.status, second.meeting_date, second.version]).toEqual(['draft', null, 1]);
      for (const field of FINANCE) expect(second[field]).toBe(firstRow[field]);
      expect((await planRow(A, 2570, 1)).status).toBe('approved');

      // Those working on the plan see the draft; revision 1 can still be read, by the public too.
      const working = await getFundPlanYear(db, officerA, { code: A, fiscalYear: 2570 });
      expect([working.plan!.revision, working.plan!.status]).toEqual([2, 'draft']);
      expect(working.revisions.map((r) => [r.revision, r.status])).toEqual([
        [2, 'draft'],
        [1, 'approved'],
      ]);
      for (const actor of [officerA, null]) {
        const old = await getFundPlanYear(db, actor, { code: A, fiscalYear: 2570, revision: '1' });
        expect([old.plan!.revision, old.plan!.status, old.plan!.meeting_date]).toEqual([1, 'approved', '2026-12-15']);
        expect(old.transitions).toEqual([]);
      }
      const publicView = await getFundPlanYear(db, null, { code: A, fiscalYear: 2570 });
      expect([publicView.plan!.revision, publicView.plan!.status]).toEqual([1, 'approved']);
      expect(publicView.revisions.map((r) => r.revision)).toEqual([1]);
      expect(await refusal(() => getFundPlanYear(db, null, { code: A, fiscalYear: 2570, revision: '2' }))).toBeInstanceOf(NotFound);
      // The approved revision is not edited: the draft is.
      const program = working.plan!.entries[0]!.program_code;
      const entry1 = await getPlanEntry(db, officerA, { code: A, fiscalYear: 2570, program, revision: 1 });
      expect(entry1.editable).toBe(false);
      const entry2 = await getPlanEntry(db, officerA, { code: A, fiscalYear: 2570, program });
      expect([entry2.plan.revision, entry2.editable]).toEqual([2, true]);
    });

    it('approving revision 2 supersedes revision 1; a January meeting is late', async () => {
      let version = await versionOf(A, 2570, officerA);
      version = String((await addPlanProgram(db, officerA, { code: A, fiscalYear: '2570', version, program: 'covid19' })).version);
      await transitionFundPlan(db, officerA, { code: A, fiscalYear: '2570', version, transition: 'submit' });
      version = await versionOf(A, 2570, officerA);
      expect(await transitionFundPlan(db, admin, { code: A, fiscalYear: '2570', version, transition: 'approve', meeting_number: '2/2570', meeting_date: '10/1/2570' })).toEqual({
        revision: 2,
        status: 'approved',
      });
      const [one, two] = [await planRow(A, 2570, 1), await planRow(A, 2570, 2)];
      expect([one.status, one.meeting_date]).toEqual(['superseded', '2026-12-15']);
      expect([two.status, two.meeting_date, two.meeting_number]).toEqual(['approved', '2027-01-10', '2/2570']);
      const year = await getFundPlanYear(db, null, { code: A, fiscalYear: 2570 });
      expect(year.plan).toMatchObject({ revision: 2, status: 'approved', approvedOnTime: false });
      expect(year.plan!.entries.map((e) => e.program_code)).toContain('covid19');
      expect(year.revisions.map((r) => [r.revision, r.status, r.approvedOnTime])).toEqual([
        [2, 'approved', false],
        [1, 'superseded', true],
      ]);
      // The year counts as approved on time: its first approval was in December.
      const years = await listFundPlanYears(db, null, { code: A });
      expect(years.find((y) => y.fiscalYear === 2570)).toEqual({ fiscalYear: 2570, status: 'approved', revision: 2, meeting_date: '2026-12-15', approvedOnTime: true });
    });

    it("a plan whose only approval was in January was not approved on time, as the fund's years show", async () => {
      // L1979's FY 2570 plan is a demo draft; fund L1979 has no officer account, so the admin acts.
      await transitionFundPlan(db, admin, { code: 'L1979', fiscalYear: '2570', version: await versionOf('L1979', 2570), transition: 'submit' });
      await transitionFundPlan(db, admin, {
        code: 'L1979',
        fiscalYear: '2570',
        version: await versionOf('L1979', 2570),
        transition: 'approve',
        meeting_number: '1/2570',
        meeting_date: '5/1/2570',
      });
      const years = await listFundPlanYears(db, null, { code: 'L1979' });
      expect(years.map((y) => y.fiscalYear)).toEqual([2570, 2569, 2568]);
      expect(years[0]).toEqual({ fiscalYear: 2570, status: 'approved', revision: 1, meeting_date: '2027-01-05', approvedOnTime: false });
      for (const y of years.slice(1)) {
        expect(y.status).toBe('approved');
        expect(y.approvedOnTime).toBe(y.meeting_date! <= `${y.fiscalYear - 544}-12-31`);
      }
    });

    it('refuses the workflow to a mentor, the finance officer and the public', async () => {
      const before = await planState('L1977', 2570);
      const version = await versionOf('L1977', 2570);
      for (const actor of [mentorA, financeA, officerA, null]) {
        expect(await refusal(() => transitionFundPlan(db, actor, { code: 'L1977', fiscalYear: '2570', version, transition: 'return' }))).toBeInstanceOf(Forbidden);
      }
      expect(await planState('L1977', 2570)).toEqual(before);
    });
  });

  describe('the demo plans', () => {
    it("keep the financial plan's rules: 10(4) within its cap and no more allocated than the receipts", async () => {
      const rule = await db.selectFrom('rule_set').select('admin_cap_percent').where('effective_from_fiscal_year', '=', 2561).executeTakeFirstOrThrow();
      const cap = percentToBasisPoints(rule.admin_cap_percent);
      const plans = await db
        .selectFrom('fund_plan')
        .innerJoin('fund', 'fund.id', 'fund_plan.fund_id')
        .selectAll('fund_plan')
        .select('fund.code')
        .where('fund_plan.is_demo', '=', true)
        .execute();
      expect(plans.length).toBeGreaterThan(1000);
      const money = (value: string | null) => fromNumeric(value ?? '0');
      const broken = plans.flatMap((p) => {
        const problems = financialPlanProblems(
          {
            carryOver: money(p.carry_over),
            nhsoTransfer: money(p.nhso_transfer),
            laoCofunding: money(p.lao_cofunding),
            otherIncome: money(p.other_income),
            allocations: { 1: money(p.allocation_1), 2: money(p.allocation_2), 3: money(p.allocation_3), 4: money(p.allocation_4), 5: money(p.allocation_5) },
          },
          cap,
        );
        return problems.map((problem) => `${p.code}/${p.fiscal_year}: ${problem.field}`);
      });
      expect(broken).toEqual([]);
      // As the plan's page shows it, e.g. for every fund of district 3304 in FY 2569.
      const funds = await db.selectFrom('fund').select('code').where('district_code', '=', '3304').orderBy('code').execute();
      for (const { code } of funds) {
        const year = await getFundPlanYear(db, null, { code, fiscalYear: 2569 });
        expect({ code, problems: year.plan?.finance.problems }).toEqual({ code, problems: [] });
      }
    });
  });

  describe('what the public sees', () => {
    it('only approved revisions: a draft-only year has no plan for the public', async () => {
      // Fund A's FY 2567 plan is a draft.
      const internal = await getFundPlanYear(db, officerA, { code: A, fiscalYear: EMPTY_YEAR });
      expect(internal.plan?.status).toBe('draft');
      const publicYear = await getFundPlanYear(db, null, { code: A, fiscalYear: EMPTY_YEAR });
      expect(publicYear.plan).toBeNull();
      expect(publicYear.revisions).toEqual([]);
      expect(publicYear.may).toEqual({ viewDraft: false, edit: false, workflow: false });
      expect(publicYear.transitions).toEqual([]);
      expect(await refusal(() => getFundPlanYear(db, null, { code: A, fiscalYear: EMPTY_YEAR, revision: '1' }))).toBeInstanceOf(NotFound);
      expect(await refusal(() => getPlanEntry(db, null, { code: A, fiscalYear: EMPTY_YEAR, program: 'communicable' }))).toBeInstanceOf(NotFound);
      // A submitted plan (L1977) is not public either; an approved one (L1978) is.
      expect((await getFundPlanYear(db, null, { code: 'L1977', fiscalYear: 2570 })).plan).toBeNull();
      expect((await getFundPlanYear(db, null, { code: 'L1978', fiscalYear: 2570 })).plan?.status).toBe('approved');
      // The list of years leaves drafts out for the public.
      const publicYears = (await listFundPlanYears(db, null, { code: A })).map((y) => y.fiscalYear);
      expect(publicYears).not.toContain(EMPTY_YEAR);
      expect((await listFundPlanYears(db, officerA, { code: A })).map((y) => y.fiscalYear)).toContain(EMPTY_YEAR);
      const exported = await getFundPlanExport(db, null, { code: A, fiscalYear: EMPTY_YEAR });
      expect([exported.plan, exported.programs]).toEqual([null, []]);
    });

    it('exports an approved plan in full, every program with its situation', async () => {
      const exported = await getFundPlanExport(db, null, { code: 'L1978', fiscalYear: 2570 });
      expect(exported.plan?.status).toBe('approved');
      expect(exported.programs.map((p) => p.program.code).sort()).toEqual(exported.plan!.entries.map((e) => e.program_code).sort());
      const stored = await content('L1978', 2570, 1);
      expect(exported.programs.flatMap((p) => p.situations.filter((s) => s.value !== null)).length).toBe(stored.situations.length);
      expect(exported.programs.flatMap((p) => p.projects).length).toBe(stored.projects.length);
      expect(exported.programs.every((p) => p.situations.every((s) => s.comparison.country !== null || s.value === null))).toBe(true);
    });
  });
});
