import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DB, ProposalTable } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { parseDate, parseMoney, parseWholeNumber } from '../domain/import-values.ts';
import { fromNumeric, type Satang, sumSatang, toNumeric, ZERO_SATANG } from '../domain/money.ts';
import { type Actor, can } from '../domain/policy.ts';
import {
  acceptsRecords,
  activityDateProblem,
  defaultPeriods,
  MAX_PERIODS,
  type Period,
  PROJECT_STATUSES,
  type ProjectStatus,
  periodOf,
  periodProblems,
  statusesAfter,
  statusTransition,
} from '../domain/project-followup.ts';
import type { SourceRecord } from '../domain/project-reports.ts';
import { EXPENSE_GROUPS, type ExpenseGroup } from '../domain/proposals.ts';
import { audit, invalid, optionalText, parsed, requiredText, versionField } from './admin-shared.ts';
import { type FundRef, findFund } from './authorize.ts';
import { Conflict, type FieldProblem, Forbidden, Invalid, NotFound, parseInput } from './errors.ts';
import { notify } from './inbox.ts';
import { type ProjectMoney, projectMoneyOf } from './ledger.ts';
import { checkUpload } from './proposal-attachments.ts';

// Following an approved project: its periods (งวด), activity records (บันทึกกิจกรรม) with
// participants, expenses, photos and receipts, and its status. Reports (ส.1, ง.1, ง.2, ส.3) are
// in project-reports.ts and build on what is recorded here.

type Db = Kysely<DB>;
type Tx = Transaction<DB>;
type ProjectRow = Selectable<ProposalTable>;

/**
 * What the actor is towards a project: its group (owner: whoever wrote the proposal or belongs
 * to its organisation), the fund's officer, the area's mentor, or someone who only reads.
 */
export type ProjectHat = 'owner' | 'officer' | 'mentor' | 'reader';

export interface LoadedProject {
  row: ProjectRow & { project_code: string; project_status: ProjectStatus };
  fund: FundRef;
  hats: ProjectHat[];
}

const target = (ref: FundRef) => ({ scopeChain: ref.scopeChain });

async function ownsProject(db: Db, actor: Actor, row: ProjectRow): Promise<boolean> {
  if (row.created_by === actor.userId) return true;
  if (row.organisation_id === null) return false;
  const user = await db.selectFrom('app_user').select('organisation_id').where('id', '=', actor.userId).executeTakeFirst();
  return user?.organisation_id === row.organisation_id;
}

/** An approved project by its code, once the actor may follow it: its group or the area's people. */
export async function loadProject(db: Db, actor: Actor | null, code: unknown): Promise<LoadedProject> {
  const projectCode = String(code ?? '').trim();
  const row = await db.selectFrom('proposal').selectAll().where('project_code', '=', projectCode).executeTakeFirst();
  if (!row || row.project_code === null || row.project_status === null) throw new NotFound(`project ${projectCode}`);
  const fundCode = await db.selectFrom('fund').select('code').where('id', '=', row.fund_id).executeTakeFirstOrThrow();
  const fund = await findFund(db, fundCode.code);
  // The public reads the project page (proposals.ts getProject), never its records or reports.
  if (!actor) throw new Forbidden('project.view_followup');
  const hats: ProjectHat[] = [];
  if (await ownsProject(db, actor, row)) hats.push('owner');
  if (can(actor, 'project.manage', target(fund))) hats.push('officer');
  if (can(actor, 'report.check', target(fund))) hats.push('mentor');
  if (can(actor, 'project.view_followup', target(fund))) hats.push('reader');
  if (hats.length === 0) throw new Forbidden('project.view_followup');
  return { row: row as LoadedProject['row'], fund, hats };
}

/** The group and the fund's officer record what was done; nobody else writes in a project's name. */
export function mayRecord(hats: readonly ProjectHat[]): boolean {
  return hats.includes('owner') || hats.includes('officer');
}

function requireRecorder(project: LoadedProject): void {
  if (!mayRecord(project.hats)) throw new Forbidden('project.record');
  if (!acceptsRecords(project.row.project_status)) throw invalid('activity_date', 'followup.error.notRunning');
}

function projectSpan(row: ProjectRow): { periodStart: string; periodEnd: string } {
  // Approved proposals always carry their period (the proposal form requires it).
  return { periodStart: row.period_start ?? '1900-01-01', periodEnd: row.period_end ?? '9999-12-31' };
}

// ---------------------------------------------------------------------------------------------
// Periods

export async function readPeriods(db: Db, proposalId: number): Promise<Period[]> {
  const rows = await db.selectFrom('project_period').selectAll().where('proposal_id', '=', proposalId).orderBy('number').execute();
  return rows.map((r) => ({
    number: r.number,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    reportDue: r.report_due,
    instalment: fromNumeric(r.instalment),
  }));
}

/** What the periods were when a form showed them: a later save by someone else is a Conflict. */
export function periodsStamp(periods: readonly Period[]): string {
  return createHash('sha256').update(JSON.stringify(periods)).digest('hex').slice(0, 16);
}

/** The periods a project starts with, in the transaction that approves it (meetings.ts). */
export async function startFollowUp(tx: Tx, proposalId: number): Promise<void> {
  const row = await tx.selectFrom('proposal').select(['period_start', 'period_end', 'approved_amount']).where('id', '=', proposalId).executeTakeFirstOrThrow();
  if (!row.period_start || !row.period_end || row.approved_amount === null) return;
  const existing = await tx.selectFrom('project_period').select('number').where('proposal_id', '=', proposalId).executeTakeFirst();
  if (existing) return;
  const periods = defaultPeriods({ periodStart: row.period_start, periodEnd: row.period_end, approved: fromNumeric(row.approved_amount) });
  await tx
    .insertInto('project_period')
    .values(
      periods.map((p) => ({
        proposal_id: proposalId,
        number: p.number,
        period_start: p.periodStart,
        period_end: p.periodEnd,
        report_due: p.reportDue,
        instalment: toNumeric(p.instalment),
      })),
    )
    .execute();
}

const periodRow = z.object({
  period_start: parsed(parseDate),
  period_end: parsed(parseDate),
  report_due: parsed(parseDate),
  instalment: parsed(parseMoney),
});

const periodsSchema = z.object({
  stamp: z.string().min(1, 'admin.error.invalid'),
  // Rows come from a form as periods.0.…, periods.1.…; empty rows (all blank) are dropped, and
  // each row keeps its key so a problem is told beside the row it was typed in.
  periods: keyedRows(periodRow, (row) => Object.values(row).every((v) => typeof v !== 'string' || v.trim() === '')).refine((list) => list.length <= MAX_PERIODS, {
    message: 'followup.error.tooManyPeriods',
    params: { max: MAX_PERIODS },
  }),
});

const PERIOD_PROBLEM_KEYS = {
  order: 'followup.error.periodOrder',
  outside: 'followup.error.periodOutside',
  overlap: 'followup.error.periodOverlap',
  due_before_end: 'followup.error.dueBeforeEnd',
} as const;

/** The officer adjusts the periods: their dates, due dates and instalments (which must add up to the approved amount). */
export async function setPeriods(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: unknown }): Promise<{ stamp: string }> {
  const project = await loadProject(db, actor, input.code);
  if (!project.hats.includes('officer')) throw new Forbidden('project.manage');
  const data = parseInput(periodsSchema, input);
  const approved = project.row.approved_amount === null ? ZERO_SATANG : fromNumeric(project.row.approved_amount);
  const periods = data.periods.map((p) => ({ periodStart: p.period_start, periodEnd: p.period_end, reportDue: p.report_due, instalment: p.instalment }));
  const problems = periodProblems(periods, { ...projectSpan(project.row), approved }).map((p): FieldProblem => {
    if (p.problem === 'sum') return { field: 'periods', key: 'followup.error.instalmentSum', params: { approved: toNumeric(p.expected), actual: toNumeric(p.actual) } };
    if (p.index === null) return { field: 'periods', key: p.problem === 'none' ? 'followup.error.noPeriods' : 'followup.error.tooManyPeriods', params: { max: MAX_PERIODS } };
    return { field: `periods.${data.periods[p.index]?.at ?? p.index}.${p.field}`, key: PERIOD_PROBLEM_KEYS[p.problem] };
  });
  if (problems.length) throw new Invalid(problems);
  return db.transaction().execute(async (tx) => {
    await sql`select id from proposal where id = ${project.row.id} for update`.execute(tx);
    if (periodsStamp(await readPeriods(tx, project.row.id)) !== data.stamp) throw new Conflict('periods changed');
    // A period someone has reported on stays: its report hangs on its number.
    const reported = await tx
      .selectFrom('project_report')
      .select((eb) => eb.fn.max('period_number').as('n'))
      .where('proposal_id', '=', project.row.id)
      .executeTakeFirst();
    if (Number(reported?.n ?? 0) > periods.length) throw invalid('periods', 'followup.error.periodReported', { number: Number(reported?.n) });
    await tx.deleteFrom('project_period').where('proposal_id', '=', project.row.id).where('number', '>', periods.length).execute();
    for (const [index, p] of periods.entries()) {
      const values = { period_start: p.periodStart, period_end: p.periodEnd, report_due: p.reportDue, instalment: toNumeric(p.instalment) };
      await tx
        .insertInto('project_period')
        .values({ proposal_id: project.row.id, number: index + 1, ...values })
        .onConflict((oc) => oc.columns(['proposal_id', 'number']).doUpdateSet(values))
        .execute();
      // An open report follows its period's new due date.
      await tx
        .updateTable('project_report')
        .set({ due_date: p.reportDue })
        .where('proposal_id', '=', project.row.id)
        .where('period_number', '=', index + 1)
        .where('state', 'in', ['draft', 'returned'])
        .execute();
    }
    await audit(tx, actor!.userId, 'project.periods', 'proposal', project.row.id, { periods: periods.length });
    return { stamp: periodsStamp(await readPeriods(tx, project.row.id)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Activity records

const count = parsed((text) => parseWholeNumber(text, 10_000_000));
// Left out or blank is nobody (an API row may send only `actual`).
const optionalCount = z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? '0' : v), count);

/**
 * A form's rows (`participants.0.actual`, or keyed by a code) or an API's array, each row with its
 * key (`at`): rows `blank` says are empty are left out, and the problems of the others are told
 * at `group.<key>.field`, beside the row as it was typed, however many blank rows came before.
 */
function keyedRows<Row extends z.ZodObject>(row: Row, blank: (row: Record<string, unknown>) => boolean) {
  return z
    .preprocess(
      (value) => {
        const entries = Array.isArray(value) ? value.map((r, i) => [String(i), r] as const) : value && typeof value === 'object' ? Object.entries(value) : [];
        return Object.fromEntries(entries.filter(([, r]) => r && typeof r === 'object' && !blank(r as Record<string, unknown>)));
      },
      z.record(z.string(), row),
    )
    .transform((record) => Object.entries(record).map(([at, r]) => ({ ...(r as z.infer<Row>), at })));
}

const filled = (row: Record<string, unknown>, key: string) => String(row[key] ?? '').trim() !== '';

const activitySchema = z.object({
  activity_date: parsed(parseDate),
  title: requiredText(500),
  activity_position: z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? null : v),
    z.coerce.number('admin.error.invalid').int('admin.error.invalid').min(0, 'admin.error.invalid').nullable(),
  ),
  done: optionalText(5000),
  outputs: optionalText(5000),
  outcomes: optionalText(5000),
  problems: optionalText(5000),
  fixes: optionalText(5000),
  // Target groups with nobody planned and nobody there are left out.
  participants: keyedRows(
    z.object({ target_group_code: requiredText(20), planned: optionalCount, actual: optionalCount }),
    (r) => !filled(r, 'planned') && !filled(r, 'actual'),
  ),
  // Expense groups left blank cost nothing; a group may appear once.
  expenses: keyedRows(
    z.object({
      group: z.enum(EXPENSE_GROUPS, 'proposal.error.expenseGroup'),
      amount: parsed(parseMoney).refine((a) => a > 0, { message: 'ledger.error.zero' }),
    }),
    (r) => !filled(r, 'amount'),
  ),
});

type ActivityInput = z.infer<typeof activitySchema>;

const DATE_PROBLEM_KEYS = {
  before_start: 'followup.error.beforeStart',
  after_end: 'followup.error.afterEnd',
  future: 'ledger.error.future',
} as const;

/** A photo or a receipt sent with a record (the page's file inputs, several at once). */
export interface ActivityUpload {
  kind: 'photo' | 'receipt';
  fileName: string;
  bytes: Uint8Array;
}

/** Uploads only as the pages give them: a list of files (an API body's `files` is nothing of the kind). */
const uploadsOf = (files: unknown): readonly ActivityUpload[] => (Array.isArray(files) ? files.filter((f) => f && f.bytes instanceof Uint8Array) : []);

type CheckedUpload = ActivityUpload & ReturnType<typeof checkUpload>;

/** The uploads checked as addActivityFile checks one, each kind's problem on `files.photo` / `files.receipt`. */
function checkUploads(uploads: readonly ActivityUpload[], held: number, problems: FieldProblem[]): CheckedUpload[] {
  const checked: CheckedUpload[] = [];
  for (const upload of uploads) {
    const field = `files.${upload.kind === 'receipt' ? 'receipt' : 'photo'}`;
    if (upload.kind !== 'photo' && upload.kind !== 'receipt') {
      problems.push({ field, key: 'followup.error.fileKind' });
      continue;
    }
    try {
      checked.push({ ...upload, ...checkUpload(upload.fileName, upload.bytes, field) });
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push(...error.problems);
    }
  }
  if (held + uploads.length > MAX_ACTIVITY_FILES) problems.push({ field: `files.${uploads.at(-1)?.kind ?? 'photo'}`, key: 'proposal.error.tooManyFiles', params: { max: MAX_ACTIVITY_FILES } });
  return checked;
}

async function insertUploads(tx: Tx, recordId: number, uploads: readonly CheckedUpload[], actorId: number): Promise<void> {
  for (const u of uploads) {
    await tx
      .insertInto('project_activity_attachment')
      .values({
        record_id: recordId,
        kind: u.kind,
        file_name: u.fileName,
        media_type: u.type,
        size_bytes: u.bytes.byteLength,
        sha256: createHash('sha256').update(u.bytes).digest('hex'),
        content: u.bytes,
        uploaded_by: actorId,
      })
      .execute();
  }
}

/** Checks a record against the project: its date inside the period, a planned activity, known target groups. */
async function checkActivity(db: Db, project: LoadedProject, data: ActivityInput, problems: FieldProblem[] = []): Promise<void> {
  const span = projectSpan(project.row);
  const dateProblem = activityDateProblem(data.activity_date, span, toBangkokIsoDate(new Date()));
  if (dateProblem) problems.push({ field: 'activity_date', key: DATE_PROBLEM_KEYS[dateProblem], params: { start: span.periodStart, end: span.periodEnd } });
  if (data.activity_position !== null) {
    const planned = await db
      .selectFrom('proposal_activity')
      .select('position')
      .where('proposal_id', '=', project.row.id)
      .where('position', '=', data.activity_position)
      .executeTakeFirst();
    if (!planned) problems.push({ field: 'activity_position', key: 'followup.error.activity' });
  }
  const codes = data.participants.map((p) => p.target_group_code);
  const known = codes.length ? await db.selectFrom('target_group').select('code').where('code', 'in', codes).execute() : [];
  const knownCodes = new Set(known.map((k) => k.code));
  data.participants.forEach((p, i) => {
    if (!knownCodes.has(p.target_group_code) || codes.indexOf(p.target_group_code) !== i) {
      problems.push({ field: `participants.${p.at}.target_group_code`, key: 'followup.error.targetGroup' });
    }
  });
  const groups = data.expenses.map((e) => e.group);
  data.expenses.forEach((e, i) => {
    if (groups.indexOf(e.group) !== i) problems.push({ field: `expenses.${e.at}.amount`, key: 'followup.error.expenseTwice' });
  });
  if (problems.length) throw new Invalid(problems);
}

async function writeActivityLines(tx: Tx, recordId: number, data: ActivityInput): Promise<void> {
  await tx.deleteFrom('project_activity_participant').where('record_id', '=', recordId).execute();
  await tx.deleteFrom('project_activity_expense').where('record_id', '=', recordId).execute();
  if (data.participants.length) {
    await tx
      .insertInto('project_activity_participant')
      .values(data.participants.map((p) => ({ record_id: recordId, target_group_code: p.target_group_code, planned: p.planned, actual: p.actual })))
      .execute();
  }
  if (data.expenses.length) {
    await tx
      .insertInto('project_activity_expense')
      .values(data.expenses.map((e) => ({ record_id: recordId, expense_group: e.group, amount: toNumeric(e.amount) })))
      .execute();
  }
}

const recordFields = (data: ActivityInput) => ({
  activity_date: data.activity_date,
  title: data.title,
  activity_position: data.activity_position,
  done: data.done ?? '',
  outputs: data.outputs ?? '',
  outcomes: data.outcomes ?? '',
  problems: data.problems ?? '',
  fixes: data.fixes ?? '',
});

/**
 * The group or the officer records an activity: quick on a phone, only the date and a title are
 * required. Photos and receipts may come with it (`files`), checked with the rest, so a refused
 * file leaves no record behind.
 */
export async function recordActivity(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: unknown; files?: readonly ActivityUpload[] },
): Promise<{ id: number }> {
  const project = await loadProject(db, actor, input.code);
  requireRecorder(project);
  const data = parseInput(activitySchema, input);
  const problems: FieldProblem[] = [];
  const uploads = checkUploads(uploadsOf(input.files), 0, problems);
  await checkActivity(db, project, data, problems);
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('project_activity_record')
      .values({ proposal_id: project.row.id, ...recordFields(data), recorded_by: actor!.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeActivityLines(tx, id, data);
    await insertUploads(tx, id, uploads, actor!.userId);
    await audit(tx, actor!.userId, 'project.activity.record', 'proposal', project.row.id, { record: id });
    return { id };
  });
}

async function loadRecord(db: Db, actor: Actor | null, input: { code: unknown; id: unknown }) {
  const project = await loadProject(db, actor, input.code);
  const id = Number(input.id);
  if (!Number.isSafeInteger(id) || id < 1) throw new NotFound(`activity ${String(input.id)}`);
  const record = await db
    .selectFrom('project_activity_record')
    .selectAll()
    .where('id', '=', id)
    .where('proposal_id', '=', project.row.id)
    .executeTakeFirst();
  if (!record) throw new NotFound(`activity ${id}`);
  return { project, record };
}

/** Bumps a record's version, or tells that someone saved it since the form was read. */
async function claimRecord(tx: Tx, id: number, version: number, set: Record<string, unknown> = {}): Promise<void> {
  const updated = await tx
    .updateTable('project_activity_record')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Conflict(`activity ${id} changed`);
}

/** Corrects a record at the version the form showed; more photos and receipts may come with it. */
export async function updateActivity(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: unknown; id: unknown; files?: readonly ActivityUpload[] },
): Promise<{ version: number }> {
  const { project, record } = await loadRecord(db, actor, input);
  requireRecorder(project);
  const version = parseInput(z.object({ version: versionField }), input).version;
  const data = parseInput(activitySchema, input);
  const problems: FieldProblem[] = [];
  const held = uploadsOf(input.files).length
    ? Number(
        (
          await db
            .selectFrom('project_activity_attachment')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('record_id', '=', record.id)
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
  const uploads = checkUploads(uploadsOf(input.files), held, problems);
  await checkActivity(db, project, data, problems);
  return db.transaction().execute(async (tx) => {
    await claimRecord(tx, record.id, version, recordFields(data));
    await writeActivityLines(tx, record.id, data);
    await insertUploads(tx, record.id, uploads, actor!.userId);
    await audit(tx, actor!.userId, 'project.activity.update', 'proposal', project.row.id, { record: record.id });
    return { version: version + 1 };
  });
}

export async function deleteActivity(db: Db, actor: Actor | null, input: { code: unknown; id: unknown; version: unknown }): Promise<void> {
  const { project, record } = await loadRecord(db, actor, input);
  requireRecorder(project);
  const version = parseInput(z.object({ version: versionField }), input).version;
  await db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom('project_activity_record')
      .where('id', '=', record.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) throw new Conflict(`activity ${record.id} changed`);
    await audit(tx, actor!.userId, 'project.activity.delete', 'proposal', project.row.id, { record: record.id, title: record.title });
  });
}

export const MAX_ACTIVITY_FILES = 10;

/** A photo or a receipt for an activity: the same checks as a proposal's attachments. */
export async function addActivityFile(
  db: Db,
  actor: Actor | null,
  input: { code: unknown; id: unknown; kind: unknown; fileName: string; bytes: Uint8Array },
): Promise<{ fileId: number }> {
  const { project, record } = await loadRecord(db, actor, input);
  requireRecorder(project);
  const kind = parseInput(z.object({ kind: z.enum(['photo', 'receipt'], 'followup.error.fileKind') }), input).kind;
  const { fileName, type } = checkUpload(input.fileName, input.bytes);
  return db.transaction().execute(async (tx) => {
    await sql`select id from project_activity_record where id = ${record.id} for update`.execute(tx);
    const held = await tx
      .selectFrom('project_activity_attachment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('record_id', '=', record.id)
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= MAX_ACTIVITY_FILES) throw invalid('file', 'proposal.error.tooManyFiles', { max: MAX_ACTIVITY_FILES });
    const { id } = await tx
      .insertInto('project_activity_attachment')
      .values({
        record_id: record.id,
        kind,
        file_name: fileName,
        media_type: type,
        size_bytes: input.bytes.byteLength,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        content: input.bytes,
        uploaded_by: actor!.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor!.userId, 'project.activity.attach', 'proposal', project.row.id, { record: record.id, file: fileName, kind });
    return { fileId: id };
  });
}

/** One photo's or receipt's bytes, for whoever may follow the project. */
export async function getActivityFile(db: Db, actor: Actor | null, input: { code: unknown; id: unknown; fileId: unknown }) {
  const { record } = await loadRecord(db, actor, input);
  const file = await db
    .selectFrom('project_activity_attachment')
    .select(['file_name', 'media_type', 'content', 'sha256'])
    .where('record_id', '=', record.id)
    .where('id', '=', Number(input.fileId) || 0)
    .executeTakeFirst();
  if (!file) throw new NotFound(`file ${String(input.fileId)}`);
  return file;
}

export async function removeActivityFile(db: Db, actor: Actor | null, input: { code: unknown; id: unknown; fileId: unknown }): Promise<void> {
  const { project, record } = await loadRecord(db, actor, input);
  requireRecorder(project);
  await db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom('project_activity_attachment')
      .where('record_id', '=', record.id)
      .where('id', '=', Number(input.fileId) || 0)
      .returning('file_name')
      .executeTakeFirst();
    if (!removed) throw new NotFound(`file ${String(input.fileId)}`);
    await audit(tx, actor!.userId, 'project.activity.detach', 'proposal', project.row.id, { record: record.id, file: removed.file_name });
  });
}

// ---------------------------------------------------------------------------------------------
// Status

const statusSchema = z.object({
  to: z.enum(PROJECT_STATUSES, 'followup.error.status'),
  reason: optionalText(2000),
  version: versionField,
});

/** The officer completes, suspends, resumes or terminates a project, with a reason where the table asks for one. */
export async function changeProjectStatus(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: unknown }): Promise<{ version: number }> {
  const project = await loadProject(db, actor, input.code);
  if (!project.hats.includes('officer')) throw new Forbidden('project.manage');
  const data = parseInput(statusSchema, input);
  const transition = statusTransition(project.row.project_status, data.to);
  if (!transition) throw invalid('to', 'followup.error.status');
  if (transition.reason === 'required' && !data.reason) throw invalid('reason', 'followup.error.reason');
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('proposal')
      .set({ project_status: data.to, project_status_reason: data.reason ?? '', project_status_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', project.row.id)
      .where('version', '=', data.version)
      .where('project_status', '=', project.row.project_status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Conflict(`project ${project.row.project_code} changed`);
    await tx
      .insertInto('project_status_event')
      .values({ proposal_id: project.row.id, from_status: project.row.project_status, to_status: data.to, reason: data.reason ?? '', actor_id: actor!.userId })
      .execute();
    await notify(tx, {
      proposalId: project.row.id,
      fund: project.fund,
      audience: ['owner', 'mentors'],
      actorId: actor!.userId,
      key: `followup.inbox.status.${data.to}`,
      params: { code: project.row.project_code, title: project.row.title },
    });
    await audit(tx, actor!.userId, 'project.status', 'proposal', project.row.id, { from: project.row.project_status, to: data.to });
    return { version: data.version + 1 };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A record as the reports' generators read it (domain/project-reports.ts), with what the pages add. */
export interface ActivityRecordView extends SourceRecord {
  version: number;
  periodNumber: number | null;
  participants: { targetGroupCode: string; planned: number; actual: number }[];
  expenses: { group: ExpenseGroup; amount: Satang }[];
  total: Satang;
  files: { id: number; kind: 'photo' | 'receipt'; fileName: string; mediaType: string; sizeBytes: number }[];
}

export interface FollowUpView {
  code: string;
  proposalId: number;
  title: string;
  fund: { code: string; name_th: string; name_en: string | null };
  fiscalYear: number;
  status: ProjectStatus;
  statusReason: string;
  statusAt: string | null;
  version: number;
  periodStart: string;
  periodEnd: string;
  approved: Satang;
  money: ProjectMoney;
  periods: Period[];
  periodsStamp: string;
  activities: ActivityRecordView[];
  /** The plan's activities with their budgets, to choose from and to compare against. */
  plannedActivities: { position: number; title: string; budget: Satang }[];
  /** What the proposal planned per target group, to prefill participants. */
  plannedParticipants: { targetGroupCode: string; people: number }[];
  /** Planned and spent per expense group over the whole project. */
  expenseGroups: { group: ExpenseGroup; planned: Satang; actual: Satang }[];
  statusHistory: { from: string | null; to: string; reason: string; at: string }[];
  hats: ProjectHat[];
  mayRecord: boolean;
  mayManage: boolean;
  /** The fund's people who read its books (ledger.view) get links to its vouchers and ledger. */
  mayViewBooks: boolean;
  nextStatuses: ProjectStatus[];
}

/** Every activity record of a project with its lines and files, in date order. */
export async function readActivities(db: Db, proposalId: number, periods: readonly Period[]): Promise<ActivityRecordView[]> {
  const records = await db
    .selectFrom('project_activity_record')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('activity_date')
    .orderBy('id')
    .execute();
  const ids = records.map((r) => r.id);
  const [participants, expenses, files] = ids.length
    ? await Promise.all([
        db.selectFrom('project_activity_participant').selectAll().where('record_id', 'in', ids).orderBy('target_group_code').execute(),
        db.selectFrom('project_activity_expense').selectAll().where('record_id', 'in', ids).execute(),
        db
          .selectFrom('project_activity_attachment')
          .select(['id', 'record_id', 'kind', 'file_name', 'media_type', 'size_bytes'])
          .where('record_id', 'in', ids)
          .orderBy('id')
          .execute(),
      ])
    : [[], [], []];
  return records.map((r) => {
    const lines = expenses
      .filter((e) => e.record_id === r.id)
      .map((e) => ({ group: e.expense_group as ExpenseGroup, amount: fromNumeric(e.amount) }))
      .sort((a, b) => EXPENSE_GROUPS.indexOf(a.group) - EXPENSE_GROUPS.indexOf(b.group));
    return {
      id: r.id,
      version: r.version,
      activityDate: r.activity_date,
      title: r.title,
      activityPosition: r.activity_position,
      done: r.done,
      outputs: r.outputs,
      outcomes: r.outcomes,
      problems: r.problems,
      fixes: r.fixes,
      periodNumber: periodOf(periods, r.activity_date)?.number ?? null,
      participants: participants
        .filter((p) => p.record_id === r.id)
        .map((p) => ({ targetGroupCode: p.target_group_code, planned: p.planned, actual: p.actual })),
      expenses: lines,
      total: sumSatang(lines.map((l) => l.amount)),
      files: files
        .filter((f) => f.record_id === r.id)
        .map((f) => ({ id: f.id, kind: f.kind as 'photo' | 'receipt', fileName: f.file_name, mediaType: f.media_type, sizeBytes: f.size_bytes })),
    };
  });
}

/** What the proposal planned: activities with budgets, target groups, and the budget per expense group. */
export async function readPlan(db: Db, proposalId: number) {
  const [activities, lines, groups] = await Promise.all([
    db.selectFrom('proposal_activity').select(['position', 'title']).where('proposal_id', '=', proposalId).orderBy('position').execute(),
    db
      .selectFrom('proposal_expense')
      .select(['activity_position', 'expense_group', sql<string>`unit_cost * units * times`.as('amount')])
      .where('proposal_id', '=', proposalId)
      .execute(),
    db.selectFrom('proposal_target_group').select(['target_group_code', 'people']).where('proposal_id', '=', proposalId).execute(),
  ]);
  return {
    activities: activities.map((a) => ({
      position: a.position,
      title: a.title,
      budget: sumSatang(lines.filter((l) => l.activity_position === a.position).map((l) => fromNumeric(l.amount))),
    })),
    byGroup: EXPENSE_GROUPS.map((group) => ({
      group,
      planned: sumSatang(lines.filter((l) => l.expense_group === group).map((l) => fromNumeric(l.amount))),
    })),
    targetGroups: groups.map((g) => ({ targetGroupCode: g.target_group_code, people: g.people })),
  };
}

export async function getFollowUp(db: Db, actor: Actor | null, input: { code: unknown }): Promise<FollowUpView> {
  const project = await loadProject(db, actor, input.code);
  const { row } = project;
  const periods = await readPeriods(db, row.id);
  const [activities, plan, money, history, fund] = await Promise.all([
    readActivities(db, row.id, periods),
    readPlan(db, row.id),
    projectMoneyOf(db, row.id),
    db.selectFrom('project_status_event').selectAll().where('proposal_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', row.fund_id).executeTakeFirstOrThrow(),
  ]);
  const span = projectSpan(row);
  const spent = (group: ExpenseGroup) => sumSatang(activities.flatMap((a) => a.expenses.filter((e) => e.group === group).map((e) => e.amount)));
  const manage = project.hats.includes('officer');
  return {
    code: row.project_code,
    proposalId: row.id,
    title: row.title,
    fund,
    fiscalYear: row.fiscal_year,
    status: row.project_status,
    statusReason: row.project_status_reason,
    statusAt: row.project_status_at ? new Date(row.project_status_at).toISOString() : null,
    version: row.version,
    ...span,
    approved: row.approved_amount === null ? ZERO_SATANG : fromNumeric(row.approved_amount),
    money,
    periods,
    periodsStamp: periodsStamp(periods),
    activities,
    plannedActivities: plan.activities,
    plannedParticipants: plan.targetGroups,
    expenseGroups: plan.byGroup
      .map((g) => ({ ...g, actual: spent(g.group) }))
      .filter((g) => g.planned > 0 || g.actual > 0),
    statusHistory: history.map((h) => ({ from: h.from_status, to: h.to_status, reason: h.reason, at: new Date(h.created_at).toISOString() })),
    hats: project.hats,
    mayRecord: mayRecord(project.hats) && acceptsRecords(row.project_status),
    mayManage: manage,
    mayViewBooks: actor !== null && can(actor, 'ledger.view', target(project.fund)),
    nextStatuses: manage ? statusesAfter(row.project_status) : [],
  };
}
