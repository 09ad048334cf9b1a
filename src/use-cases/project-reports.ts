import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { type Action, type Actor, can } from '../domain/policy.ts';
import { acceptsRecords, type Period } from '../domain/project-followup.ts';
import {
  expectedReports,
  frozenFigures,
  generateFigures,
  isEditable,
  isPeriodKind,
  MAX_RATING,
  mayEditReport,
  needsReminder,
  prefillText,
  REPORT_ACTIONS,
  REPORT_FORM,
  REPORT_KINDS,
  REPORT_TEXT_FIELDS,
  REPORT_TEXT_MAX,
  REPORT_TRANSITIONS,
  type ReportAction,
  type ReportBody,
  type ReportFigures,
  type ReportKind,
  type ReportState,
  reportActionsFor,
  reportDueDate,
  reportTransition,
  type Timeliness,
  textOf,
  timeliness,
  VALUE_DIMENSIONS,
  type ValueDimension,
} from '../domain/project-reports.ts';
import { audit, invalid, optionalText, versionField } from './admin-shared.ts';
import { Conflict, Forbidden, Invalid, NotFound, parseInput } from './errors.ts';
import { notify } from './inbox.ts';
import { projectMoneyOf } from './ledger.ts';
import { type LoadedProject, loadProject, mayRecord, type ProjectHat, readActivities, readPeriods, readPlan } from './project-followup.ts';

// A project's reports (ส.1, ง.1 per period; ง.2 and ส.3 at the end): started as drafts from
// what the activity records say, written by the group, reviewed (submitted → checked →
// accepted, or returned with a comment), late ones flagged and reminded. The figures follow
// the records while the report is editable and are frozen in its body when it is submitted.

type Db = Kysely<DB>;

const today = () => toBangkokIsoDate(new Date());
const dateOf = (at: Date | string | null) => (at === null ? null : toBangkokIsoDate(new Date(at)));
const reportLink = (code: string, id: number) => `/projects/${code}/reports/${id}`;
const projectEnd = (project: LoadedProject) => project.row.period_end ?? '9999-12-31';

export interface ReportSummary {
  id: number | null;
  kind: ReportKind;
  periodNumber: number | null;
  /** null: owed, not started. */
  state: ReportState | null;
  dueDate: string;
  submittedOn: string | null;
  timeliness: Timeliness;
}

export interface ReportListView {
  code: string;
  title: string;
  fund: { code: string };
  periods: Period[];
  reports: ReportSummary[];
  hats: ProjectHat[];
  /** The group and the officer start reports while the project takes records. */
  mayStart: boolean;
}

/** The reports a project owes, each with its own report where started, in the order they fall due. */
export async function listProjectReports(db: Db, actor: Actor | null, input: { code: unknown }): Promise<ReportListView> {
  const project = await loadProject(db, actor, input.code);
  const periods = await readPeriods(db, project.row.id);
  const rows = await db.selectFrom('project_report').selectAll().where('proposal_id', '=', project.row.id).execute();
  const now = today();
  const reports = expectedReports(periods, projectEnd(project)).map((e): ReportSummary => {
    const row = rows.find((r) => r.kind === e.kind && r.period_number === e.periodNumber);
    const dueDate = row?.due_date ?? e.dueDate;
    const submittedOn = dateOf(row?.submitted_at ?? null);
    return { id: row?.id ?? null, kind: e.kind, periodNumber: e.periodNumber, state: row?.state ?? null, dueDate, submittedOn, timeliness: timeliness({ dueDate, submittedOn }, now) };
  });
  return {
    code: project.row.project_code,
    title: project.row.title,
    fund: { code: project.fund.code },
    periods,
    reports,
    hats: project.hats,
    mayStart: mayRecord(project.hats) && acceptsRecords(project.row.project_status),
  };
}

/** What the figures are made from: the periods, the records, the plan and the money paid. */
async function sourceOf(db: Db, proposalId: number) {
  const periods = await readPeriods(db, proposalId);
  const [records, plan, money] = await Promise.all([readActivities(db, proposalId, periods), readPlan(db, proposalId), projectMoneyOf(db, proposalId)]);
  return { periods, records, plan, money };
}

async function figuresNow(db: Db, proposalId: number, kind: ReportKind, periodNumber: number | null): Promise<ReportFigures> {
  const source = await sourceOf(db, proposalId);
  const period = periodNumber === null ? null : (source.periods.find((p) => p.number === periodNumber) ?? null);
  return generateFigures(kind, { ...source, period });
}

const startSchema = z.object({
  kind: z.enum(REPORT_KINDS, 'report.error.kind'),
  period: z.preprocess((v) => (v === undefined || v === null || v === '' ? null : v), z.coerce.number('report.error.period').int('report.error.period').nullable()),
});

/** Starts a report as a draft, its text taken from the records; one of each kind per period. */
export async function startReport(db: Db, actor: Actor | null, input: { code: unknown; kind: unknown; period?: unknown }): Promise<{ id: number }> {
  const project = await loadProject(db, actor, input.code);
  if (!mayRecord(project.hats)) throw new Forbidden('project.record');
  if (!acceptsRecords(project.row.project_status)) throw invalid('kind', 'followup.error.notRunning');
  const data = parseInput(startSchema, input);
  const source = await sourceOf(db, project.row.id);
  const periodNumber = isPeriodKind(data.kind) ? data.period : null;
  const period = periodNumber === null ? null : (source.periods.find((p) => p.number === periodNumber) ?? null);
  if (isPeriodKind(data.kind) && !period) throw invalid('period', 'report.error.period');
  const body: ReportBody = { figures: generateFigures(data.kind, { ...source, period }), text: prefillText(data.kind, { period, records: source.records }) };
  return db.transaction().execute(async (tx) => {
    await sql`select id from proposal where id = ${project.row.id} for update`.execute(tx);
    const existing = await tx
      .selectFrom('project_report')
      .select('id')
      .where('proposal_id', '=', project.row.id)
      .where('kind', '=', data.kind)
      .where((eb) => (periodNumber === null ? eb('period_number', 'is', null) : eb('period_number', '=', periodNumber)))
      .executeTakeFirst();
    if (existing) throw invalid('kind', 'report.error.exists');
    const row = await tx
      .insertInto('project_report')
      .values({
        proposal_id: project.row.id,
        kind: data.kind,
        period_number: periodNumber,
        body: JSON.stringify(body),
        due_date: reportDueDate(data.kind, period, projectEnd(project)),
        created_by: actor!.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor!.userId, 'report.start', 'project_report', row.id, { kind: data.kind, period: periodNumber });
    return { id: row.id };
  });
}

async function loadReport(db: Db, actor: Actor | null, input: { code: unknown; id: unknown }) {
  const project = await loadProject(db, actor, input.code);
  const id = Number(input.id);
  const row = Number.isSafeInteger(id)
    ? await db.selectFrom('project_report').selectAll().where('id', '=', id).where('proposal_id', '=', project.row.id).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFound(`report ${String(input.id)}`);
  return { project, row };
}

export interface IndicatorResultView {
  position: number;
  objective: string;
  indicator: string;
  baseline: string;
  target: string;
  actual: string;
  note: string;
}

export interface ReportView {
  id: number;
  code: string;
  title: string;
  fund: { code: string };
  kind: ReportKind;
  periodNumber: number | null;
  period: Period | null;
  state: ReportState;
  version: number;
  dueDate: string;
  submittedOn: string | null;
  acceptedOn: string | null;
  timeliness: Timeliness;
  figures: ReportFigures;
  /** The figures follow the records (the report is still editable). */
  live: boolean;
  text: ReportBody['text'];
  history: { id: number; action: ReportAction; from: ReportState; to: ReportState; comment: string; actorName: string; at: string }[];
  indicators: IndicatorResultView[];
  values: { dimension: ValueDimension; rating: number | null; evidence: string }[];
  hats: ProjectHat[];
  mayEdit: boolean;
  actions: ReportAction[];
  organisation: string;
  periodStart: string;
  periodEnd: string;
}

/** One report: its figures (live while editable, else as frozen), text, review history and, for ส.3, indicators and values. */
export async function getReport(db: Db, actor: Actor | null, input: { code: unknown; id: unknown }): Promise<ReportView> {
  const { project, row } = await loadReport(db, actor, input);
  const periods = await readPeriods(db, project.row.id);
  const live = isEditable(row.state);
  const frozen = frozenFigures(row.kind, row.body);
  const figures = live || !frozen ? await figuresNow(db, project.row.id, row.kind, row.period_number) : frozen;
  const [events, objectives, results, values] = await Promise.all([
    db
      .selectFrom('project_report_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.action', 'e.from_state', 'e.to_state', 'e.comment', 'e.created_at', 'u.title as user_title', 'u.first_name', 'u.last_name'])
      .where('e.report_id', '=', row.id)
      .orderBy('e.id')
      .execute(),
    row.kind === 'final'
      ? db.selectFrom('proposal_objective').selectAll().where('proposal_id', '=', project.row.id).orderBy('position').execute()
      : Promise.resolve([]),
    db.selectFrom('project_indicator_result').selectAll().where('report_id', '=', row.id).execute(),
    db.selectFrom('project_value_assessment').selectAll().where('report_id', '=', row.id).execute(),
  ]);
  const submittedOn = dateOf(row.submitted_at);
  return {
    id: row.id,
    code: project.row.project_code,
    title: project.row.title,
    fund: { code: project.fund.code },
    kind: row.kind,
    periodNumber: row.period_number,
    period: periods.find((p) => p.number === row.period_number) ?? null,
    state: row.state,
    version: row.version,
    dueDate: row.due_date,
    submittedOn,
    acceptedOn: dateOf(row.accepted_at),
    timeliness: timeliness({ dueDate: row.due_date, submittedOn }, today()),
    figures,
    live,
    text: textOf(row.kind, row.body),
    history: events.map((e) => ({
      id: e.id,
      action: e.action as ReportAction,
      from: e.from_state,
      to: e.to_state,
      comment: e.comment,
      actorName: e.first_name ? `${e.user_title ?? ''}${e.first_name} ${e.last_name ?? ''}` : '',
      at: new Date(e.created_at).toISOString(),
    })),
    indicators: objectives.map((o) => {
      const r = results.find((x) => x.objective_position === o.position);
      return {
        position: o.position,
        objective: o.objective,
        indicator: o.indicator,
        baseline: r?.baseline ?? '',
        target: r ? r.target : o.target,
        actual: r?.actual ?? '',
        note: r?.note ?? '',
      };
    }),
    values:
      row.kind === 'final'
        ? VALUE_DIMENSIONS.map((dimension) => {
            const v = values.find((x) => x.dimension === dimension);
            return { dimension, rating: v?.rating ?? null, evidence: v?.evidence ?? '' };
          })
        : [],
    hats: project.hats,
    mayEdit: mayEditReport(row.state, project.hats),
    actions: reportActionsFor(row.state, project.hats).map((t) => t.action),
    organisation: project.row.organisation_name ?? '',
    periodStart: project.row.period_start ?? '',
    periodEnd: project.row.period_end ?? '',
  };
}

function requireEditor(project: LoadedProject, state: ReportState): void {
  if (!mayEditReport(state, project.hats)) {
    if (!mayRecord(project.hats)) throw new Forbidden('project.record');
    throw invalid('_form', 'report.error.notEditable');
  }
}

/** Bumps the report's version if it is still at the version the form showed: else a Conflict. */
async function bump(tx: Kysely<DB>, id: number, version: number, set: Record<string, unknown> = {}): Promise<void> {
  const updated = await tx
    .updateTable('project_report')
    .set({ ...set, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Conflict(`report ${id} changed`);
}

const textSchema = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(REPORT_TEXT_MAX, 'admin.error.tooLong'));

/** The group (or the officer) writes a report's text while it is a draft or returned. */
export async function saveReport(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: unknown; id: unknown }): Promise<{ version: number }> {
  const { project, row } = await loadReport(db, actor, input);
  requireEditor(project, row.state);
  const fields = REPORT_TEXT_FIELDS[row.kind];
  const schema = z.object({ version: versionField, ...Object.fromEntries(fields.map((f) => [f, textSchema])) });
  const data = parseInput(schema, input) as { version: number } & Record<string, string>;
  const text = Object.fromEntries(fields.map((f) => [f, data[f] ?? '']));
  const figures = await figuresNow(db, project.row.id, row.kind, row.period_number);
  return db.transaction().execute(async (tx) => {
    await bump(tx, row.id, data.version, { body: JSON.stringify({ figures, text } satisfies ReportBody) });
    await audit(tx, actor!.userId, 'report.save', 'project_report', row.id, { kind: row.kind });
    return { version: data.version + 1 };
  });
}

const transitionSchema = z.object({
  action: z.enum(REPORT_ACTIONS, 'report.error.action'),
  version: versionField,
  comment: optionalText(2000),
});

/**
 * One step of the review. Submitting freezes the figures as the records then say; a return
 * needs a comment; whoever comes next is told in their inbox.
 */
export async function transitionReport(
  db: Db,
  actor: Actor | null,
  input: { code: unknown; id: unknown; action: unknown; version: unknown; comment?: unknown },
): Promise<{ state: ReportState; version: number }> {
  const { project, row } = await loadReport(db, actor, input);
  const data = parseInput(transitionSchema, input);
  const transition = reportTransition(row.state, data.action);
  // Someone who may never take this step is refused; one who may, but not in the report's state, is told so.
  const mayTake = REPORT_TRANSITIONS.some((t) => t.action === data.action && t.hats.some((h) => project.hats.includes(h)));
  if (!mayTake || (transition && !transition.hats.some((h) => project.hats.includes(h)))) throw new Forbidden('report.transition');
  if (!transition) throw invalid('action', 'report.error.action');
  if (transition.needsComment && !data.comment) throw invalid('comment', 'report.error.comment');
  if (data.action === 'submit' && !acceptsRecords(project.row.project_status)) throw invalid('action', 'followup.error.notRunning');
  const figures = data.action === 'submit' ? await figuresNow(db, project.row.id, row.kind, row.period_number) : null;
  return db.transaction().execute(async (tx) => {
    const set: Record<string, unknown> = { state: transition.to };
    if (figures) {
      set.body = JSON.stringify({ figures, text: textOf(row.kind, row.body) } satisfies ReportBody);
      // The first submission is the one lateness is judged by.
      set.submitted_at = sql`coalesce(submitted_at, now())`;
    }
    if (transition.to === 'accepted') set.accepted_at = sql`now()`;
    await bump(tx, row.id, data.version, set);
    await tx
      .insertInto('project_report_event')
      .values({ report_id: row.id, action: data.action, from_state: row.state, to_state: transition.to, comment: data.comment ?? '', actor_id: actor!.userId })
      .execute();
    await notify(tx, {
      proposalId: project.row.id,
      fund: project.fund,
      audience: transition.notify,
      actorId: actor!.userId,
      key: `report.inbox.${data.action}`,
      params: { code: project.row.project_code, title: project.row.title, form: REPORT_FORM[row.kind] },
      link: reportLink(project.row.project_code, row.id),
    });
    await audit(tx, actor!.userId, `report.${data.action}`, 'project_report', row.id, { from: row.state, to: transition.to });
    return { state: transition.to, version: data.version + 1 };
  });
}

const rowsOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : []);
const short = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(200, 'admin.error.tooLong'));
const long = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().trim().max(2000, 'admin.error.tooLong'));

async function finalForEditing(db: Db, actor: Actor | null, input: { code: unknown; id: unknown }) {
  const loaded = await loadReport(db, actor, input);
  requireEditor(loaded.project, loaded.row.state);
  if (loaded.row.kind !== 'final') throw invalid('_form', 'report.error.finalOnly');
  return loaded;
}

/** ส.3: each objective's indicator with its baseline, target and what was reached. */
export async function saveIndicatorResults(
  db: Db,
  actor: Actor | null,
  input: { code: unknown; id: unknown; version: unknown; indicators: unknown },
): Promise<{ version: number }> {
  const { project, row } = await finalForEditing(db, actor, input);
  const schema = z.object({
    version: versionField,
    indicators: z.preprocess(
      (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([position, r]) => ({ position, ...(r as object) })) : rowsOf(v)),
      z.array(z.object({ position: z.coerce.number('admin.error.invalid').int('admin.error.invalid'), baseline: short, target: short, actual: short, note: long })),
    ),
  });
  const data = parseInput(schema, input);
  const objectives = await db.selectFrom('proposal_objective').select('position').where('proposal_id', '=', project.row.id).execute();
  const known = new Set(objectives.map((o) => o.position));
  const unknown = data.indicators.find((i) => !known.has(i.position));
  if (unknown) throw invalid(`indicators.${unknown.position}.actual`, 'report.error.objective');
  return db.transaction().execute(async (tx) => {
    await bump(tx, row.id, data.version);
    for (const i of data.indicators) {
      const values = { baseline: i.baseline, target: i.target, actual: i.actual, note: i.note };
      await tx
        .insertInto('project_indicator_result')
        .values({ report_id: row.id, objective_position: i.position, ...values })
        .onConflict((oc) => oc.columns(['report_id', 'objective_position']).doUpdateSet(values))
        .execute();
    }
    await audit(tx, actor!.userId, 'report.indicators', 'project_report', row.id, { rows: data.indicators.length });
    return { version: data.version + 1 };
  });
}

/** ส.3: the six-dimension value assessment, each rated 0–3 with its evidence (a blank rating is left out). */
export async function saveValueAssessment(
  db: Db,
  actor: Actor | null,
  input: { code: unknown; id: unknown; version: unknown; values: unknown },
): Promise<{ version: number }> {
  const { row } = await finalForEditing(db, actor, input);
  const rating = z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v),
    z.coerce.number('report.error.rating').int('report.error.rating').min(0, 'report.error.rating').max(MAX_RATING, 'report.error.rating').nullable(),
  );
  const raw = input.values && typeof input.values === 'object' ? (input.values as Record<string, unknown>) : {};
  const problems: { field: string; key: 'report.error.rating' | 'admin.error.tooLong' | 'report.error.evidence' }[] = [];
  const parsedRows: { dimension: ValueDimension; rating: number | null; evidence: string }[] = [];
  for (const dimension of VALUE_DIMENSIONS) {
    const r = (raw[dimension] && typeof raw[dimension] === 'object' ? raw[dimension] : {}) as Record<string, unknown>;
    const ra = rating.safeParse(r.rating);
    const ev = long.safeParse(r.evidence);
    if (!ra.success) problems.push({ field: `values.${dimension}.rating`, key: 'report.error.rating' });
    if (!ev.success) problems.push({ field: `values.${dimension}.evidence`, key: 'admin.error.tooLong' });
    if (ra.success && ev.success) {
      if (ra.data === null && ev.data !== '') problems.push({ field: `values.${dimension}.rating`, key: 'report.error.evidence' });
      parsedRows.push({ dimension, rating: ra.data, evidence: ev.data });
    }
  }
  const version = versionField.safeParse(input.version);
  if (!version.success) problems.push({ field: 'version', key: 'report.error.rating' });
  if (problems.length) throw new Invalid(problems);
  return db.transaction().execute(async (tx) => {
    await bump(tx, row.id, version.data!);
    await tx.deleteFrom('project_value_assessment').where('report_id', '=', row.id).execute();
    const rated = parsedRows.filter((p) => p.rating !== null);
    if (rated.length) {
      await tx
        .insertInto('project_value_assessment')
        .values(rated.map((p) => ({ report_id: row.id, dimension: p.dimension, rating: p.rating as number, evidence: p.evidence })))
        .execute();
    }
    await audit(tx, actor!.userId, 'report.values', 'project_report', row.id, { rated: rated.length });
    return { version: version.data! + 1 };
  });
}

// ---------------------------------------------------------------------------------------------
// Reminders

export interface ReportReminder {
  code: string;
  title: string;
  kind: ReportKind;
  periodNumber: number | null;
  dueDate: string;
  /** overdue or due_soon; returned: sent back to the group with a comment. */
  reason: 'overdue' | 'due_soon' | 'returned';
  link: string;
}

/**
 * What reports need the actor: for a group, its projects' reports overdue or due within the
 * week (not yet submitted) and those returned to it; for a fund's officer, the same across the
 * fund's projects. Computed when read, so a reminder goes away as soon as the report is in.
 */
export async function reportReminders(db: Db, actor: Actor | null): Promise<ReportReminder[]> {
  if (!actor) return [];
  const manageScopes = actor.roles
    .filter((r) => can({ userId: actor.userId, roles: [r] }, 'project.manage' satisfies Action, { scopeChain: [r.scopeCode] }))
    .map((r) => r.scopeCode);
  const user = await db.selectFrom('app_user').select('organisation_id').where('id', '=', actor.userId).executeTakeFirst();
  const projects = await db
    .selectFrom('proposal as p')
    .select(['p.id', 'p.project_code', 'p.title', 'p.period_end', 'p.created_by', 'p.organisation_id'])
    .where('p.project_code', 'is not', null)
    .where('p.project_status', 'in', ['running', 'completed'])
    .where((eb) =>
      eb.or([
        eb('p.created_by', '=', actor.userId),
        ...(user?.organisation_id ? [eb('p.organisation_id', '=', user.organisation_id)] : []),
        ...(manageScopes.length
          ? [
              eb(
                'p.fund_id',
                'in',
                db
                  .selectFrom('fund_area')
                  .select('fund_id')
                  .where((e) =>
                    e.or([
                      e('fund_code', 'in', manageScopes),
                      e('district_code', 'in', manageScopes),
                      e('province_code', 'in', manageScopes),
                      e('region_code', 'in', manageScopes),
                      ...(manageScopes.includes('TH') ? [e.val(true)] : []),
                    ]),
                  ),
              ),
            ]
          : []),
      ]),
    )
    .orderBy('p.project_code')
    .limit(500)
    .execute();
  if (projects.length === 0) return [];
  const ids = projects.map((p) => p.id);
  const [periods, reports] = await Promise.all([
    db.selectFrom('project_period').select(['proposal_id', 'number', 'report_due']).where('proposal_id', 'in', ids).orderBy('number').execute(),
    db.selectFrom('project_report').select(['id', 'proposal_id', 'kind', 'period_number', 'state', 'due_date', 'submitted_at']).where('proposal_id', 'in', ids).execute(),
  ]);
  const now = today();
  const reminders: ReportReminder[] = [];
  for (const p of projects) {
    const code = p.project_code as string;
    const owed = expectedReports(
      periods.filter((x) => x.proposal_id === p.id).map((x) => ({ number: x.number, reportDue: x.report_due })),
      p.period_end ?? '9999-12-31',
    );
    for (const e of owed) {
      const r = reports.find((x) => x.proposal_id === p.id && x.kind === e.kind && x.period_number === e.periodNumber);
      if (r?.state === 'returned') {
        reminders.push({ code, title: p.title, kind: e.kind, periodNumber: e.periodNumber, dueDate: r.due_date, reason: 'returned', link: reportLink(code, r.id) });
        continue;
      }
      if (r && r.state !== 'draft') continue;
      const dueDate = r?.due_date ?? e.dueDate;
      const t = timeliness({ dueDate, submittedOn: null }, now);
      if (!needsReminder(t)) continue;
      reminders.push({
        code,
        title: p.title,
        kind: e.kind,
        periodNumber: e.periodNumber,
        dueDate,
        reason: t as 'overdue' | 'due_soon',
        link: r ? reportLink(code, r.id) : `/projects/${code}/reports`,
      });
    }
  }
  return reminders.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

/** The API's view of a project's reports: the list with each started report's figures and text. */
export async function projectReportsForApi(db: Db, actor: Actor | null, input: { code: unknown }) {
  const list = await listProjectReports(db, actor, input);
  const reports = [];
  for (const r of list.reports) {
    if (r.id === null) {
      reports.push({ ...r, figures: null, text: null });
      continue;
    }
    const view = await getReport(db, actor, { code: input.code, id: r.id });
    reports.push({ ...r, figures: view.figures, text: view.text, indicators: view.indicators, values: view.values, history: view.history });
  }
  return { code: list.code, title: list.title, fund: list.fund, reports };
}
