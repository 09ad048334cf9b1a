import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DB, ProposalTable } from '../db/schema.ts';
import { currentFiscalYear } from '../domain/fiscal-year.ts';
import { percentToBasisPoints, ruleInForce } from '../domain/fund-year.ts';
import { fromNumeric, type Satang, toNumeric } from '../domain/money.ts';
import { isProjectOrigin, type ProjectOrigin } from '../domain/outside-projects.ts';
import type { SupportCategory } from '../domain/planning.ts';
import { type Action, type Actor, can } from '../domain/policy.ts';
import {
  type Activity,
  activityProblems,
  activityTotal,
  budgetProblems,
  contentProblems,
  type ContentProblem,
  compareSnapshots,
  type ExpenseGroup,
  type Hat,
  isProposalTransition,
  lineAmount,
  mayEdit,
  NEEDS_MENTOR,
  NEEDS_OFFICER,
  NEEDS_OWNER,
  type OrganisationType,
  PROPOSAL_STATES,
  PUBLIC_STATE,
  type ProposalState,
  type ProposalTransition,
  proposalTotal,
  type Snapshot,
  type SnapshotChange,
  type Step,
  suggestedCategory,
  transitionRule,
  transitionsFor,
} from '../domain/proposals.ts';
import { audit, invalid, parseYear, versionField } from './admin-shared.ts';
import { authorize, type FundRef, findFund } from './authorize.ts';
import { Conflict, Forbidden, Invalid, NotFound, parseInput } from './errors.ts';
import { notify } from './inbox.ts';
import {
  isStep,
  readActivitiesStep,
  readObjectivesStep,
  readOrganisationStep,
  readPeriodStep,
  readProblemStep,
  readResultsStep,
  readTargetsStep,
} from './proposal-steps.ts';

// Proposals (พัฒนาโครงการ): started by a proposer (or the officer for them), written page by
// page, reviewed by the area's mentor, decided by the fund's committee. Every write checks the
// proposal's version; every workflow step writes an audit event and notifications in the same
// transaction. Which step needs which hat is the table in domain/proposals.ts.

type Db = Kysely<DB>;
type Tx = Transaction<DB>;
type ProposalRow = Selectable<ProposalTable>;

export interface Loaded {
  row: ProposalRow;
  fund: FundRef & { name_th: string; name_en: string | null };
  hats: Hat[];
}

const target = (ref: FundRef) => ({ scopeChain: ref.scopeChain });

/** The hats this actor wears towards the proposal (see domain/proposals.ts). */
async function hatsOf(db: Db, actor: Actor | null, row: ProposalRow, ref: FundRef): Promise<Hat[]> {
  if (!actor) return [];
  const hats: Hat[] = [];
  if (row.created_by === actor.userId) hats.push('owner');
  else if (row.organisation_id !== null) {
    const user = await db.selectFrom('app_user').select('organisation_id').where('id', '=', actor.userId).executeTakeFirst();
    if (user?.organisation_id === row.organisation_id) hats.push('owner');
  }
  if (can(actor, 'proposal.review', target(ref))) hats.push('mentor');
  if (can(actor, 'proposal.manage', target(ref))) hats.push('officer');
  if (can(actor, 'proposal.decide', target(ref))) hats.push('committee');
  return hats;
}

/** Whether the actor may read the proposal at all: its owners, the area's staff, the fund's committee once it reaches an agenda, everyone once approved. */
async function mayView(db: Db, actor: Actor | null, row: ProposalRow, ref: FundRef, hats: readonly Hat[]): Promise<boolean> {
  if (hats.includes('owner') || can(actor, 'proposal.view_all', target(ref))) return true;
  if (row.state === 'approved') return true;
  if (can(actor, 'proposal.view_agenda', target(ref))) {
    const item = await db.selectFrom('meeting_item').select('id').where('proposal_id', '=', row.id).executeTakeFirst();
    return item !== undefined;
  }
  return false;
}

async function fundOf(db: Db, fundId: number): Promise<Loaded['fund']> {
  const fund = await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', fundId).executeTakeFirstOrThrow();
  return { ...(await findFund(db, fund.code)), name_th: fund.name_th, name_en: fund.name_en };
}

/** The proposal with its fund and the actor's hats, once the actor may see it. */
export async function loadProposal(db: Db, actor: Actor | null, id: unknown): Promise<Loaded> {
  const proposalId = Number(id);
  if (!Number.isSafeInteger(proposalId) || proposalId < 1) throw new NotFound(`proposal ${String(id)}`);
  const row = await db.selectFrom('proposal').selectAll().where('id', '=', proposalId).executeTakeFirst();
  if (!row) throw new NotFound(`proposal ${proposalId}`);
  const fund = await fundOf(db, row.fund_id);
  const hats = await hatsOf(db, actor, row, fund);
  if (!(await mayView(db, actor, row, fund, hats))) {
    // The public is told there is nothing here; someone signed in, that it is not theirs.
    if (!actor) throw new NotFound(`proposal ${proposalId}`);
    throw new Forbidden('proposal.view');
  }
  return { row, fund, hats };
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface ProposalContentView {
  members: { position: number; title: string; first_name: string; last_name: string }[];
  programs: string[];
  situations: { indicator_code: string; value: string | null; target: string | null }[];
  objectives: { position: number; objective: string; indicator: string; target: string }[];
  targetGroups: { code: string; people: number }[];
  activities: {
    position: number;
    title: string;
    detail: string;
    total: string;
    expenses: { position: number; group: ExpenseGroup; item: string; unit_cost: string; units: number; times: number; amount: string }[];
  }[];
}

export async function readContent(db: Db, proposalId: number): Promise<ProposalContentView> {
  const [members, programs, situations, objectives, groups, activities, expenses] = await Promise.all([
    db.selectFrom('proposal_member').select(['position', 'title', 'first_name', 'last_name']).where('proposal_id', '=', proposalId).orderBy('position').execute(),
    db.selectFrom('proposal_program').select('program_code').where('proposal_id', '=', proposalId).orderBy('program_code').execute(),
    db.selectFrom('proposal_situation').select(['indicator_code', 'value', 'target']).where('proposal_id', '=', proposalId).orderBy('indicator_code').execute(),
    db.selectFrom('proposal_objective').select(['position', 'objective', 'indicator', 'target']).where('proposal_id', '=', proposalId).orderBy('position').execute(),
    db.selectFrom('proposal_target_group').select(['target_group_code as code', 'people']).where('proposal_id', '=', proposalId).orderBy('target_group_code').execute(),
    db.selectFrom('proposal_activity').select(['position', 'title', 'detail']).where('proposal_id', '=', proposalId).orderBy('position').execute(),
    db
      .selectFrom('proposal_expense')
      .select(['activity_position', 'position', 'expense_group', 'item', 'unit_cost', 'units', 'times'])
      .where('proposal_id', '=', proposalId)
      .orderBy('activity_position')
      .orderBy('position')
      .execute(),
  ]);
  return {
    members,
    programs: programs.map((p) => p.program_code),
    situations,
    objectives,
    targetGroups: groups,
    activities: activities.map((a) => {
      const lines = expenses
        .filter((e) => e.activity_position === a.position)
        .map((e) => ({
          position: e.position,
          group: e.expense_group as ExpenseGroup,
          item: e.item,
          unit_cost: e.unit_cost,
          units: e.units,
          times: e.times,
          amount: toNumeric(lineAmount({ unitCost: fromNumeric(e.unit_cost), units: e.units, times: e.times })),
        }));
      return { ...a, expenses: lines, total: toNumeric(activityTotal({ expenses: domainLines(lines) })) };
    }),
  };
}

const domainLines = (lines: readonly { group: ExpenseGroup; item: string; unit_cost: string; units: number; times: number }[]) =>
  lines.map((l) => ({ group: l.group, item: l.item, unitCost: fromNumeric(l.unit_cost), units: l.units, times: l.times }));

const domainActivities = (content: ProposalContentView): Activity[] =>
  content.activities.map((a) => ({ title: a.title, expenses: domainLines(a.expenses) }));

/** The rule set in force for the year: the equipment limit, the 10(4) cap, the clauses printed on the form. */
export async function rulesFor(db: Db, fiscalYear: number) {
  const rules = await db.selectFrom('rule_set').selectAll().execute();
  const rule = ruleInForce(
    rules.map((r) => ({ ...r, effectiveFromFiscalYear: r.effective_from_fiscal_year })),
    fiscalYear,
  );
  if (!rule) throw invalid('_form', 'admin.error.noRules', { year: fiscalYear });
  return rule;
}

function problemsOf(row: ProposalRow, content: ProposalContentView, equipmentItemLimit: string): ContentProblem[] {
  return contentProblems(
    {
      fiscalYear: row.fiscal_year,
      organisationName: row.organisation_name,
      organisationType: row.organisation_type as OrganisationType | null,
      members: content.members.length,
      title: row.title,
      rationale: row.rationale,
      programs: content.programs.length,
      objectives: content.objectives.length,
      targetGroups: content.targetGroups.length,
      activities: domainActivities(content),
      periodStart: row.period_start,
      periodEnd: row.period_end,
      place: row.place,
      expectedResults: row.expected_results,
      supportCategory: row.support_category as SupportCategory | null,
    },
    { equipmentItemLimit: fromNumeric(equipmentItemLimit) },
  );
}

export interface PlanOption {
  /** The fiscal year of the approved plan offered (this year's, else the latest before it). */
  fiscalYear: number | null;
  programs: { code: string; name_th: string; name_en: string; situations: { indicator_code: string; name_th: string; name_en: string; unit: string; value: string; target: string | null }[] }[];
}

/** What the fund's approved plan offers the proposal: its programs and their situation rows. */
export async function planOptions(db: Db, fundId: number, fiscalYear: number): Promise<PlanOption> {
  const plan = await db
    .selectFrom('fund_plan')
    .select(['id', 'fiscal_year'])
    .where('fund_id', '=', fundId)
    .where('fiscal_year', '<=', fiscalYear)
    .where('status', '=', 'approved')
    .orderBy('fiscal_year', 'desc')
    .executeTakeFirst();
  if (!plan) return { fiscalYear: null, programs: [] };
  const [entries, situations] = await Promise.all([
    db
      .selectFrom('plan_entry as e')
      .innerJoin('plan_program as p', 'p.code', 'e.program_code')
      .select(['p.code', 'p.name_th', 'p.name_en', 'p.sort_order'])
      .where('e.plan_id', '=', plan.id)
      .orderBy('p.sort_order')
      .execute(),
    db
      .selectFrom('plan_situation as s')
      .innerJoin('plan_entry as e', 'e.id', 's.entry_id')
      .innerJoin('situation_indicator as i', 'i.code', 's.indicator_code')
      .select(['e.program_code', 's.indicator_code', 'i.name_th', 'i.name_en', 'i.unit', 's.value', 's.target'])
      .where('e.plan_id', '=', plan.id)
      .orderBy('s.indicator_code')
      .execute(),
  ]);
  return {
    fiscalYear: plan.fiscal_year,
    programs: entries.map(({ sort_order: _, ...p }) => ({
      ...p,
      situations: situations.filter((s) => s.program_code === p.code).map(({ program_code: __, ...s }) => s),
    })),
  };
}

export interface BudgetCheck {
  category: SupportCategory;
  allocation: string | null;
  committed: string;
  remaining: string | null;
  /** Problems the amount would meet at approval; shown to everyone beforehand. */
  problems: { problem: 'no_financial_plan' | 'over_allocation' | 'over_admin_cap'; remaining?: string }[];
}

/**
 * The proposal's amount against what is left of its category in the fund's approved annual
 * financial plan, and for 10(4) against the cap on administration.
 */
export async function budgetCheck(db: Db, row: ProposalRow, amount: Satang): Promise<BudgetCheck | null> {
  const category = row.support_category as SupportCategory | null;
  if (category === null) return null;
  const plan = await db
    .selectFrom('fund_plan')
    .selectAll()
    .where('fund_id', '=', row.fund_id)
    .where('fiscal_year', '=', row.fiscal_year)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  const committedRows = await db
    .selectFrom('proposal')
    .select(['support_category', (eb) => eb.fn.sum<string>('approved_amount').as('total')])
    .where('fund_id', '=', row.fund_id)
    .where('fiscal_year', '=', row.fiscal_year)
    .where('state', '=', 'approved')
    .where('id', '<>', row.id)
    .groupBy('support_category')
    .execute();
  const committedIn = (c: number) => fromNumeric(committedRows.find((r) => r.support_category === c)?.total ?? '0');
  const allocationText = plan ? plan[`allocation_${category}`] : null;
  const allocation = allocationText === null || allocationText === undefined ? null : fromNumeric(allocationText);
  let adminCap: { cap: Satang; committed: Satang } | null = null;
  if (category === 4 && plan) {
    const rule = await rulesFor(db, row.fiscal_year);
    const income = ['nhso_transfer', 'lao_cofunding', 'other_income'] as const;
    const yearIncome = income.reduce((sum, f) => sum + (plan[f] === null ? 0 : fromNumeric(plan[f])), 0);
    const cap = Math.floor((yearIncome * percentToBasisPoints(rule.admin_cap_percent)) / 10_000) as Satang;
    adminCap = { cap, committed: committedIn(4) };
  }
  const committed = committedIn(category);
  const problems = budgetProblems(amount, category, { allocation: plan ? allocation : null, committed }, adminCap).map((p) =>
    'remaining' in p ? { problem: p.problem, remaining: toNumeric(p.remaining) } : { problem: p.problem },
  );
  return {
    category,
    allocation: allocation === null ? null : toNumeric(allocation),
    committed: toNumeric(committed),
    remaining: allocation === null ? null : toNumeric((allocation - committed) as Satang),
    problems,
  };
}

export interface ProposalView {
  id: number;
  fund: { code: string; name_th: string; name_en: string | null };
  fiscalYear: number;
  state: ProposalState;
  publicState: (typeof PUBLIC_STATE)[ProposalState];
  version: number;
  contentRevision: number;
  organisation: { id: number | null; name: string; type: OrganisationType | null };
  coordinator: { name: string; phone: string };
  title: string;
  rationale: string;
  periodStart: string | null;
  periodEnd: string | null;
  place: string;
  expectedResults: string;
  supportCategory: SupportCategory | null;
  suggestedCategory: SupportCategory | null;
  budget: string;
  content: ProposalContentView;
  reviewChecklist: Record<string, boolean>;
  decision: {
    approvedAmount: string | null;
    conditions: string | null;
    reason: string | null;
    decidedAt: Date | null;
    /** The meeting whose resolution it was (printed on form กปท.7). */
    meeting: { number: number; fiscalYear: number; date: string } | null;
  };
  project: { code: string } | null;
  /** Where the project comes from; a paper or imported one names its meeting as the minutes do. */
  origin: ProjectOrigin;
  outsideMeeting: { ref: string; date: string | null } | null;
  submittedAt: Date | null;
  updatedAt: Date;
  /** Problems that keep it from being sent, by step. */
  problems: ContentProblem[];
  budgetCheck: BudgetCheck | null;
  hats: Hat[];
  mayEdit: boolean;
  /** Workflow steps open to this actor now. */
  actions: ProposalTransition[];
  /** The meeting it is on, awaiting a decision. */
  agenda: { meetingId: number; number: number; fiscalYear: number; date: string; itemId: number } | null;
}

/** A proposal as its pages and the API show it. */
export async function getProposal(db: Db, actor: Actor | null, input: { id: unknown }): Promise<ProposalView> {
  const { row, fund, hats } = await loadProposal(db, actor, input.id);
  return viewOf(db, row, fund, hats);
}

async function viewOf(db: Db, row: ProposalRow, fund: Loaded['fund'], hats: Hat[]): Promise<ProposalView> {
  const [content, rule, agenda, decidedIn] = await Promise.all([
    readContent(db, row.id),
    rulesFor(db, row.fiscal_year),
    db
      .selectFrom('meeting_item as i')
      .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
      .select(['m.id as meetingId', 'm.number', 'm.fiscal_year as fiscalYear', 'm.meeting_date as date', 'i.id as itemId'])
      .where('i.proposal_id', '=', row.id)
      .where('i.decision', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('meeting_item as i')
      .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
      .select(['m.number', 'm.fiscal_year as fiscalYear', 'm.meeting_date as date'])
      .where('i.proposal_id', '=', row.id)
      .where('i.decision', 'is not', null)
      .orderBy('i.decided_at', 'desc')
      .executeTakeFirst(),
  ]);
  const budget = fromNumeric(row.budget);
  const staff = hats.some((h) => h !== 'owner');
  return {
    id: row.id,
    fund: { code: fund.code, name_th: fund.name_th, name_en: fund.name_en },
    fiscalYear: row.fiscal_year,
    state: row.state,
    publicState: PUBLIC_STATE[row.state],
    version: row.version,
    contentRevision: row.content_revision,
    organisation: { id: row.organisation_id, name: row.organisation_name, type: row.organisation_type as OrganisationType | null },
    // The coordinator's phone is for the people handling the proposal, not the public.
    coordinator: { name: row.coordinator_name, phone: staff || hats.includes('owner') ? row.coordinator_phone : '' },
    title: row.title,
    rationale: row.rationale,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    place: row.place,
    expectedResults: row.expected_results,
    supportCategory: row.support_category as SupportCategory | null,
    suggestedCategory: row.organisation_type ? suggestedCategory(row.organisation_type as OrganisationType) : null,
    budget: row.budget,
    content,
    reviewChecklist: row.review_checklist,
    decision: { approvedAmount: row.approved_amount, conditions: row.conditions, reason: row.decision_reason, decidedAt: row.decided_at, meeting: decidedIn ?? null },
    project: row.project_code ? { code: row.project_code } : null,
    origin: row.origin,
    outsideMeeting: row.decided_meeting_ref === null ? null : { ref: row.decided_meeting_ref, date: row.decided_meeting_date },
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    problems: problemsOf(row, content, rule.equipment_item_limit),
    budgetCheck: await budgetCheck(db, row, row.approved_amount === null ? budget : fromNumeric(row.approved_amount)),
    hats,
    mayEdit: mayEdit(row.state, hats),
    actions: transitionsFor(row.state, hats),
    agenda: agenda ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Starting

const startSchema = z.object({
  code: z.string('admin.error.required').trim().min(1, 'admin.error.required'),
  fiscal_year: z.unknown().optional(),
  example: z.coerce.number().int().positive().optional().or(z.literal('').transform(() => undefined)),
  copy_of: z.coerce.number().int().positive().optional().or(z.literal('').transform(() => undefined)),
});

/**
 * Starts a draft at a fund for the actor's organisation: blank, from an example project of a
 * program, or as a copy of one of the organisation's earlier proposals (its content, not its
 * state or decision).
 */
export async function startProposal(db: Db, actor: Actor | null, input: Record<string, unknown>): Promise<{ id: number }> {
  const value = parseInput(startSchema, input);
  // A fund code typed on the start page that matches no fund is a field to correct, not a missing page.
  const ref = await findFund(db, value.code.toUpperCase()).catch((error: unknown) => {
    throw error instanceof NotFound ? invalid('code', 'proposal.error.fund') : error;
  });
  authorize(actor, 'proposal.create', target(ref));
  const fiscalYear = value.fiscal_year === undefined || value.fiscal_year === '' ? currentFiscalYear() : parseYear(value.fiscal_year);
  const user = await db
    .selectFrom('app_user')
    .leftJoin('organisation as o', 'o.id', 'app_user.organisation_id')
    .select(['app_user.organisation_id', 'o.name', 'o.org_type', 'app_user.title', 'app_user.first_name', 'app_user.last_name', 'app_user.phone'])
    .where('app_user.id', '=', actor!.userId)
    .executeTakeFirstOrThrow();
  const source = value.copy_of ? await loadProposal(db, actor, value.copy_of) : null;
  if (source && !source.hats.includes('owner')) throw new Forbidden('proposal.copy');
  const example = value.example
    ? await db.selectFrom('proposal_example').selectAll().where('id', '=', value.example).executeTakeFirst()
    : undefined;
  if (value.example && !example) throw invalid('example', 'proposal.error.example');

  return db.transaction().execute(async (tx) => {
    const type = (user.org_type ?? null) as OrganisationType | null;
    const { id } = await tx
      .insertInto('proposal')
      .values({
        fund_id: ref.id,
        fiscal_year: fiscalYear,
        state: 'draft',
        organisation_id: user.organisation_id,
        organisation_name: user.name ?? '',
        organisation_type: type,
        created_by: actor!.userId,
        coordinator_name: `${user.title}${user.first_name} ${user.last_name}`.trim(),
        coordinator_phone: user.phone ?? '',
        support_category: type ? suggestedCategory(type) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (user.organisation_id) {
      const members = await tx.selectFrom('organisation_member').select(['title', 'first_name', 'last_name']).where('organisation_id', '=', user.organisation_id).orderBy('id').execute();
      if (members.length) await tx.insertInto('proposal_member').values(members.map((m, position) => ({ ...m, proposal_id: id, position }))).execute();
    }
    if (source) await copyContent(tx, source.row, id);
    else if (example) await applyExample(tx, example, id);
    await audit(tx, actor!.userId, 'proposal.start', 'proposal', id, { fund: ref.code, fiscal_year: fiscalYear, example: value.example ?? null, copy_of: value.copy_of ?? null });
    return { id };
  });
}

async function copyContent(tx: Tx, source: ProposalRow, id: number): Promise<void> {
  await tx
    .updateTable('proposal')
    .set({
      title: source.title,
      rationale: source.rationale,
      place: source.place,
      expected_results: source.expected_results,
      support_category: source.support_category,
      budget: source.budget,
    })
    .where('id', '=', id)
    .execute();
  for (const table of ['proposal_program', 'proposal_objective', 'proposal_target_group', 'proposal_activity', 'proposal_expense'] as const) {
    await sql`insert into ${sql.table(table)} select ${id}::bigint, ${sql.raw(copyColumns[table])} from ${sql.table(table)} where proposal_id = ${source.id}`.execute(tx);
  }
}
// The columns after proposal_id, in table order, for copying a proposal's rows to another.
const copyColumns = {
  proposal_program: 'program_code',
  proposal_objective: 'position, objective, indicator, target',
  proposal_target_group: 'target_group_code, people',
  proposal_activity: 'position, title, detail',
  proposal_expense: 'activity_position, position, expense_group, item, unit_cost, units, times',
} as const;

const exampleContent = z.object({
  objectives: z.array(z.object({ objective: z.string(), indicator: z.string(), target: z.string() })).default([]),
  targetGroups: z.array(z.object({ code: z.string(), people: z.number().int().positive() })).default([]),
  activities: z
    .array(
      z.object({
        title: z.string(),
        detail: z.string().default(''),
        expenses: z.array(z.object({ group: z.string(), item: z.string(), unitCost: z.string(), units: z.number().int(), times: z.number().int() })),
      }),
    )
    .default([]),
});

async function applyExample(tx: Tx, example: Selectable<DB['proposal_example']>, id: number): Promise<void> {
  const content = exampleContent.parse(example.content);
  await tx.insertInto('proposal_program').values({ proposal_id: id, program_code: example.program_code }).execute();
  if (content.objectives.length) await tx.insertInto('proposal_objective').values(content.objectives.map((o, position) => ({ ...o, proposal_id: id, position }))).execute();
  if (content.targetGroups.length) {
    await tx.insertInto('proposal_target_group').values(content.targetGroups.map((g) => ({ proposal_id: id, target_group_code: g.code, people: g.people }))).execute();
  }
  const activities: ActivityInput[] = content.activities.map((a, position) => ({
    position,
    title: a.title,
    detail: a.detail,
    expenses: a.expenses.map((e, p) => ({ position: p, group: e.group as ExpenseGroup, item: e.item, unit_cost: e.unitCost, units: e.units, times: e.times })),
  }));
  await writeActivities(tx, id, activities);
  await tx.updateTable('proposal').set({ title: example.title, rationale: example.rationale, expected_results: example.expected_results }).where('id', '=', id).execute();
}

type ActivityInput = ReturnType<typeof readActivitiesStep>[number];

/** Replaces the activities and their lines, and keeps proposal.budget their exact total. */
async function writeActivities(tx: Tx, id: number, activities: ActivityInput[]): Promise<void> {
  await tx.deleteFrom('proposal_activity').where('proposal_id', '=', id).execute();
  if (activities.length) {
    await tx.insertInto('proposal_activity').values(activities.map((a) => ({ proposal_id: id, position: a.position, title: a.title, detail: a.detail }))).execute();
  }
  const lines = activities.flatMap((a) =>
    a.expenses.map((e) => ({ proposal_id: id, activity_position: a.position, position: e.position, expense_group: e.group, item: e.item, unit_cost: e.unit_cost, units: e.units, times: e.times })),
  );
  if (lines.length) await tx.insertInto('proposal_expense').values(lines).execute();
  const total = proposalTotal(activities.map((a) => ({ expenses: domainLines(a.expenses) })));
  await tx.updateTable('proposal').set({ budget: toNumeric(total) }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Writing, page by page

/**
 * Saves one page of the guided flow. Only the hats EDIT_RIGHTS gives for the state may; a
 * mentor's edit is kept as a version of its own. A stale version is a Conflict: nothing saved.
 */
export async function saveProposalStep(db: Db, actor: Actor | null, input: Record<string, unknown> & { id: unknown; step: unknown }): Promise<{ version: number }> {
  const { row, fund, hats } = await loadProposal(db, actor, input.id);
  if (!isStep(input.step)) throw new NotFound(`step ${String(input.step)}`);
  const step: Step = input.step;
  if (!mayEdit(row.state, hats)) {
    // Someone with no part in it may not; someone with a part is told why not now.
    if (!hats.some((h) => h !== 'committee')) throw new Forbidden('proposal.edit');
    throw invalid('_form', 'proposal.error.locked');
  }
  const version = parseInput(z.object({ version: versionField }), input).version;
  const knownGroups = step === 'targets' ? new Set((await db.selectFrom('target_group').select('code').execute()).map((g) => g.code)) : new Set<string>();
  const options = step === 'problem' ? await planOptions(db, row.fund_id, row.fiscal_year) : null;

  // Read and check the page before the transaction: a refusal changes nothing.
  const write = await (async (): Promise<(tx: Tx) => Promise<void>> => {
    switch (step) {
      case 'organisation': {
        const value = readOrganisationStep(input);
        return async (tx) => {
          await tx
            .updateTable('proposal')
            .set({ organisation_name: value.organisation_name, organisation_type: value.organisation_type, coordinator_name: value.coordinator_name, coordinator_phone: value.coordinator_phone })
            .where('id', '=', row.id)
            .execute();
          await tx.deleteFrom('proposal_member').where('proposal_id', '=', row.id).execute();
          if (value.members.length) await tx.insertInto('proposal_member').values(value.members.map((m) => ({ ...m, proposal_id: row.id }))).execute();
        };
      }
      case 'problem': {
        const value = readProblemStep(input);
        const offered = options!.programs;
        const known = new Set((await db.selectFrom('plan_program').select('code').execute()).map((p) => p.code));
        if (value.programs.some((code) => !known.has(code))) throw invalid('programs', 'proposal.error.program');
        const situations = offered.flatMap((p) => p.situations);
        const chosen = value.situations.map((code) => situations.find((s) => s.indicator_code === code));
        if (chosen.some((s) => s === undefined)) throw invalid('situations', 'proposal.error.situation');
        return async (tx) => {
          await tx.updateTable('proposal').set({ title: value.title, rationale: value.rationale }).where('id', '=', row.id).execute();
          await tx.deleteFrom('proposal_program').where('proposal_id', '=', row.id).execute();
          await tx.deleteFrom('proposal_situation').where('proposal_id', '=', row.id).execute();
          if (value.programs.length) await tx.insertInto('proposal_program').values(value.programs.map((program_code) => ({ proposal_id: row.id, program_code }))).execute();
          const rows = chosen.flatMap((s) => (s ? [{ proposal_id: row.id, indicator_code: s.indicator_code, value: s.value, target: s.target }] : []));
          if (rows.length) await tx.insertInto('proposal_situation').values(rows).execute();
        };
      }
      case 'objectives': {
        const objectives = readObjectivesStep(input);
        return async (tx) => {
          await tx.deleteFrom('proposal_objective').where('proposal_id', '=', row.id).execute();
          if (objectives.length) await tx.insertInto('proposal_objective').values(objectives.map((o) => ({ ...o, proposal_id: row.id }))).execute();
        };
      }
      case 'targets': {
        const groups = readTargetsStep(input, knownGroups);
        return async (tx) => {
          await tx.deleteFrom('proposal_target_group').where('proposal_id', '=', row.id).execute();
          if (groups.length) await tx.insertInto('proposal_target_group').values(groups.map((g) => ({ proposal_id: row.id, target_group_code: g.code, people: g.people }))).execute();
        };
      }
      case 'activities': {
        const activities = readActivitiesStep(input);
        const rule = await rulesFor(db, row.fiscal_year);
        const over = activityProblems(
          activities.map((a) => ({ title: a.title, expenses: domainLines(a.expenses) })),
          row.support_category as SupportCategory | null,
          { equipmentItemLimit: fromNumeric(rule.equipment_item_limit) },
        ).filter((p) => p.problem === 'equipment_over_limit');
        if (over.length) {
          throw new Invalid(over.map((p) => ({ field: p.field, key: 'proposal.error.equipmentOverLimit', params: { limit: rule.equipment_item_limit } })));
        }
        return (tx) => writeActivities(tx, row.id, activities);
      }
      case 'period': {
        const value = readPeriodStep(input, row.fiscal_year);
        return async (tx) => {
          await tx.updateTable('proposal').set(value).where('id', '=', row.id).execute();
        };
      }
      case 'results': {
        const value = readResultsStep(input);
        return async (tx) => {
          await tx.updateTable('proposal').set(value).where('id', '=', row.id).execute();
        };
      }
    }
  })();

  return db.transaction().execute(async (tx) => {
    const next = await claimVersion(tx, row.id, version, 'content');
    await write(tx);
    const asMentor = !hats.includes('owner') && (row.state === 'submitted' || row.state === 'in_review' || row.state === 'resubmitted');
    await audit(tx, actor!.userId, asMentor ? 'proposal.mentor_edit' : 'proposal.save', 'proposal', row.id, { step });
    if (asMentor) {
      await keepVersion(tx, row.id, actor!.userId, 'mentor_edit');
      await notify(tx, { proposalId: row.id, fund, audience: ['owner'], actorId: actor!.userId, key: 'inbox.proposal.mentorEdit', params: { title: row.title } });
    }
    return { version: next };
  });
}

/**
 * Claims the version: Conflict when someone saved since. A change to what the proposal says also
 * counts a content revision (the committee decides on the revision it put on its agenda).
 */
async function claimVersion(tx: Tx, id: number, version: number, change: 'content' | 'other'): Promise<number> {
  const updated = await tx
    .updateTable('proposal')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: sql`now()`,
      ...(change === 'content' ? { content_revision: eb('content_revision', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (!updated) throw new Conflict(`proposal ${id} changed since version ${version}`);
  return updated.version;
}

/** What the proposal says now, flattened by section for comparing versions. */
export async function snapshotOf(db: Db, id: number): Promise<Snapshot> {
  const row = await db.selectFrom('proposal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const c = await readContent(db, id);
  return {
    organisation: {
      name: row.organisation_name,
      type: String(row.organisation_type ?? ''),
      coordinator: `${row.coordinator_name} ${row.coordinator_phone}`.trim(),
      members: c.members.map((m) => `${m.title}${m.first_name} ${m.last_name}`).join(', '),
    },
    problem: { title: row.title, rationale: row.rationale, programs: c.programs.join(', '), situations: c.situations.map((s) => s.indicator_code).join(', ') },
    objectives: Object.fromEntries(c.objectives.map((o) => [String(o.position + 1), `${o.objective} | ${o.indicator} | ${o.target}`])),
    targets: Object.fromEntries(c.targetGroups.map((g) => [g.code, String(g.people)])),
    activities: Object.fromEntries(
      c.activities.map((a) => [
        String(a.position + 1),
        [a.title, a.detail, ...a.expenses.map((e) => `${e.group}: ${e.item} ${e.unit_cost} × ${e.units} × ${e.times} = ${e.amount}`)].filter(Boolean).join('\n'),
      ]),
    ),
    period: { start: row.period_start ?? '', end: row.period_end ?? '', place: row.place },
    results: { expected_results: row.expected_results, support_category: String(row.support_category ?? ''), budget: row.budget },
  };
}

async function keepVersion(tx: Tx, id: number, actorId: number, reason: 'submitted' | 'resubmitted' | 'mentor_edit' | 'suggestion_accepted'): Promise<void> {
  const row = await tx.selectFrom('proposal').select('content_revision').where('id', '=', id).executeTakeFirstOrThrow();
  const last = await tx.selectFrom('proposal_version').select((eb) => eb.fn.max('number').as('n')).where('proposal_id', '=', id).executeTakeFirst();
  await tx
    .insertInto('proposal_version')
    .values({
      proposal_id: id,
      number: Number(last?.n ?? 0) + 1,
      content_revision: row.content_revision,
      reason,
      snapshot: JSON.stringify(await snapshotOf(tx, id)),
      created_by: actorId,
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Workflow

const transitionSchema = z.object({
  version: versionField,
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(2000, 'admin.error.tooLong')),
});

/**
 * Takes one step of the workflow table. Submitting needs a complete proposal; returning and
 * cancelling need a reason (kept as a comment). Putting on an agenda and the committee's
 * decisions go through meetings (use-cases/meetings.ts), which call `applyTransition`.
 */
export async function transitionProposal(db: Db, actor: Actor | null, input: Record<string, unknown> & { id: unknown }): Promise<ProposalView> {
  const { row, fund, hats } = await loadProposal(db, actor, input.id);
  if (!isProposalTransition(input.action)) throw invalid('action', 'proposal.error.action');
  const action: ProposalTransition = input.action;
  const rule = transitionRule(action);
  // Who may take the step is settled before anything they sent is looked at.
  if (!rule.by.some((h) => hats.includes(h))) throw new Forbidden(`proposal.${action}`);
  if (rule.needs === 'meeting' || rule.needs === 'decision') throw invalid('action', 'proposal.error.throughMeeting');
  const value = parseInput(transitionSchema, input);
  if (!rule.from.includes(row.state)) throw invalid('action', 'proposal.error.transition');
  if (rule.needs === 'reason' && value.reason === '') throw invalid('reason', 'proposal.error.reason');
  if (action === 'submit' || action === 'resubmit') {
    const [content, ruleSet] = await Promise.all([readContent(db, row.id), rulesFor(db, row.fiscal_year)]);
    const problems = problemsOf(row, content, ruleSet.equipment_item_limit);
    if (problems.length) throw invalid('_form', 'proposal.error.incomplete', { count: problems.length });
  }
  await db.transaction().execute(async (tx) => {
    await applyTransition(tx, { row, fund, actorId: actor!.userId, action, version: value.version, reason: value.reason });
  });
  return getProposal(db, actor, { id: row.id });
}

/** The state change itself, with its audit event, version and notifications; in the caller's transaction. */
export async function applyTransition(
  tx: Tx,
  step: { row: ProposalRow; fund: Loaded['fund']; actorId: number; action: ProposalTransition; version: number; reason?: string; extra?: Record<string, unknown> },
): Promise<void> {
  const { row, fund, actorId, action } = step;
  const rule = transitionRule(action);
  const updated = await tx
    .updateTable('proposal')
    .set((eb) => ({
      state: rule.to,
      version: eb('version', '+', 1),
      updated_at: sql`now()`,
      ...(action === 'submit' || action === 'resubmit' ? { submitted_at: sql`now()` } : {}),
    }))
    .where('id', '=', row.id)
    .where('version', '=', step.version)
    .where('state', '=', row.state)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new Conflict(`proposal ${row.id} changed since version ${step.version}`);
  if (step.reason) {
    await tx.insertInto('proposal_comment').values({ proposal_id: row.id, section: 'whole', body: step.reason, author_id: actorId }).execute();
  }
  if (action === 'submit' || action === 'resubmit') await keepVersion(tx, row.id, actorId, action === 'submit' ? 'submitted' : 'resubmitted');
  await audit(tx, actorId, `proposal.${action}`, 'proposal', row.id, { from: row.state, to: rule.to, ...(step.reason ? { reason: step.reason } : {}), ...step.extra });
  await notify(tx, { proposalId: row.id, fund, audience: rule.notify, actorId, key: `inbox.proposal.${action}`, params: { title: row.title || `#${row.id}` } });
}

// ---------------------------------------------------------------------------------------------
// Comments, suggestions and the mentor's checklist

export const COMMENT_SECTIONS = ['whole', 'organisation', 'problem', 'objectives', 'targets', 'activities', 'period', 'results'] as const;
export const SUGGESTABLE_FIELDS = ['title', 'rationale', 'place', 'expected_results'] as const;

const commentSchema = z.object({
  section: z.enum(COMMENT_SECTIONS, 'proposal.error.section'),
  body: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'proposal.error.commentBody').max(5000, 'admin.error.tooLong')),
  suggested_field: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(SUGGESTABLE_FIELDS, 'proposal.error.section').nullable()),
  suggested_text: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().max(10000, 'admin.error.tooLong')),
});

/** A comment by the mentor or the officer (or a reply by the proposer), optionally suggesting new text for one field. */
export async function addComment(db: Db, actor: Actor | null, input: Record<string, unknown> & { id: unknown }): Promise<void> {
  const { row, fund, hats } = await loadProposal(db, actor, input.id);
  if (!hats.some((h) => h === 'owner' || h === 'mentor' || h === 'officer')) throw new Forbidden('proposal.comment');
  const value = parseInput(commentSchema, input);
  const suggesting = value.suggested_field !== null;
  if (suggesting && !hats.some((h) => h === 'mentor' || h === 'officer')) throw new Forbidden('proposal.suggest');
  if (suggesting && value.suggested_text === '') throw invalid('suggested_text', 'proposal.error.suggestionText');
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('proposal_comment')
      .values({
        proposal_id: row.id,
        section: value.section,
        body: value.body,
        suggested_field: value.suggested_field,
        suggested_text: suggesting ? value.suggested_text : null,
        suggestion_state: suggesting ? 'open' : null,
        author_id: actor!.userId,
      })
      .execute();
    await audit(tx, actor!.userId, 'proposal.comment', 'proposal', row.id, { section: value.section, suggestion: suggesting });
    const audience = hats.includes('owner') ? (['mentors', 'officers'] as const) : (['owner'] as const);
    await notify(tx, { proposalId: row.id, fund, audience, actorId: actor!.userId, key: 'inbox.proposal.comment', params: { title: row.title || `#${row.id}` } });
  });
}

/** The proposer accepts a suggestion (the field takes its text, a version is kept) or declines it. */
export async function answerSuggestion(
  db: Db,
  actor: Actor | null,
  input: { id: unknown; commentId: unknown; accept: boolean; version: unknown },
): Promise<{ version: number }> {
  const { row, fund, hats } = await loadProposal(db, actor, input.id);
  if (!hats.includes('owner')) throw new Forbidden('proposal.answer_suggestion');
  const version = parseInput(z.object({ version: versionField }), input).version;
  const comment = await db
    .selectFrom('proposal_comment')
    .selectAll()
    .where('id', '=', Number(input.commentId))
    .where('proposal_id', '=', row.id)
    .executeTakeFirst();
  if (!comment?.suggested_field) throw new NotFound(`suggestion ${String(input.commentId)}`);
  if (comment.suggestion_state !== 'open') throw invalid('_form', 'proposal.error.suggestionAnswered');
  if (input.accept && !mayEdit(row.state, hats)) throw invalid('_form', 'proposal.error.locked');
  return db.transaction().execute(async (tx) => {
    const next = await claimVersion(tx, row.id, version, input.accept ? 'content' : 'other');
    if (input.accept) await tx.updateTable('proposal').set({ [comment.suggested_field!]: comment.suggested_text }).where('id', '=', row.id).execute();
    await tx.updateTable('proposal_comment').set({ suggestion_state: input.accept ? 'accepted' : 'declined' }).where('id', '=', comment.id).execute();
    if (input.accept) await keepVersion(tx, row.id, actor!.userId, 'suggestion_accepted');
    await audit(tx, actor!.userId, input.accept ? 'proposal.suggestion_accept' : 'proposal.suggestion_decline', 'proposal', row.id, { comment: comment.id });
    await notify(tx, { proposalId: row.id, fund, audience: ['mentors'], actorId: actor!.userId, key: input.accept ? 'inbox.proposal.suggestionAccepted' : 'inbox.proposal.suggestionDeclined', params: { title: row.title } });
    return { version: next };
  });
}

/** The quality checks a mentor ticks while reviewing. */
export const REVIEW_CHECKS = ['fits_plan', 'clear_problem', 'measurable_objectives', 'right_targets', 'realistic_budget', 'rules_followed'] as const;

export async function saveReviewChecklist(db: Db, actor: Actor | null, input: Record<string, unknown> & { id: unknown }): Promise<{ version: number }> {
  const { row, hats } = await loadProposal(db, actor, input.id);
  if (!hats.some((h) => h === 'mentor' || h === 'officer')) throw new Forbidden('proposal.review');
  const version = parseInput(z.object({ version: versionField }), input).version;
  const ticked = (input.checks && typeof input.checks === 'object' ? input.checks : {}) as Record<string, unknown>;
  const checklist = Object.fromEntries(REVIEW_CHECKS.map((c) => [c, ticked[c] === 'on' || ticked[c] === true]));
  return db.transaction().execute(async (tx) => {
    const next = await claimVersion(tx, row.id, version, 'other');
    await tx.updateTable('proposal').set({ review_checklist: JSON.stringify(checklist) }).where('id', '=', row.id).execute();
    await audit(tx, actor!.userId, 'proposal.checklist', 'proposal', row.id, checklist);
    return { version: next };
  });
}

export interface ProposalHistory {
  comments: {
    id: number;
    section: string;
    body: string;
    suggestedField: string | null;
    suggestedText: string | null;
    suggestionState: 'open' | 'accepted' | 'declined' | null;
    author: string;
    createdAt: Date;
  }[];
  versions: { number: number; reason: string; createdAt: Date; author: string }[];
  events: { action: string; at: Date; actor: string; data: Record<string, unknown> }[];
}

/** Comments, kept versions and the audit trail of one proposal (not for the public). */
export async function getProposalHistory(db: Db, actor: Actor | null, input: { id: unknown }): Promise<ProposalHistory> {
  const { row, hats } = await loadProposal(db, actor, input.id);
  if (hats.length === 0 && !can(actor, 'proposal.view_all', { scopeChain: (await fundOf(db, row.fund_id)).scopeChain })) throw new Forbidden('proposal.history');
  const name = sql<string>`coalesce(u.title || u.first_name || ' ' || u.last_name, '')`;
  const [comments, versions, events] = await Promise.all([
    db
      .selectFrom('proposal_comment as c')
      .leftJoin('app_user as u', 'u.id', 'c.author_id')
      .select(['c.id', 'c.section', 'c.body', 'c.suggested_field as suggestedField', 'c.suggested_text as suggestedText', 'c.suggestion_state as suggestionState', name.as('author'), 'c.created_at as createdAt'])
      .where('c.proposal_id', '=', row.id)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute(),
    db
      .selectFrom('proposal_version as v')
      .leftJoin('app_user as u', 'u.id', 'v.created_by')
      .select(['v.number', 'v.reason', 'v.created_at as createdAt', name.as('author')])
      .where('v.proposal_id', '=', row.id)
      .orderBy('v.number')
      .execute(),
    db
      .selectFrom('audit_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
      .select(['e.action', 'e.occurred_at as at', name.as('actor'), 'e.data'])
      .where('e.subject_type', '=', 'proposal')
      .where('e.subject_id', '=', String(row.id))
      .orderBy('e.occurred_at')
      .orderBy('e.id')
      .execute(),
  ]);
  return { comments, versions, events: events.map((e) => ({ ...e, data: (e.data ?? {}) as Record<string, unknown> })) };
}

/** What changed between two kept versions (or a version and now: to = 'current'). */
export async function compareVersions(db: Db, actor: Actor | null, input: { id: unknown; from: unknown; to: unknown }): Promise<SnapshotChange[]> {
  const { row, hats } = await loadProposal(db, actor, input.id);
  if (hats.length === 0) throw new Forbidden('proposal.history');
  const snapshot = async (which: unknown): Promise<Snapshot> => {
    if (which === 'current') return snapshotOf(db, row.id);
    const version = await db.selectFrom('proposal_version').select('snapshot').where('proposal_id', '=', row.id).where('number', '=', Number(which)).executeTakeFirst();
    if (!version) throw new NotFound(`version ${String(which)}`);
    return version.snapshot as Snapshot;
  };
  return compareSnapshots(await snapshot(input.from), await snapshot(input.to));
}

// ---------------------------------------------------------------------------------------------
// Lists

export interface ProposalSummary {
  id: number;
  title: string;
  fundCode: string;
  fundName: string;
  fiscalYear: number;
  state: ProposalState;
  organisationName: string;
  budget: string;
  approvedAmount: string | null;
  projectCode: string | null;
  supportCategory: number | null;
  /** Developed here, recorded from a paper decision, or imported (domain/outside-projects.ts). */
  origin: ProjectOrigin;
  updatedAt: Date;
}

function summaries(db: Db) {
  return db
    .selectFrom('proposal as p')
    .innerJoin('fund as f', 'f.id', 'p.fund_id')
    .select([
      'p.id',
      'p.title',
      'f.code as fundCode',
      'f.name_th as fundName',
      'p.fiscal_year as fiscalYear',
      'p.state',
      'p.organisation_name as organisationName',
      'p.budget',
      'p.approved_amount as approvedAmount',
      'p.project_code as projectCode',
      'p.support_category as supportCategory',
      'p.origin',
      'p.updated_at as updatedAt',
    ]);
}

export interface NeedsMe {
  /** The proposer's drafts and returned proposals. */
  mine: ProposalSummary[];
  /** The proposer's proposals now with the mentor, the officer or the committee. */
  sent: ProposalSummary[];
  /** Proposals waiting for the mentor's review in their area. */
  toReview: ProposalSummary[];
  /** Reviewed proposals the officer can put on an agenda. */
  forAgenda: ProposalSummary[];
  /** The committee's (and officer's) next meetings. */
  meetings: { id: number; fundCode: string; number: number; fiscalYear: number; date: string; items: number }[];
}

/**
 * The "needs me" lists for whoever is signed in: what is waiting for them, by the hats they
 * wear (the workflow table's NEEDS_* states), within their areas.
 */
export async function needsMe(db: Db, actor: Actor | null): Promise<NeedsMe> {
  if (!actor) throw new Forbidden('proposal.needs_me');
  const scopes = (action: Action) =>
    actor.roles.filter((r) => can({ userId: actor.userId, roles: [r] }, action, { scopeChain: [r.scopeCode] })).map((r) => r.scopeCode);
  const inScopes = (codes: string[]) =>
    db
      .selectFrom('fund_area')
      .select('fund_id')
      .where((eb) => eb.or([eb('fund_code', 'in', codes), eb('district_code', 'in', codes), eb('province_code', 'in', codes), eb('region_code', 'in', codes), ...(codes.includes('TH') ? [eb.val(true)] : [])]));
  const user = await db.selectFrom('app_user').select('organisation_id').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const owned = (states: readonly ProposalState[]) =>
    summaries(db)
      .where('p.state', 'in', [...states])
      .where((eb) => eb.or([eb('p.created_by', '=', actor.userId), ...(user.organisation_id ? [eb('p.organisation_id', '=', user.organisation_id)] : [])]))
      .orderBy('p.updated_at', 'desc')
      .limit(50)
      .execute();
  const mine = await owned(NEEDS_OWNER);
  const sent = await owned(PROPOSAL_STATES.filter((s) => PUBLIC_STATE[s] === 'in_progress' && !NEEDS_OWNER.includes(s)));
  const list = async (action: Action, states: readonly ProposalState[]) => {
    const codes = scopes(action);
    if (codes.length === 0) return [];
    return summaries(db).where('p.state', 'in', [...states]).where('p.fund_id', 'in', inScopes(codes)).orderBy('p.submitted_at').limit(100).execute();
  };
  const meetingScopes = [...new Set([...scopes('proposal.manage'), ...scopes('proposal.decide')])];
  const meetings =
    meetingScopes.length === 0
      ? []
      : await db
          .selectFrom('meeting as m')
          .innerJoin('fund as f', 'f.id', 'm.fund_id')
          .select(['m.id', 'f.code as fundCode', 'm.number', 'm.fiscal_year as fiscalYear', 'm.meeting_date as date'])
          .select((eb) => eb.selectFrom('meeting_item as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.meeting_id', '=', 'm.id').as('items'))
          .where('m.fund_id', 'in', inScopes(meetingScopes))
          .where('m.meeting_date', '>=', sql<string>`current_date`)
          .orderBy('m.meeting_date')
          .limit(10)
          .execute();
  return {
    mine,
    sent,
    toReview: await list('proposal.review', NEEDS_MENTOR),
    forAgenda: await list('proposal.manage', NEEDS_OFFICER),
    meetings: meetings.map((m) => ({ ...m, items: Number(m.items ?? 0) })),
  };
}

/**
 * A fund's proposals for a year, optionally in one state: everything for the area's staff, the
 * organisation's own for a proposer, approved projects only for everyone else.
 */
export async function listFundProposals(
  db: Db,
  actor: Actor | null,
  input: { code: string; fiscalYear?: unknown; state?: unknown; origin?: unknown },
): Promise<{ fund: { code: string; name_th: string }; fiscalYear: number | null; proposals: ProposalSummary[]; scope: 'all' | 'approved_and_own' }> {
  const ref = await findFund(db, String(input.code ?? '').trim().toUpperCase());
  const fiscalYear = input.fiscalYear === undefined || input.fiscalYear === null || input.fiscalYear === '' ? null : parseYear(input.fiscalYear);
  const state = input.state === undefined || input.state === null || input.state === '' ? null : String(input.state);
  if (state !== null && !(PROPOSAL_STATES as readonly string[]).includes(state)) throw invalid('state', 'proposal.error.state');
  const origin = input.origin === undefined || input.origin === null || input.origin === '' ? null : input.origin;
  if (origin !== null && !isProjectOrigin(origin)) throw invalid('origin', 'outside.error.origin');
  const all = can(actor, 'proposal.view_all', target(ref));
  const organisationId = actor ? (await db.selectFrom('app_user').select('organisation_id').where('id', '=', actor.userId).executeTakeFirst())?.organisation_id : null;
  const fund = await db.selectFrom('fund').select(['code', 'name_th']).where('id', '=', ref.id).executeTakeFirstOrThrow();
  const proposals = await summaries(db)
    .where('p.fund_id', '=', ref.id)
    .$if(fiscalYear !== null, (q) => q.where('p.fiscal_year', '=', fiscalYear!))
    .$if(state !== null, (q) => q.where('p.state', '=', state as ProposalState))
    .$if(origin !== null, (q) => q.where('p.origin', '=', origin as ProjectOrigin))
    .$if(!all, (q) =>
      q.where((eb) =>
        eb.or([
          eb('p.state', '=', 'approved'),
          ...(actor ? [eb('p.created_by', '=', actor.userId)] : []),
          ...(organisationId ? [eb('p.organisation_id', '=', organisationId)] : []),
        ]),
      ),
    )
    .orderBy('p.fiscal_year', 'desc')
    .orderBy('p.project_code')
    .orderBy('p.id', 'desc')
    .limit(500)
    .execute();
  return { fund, fiscalYear, proposals, scope: all ? 'all' : 'approved_and_own' };
}

/** An approved project by its code, for everyone. */
export async function getProject(db: Db, actor: Actor | null, input: { code: unknown }): Promise<ProposalView> {
  authorize(actor, 'project.view');
  const row = await db.selectFrom('proposal').select('id').where('project_code', '=', String(input.code ?? '').trim().toUpperCase()).executeTakeFirst();
  if (!row) throw new NotFound(`project ${String(input.code)}`);
  return getProposal(db, actor, { id: row.id });
}

/** Example projects a proposer can start from, for the programs given (all when none). */
export async function listExamples(db: Db, programs: readonly string[] = []) {
  return db
    .selectFrom('proposal_example as e')
    .innerJoin('plan_program as p', 'p.code', 'e.program_code')
    .select(['e.id', 'e.program_code', 'p.name_th as program_th', 'p.name_en as program_en', 'e.title', 'e.organisation_type', 'e.rationale'])
    .$if(programs.length > 0, (q) => q.where('e.program_code', 'in', [...programs]))
    .orderBy('p.sort_order')
    .orderBy('e.id')
    .execute();
}
