import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { fundYearFigures, percentToBasisPoints, ruleInForce } from '../domain/fund-year.ts';
import { parseDate, parseMoney, parseWholeNumber } from '../domain/import-values.ts';
import { fromNumeric, type Satang, toNumeric, ZERO_SATANG } from '../domain/money.ts';
import {
  approvalDeadline,
  approvedOnTime,
  byPriority,
  canTransition,
  financialPlanProblems,
  type Hundredths,
  hundredthsFromNumeric,
  hundredthsToText,
  isEditable,
  PLAN_TRANSITIONS,
  type PlanStatus,
  type PlanTransition,
  type PriorityScores,
  parseHundredths,
  priorityTotal,
  resolveSituation,
  SUPPORT_CATEGORIES,
  type SupportCategory,
  targetGroupCoverage,
  transitionsFrom,
} from '../domain/planning.ts';
import { type Action, type Actor, can } from '../domain/policy.ts';
import type { MessageKey } from '../i18n/index.ts';
import { audit, invalid, optionalText, parseYear, versionField } from './admin-shared.ts';
import { authorize, type FundRef, findFund } from './authorize.ts';
import { Conflict, type FieldProblem, Invalid, NotFound, parseInput } from './errors.ts';
import { FINANCE_FIELDS, type FinanceField, financialPlanOf, financialProblemsText, financialSummaryText } from './financial-plan.ts';
import { type Comparison, comparisonFigures } from './plan-analysis.ts';
import { getProgram, type Indicator, listPrograms, listTargetGroups, type TargetGroup } from './planning-catalogue.ts';

// A fund's plan for a fiscal year (แผนสุขภาพกองทุน): its programs with situation analysis,
// objectives, approaches, target groups and planned projects; the annual financial plan; and
// the committee's approval. Every write checks the plan's version and that it is a draft.

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

export interface PlanHeader {
  id: number;
  revision: number;
  status: PlanStatus;
  version: number;
  meeting_number: string | null;
  meeting_date: string | null;
  approvedOnTime: boolean | null;
  submitted_at: Date | null;
  approved_at: Date | null;
}

async function resolveFund(db: Db, code: unknown): Promise<FundRef> {
  return findFund(db, String(code ?? '').trim().toUpperCase());
}

/** The fund and the fiscal year a plan use case is asked about, once the actor may `action` on the fund. */
async function fundYearFor(
  db: Db,
  actor: Actor | null,
  action: Action,
  input: { code: unknown; fiscalYear: unknown },
): Promise<{ ref: FundRef; fiscalYear: number }> {
  const ref = await resolveFund(db, input.code);
  authorize(actor, action, { scopeChain: ref.scopeChain });
  return { ref, fiscalYear: parseYear(input.fiscalYear) };
}

async function revisionsOf(db: Db, fundId: number, fiscalYear: number) {
  const rows = await db
    .selectFrom('fund_plan')
    .selectAll()
    .where('fund_id', '=', fundId)
    .where('fiscal_year', '=', fiscalYear)
    .orderBy('revision', 'desc')
    .execute();
  return rows;
}
type PlanRow = Awaited<ReturnType<typeof revisionsOf>>[number];

function header(row: PlanRow): PlanHeader {
  return {
    id: row.id,
    revision: row.revision,
    status: row.status,
    version: row.version,
    meeting_number: row.meeting_number,
    meeting_date: row.meeting_date,
    approvedOnTime: row.meeting_date ? approvedOnTime(row.meeting_date, row.fiscal_year) : null,
    submitted_at: row.submitted_at,
    approved_at: row.approved_at,
  };
}

/** The revision being worked on (draft or submitted), else the one in force. */
function workingRevision(rows: readonly PlanRow[]): PlanRow | null {
  return rows.find((r) => r.status === 'draft' || r.status === 'submitted') ?? rows.find((r) => r.status === 'approved') ?? null;
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface EntrySummary {
  id: number;
  program_code: string;
  name_th: string;
  name_en: string;
  scores: PriorityScores;
  priority: number | null;
  situations: number;
  objectives: number;
  projects: { title: string; organisation: string; budget: string; support_category: number }[];
  targetGroups: string[];
}

export interface FinancialView {
  inputs: Record<'carry_over' | 'nhso_transfer' | 'lao_cofunding' | 'other_income' | `allocation_${SupportCategory}`, string | null>;
  /** What the fund's year profile suggests for empty receipts. */
  suggested: { nhso_transfer: string | null; lao_cofunding: string | null };
  summary: { yearIncome: string; totalReceipts: string; totalAllocated: string; adminCap: string; unallocated: string };
  adminCapPercent: string | null;
  problems: { field: string; problem: string; max: string }[];
  /** Planned project budgets per category, beside each allocation. */
  plannedByCategory: Record<SupportCategory, string>;
}

export interface FundPlanYear {
  fund: { code: string; name_th: string; name_en: string | null };
  fiscalYear: number;
  deadline: string;
  revisions: PlanHeader[];
  /** The revision shown: the one asked for, else the one being worked on (public: the approved one). */
  plan: (PlanHeader & { entries: EntrySummary[]; finance: FinancialView; coverage: { reached: string[]; missing: string[] } }) | null;
  targetGroups: TargetGroup[];
  /** Programs that can still be added to the plan. */
  programOptions: { code: string; name_th: string; name_en: string }[];
  previousYearHasPlan: boolean;
  may: { viewDraft: boolean; edit: boolean; workflow: boolean };
  /** The workflow steps open to this actor now. */
  transitions: PlanTransition[];
}

/** A fund's plan for a year as its page shows it. The public sees approved revisions only. */
export async function getFundPlanYear(
  db: Db,
  actor: Actor | null,
  input: { code: string; fiscalYear: unknown; revision?: unknown },
): Promise<FundPlanYear> {
  const { ref, fiscalYear } = await fundYearFor(db, actor, 'plan.view', input);
  const target = { scopeChain: ref.scopeChain };
  const may = { viewDraft: can(actor, 'plan.view_draft', target), edit: can(actor, 'plan.edit', target), workflow: can(actor, 'plan.workflow', target) };
  const all = await revisionsOf(db, ref.id, fiscalYear);
  const visible = may.viewDraft ? all : all.filter((r) => r.status === 'approved' || r.status === 'superseded');
  const asked = input.revision === undefined || input.revision === null || input.revision === '' ? null : Number(input.revision);
  const row = asked === null ? (may.viewDraft ? workingRevision(visible) : (visible.find((r) => r.status === 'approved') ?? null)) : visible.find((r) => r.revision === asked);
  if (asked !== null && !row) throw new NotFound(`plan revision ${asked}`);

  const [fund, programs, targetGroups, previous] = await Promise.all([
    db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', ref.id).executeTakeFirstOrThrow(),
    listPrograms(db),
    listTargetGroups(db),
    db
      .selectFrom('fund_plan')
      .select('id')
      .where('fund_id', '=', ref.id)
      .where('fiscal_year', '=', fiscalYear - 1)
      .$if(!may.viewDraft, (q) => q.where('status', '=', 'approved'))
      .executeTakeFirst(),
  ]);

  let plan: FundPlanYear['plan'] = null;
  if (row) {
    const entries = await entrySummaries(db, row.id);
    const coverageGroups = targetGroups.filter((g) => g.in_coverage).map((g) => g.code);
    plan = {
      ...header(row),
      entries,
      finance: await financialView(db, ref.id, row, entries),
      coverage: targetGroupCoverage(
        coverageGroups,
        entries.flatMap((e) => e.targetGroups),
      ),
    };
  }
  const used = new Set(plan?.entries.map((e) => e.program_code));
  const isWorking = row != null && row.id === workingRevision(all)?.id;
  return {
    fund,
    fiscalYear,
    deadline: approvalDeadline(fiscalYear),
    revisions: visible.map(header),
    plan,
    targetGroups,
    programOptions: programs.filter((p) => !used.has(p.code)).map(({ code, name_th, name_en }) => ({ code, name_th, name_en })),
    previousYearHasPlan: previous !== undefined,
    may,
    transitions: row && isWorking && may.workflow ? transitionsFrom(row.status) : [],
  };
}

/** How many rows of a table under the plan's entries (situations, objectives) each entry has. */
function countsPerEntry(db: Db, table: 'plan_situation' | 'plan_objective', planId: number) {
  return db
    .selectFrom(table)
    .innerJoin('plan_entry as e', 'e.id', 'entry_id')
    .select(['entry_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('e.plan_id', '=', planId)
    .groupBy('entry_id')
    .execute();
}

async function entrySummaries(db: Db, planId: number): Promise<EntrySummary[]> {
  const [entries, situations, objectives, projects, groups] = await Promise.all([
    db
      .selectFrom('plan_entry as e')
      .innerJoin('plan_program as p', 'p.code', 'e.program_code')
      .select(['e.id', 'e.program_code', 'p.name_th', 'p.name_en', 'p.sort_order', 'e.score_size', 'e.score_severity', 'e.score_awareness', 'e.score_difficulty'])
      .where('e.plan_id', '=', planId)
      .execute(),
    countsPerEntry(db, 'plan_situation', planId),
    countsPerEntry(db, 'plan_objective', planId),
    db
      .selectFrom('planned_project as p')
      .innerJoin('plan_entry as e', 'e.id', 'p.entry_id')
      .select(['p.entry_id', 'p.title', 'p.organisation', 'p.budget', 'p.support_category'])
      .where('e.plan_id', '=', planId)
      .orderBy('p.entry_id')
      .orderBy('p.position')
      .execute(),
    db
      .selectFrom('plan_entry_target_group as g')
      .innerJoin('plan_entry as e', 'e.id', 'g.entry_id')
      .select(['g.entry_id', 'g.target_group_code'])
      .where('e.plan_id', '=', planId)
      .execute(),
  ]);
  const count = (rows: { entry_id: number; n: number }[], id: number) => Number(rows.find((r) => r.entry_id === id)?.n ?? 0);
  const summaries = entries.map((e) => {
    const scores = { size: e.score_size, severity: e.score_severity, awareness: e.score_awareness, difficulty: e.score_difficulty };
    return {
      id: e.id,
      program_code: e.program_code,
      name_th: e.name_th,
      name_en: e.name_en,
      scores,
      sortOrder: e.sort_order,
      priority: priorityTotal(scores),
      situations: count(situations, e.id),
      objectives: count(objectives, e.id),
      projects: projects.filter((p) => p.entry_id === e.id).map(({ entry_id: _, ...p }) => p),
      targetGroups: groups.filter((g) => g.entry_id === e.id).map((g) => g.target_group_code),
    };
  });
  return byPriority(summaries).map(({ sortOrder: _, ...e }) => e);
}

async function adminCapBasisPoints(db: Db, fiscalYear: number): Promise<{ bp: number; percent: string } | null> {
  const rules = await db.selectFrom('rule_set').select(['effective_from_fiscal_year', 'admin_cap_percent', 'nhso_per_capita']).execute();
  const rule = ruleInForce(
    rules.map((r) => ({ ...r, effectiveFromFiscalYear: r.effective_from_fiscal_year })),
    fiscalYear,
  );
  return rule ? { bp: percentToBasisPoints(rule.admin_cap_percent), percent: rule.admin_cap_percent } : null;
}

async function financialView(db: Db, fundId: number, row: PlanRow, entries: EntrySummary[]): Promise<FinancialView> {
  const cap = await adminCapBasisPoints(db, row.fiscal_year);
  const values = Object.fromEntries(FINANCE_FIELDS.map((f) => [f, row[f] === null ? null : fromNumeric(row[f])])) as Record<FinanceField, Satang | null>;
  const plan = financialPlanOf(values);
  const planned = Object.fromEntries(
    SUPPORT_CATEGORIES.map((c) => [
      c,
      toNumeric(entries.flatMap((e) => e.projects).filter((p) => p.support_category === c).reduce((sum, p) => (sum + fromNumeric(p.budget)) as Satang, ZERO_SATANG)),
    ]),
  ) as Record<SupportCategory, string>;
  return {
    inputs: Object.fromEntries(FINANCE_FIELDS.map((f) => [f, row[f]])) as FinancialView['inputs'],
    suggested: await suggestedReceipts(db, fundId, row.fiscal_year),
    summary: financialSummaryText(plan, cap?.bp ?? 10_000),
    adminCapPercent: cap?.percent ?? null,
    problems: cap ? financialProblemsText(plan, cap.bp) : [],
    plannedByCategory: planned,
  };
}

/** The NHSO estimate and budgeted co-funding from the fund's year profile, when it has one. */
async function suggestedReceipts(db: Db, fundId: number, fiscalYear: number): Promise<FinancialView['suggested']> {
  const year = await db.selectFrom('fund_year').select(['population', 'cofunding_budget']).where('fund_id', '=', fundId).where('fiscal_year', '=', fiscalYear).executeTakeFirst();
  const rules = await db.selectFrom('rule_set').select(['effective_from_fiscal_year', 'nhso_per_capita']).execute();
  const rule = ruleInForce(
    rules.map((r) => ({ ...r, effectiveFromFiscalYear: r.effective_from_fiscal_year })),
    fiscalYear,
  );
  const nhso =
    year?.population != null && rule
      ? toNumeric(fundYearFigures({ population: year.population, perCapita: fromNumeric(rule.nhso_per_capita), minRatePercent: '0', cofundingBudget: null }).nhsoEstimate)
      : null;
  return { nhso_transfer: nhso, lao_cofunding: year?.cofunding_budget ?? null };
}

export interface SituationRow {
  indicator: Indicator;
  numerator: number | null;
  denominator: number | null;
  value: string | null;
  target: string | null;
  source: string | null;
  data_date: string | null;
  comparison: Comparison;
}

export interface PlanEntryDetail {
  fund: { code: string; name_th: string };
  fiscalYear: number;
  plan: PlanHeader;
  editable: boolean;
  program: { code: string; name_th: string; name_en: string };
  scores: PriorityScores;
  situations: SituationRow[];
  objectives: { objective: string; indicator: string; target: string }[];
  approaches: { id: number; name_th: string; chosen: boolean }[];
  targetGroups: (TargetGroup & { chosen: boolean })[];
  projects: { title: string; organisation: string; budget: string; support_category: number }[];
}

/** One program of a fund's plan, with the area's figures beside each situation value. */
export async function getPlanEntry(
  db: Db,
  actor: Actor | null,
  input: { code: string; fiscalYear: unknown; program: string; revision?: unknown },
): Promise<PlanEntryDetail> {
  const year = await getFundPlanYear(db, actor, input);
  if (!year.plan) throw new NotFound('plan');
  const entry = await db
    .selectFrom('plan_entry')
    .selectAll()
    .where('plan_id', '=', year.plan.id)
    .where('program_code', '=', input.program)
    .executeTakeFirst();
  if (!entry) throw new NotFound(`program ${input.program} in plan`);
  const program = await getProgram(db, entry.program_code, { includeInactive: true });
  const [situations, objectives, approaches, groups, projects] = await Promise.all([
    db.selectFrom('plan_situation').selectAll().where('entry_id', '=', entry.id).execute(),
    db.selectFrom('plan_objective').select(['objective', 'indicator', 'target']).where('entry_id', '=', entry.id).orderBy('position').execute(),
    db.selectFrom('plan_entry_approach').select('approach_id').where('entry_id', '=', entry.id).execute(),
    db.selectFrom('plan_entry_target_group').select('target_group_code').where('entry_id', '=', entry.id).execute(),
    db.selectFrom('planned_project').select(['title', 'organisation', 'budget', 'support_category']).where('entry_id', '=', entry.id).orderBy('position').execute(),
  ]);
  // Active indicators, and any retired one this plan still holds a value for.
  const indicators = program.indicators.filter((i) => i.is_active || situations.some((s) => s.indicator_code === i.code));
  const ref = await resolveFund(db, input.code);
  const comparisons = await comparisonFigures(db, { indicators: indicators.map((i) => i.code), fiscalYear: year.fiscalYear, scopeChain: ref.scopeChain });
  const chosenApproaches = new Set(approaches.map((a) => a.approach_id));
  const chosenGroups = new Set(groups.map((g) => g.target_group_code));
  return {
    fund: { code: year.fund.code, name_th: year.fund.name_th },
    fiscalYear: year.fiscalYear,
    plan: year.plan,
    editable: year.may.edit && isEditable(year.plan.status),
    program: { code: program.code, name_th: program.name_th, name_en: program.name_en },
    scores: { size: entry.score_size, severity: entry.score_severity, awareness: entry.score_awareness, difficulty: entry.score_difficulty },
    situations: indicators.map((indicator) => {
      const stored = situations.find((s) => s.indicator_code === indicator.code);
      return {
        indicator,
        numerator: stored?.numerator ?? null,
        denominator: stored?.denominator ?? null,
        value: stored ? hundredthsToText(hundredthsFromNumeric(stored.value)) : null,
        target: stored?.target ? hundredthsToText(hundredthsFromNumeric(stored.target)) : null,
        source: stored?.source ?? null,
        data_date: stored?.data_date ?? null,
        comparison: comparisons[indicator.code] ?? { district: null, province: null, region: null, country: null },
      };
    }),
    objectives,
    approaches: program.approaches
      .filter((a) => a.is_active || chosenApproaches.has(a.id))
      .map((a) => ({ id: a.id, name_th: a.name_th, chosen: chosenApproaches.has(a.id) })),
    targetGroups: year.targetGroups.map((g) => ({ ...g, chosen: chosenGroups.has(g.code) })),
    projects,
  };
}

/** Every year a fund has a plan for, newest first: status and whether approved by 31 December. */
export async function listFundPlanYears(
  db: Db,
  actor: Actor | null,
  input: { code: string },
): Promise<{ fiscalYear: number; status: PlanStatus; revision: number; meeting_date: string | null; approvedOnTime: boolean | null }[]> {
  const ref = await resolveFund(db, input.code);
  authorize(actor, 'plan.view', { scopeChain: ref.scopeChain });
  const viewDraft = can(actor, 'plan.view_draft', { scopeChain: ref.scopeChain });
  const rows = await db
    .selectFrom('fund_plan')
    .select(['fiscal_year', 'status', 'revision', 'meeting_date'])
    .where('fund_id', '=', ref.id)
    .$if(!viewDraft, (q) => q.where('status', 'in', ['approved', 'superseded']))
    .orderBy('fiscal_year', 'desc')
    .orderBy('revision', 'desc')
    .execute();
  const years = new Map<number, (typeof rows)[number][]>();
  for (const row of rows) years.set(row.fiscal_year, [...(years.get(row.fiscal_year) ?? []), row]);
  return [...years].map(([fiscalYear, revs]) => {
    const latest = revs[0] as (typeof rows)[number];
    // On time when the first approval (the lowest approved revision) fell by 31 December.
    const first = revs.filter((r) => r.meeting_date).at(-1);
    return {
      fiscalYear,
      status: latest.status,
      revision: latest.revision,
      meeting_date: first?.meeting_date ?? null,
      approvedOnTime: first?.meeting_date ? approvedOnTime(first.meeting_date, fiscalYear) : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

/** The draft a write applies to, checked against the version its form was rendered with. */
async function draftForWrite(tx: Tx, ref: FundRef, fiscalYear: number, version: number): Promise<PlanRow> {
  const rows = await tx
    .selectFrom('fund_plan')
    .selectAll()
    .where('fund_id', '=', ref.id)
    .where('fiscal_year', '=', fiscalYear)
    .orderBy('revision', 'desc')
    .forUpdate()
    .execute();
  const row = workingRevision(rows);
  if (!row) throw new NotFound('plan');
  if (row.version !== version) throw new Conflict();
  if (!isEditable(row.status)) throw invalid('_form', row.status === 'submitted' ? 'planning.error.submitted' : 'planning.error.approved');
  return row;
}

async function bump(tx: Tx, row: PlanRow): Promise<number> {
  const version = row.version + 1;
  await tx.updateTable('fund_plan').set({ version, updated_at: new Date() }).where('id', '=', row.id).execute();
  return version;
}

const startSchema = z.object({ copy: z.enum(['empty', 'previous'], 'admin.error.invalid') });

/** Opens a year's plan: empty, or a copy of last year's (its approved revision, else its latest). */
export async function startFundPlan(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: string; fiscalYear: unknown },
): Promise<{ version: number }> {
  const { ref, fiscalYear } = await fundYearFor(db, actor, 'plan.edit', input);
  const { copy } = parseInput(startSchema, input);
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('fund_plan').select('id').where('fund_id', '=', ref.id).where('fiscal_year', '=', fiscalYear).executeTakeFirst();
    if (existing) throw new Conflict();
    const { id } = await tx.insertInto('fund_plan').values({ fund_id: ref.id, fiscal_year: fiscalYear, revision: 1, status: 'draft' }).returning('id').executeTakeFirstOrThrow();
    if (copy === 'previous') {
      const previous = workingRevisionForCopy(await revisionsOf(tx, ref.id, fiscalYear - 1));
      if (!previous) throw invalid('copy', 'planning.error.noPreviousPlan', { year: fiscalYear - 1 });
      await copyPlanContent(tx, previous.id, id, { withFinance: false });
    }
    await audit(tx, actor?.userId ?? null, 'plan.start', 'fund_plan', id, { fund: ref.code, fiscalYear, copy });
    return { version: 1 };
  });
}

function workingRevisionForCopy(rows: readonly PlanRow[]): PlanRow | null {
  return rows.find((r) => r.status === 'approved') ?? workingRevision(rows);
}

/** Copies programs and everything under them (and, when asked, the financial plan) between plans. */
async function copyPlanContent(tx: Tx, fromId: number, toId: number, options: { withFinance: boolean }): Promise<void> {
  if (options.withFinance) {
    const from = await tx.selectFrom('fund_plan').select(FINANCE_FIELDS).where('id', '=', fromId).executeTakeFirstOrThrow();
    await tx.updateTable('fund_plan').set(from).where('id', '=', toId).execute();
  }
  const entries = await tx.selectFrom('plan_entry').selectAll().where('plan_id', '=', fromId).execute();
  for (const { id: oldId, plan_id: _, ...entry } of entries) {
    const { id } = await tx.insertInto('plan_entry').values({ ...entry, plan_id: toId }).returning('id').executeTakeFirstOrThrow();
    const newEntry = sql<number>`${id}::bigint`;
    await sql`insert into plan_situation (entry_id, indicator_code, numerator, denominator, value, target, source, data_date)
      select ${newEntry}, indicator_code, numerator, denominator, value, target, source, data_date from plan_situation where entry_id = ${oldId}`.execute(tx);
    await sql`insert into plan_objective (entry_id, position, objective, indicator, target)
      select ${newEntry}, position, objective, indicator, target from plan_objective where entry_id = ${oldId}`.execute(tx);
    await sql`insert into plan_entry_approach (entry_id, approach_id) select ${newEntry}, approach_id from plan_entry_approach where entry_id = ${oldId}`.execute(tx);
    await sql`insert into plan_entry_target_group (entry_id, target_group_code)
      select ${newEntry}, target_group_code from plan_entry_target_group where entry_id = ${oldId}`.execute(tx);
    await sql`insert into planned_project (entry_id, position, title, organisation, budget, support_category)
      select ${newEntry}, position, title, organisation, budget, support_category from planned_project where entry_id = ${oldId}`.execute(tx);
  }
}

const programChangeSchema = z.object({ version: versionField, program: z.string().trim().min(1, 'planning.error.program') });

/** Adds a program to the draft, with a first objective from its first indicator's wording. */
export async function addPlanProgram(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: string; fiscalYear: unknown }): Promise<{ version: number }> {
  const { ref, fiscalYear } = await fundYearFor(db, actor, 'plan.edit', input);
  const value = parseInput(programChangeSchema, input);
  return db.transaction().execute(async (tx) => {
    const row = await draftForWrite(tx, ref, fiscalYear, value.version);
    const program = (await listPrograms(tx)).find((p) => p.code === value.program);
    if (!program) throw invalid('program', 'planning.error.program');
    const taken = await tx.selectFrom('plan_entry').select('id').where('plan_id', '=', row.id).where('program_code', '=', program.code).executeTakeFirst();
    if (taken) throw invalid('program', 'planning.error.programTaken');
    const { id } = await tx.insertInto('plan_entry').values({ plan_id: row.id, program_code: program.code }).returning('id').executeTakeFirstOrThrow();
    const first = program.indicators[0];
    if (first?.default_objective_th) {
      await tx.insertInto('plan_objective').values({ entry_id: id, position: 0, objective: first.default_objective_th, indicator: first.default_indicator_th }).execute();
    }
    await audit(tx, actor?.userId ?? null, 'plan.program.add', 'fund_plan', row.id, { program: program.code });
    return { version: await bump(tx, row) };
  });
}

export async function removePlanProgram(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: string; fiscalYear: unknown }): Promise<{ version: number }> {
  const { ref, fiscalYear } = await fundYearFor(db, actor, 'plan.edit', input);
  const value = parseInput(programChangeSchema, input);
  return db.transaction().execute(async (tx) => {
    const row = await draftForWrite(tx, ref, fiscalYear, value.version);
    const result = await tx.deleteFrom('plan_entry').where('plan_id', '=', row.id).where('program_code', '=', value.program).executeTakeFirst();
    if (result.numDeletedRows === 0n) throw new NotFound(`program ${value.program} in plan`);
    await audit(tx, actor?.userId ?? null, 'plan.program.remove', 'fund_plan', row.id, { program: value.program });
    return { version: await bump(tx, row) };
  });
}

// The program form: rows keyed by indicator code or by position, as the page nests its fields.
const cell = z.preprocess((v) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : ''), z.string());
const score = cell.pipe(
  z
    .string()
    .regex(/^[1-4]?$/, 'planning.error.score')
    .transform((v) => (v === '' ? null : Number(v))),
);
const rows = <S extends z.ZodType>(row: S) => z.record(z.string(), row).optional().default({});
const entrySchema = z.object({
  version: versionField,
  scores: z.preprocess((v) => v ?? {}, z.object({ size: score, severity: score, awareness: score, difficulty: score })),
  situations: rows(z.object({ numerator: cell, denominator: cell, value: cell, target: cell, source: cell, data_date: cell })),
  objectives: rows(z.object({ objective: cell, indicator: cell, target: cell })),
  approaches: rows(cell),
  target_groups: rows(cell),
  projects: rows(z.object({ title: cell, organisation: cell, budget: cell, support_category: cell })),
});

const MAX_ROWS = 30;

interface CheckedEntry {
  situations: { indicator_code: string; numerator: number | null; denominator: number | null; value: string; target: string | null; source: string | null; data_date: string | null }[];
  objectives: { position: number; objective: string; indicator: string; target: string }[];
  projects: { position: number; title: string; organisation: string; budget: string; support_category: number }[];
}

/** Checks the program form's rows; blank rows are dropped, every problem names its cell. */
function checkEntryRows(value: z.infer<typeof entrySchema>, indicators: readonly Indicator[]): CheckedEntry {
  const problems: FieldProblem[] = [];
  const problem = (field: string, key: MessageKey, params?: Record<string, string | number>) => problems.push({ field, key, ...(params ? { params } : {}) });
  const checked: CheckedEntry = { situations: [], objectives: [], projects: [] };

  for (const [code, row] of Object.entries(value.situations)) {
    const indicator = indicators.find((i) => i.code === code);
    const at = (field: string) => `situations.${code}.${field}`;
    if (!indicator) {
      problem(at('value'), 'planning.error.indicator');
      continue;
    }
    if (Object.values(row).every((v) => v === '')) continue;
    const count = (field: 'numerator' | 'denominator') => {
      if (row[field] === '') return null;
      const parsed = parseWholeNumber(row[field]);
      if (parsed.ok) return parsed.value;
      problem(at(field), `admin.error.${parsed.problem}`, parsed.params);
      return undefined;
    };
    const rate = (field: 'value' | 'target') => {
      if (row[field] === '') return null;
      const parsed = parseHundredths(row[field].replace(/%$/, ''));
      if (parsed === null) problem(at(field), /^\s*-/.test(row[field]) ? 'admin.error.negative' : 'planning.error.rate');
      return parsed ?? undefined;
    };
    const numerator = count('numerator');
    const denominator = count('denominator');
    const typed = rate('value');
    const target = rate('target');
    let dataDate: string | null = null;
    if (row.data_date !== '') {
      const parsed = parseDate(row.data_date);
      if (parsed.ok) dataDate = parsed.value;
      else problem(at('data_date'), `admin.error.${parsed.problem}`);
    }
    if (row.source.length > 300) problem(at('source'), 'admin.error.tooLong', { max: 300 });
    if (numerator === undefined || denominator === undefined || typed === undefined || target === undefined) continue;
    const resolved = resolveSituation(indicator.unit, { numerator, denominator, value: typed, target });
    if (!resolved.ok) {
      problem(at(resolved.field), `planning.error.${resolved.problem}`);
      continue;
    }
    checked.situations.push({
      indicator_code: code,
      numerator: indicator.unit === 'count' ? null : numerator,
      denominator: indicator.unit === 'count' ? null : denominator,
      value: hundredthsToText(resolved.value),
      target: target === null ? null : hundredthsToText(target as Hundredths),
      source: row.source || null,
      data_date: dataDate,
    });
  }

  const ordered = <T>(record: Record<string, T>) =>
    Object.entries(record)
      .filter(([key]) => /^\d{1,3}$/.test(key))
      .sort(([a], [b]) => Number(a) - Number(b));
  for (const [key, row] of ordered(value.objectives)) {
    if (row.objective === '' && row.indicator === '' && row.target === '') continue;
    const at = (field: string) => `objectives.${key}.${field}`;
    if (row.objective === '') problem(at('objective'), 'planning.error.objective');
    if (row.objective.length > 1000) problem(at('objective'), 'admin.error.tooLong', { max: 1000 });
    if (row.indicator.length > 1000) problem(at('indicator'), 'admin.error.tooLong', { max: 1000 });
    if (row.target.length > 200) problem(at('target'), 'admin.error.tooLong', { max: 200 });
    checked.objectives.push({ position: checked.objectives.length, ...row });
  }
  for (const [key, row] of ordered(value.projects)) {
    if (row.title === '' && row.organisation === '' && row.budget === '') continue;
    const at = (field: string) => `projects.${key}.${field}`;
    if (row.title === '') problem(at('title'), 'planning.error.projectTitle');
    if (row.title.length > 500) problem(at('title'), 'admin.error.tooLong', { max: 500 });
    if (row.organisation.length > 300) problem(at('organisation'), 'admin.error.tooLong', { max: 300 });
    const budget = row.budget === '' ? null : parseMoney(row.budget);
    if (budget === null) problem(at('budget'), 'planning.error.projectBudget');
    else if (!budget.ok) problem(at('budget'), `admin.error.${budget.problem}`);
    const category = Number(row.support_category);
    if (!SUPPORT_CATEGORIES.includes(category as SupportCategory)) problem(at('support_category'), 'planning.error.category');
    if (budget?.ok && row.title) {
      checked.projects.push({ position: checked.projects.length, title: row.title, organisation: row.organisation, budget: toNumeric(budget.value), support_category: category });
    }
  }
  if (checked.objectives.length > MAX_ROWS) problem('objectives', 'planning.error.tooManyRows', { max: MAX_ROWS });
  if (checked.projects.length > MAX_ROWS) problem('projects', 'planning.error.tooManyRows', { max: MAX_ROWS });
  if (problems.length > 0) throw new Invalid(problems);
  return checked;
}

/** Saves one program of the draft: scores, situation, objectives, approaches, groups, projects. */
export async function savePlanEntry(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: string; fiscalYear: unknown; program: string },
): Promise<{ version: number }> {
  const { ref, fiscalYear } = await fundYearFor(db, actor, 'plan.edit', input);
  const value = parseInput(entrySchema, input, 'admin.error.invalid');
  const program = await getProgram(db, input.program, { includeInactive: true });
  const checked = checkEntryRows(value, program.indicators);
  const approachIds = Object.entries(value.approaches).filter(([, v]) => v === 'on').map(([id]) => Number(id));
  if (approachIds.some((id) => !program.approaches.some((a) => a.id === id))) throw invalid('approaches', 'planning.error.approach');
  const groups = Object.entries(value.target_groups).filter(([, v]) => v === 'on').map(([code]) => code);
  const knownGroups = new Set((await listTargetGroups(db)).map((g) => g.code));
  if (groups.some((g) => !knownGroups.has(g))) throw invalid('target_groups', 'planning.error.targetGroup');

  return db.transaction().execute(async (tx) => {
    const row = await draftForWrite(tx, ref, fiscalYear, value.version);
    const entry = await tx.selectFrom('plan_entry').select('id').where('plan_id', '=', row.id).where('program_code', '=', program.code).executeTakeFirst();
    if (!entry) throw new NotFound(`program ${program.code} in plan`);
    await tx
      .updateTable('plan_entry')
      .set({ score_size: value.scores.size, score_severity: value.scores.severity, score_awareness: value.scores.awareness, score_difficulty: value.scores.difficulty })
      .where('id', '=', entry.id)
      .execute();
    for (const table of ['plan_situation', 'plan_objective', 'plan_entry_approach', 'plan_entry_target_group', 'planned_project'] as const) {
      await tx.deleteFrom(table).where('entry_id', '=', entry.id).execute();
    }
    const withEntry = <T extends object>(list: T[]) => list.map((r) => ({ ...r, entry_id: entry.id }));
    if (checked.situations.length) await tx.insertInto('plan_situation').values(withEntry(checked.situations)).execute();
    if (checked.objectives.length) await tx.insertInto('plan_objective').values(withEntry(checked.objectives)).execute();
    if (checked.projects.length) await tx.insertInto('planned_project').values(withEntry(checked.projects)).execute();
    if (approachIds.length) await tx.insertInto('plan_entry_approach').values(approachIds.map((approach_id) => ({ entry_id: entry.id, approach_id }))).execute();
    if (groups.length) await tx.insertInto('plan_entry_target_group').values(groups.map((target_group_code) => ({ entry_id: entry.id, target_group_code }))).execute();
    await audit(tx, actor?.userId ?? null, 'plan.program.save', 'fund_plan', row.id, { program: program.code });
    return { version: await bump(tx, row) };
  });
}

const financeSchema = z.object({
  version: versionField,
  ...Object.fromEntries(
    FINANCE_FIELDS.map((field) => [
      field,
      cell.transform((text, ctx): Satang | null => {
        if (text === '') return null;
        const parsed = parseMoney(text);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: 'custom', message: `admin.error.${parsed.problem}` });
        return z.NEVER;
      }),
    ]),
  ) as unknown as Record<FinanceField, z.ZodType<Satang | null>>,
});

/** Saves the annual financial plan, refusing a 10(4) over its cap or more allocated than expected. */
export async function saveFinancialPlan(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: string; fiscalYear: unknown },
): Promise<{ version: number }> {
  const { ref, fiscalYear } = await fundYearFor(db, actor, 'plan.edit', input);
  const { version, ...values } = parseInput(financeSchema, input, 'admin.error.invalid');
  const cap = await adminCapBasisPoints(db, fiscalYear);
  if (!cap) throw invalid('_form', 'admin.error.noRules', { year: fiscalYear });
  const problems = financialPlanProblems(financialPlanOf(values), cap.bp);
  if (problems.length > 0) {
    throw new Invalid(
      problems.map((p) => ({
        field: p.field,
        key: p.problem === 'over_admin_cap' ? 'planning.error.overAdminCap' : 'planning.error.overReceipts',
        params: { max: toNumeric(p.max), percent: cap.percent },
      })),
    );
  }
  return db.transaction().execute(async (tx) => {
    const row = await draftForWrite(tx, ref, fiscalYear, version);
    const update = Object.fromEntries(FINANCE_FIELDS.map((f) => [f, values[f] === null ? null : toNumeric(values[f])]));
    await tx.updateTable('fund_plan').set(update).where('id', '=', row.id).execute();
    await audit(tx, actor?.userId ?? null, 'plan.finance.save', 'fund_plan', row.id, update);
    return { version: await bump(tx, row) };
  });
}

const transitionSchema = z.object({
  version: versionField,
  transition: z.enum(Object.keys(PLAN_TRANSITIONS) as [PlanTransition, ...PlanTransition[]], 'admin.error.invalid'),
  meeting_number: optionalText(60),
  meeting_date: cell,
});

/**
 * Moves the plan along its workflow. Approving records the committee's meeting and supersedes
 * the revision in force; revising opens the next revision as a copy of the approved one.
 */
export async function transitionFundPlan(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: string; fiscalYear: unknown },
): Promise<{ revision: number; status: PlanStatus }> {
  const { ref, fiscalYear } = await fundYearFor(db, actor, 'plan.workflow', input);
  const value = parseInput(transitionSchema, input, 'admin.error.invalid');
  let meetingDate: string | null = null;
  if (value.transition === 'approve') {
    const problems: FieldProblem[] = [];
    if (!value.meeting_number) problems.push({ field: 'meeting_number', key: 'planning.error.meetingNumber' });
    const parsed = value.meeting_date === '' ? null : parseDate(value.meeting_date);
    if (!parsed) problems.push({ field: 'meeting_date', key: 'planning.error.meetingDate' });
    else if (!parsed.ok) problems.push({ field: 'meeting_date', key: `admin.error.${parsed.problem}` });
    else meetingDate = parsed.value;
    if (problems.length) throw new Invalid(problems);
  }
  return db.transaction().execute(async (tx) => {
    const rows = await tx.selectFrom('fund_plan').selectAll().where('fund_id', '=', ref.id).where('fiscal_year', '=', fiscalYear).orderBy('revision', 'desc').forUpdate().execute();
    const row = workingRevision(rows);
    if (!row) throw new NotFound('plan');
    if (row.version !== value.version) throw new Conflict();
    if (!canTransition(row.status, value.transition)) throw invalid('_form', 'planning.error.transition');
    const now = new Date();
    const actorId = actor?.userId ?? null;
    if (value.transition === 'revise') {
      const { id } = await tx
        .insertInto('fund_plan')
        .values({ fund_id: ref.id, fiscal_year: fiscalYear, revision: row.revision + 1, status: 'draft' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await copyPlanContent(tx, row.id, id, { withFinance: true });
      await tx.updateTable('fund_plan').set({ version: row.version + 1, updated_at: now }).where('id', '=', row.id).execute();
      await audit(tx, actorId, 'plan.revise', 'fund_plan', id, { from: row.revision });
      return { revision: row.revision + 1, status: 'draft' as const };
    }
    const to = PLAN_TRANSITIONS[value.transition].to;
    if (to === 'approved') {
      await tx.updateTable('fund_plan').set({ status: 'superseded', updated_at: now }).where('fund_id', '=', ref.id).where('fiscal_year', '=', fiscalYear).where('status', '=', 'approved').execute();
    }
    await tx
      .updateTable('fund_plan')
      .set({
        status: to,
        version: row.version + 1,
        updated_at: now,
        ...(to === 'submitted' ? { submitted_at: now } : {}),
        ...(to === 'approved' ? { approved_at: now, meeting_number: value.meeting_number, meeting_date: meetingDate } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    await audit(tx, actorId, `plan.${value.transition}`, 'fund_plan', row.id, to === 'approved' ? { meeting_number: value.meeting_number, meeting_date: meetingDate } : {});
    return { revision: row.revision, status: to };
  });
}

/** The whole plan of a year, every program in full: what the API returns. */
export async function getFundPlanExport(
  db: Db,
  actor: Actor | null,
  input: { code: string; fiscalYear: unknown },
): Promise<Omit<FundPlanYear, 'programOptions' | 'transitions'> & { programs: Omit<PlanEntryDetail, 'fund' | 'fiscalYear' | 'plan'>[] }> {
  const { programOptions: _, transitions: __, ...year } = await getFundPlanYear(db, actor, input);
  const programs = [];
  for (const entry of year.plan?.entries ?? []) {
    const { fund: _f, fiscalYear: _y, plan: _p, ...detail } = await getPlanEntry(db, actor, { ...input, program: entry.program_code, revision: year.plan?.revision });
    programs.push(detail);
  }
  return { ...year, programs };
}
