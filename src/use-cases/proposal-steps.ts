import { z } from 'zod';
import { parseDate, parseMoney, parseWholeNumber } from '../domain/import-values.ts';
import { fromNumeric, toNumeric } from '../domain/money.ts';
import {
  EXPENSE_GROUPS,
  type ExpenseGroup,
  lineAmount,
  ORGANISATION_TYPES,
  type OrganisationType,
  periodProblems,
  proposalTotal,
  type Step,
} from '../domain/proposals.ts';
import { SUPPORT_CATEGORIES, type SupportCategory } from '../domain/planning.ts';
import type { MessageKey } from '../i18n/index.ts';
import { type FieldProblem, Invalid, parseInput } from './errors.ts';

// The guided flow's pages (steps) as the use case reads them: nested form text in, checked rows
// out, every problem named by the field's dotted path so it shows beside the field.

export const STEPS = ['organisation', 'problem', 'objectives', 'targets', 'activities', 'period', 'results'] as const satisfies readonly Step[];

export function isStep(value: unknown): value is Step {
  return typeof value === 'string' && (STEPS as readonly string[]).includes(value);
}

/** Rows per list a page accepts; a real proposal stays far below. */
export const MAX_ROWS = 30;

type Text = string;
const text = z.preprocess((v) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : ''), z.string());
/** A list sent as `name.0.field`, `name.1.field`: an object keyed by position. */
const rows = <T extends z.ZodType>(row: T) => z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}), z.record(z.string(), row));
const flags = z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}), z.record(z.string(), z.unknown()));

/** Rows in position order, dropping keys that are not positions. */
function ordered<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record)
    .filter(([key]) => /^\d{1,3}$/.test(key))
    .sort(([a], [b]) => Number(a) - Number(b));
}

class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, key: MessageKey, params?: Record<string, string | number>) {
    this.list.push({ field, key, ...(params ? { params } : {}) });
  }
  tooLong(field: string, value: Text, max: number) {
    if (value.length > max) this.add(field, 'admin.error.tooLong', { max });
  }
  throwIfAny() {
    if (this.list.length > 0) throw new Invalid(this.list);
  }
}

const checkCount = (p: Problems, field: string, rows: number) => {
  if (rows > MAX_ROWS) p.add(field, 'proposal.error.tooManyRows', { max: MAX_ROWS });
};

// ---------------------------------------------------------------------------------------------

const organisationSchema = z.object({
  organisation_name: text,
  organisation_type: text,
  coordinator_name: text,
  coordinator_phone: text,
  members: rows(z.object({ title: text, first_name: text, last_name: text })),
});

export interface OrganisationStep {
  organisation_name: string;
  organisation_type: OrganisationType | null;
  coordinator_name: string;
  coordinator_phone: string;
  members: { position: number; title: string; first_name: string; last_name: string }[];
}

export function readOrganisationStep(input: unknown): OrganisationStep {
  const value = parseInput(organisationSchema, input);
  const p = new Problems();
  p.tooLong('organisation_name', value.organisation_name, 200);
  p.tooLong('coordinator_name', value.coordinator_name, 200);
  const type = value.organisation_type === '' ? null : Number(value.organisation_type);
  if (type !== null && !ORGANISATION_TYPES.includes(type as OrganisationType)) p.add('organisation_type', 'proposal.error.organisationType');
  const phone = value.coordinator_phone.replace(/[\s-]/g, '');
  if (phone !== '' && !/^0\d{8,9}$/.test(phone)) p.add('coordinator_phone', 'proposal.error.phone');
  const members: OrganisationStep['members'] = [];
  for (const [key, row] of ordered(value.members)) {
    if (row.title === '' && row.first_name === '' && row.last_name === '') continue;
    const at = (field: string) => `members.${key}.${field}`;
    if (row.first_name === '') p.add(at('first_name'), 'admin.error.required');
    if (row.last_name === '') p.add(at('last_name'), 'admin.error.required');
    p.tooLong(at('title'), row.title, 40);
    p.tooLong(at('first_name'), row.first_name, 100);
    p.tooLong(at('last_name'), row.last_name, 100);
    members.push({ position: members.length, ...row });
  }
  checkCount(p, 'members', members.length);
  p.throwIfAny();
  return {
    organisation_name: value.organisation_name,
    organisation_type: type as OrganisationType | null,
    coordinator_name: value.coordinator_name,
    coordinator_phone: phone,
    members,
  };
}

// ---------------------------------------------------------------------------------------------

const problemSchema = z.object({ title: text, rationale: text, programs: flags, situations: flags });

export interface ProblemStep {
  title: string;
  rationale: string;
  programs: string[];
  situations: string[];
}

/** Programs and situation rows come as checkboxes (`programs.elderly=on`); the use case checks they are the plan's. */
export function readProblemStep(input: unknown): ProblemStep {
  const value = parseInput(problemSchema, input);
  const p = new Problems();
  p.tooLong('title', value.title, 500);
  p.tooLong('rationale', value.rationale, 10000);
  p.throwIfAny();
  const checked = (record: Record<string, unknown>) => Object.entries(record).filter(([, v]) => v === 'on' || v === true).map(([k]) => k);
  return { title: value.title, rationale: value.rationale, programs: checked(value.programs), situations: checked(value.situations) };
}

// ---------------------------------------------------------------------------------------------

const objectivesSchema = z.object({ objectives: rows(z.object({ objective: text, indicator: text, target: text })) });

export interface ObjectiveRow {
  position: number;
  objective: string;
  indicator: string;
  target: string;
}

export function readObjectivesStep(input: unknown): ObjectiveRow[] {
  const value = parseInput(objectivesSchema, input);
  const p = new Problems();
  const objectives: ObjectiveRow[] = [];
  for (const [key, row] of ordered(value.objectives)) {
    if (row.objective === '' && row.indicator === '' && row.target === '') continue;
    const at = (field: string) => `objectives.${key}.${field}`;
    if (row.objective === '') p.add(at('objective'), 'proposal.error.objective');
    if (row.indicator === '') p.add(at('indicator'), 'proposal.error.indicator');
    if (row.target === '') p.add(at('target'), 'proposal.error.target');
    p.tooLong(at('objective'), row.objective, 1000);
    p.tooLong(at('indicator'), row.indicator, 1000);
    p.tooLong(at('target'), row.target, 200);
    objectives.push({ position: objectives.length, ...row });
  }
  checkCount(p, 'objectives', objectives.length);
  p.throwIfAny();
  return objectives;
}

// ---------------------------------------------------------------------------------------------

const targetsSchema = z.object({ target_groups: rows(text) });

/** Counts per target group code (`target_groups.1004=60`); an empty count leaves the group out. */
export function readTargetsStep(input: unknown, knownCodes: ReadonlySet<string>): { code: string; people: number }[] {
  const value = parseInput(targetsSchema, input);
  const p = new Problems();
  const groups: { code: string; people: number }[] = [];
  for (const [code, count] of Object.entries(value.target_groups)) {
    if (count === '') continue;
    const field = `target_groups.${code}`;
    if (!knownCodes.has(code)) {
      p.add(field, 'proposal.error.targetGroup');
      continue;
    }
    const parsed = parseWholeNumber(count, 10_000_000);
    if (!parsed.ok) p.add(field, `admin.error.${parsed.problem}`, parsed.params);
    else if (parsed.value === 0) p.add(field, 'proposal.error.peopleZero');
    else groups.push({ code, people: parsed.value });
  }
  p.throwIfAny();
  return groups;
}

// ---------------------------------------------------------------------------------------------

const expenseSchema = z.object({ group: text, item: text, unit_cost: text, units: text, times: text });
const activitiesSchema = z.object({
  activities: rows(z.object({ title: text, detail: text, expenses: rows(expenseSchema) })),
});

export interface ActivityRow {
  position: number;
  title: string;
  detail: string;
  expenses: { position: number; group: ExpenseGroup; item: string; unit_cost: string; units: number; times: number }[];
}

/**
 * Activities with their expense lines. A line needs its group, item, cost and counts; units and
 * times are whole numbers of at least 1 (a negative or zero count is refused, not clamped).
 */
export function readActivitiesStep(input: unknown): ActivityRow[] {
  const value = parseInput(activitiesSchema, input);
  const p = new Problems();
  const activities: ActivityRow[] = [];
  for (const [key, row] of ordered(value.activities)) {
    const lines = ordered(row.expenses).filter(([, l]) => Object.values(l).some((v) => v !== '' && v !== undefined));
    if (row.title === '' && row.detail === '' && lines.length === 0) continue;
    const at = (field: string) => `activities.${key}.${field}`;
    if (row.title === '') p.add(at('title'), 'proposal.error.activityTitle');
    p.tooLong(at('title'), row.title, 500);
    p.tooLong(at('detail'), row.detail, 5000);
    if (lines.length === 0) p.add(at('expenses'), 'proposal.error.noExpenseLines');
    const expenses: ActivityRow['expenses'] = [];
    for (const [lineKey, line] of lines) {
      const lineAt = (field: string) => at(`expenses.${lineKey}.${field}`);
      if (!(EXPENSE_GROUPS as readonly string[]).includes(line.group)) p.add(lineAt('group'), 'proposal.error.expenseGroup');
      if (line.item === '') p.add(lineAt('item'), 'proposal.error.expenseItem');
      p.tooLong(lineAt('item'), line.item, 500);
      const cost = line.unit_cost === '' ? null : parseMoney(line.unit_cost);
      if (cost === null) p.add(lineAt('unit_cost'), 'admin.error.required');
      else if (!cost.ok) p.add(lineAt('unit_cost'), `admin.error.${cost.problem}`);
      const count = (field: 'units' | 'times') => {
        const raw = line[field];
        if (raw === '') {
          p.add(lineAt(field), 'admin.error.required');
          return null;
        }
        const parsed = parseWholeNumber(raw, 1_000_000);
        if (!parsed.ok) {
          p.add(lineAt(field), `admin.error.${parsed.problem}`, parsed.params);
          return null;
        }
        if (parsed.value < 1) {
          p.add(lineAt(field), 'proposal.error.atLeastOne');
          return null;
        }
        return parsed.value;
      };
      const units = count('units');
      const times = count('times');
      if (cost?.ok && units !== null && times !== null) {
        // A line whose amount would not fit numeric(14,2) is a typing slip, refused beside its cost.
        try {
          lineAmount({ unitCost: cost.value, units, times });
        } catch {
          p.add(lineAt('unit_cost'), 'proposal.error.amountTooLarge');
          continue;
        }
        expenses.push({ position: expenses.length, group: line.group as ExpenseGroup, item: line.item, unit_cost: toNumeric(cost.value), units, times });
      }
    }
    checkCount(p, at('expenses'), expenses.length);
    activities.push({ position: activities.length, title: row.title, detail: row.detail, expenses });
  }
  checkCount(p, 'activities', activities.length);
  p.throwIfAny();
  try {
    proposalTotal(activities.map((a) => ({ expenses: a.expenses.map((e) => ({ ...e, unitCost: fromNumeric(e.unit_cost) })) })));
  } catch {
    p.add('activities', 'proposal.error.amountTooLarge');
    p.throwIfAny();
  }
  return activities;
}

// ---------------------------------------------------------------------------------------------

const periodSchema = z.object({ period_start: text, period_end: text, place: text });

export interface PeriodStep {
  period_start: string | null;
  period_end: string | null;
  place: string;
}

/** Dates in ISO or Thai (BE) form; both must fall in the proposal's fiscal year. */
export function readPeriodStep(input: unknown, fiscalYear: number): PeriodStep {
  const value = parseInput(periodSchema, input);
  const p = new Problems();
  const date = (field: 'period_start' | 'period_end') => {
    if (value[field] === '') return null;
    const parsed = parseDate(value[field]);
    if (parsed.ok) return parsed.value;
    p.add(field, `admin.error.${parsed.problem}`);
    return null;
  };
  const start = date('period_start');
  const end = date('period_end');
  p.tooLong('place', value.place, 1000);
  for (const problem of periodProblems(fiscalYear, start, end)) {
    p.add(problem.field, problem.problem === 'end_before_start' ? 'proposal.error.endBeforeStart' : 'proposal.error.outsideYear', { year: fiscalYear });
  }
  p.throwIfAny();
  return { period_start: start, period_end: end, place: value.place };
}

// ---------------------------------------------------------------------------------------------

const resultsSchema = z.object({ expected_results: text, support_category: text });

export function readResultsStep(input: unknown): { expected_results: string; support_category: SupportCategory | null } {
  const value = parseInput(resultsSchema, input);
  const p = new Problems();
  p.tooLong('expected_results', value.expected_results, 5000);
  const category = value.support_category === '' ? null : Number(value.support_category);
  if (category !== null && !SUPPORT_CATEGORIES.includes(category as SupportCategory)) p.add('support_category', 'proposal.error.category');
  p.throwIfAny();
  return { expected_results: value.expected_results, support_category: category as SupportCategory | null };
}
