import { z } from 'zod';
import { fiscalYearRange } from './fiscal-year.ts';
import { parseDate, parseFiscalYear, parseMoney, parseWholeNumber } from './import-values.ts';
import type { Satang } from './money.ts';
import { SUPPORT_CATEGORIES, type SupportCategory } from './planning.ts';
import { ORGANISATION_TYPES, type OrganisationType, projectCode } from './proposals.ts';

// A project the committee approved outside the system — on paper, or in the program funds used
// before — recorded as a project directly: what it is, who carries it out, the amount and the
// meeting that approved it, its period, coordinator and target groups, optionally the code it
// already has. The schema's messages are catalogue keys; the use case reads the fund and the
// catalogue and passes what it knows in `OutsideContext`.

/** Where a project comes from (proposal.origin, migration 0013). */
export const PROJECT_ORIGINS = ['system', 'paper', 'imported'] as const;
export type ProjectOrigin = (typeof PROJECT_ORIGINS)[number];

export function isProjectOrigin(value: unknown): value is ProjectOrigin {
  return typeof value === 'string' && (PROJECT_ORIGINS as readonly string[]).includes(value);
}

/** The most one project may be approved for: 100 million baht (numeric(14,2) holds far more; this catches typing slips). */
export const MAX_PROJECT_AMOUNT = 10_000_000_000 as Satang;

/** A project code as the fund writes it: `YY-Lxxxx-T-NN` (NN may run past 99). */
const PROJECT_CODE = /^(\d{2})-(L\d{4}|\d{5})-([1-5])-(\d{2,4})$/;

export interface OutsideContext {
  /** The fund the project is recorded at (its code, for a given project code). */
  fundCode: string;
  /** Today in Bangkok (yyyy-mm-dd): an approval is never in the future. */
  today: string;
  /** The target group codes of the catalogue. */
  targetGroups: ReadonlySet<string>;
}

export interface OutsideProject {
  fiscalYear: number;
  title: string;
  organisationName: string;
  organisationType: OrganisationType;
  supportCategory: SupportCategory;
  /** The approved amount, which is also the project's budget. */
  amount: Satang;
  approvalDate: string;
  meetingRef: string;
  meetingDate: string | null;
  periodStart: string;
  periodEnd: string;
  place: string;
  coordinatorName: string;
  /** Digits only, 9–10 starting with 0. */
  coordinatorPhone: string;
  targetGroups: { code: string; people: number }[];
  /** The code it already carries (with its running number), or null for the next one. */
  projectCode: { code: string; sequence: number } | null;
}

const text = z.preprocess((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''), z.string());
const required = (max: number) => text.pipe(z.string().trim().min(1, 'admin.error.required').max(max, 'admin.error.tooLong'));
const optional = (max: number) => text.pipe(z.string().trim().max(max, 'admin.error.tooLong'));

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; params?: Record<string, string | number> };

/** A required value read by one of the domain's parsers; its problem is `admin.error.<problem>`. */
function parsedWith<T>(parser: (text: string) => Parsed<T>) {
  return text.transform((value, ctx): T => {
    if (value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'admin.error.required' });
      return z.NEVER;
    }
    const result = parser(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: `admin.error.${result.problem}`, ...(result.params ? { params: result.params } : {}) });
    return z.NEVER;
  });
}

function optionalWith<T>(parser: (text: string) => Parsed<T>) {
  return text.transform((value, ctx): T | null => {
    if (value.trim() === '') return null;
    const result = parser(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: `admin.error.${result.problem}`, ...(result.params ? { params: result.params } : {}) });
    return z.NEVER;
  });
}

function choice<T extends number>(values: readonly T[], message: string) {
  return text.transform((value, ctx): T => {
    const n = Number(value.trim());
    if (value.trim() !== '' && (values as readonly number[]).includes(n)) return n as T;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

/** A coordinator's phone as the proposal form takes it: 9–10 digits starting with 0, spaces and dashes dropped. */
export function normalisePhone(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  return /^0\d{8,9}$/.test(digits) ? digits : null;
}

/** The parts of a code `YY-Lxxxx-T-NN`, or null when it is not one. */
export function parseProjectCode(value: string): { yy: number; fundCode: string; category: SupportCategory; sequence: number } | null {
  const m = PROJECT_CODE.exec(value.trim().toUpperCase());
  if (!m) return null;
  const sequence = Number(m[4]);
  if (sequence < 1) return null;
  return { yy: Number(m[1]), fundCode: m[2]!, category: Number(m[3]) as SupportCategory, sequence };
}

/**
 * When a project of fiscal year `fy` may have been approved: from the start of the year before
 * (committees approve next year's projects ahead) to the end of its own year, and never after today.
 */
export function approvalWindow(fiscalYear: number, today: string): { from: string; to: string } {
  const to = fiscalYearRange(fiscalYear).end;
  return { from: fiscalYearRange(fiscalYear - 1).start, to: to < today ? to : today };
}

/**
 * The schema of an outside project, as a form or the API sends it (`target_groups.<code>=count`).
 * Beyond each field: the approval date within its window, the meeting not after the approval,
 * the period starting in the fiscal year and ending by the end of the next, at least one target
 * group, and a given code that matches the year, the fund and the category.
 */
export function outsideProjectSchema(context: OutsideContext) {
  return z
    .object({
      fiscal_year: parsedWith(parseFiscalYear),
      title: required(500),
      organisation_name: required(200),
      organisation_type: choice(ORGANISATION_TYPES, 'proposal.error.organisationType'),
      support_category: choice(SUPPORT_CATEGORIES, 'proposal.error.category'),
      approved_amount: parsedWith(parseMoney),
      approval_date: parsedWith(parseDate),
      meeting_ref: required(100),
      meeting_date: optionalWith(parseDate),
      period_start: parsedWith(parseDate),
      period_end: parsedWith(parseDate),
      place: optional(1000),
      coordinator_name: required(200),
      coordinator_phone: required(30),
      target_groups: z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}), z.record(z.string(), text)),
      project_code: optional(30),
    })
    .transform((v, ctx): OutsideProject => {
      const issue = (path: string, message: string, params?: Record<string, string | number>) =>
        ctx.addIssue({ code: 'custom', path: path.split('.'), message, ...(params ? { params } : {}) });
      if (v.approved_amount <= 0) issue('approved_amount', 'outside.error.amountZero');
      else if (v.approved_amount > MAX_PROJECT_AMOUNT) issue('approved_amount', 'outside.error.amountTooLarge');

      const window = approvalWindow(v.fiscal_year, context.today);
      if (v.approval_date > context.today) issue('approval_date', 'outside.error.approvalFuture');
      else if (v.approval_date < window.from || v.approval_date > window.to) issue('approval_date', 'outside.error.approvalRange', { year: v.fiscal_year });
      if (v.meeting_date !== null && v.meeting_date > v.approval_date) issue('meeting_date', 'outside.error.meetingAfterApproval');

      const year = fiscalYearRange(v.fiscal_year);
      if (v.period_start < year.start || v.period_start > year.end) issue('period_start', 'proposal.error.outsideYear', { year: v.fiscal_year });
      if (v.period_end < v.period_start) issue('period_end', 'proposal.error.endBeforeStart');
      else if (v.period_end > fiscalYearRange(v.fiscal_year + 1).end) issue('period_end', 'outside.error.periodTooLong', { year: v.fiscal_year + 1 });

      const phone = normalisePhone(v.coordinator_phone);
      if (phone === null) issue('coordinator_phone', 'proposal.error.phone');

      const groups: { code: string; people: number }[] = [];
      for (const [code, count] of Object.entries(v.target_groups)) {
        if (count.trim() === '') continue;
        const field = `target_groups.${code}`;
        if (!context.targetGroups.has(code)) {
          issue(field, 'proposal.error.targetGroup');
          continue;
        }
        const people = parseWholeNumber(count, 10_000_000);
        if (!people.ok) issue(field, `admin.error.${people.problem}`, people.params);
        else if (people.value === 0) issue(field, 'proposal.error.peopleZero');
        else groups.push({ code, people: people.value });
      }
      if (groups.length === 0 && !Object.values(v.target_groups).some((c) => c.trim() !== '')) issue('target_groups', 'outside.error.targetGroups');

      let given: OutsideProject['projectCode'] = null;
      if (v.project_code !== '') {
        const parts = parseProjectCode(v.project_code);
        if (!parts) issue('project_code', 'outside.error.codeFormat');
        else {
          const code = projectCode(v.fiscal_year, context.fundCode, v.support_category, parts.sequence);
          // The code says the year, the fund and the category: all three must be this project's.
          if (parts.yy !== v.fiscal_year % 100 || parts.fundCode !== context.fundCode || parts.category !== v.support_category) {
            issue('project_code', 'outside.error.codeMismatch', { expected: projectCode(v.fiscal_year, context.fundCode, v.support_category, 1).replace(/-01$/, '-NN') });
          } else given = { code, sequence: parts.sequence };
        }
      }
      return {
        fiscalYear: v.fiscal_year,
        title: v.title,
        organisationName: v.organisation_name,
        organisationType: v.organisation_type,
        supportCategory: v.support_category,
        amount: v.approved_amount,
        approvalDate: v.approval_date,
        meetingRef: v.meeting_ref,
        meetingDate: v.meeting_date,
        periodStart: v.period_start,
        periodEnd: v.period_end,
        place: v.place,
        coordinatorName: v.coordinator_name,
        coordinatorPhone: phone ?? '',
        targetGroups: groups,
        projectCode: given,
      };
    });
}
