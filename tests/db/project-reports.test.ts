import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Actor } from '../../src/domain/policy.ts';
import type { ClosingFigures, FinancialFigures, ProgressFigures } from '../../src/domain/project-reports.ts';
import { Conflict, Forbidden, Invalid } from '../../src/use-cases/errors.ts';
import { listInbox } from '../../src/use-cases/inbox.ts';
import { readPeriods, startFollowUp } from '../../src/use-cases/project-followup.ts';
import {
  getReport,
  listProjectReports,
  projectReportsForApi,
  reportReminders,
  saveIndicatorResults,
  saveReport,
  saveValueAssessment,
  startReport,
  transitionReport,
} from '../../src/use-cases/project-reports.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

/**
 * A project's reports on the demo project of L1978's proposer: started from the activity
 * records, written, submitted (the figures frozen), checked by the area's mentor, accepted by
 * the fund's officer, or returned with a comment and submitted again; everyone else refused.
 */
const ACCOUNTS = {
  owner: 'proposer.l1978',
  officer: 'officer.l1978',
  mentor: 'mentor.l1978',
  finance: 'finance.l1978',
  committee: 'chair.l1978',
  proposer_other: 'proposer.l1977',
  mentor_out: 'mentor5601',
  officer_out: 'officer.l4579',
} as const;
type Who = keyof typeof ACCOUNTS;

describe("a project's reports", () => {
  let database: Database;
  let db: Database['db'];
  const actors = {} as Record<Who, Actor>;
  let code: string;
  let proposalId: number;
  let periodStart: string;

  const record = async (date: string, title: string, amount: string, position: number | null = null) => {
    const { id } = await db
      .insertInto('project_activity_record')
      .values({ proposal_id: proposalId, activity_date: date, title, activity_position: position, done: `ทำ ${title}`, outcomes: `ผล ${title}`, problems: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('project_activity_participant').values({ record_id: id, target_group_code: '1002', planned: 20, actual: 18 }).execute();
    await db.insertInto('project_activity_expense').values({ record_id: id, expense_group: 'materials', amount }).execute();
    return id;
  };

  const snapshot = async () => ({
    reports: await db.selectFrom('project_report').select(['id', 'state', 'version', 'body', 'due_date']).orderBy('id').execute(),
    events: (await db.selectFrom('project_report_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    indicators: await db.selectFrom('project_indicator_result').selectAll().orderBy('report_id').orderBy('objective_position').execute(),
    values: await db.selectFrom('project_value_assessment').selectAll().orderBy('report_id').orderBy('dimension').execute(),
  });

  const inboxOf = async (who: Who) => (await listInbox(db, actors[who])).items.filter((i) => i.key.startsWith('report.inbox.'));

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    for (const [who, username] of Object.entries(ACCOUNTS)) actors[who as Who] = await actorFor(db, username);
    const project = await db
      .selectFrom('proposal as p')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .select(['p.id', 'p.project_code', 'p.period_start'])
      .where('f.code', '=', 'L1978')
      .where('p.created_by', '=', actors.owner.userId)
      .where('p.project_status', '=', 'running')
      .orderBy('p.fiscal_year', 'desc')
      .executeTakeFirstOrThrow();
    code = project.project_code!;
    proposalId = project.id;
    periodStart = project.period_start!;
    await db.transaction().execute((tx) => startFollowUp(tx, proposalId));
    // A clean slate whatever other demo data exists for the project.
    await db.deleteFrom('project_report').where('proposal_id', '=', proposalId).execute();
    await db.deleteFrom('project_activity_record').where('proposal_id', '=', proposalId).execute();
    await record(periodStart, 'อบรมแกนนำ', '1234.56', 1);
    await record(periodStart, 'เยี่ยมบ้าน', '100.01');
  });
  afterAll(() => database.close());

  it('lists every report the project owes, none started', async () => {
    const list = await listProjectReports(db, actors.owner, { code });
    const periods = await readPeriods(db, proposalId);
    expect(periods.length).toBeGreaterThan(0);
    expect(list.reports).toHaveLength(periods.length * 2 + 2);
    expect(list.reports.every((r) => r.id === null && r.state === null)).toBe(true);
    expect(list.reports[0]).toMatchObject({ kind: 'progress', periodNumber: 1, dueDate: periods[0]!.reportDue });
    expect(list.mayStart).toBe(true);
    expect((await listProjectReports(db, actors.committee, { code })).mayStart).toBe(false);
    // A report not started is reminded from its period's due date, to the group and the officer.
    const p1 = periods[0]!;
    await db.updateTable('project_period').set({ period_end: '2020-01-01', period_start: '2020-01-01', report_due: '2020-01-31' }).where('proposal_id', '=', proposalId).where('number', '=', 1).execute();
    for (const who of ['owner', 'officer'] as const) {
      const reminders = (await reportReminders(db, actors[who])).filter((r) => r.code === code && r.periodNumber === 1);
      expect(reminders.map((r) => [r.kind, r.reason, r.link])).toEqual([
        ['progress', 'overdue', `/projects/${code}/reports`],
        ['financial', 'overdue', `/projects/${code}/reports`],
      ]);
    }
    expect((await listProjectReports(db, actors.owner, { code })).reports[0]?.timeliness).toBe('overdue');
    await db
      .updateTable('project_period')
      .set({ period_start: p1.periodStart, period_end: p1.periodEnd, report_due: p1.reportDue })
      .where('proposal_id', '=', proposalId)
      .where('number', '=', 1)
      .execute();
  });

  it('runs draft → submitted → checked → accepted, telling whoever is next', async () => {
    const { id } = await startReport(db, actors.owner, { code, kind: 'progress', period: '1' });
    let report = await getReport(db, actors.owner, { code, id });
    expect(report).toMatchObject({ state: 'draft', mayEdit: true, actions: ['submit'], live: true });
    expect(report.text.done).toContain('อบรมแกนนำ');
    const figures = report.figures as ProgressFigures;
    expect(figures.activities.map((a) => a.title)).toEqual(['อบรมแกนนำ', 'เยี่ยมบ้าน']);
    expect([figures.plannedPeople, figures.actualPeople]).toEqual([40, 36]);
    expect(await refusal(() => startReport(db, actors.owner, { code, kind: 'progress', period: '1' }))).toBeInstanceOf(Invalid);

    const saved = await saveReport(db, actors.owner, { code, id, version: String(report.version), done: 'สรุปกิจกรรม', problems: 'ฝนตก', fixes: 'เลื่อนวัน' });
    expect((await getReport(db, actors.owner, { code, id })).text).toMatchObject({ done: 'สรุปกิจกรรม', problems: 'ฝนตก' });
    const submitted = await transitionReport(db, actors.owner, { code, id, action: 'submit', version: saved.version });
    expect(submitted.state).toBe('submitted');
    expect((await inboxOf('mentor')).map((i) => i.link)).toContain(`/projects/${code}/reports/${id}`);
    expect((await inboxOf('officer')).map((i) => i.key)).toContain('report.inbox.submit');
    report = await getReport(db, actors.mentor, { code, id });
    expect(report).toMatchObject({ actions: ['check', 'return'], mayEdit: false, live: false });
    const checked = await transitionReport(db, actors.mentor, { code, id, action: 'check', version: report.version });
    expect((await inboxOf('officer')).map((i) => i.key)).toContain('report.inbox.check');
    expect((await getReport(db, actors.officer, { code, id })).actions).toEqual(['return', 'accept']);
    await transitionReport(db, actors.officer, { code, id, action: 'accept', version: checked.version });
    report = await getReport(db, actors.owner, { code, id });
    expect(report.state).toBe('accepted');
    expect(report.acceptedOn).not.toBeNull();
    expect(report.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['submit', 'draft', 'submitted'],
      ['check', 'submitted', 'checked'],
      ['accept', 'checked', 'accepted'],
    ]);
    expect((await inboxOf('owner')).map((i) => i.key)).toContain('report.inbox.accept');
    // Accepted is final: nothing more for anyone, and the text stays.
    expect(report.actions).toEqual([]);
    expect(await refusal(() => saveReport(db, actors.owner, { code, id, version: report.version, done: 'x' }))).toBeInstanceOf(Invalid);
  });

  it('returns a report with a comment and the group submits it again', async () => {
    const { id } = await startReport(db, actors.owner, { code, kind: 'financial', period: 1 });
    let report = await getReport(db, actors.owner, { code, id });
    const f = report.figures as FinancialFigures;
    expect(f.spentTotal).toBe(133_457);
    expect(f.balance).toBe(f.received - f.spentBefore - f.spentTotal);
    const v = (await transitionReport(db, actors.owner, { code, id, action: 'submit', version: report.version })).version;
    const noComment = await refusal(() => transitionReport(db, actors.mentor, { code, id, action: 'return', version: v }));
    expect(noComment).toBeInstanceOf(Invalid);
    expect((noComment as Invalid).problems[0]?.field).toBe('comment');
    const back = await transitionReport(db, actors.mentor, { code, id, action: 'return', version: v, comment: 'แนบใบเสร็จค่าวัสดุ' });
    expect(back.state).toBe('returned');
    expect((await inboxOf('owner')).map((i) => i.key)).toContain('report.inbox.return');
    report = await getReport(db, actors.owner, { code, id });
    expect(report).toMatchObject({ mayEdit: true, actions: ['submit'], live: true });
    expect(report.history.at(-1)).toMatchObject({ action: 'return', comment: 'แนบใบเสร็จค่าวัสดุ' });
    expect((await reportReminders(db, actors.owner)).some((r) => r.reason === 'returned' && r.link.endsWith(`/${id}`))).toBe(true);
    const saved = await saveReport(db, actors.owner, { code, id, version: report.version, note: 'แนบใบเสร็จแล้ว' });
    await transitionReport(db, actors.officer, { code, id, action: 'submit', version: saved.version });
    report = await getReport(db, actors.owner, { code, id });
    expect(report.state).toBe('submitted');
    expect(report.text.note).toBe('แนบใบเสร็จแล้ว');
    expect(report.history.map((h) => h.action)).toEqual(['submit', 'return', 'submit']);
  });

  it('a stale version is a conflict and changes nothing', async () => {
    const { id } = await startReport(db, actors.owner, { code, kind: 'closing_financial' });
    const report = await getReport(db, actors.owner, { code, id });
    await saveReport(db, actors.officer, { code, id, version: report.version, note: 'first' });
    const before = await snapshot();
    expect(await refusal(() => saveReport(db, actors.owner, { code, id, version: report.version, note: 'second' }))).toBeInstanceOf(Conflict);
    expect(await refusal(() => transitionReport(db, actors.owner, { code, id, action: 'submit', version: report.version }))).toBeInstanceOf(Conflict);
    expect(await snapshot()).toEqual(before);
    const closing = (await getReport(db, actors.owner, { code, id })).figures as ClosingFigures;
    expect(closing.spentTotal).toBe(133_457);
    expect(closing.toRefund - closing.overspent).toBe(closing.received - closing.spentTotal);
  });

  it('freezes the figures when submitted; a draft follows the records', async () => {
    const submitted = (await listProjectReports(db, actors.owner, { code })).reports.find((r) => r.kind === 'financial' && r.periodNumber === 1)!;
    const draft = (await listProjectReports(db, actors.owner, { code })).reports.find((r) => r.kind === 'closing_financial')!;
    const extra = await record(periodStart, 'ประชุมสรุป', '50.00');
    expect(((await getReport(db, actors.owner, { code, id: submitted.id })).figures as FinancialFigures).spentTotal).toBe(133_457);
    expect(((await getReport(db, actors.owner, { code, id: draft.id })).figures as ClosingFigures).spentTotal).toBe(138_457);
    await db.deleteFrom('project_activity_record').where('id', '=', extra).execute();
  });

  describe('ส.3', () => {
    let id: number;
    beforeAll(async () => {
      ({ id } = await startReport(db, actors.owner, { code, kind: 'final' }));
    });

    it('compares the plan with what was done and keeps indicator results and the value assessment', async () => {
      let report = await getReport(db, actors.owner, { code, id });
      expect(report.values.map((v) => v.dimension)).toEqual(['knowledge', 'behaviour', 'environment', 'public_policy', 'community_process', 'spiritual']);
      expect(report.indicators.length).toBeGreaterThan(0);
      const first = report.indicators[0]!;
      let v = (await saveIndicatorResults(db, actors.owner, { code, id, version: report.version, indicators: { [first.position]: { baseline: '40%', target: first.target, actual: '65%', note: '' } } })).version;
      v = (await saveValueAssessment(db, actors.owner, { code, id, version: v, values: { knowledge: { rating: '3', evidence: 'คู่มือ' }, spiritual: { rating: '1', evidence: '' } } })).version;
      report = await getReport(db, actors.owner, { code, id });
      expect(report.version).toBe(v);
      expect(report.indicators[0]).toMatchObject({ baseline: '40%', actual: '65%' });
      expect(report.values.filter((x) => x.rating !== null).map((x) => [x.dimension, x.rating])).toEqual([
        ['knowledge', 3],
        ['spiritual', 1],
      ]);
      const bad = await refusal(() => saveValueAssessment(db, actors.owner, { code, id, version: v, values: { behaviour: { rating: '4' } } }));
      expect((bad as Invalid).problems.map((p) => p.field)).toEqual(['values.behaviour.rating']);
      const fin = await db.selectFrom('project_report').select(['id', 'version']).where('proposal_id', '=', proposalId).where('kind', '=', 'closing_financial').executeTakeFirstOrThrow();
      expect(await refusal(() => saveValueAssessment(db, actors.owner, { code, id: fin.id, version: fin.version, values: {} }))).toBeInstanceOf(Invalid);
      expect(await refusal(() => saveIndicatorResults(db, actors.owner, { code, id, version: v - 1, indicators: {} }))).toBeInstanceOf(Conflict);
    });
  });

  it('flags lateness from the due date and reminds the group and the officer', async () => {
    const { id } = await db.selectFrom('project_report').select('id').where('proposal_id', '=', proposalId).where('kind', '=', 'final').executeTakeFirstOrThrow();
    await db.updateTable('project_report').set({ due_date: '2020-01-31' }).where('id', '=', id).execute();
    let row = (await listProjectReports(db, actors.owner, { code })).reports.find((r) => r.id === id)!;
    expect(row.timeliness).toBe('overdue');
    for (const who of ['owner', 'officer'] as const) {
      expect((await reportReminders(db, actors[who])).some((r) => r.reason === 'overdue' && r.link === `/projects/${code}/reports/${id}`)).toBe(true);
    }
    for (const who of ['proposer_other', 'officer_out', 'committee'] as const) {
      expect((await reportReminders(db, actors[who])).filter((r) => r.code === code)).toEqual([]);
    }
    const report = await getReport(db, actors.owner, { code, id });
    await transitionReport(db, actors.owner, { code, id, action: 'submit', version: report.version });
    row = (await listProjectReports(db, actors.owner, { code })).reports.find((r) => r.id === id)!;
    expect(row.timeliness).toBe('late');
    expect((await reportReminders(db, actors.owner)).some((r) => r.link.endsWith(`/${id}`))).toBe(false);
  });

  it('lets nobody else take a step, write or start a report, and changes nothing', async () => {
    const draft = await db
      .selectFrom('project_report')
      .select(['id', 'version', 'state', 'kind'])
      .where('proposal_id', '=', proposalId)
      .where('state', 'in', ['draft', 'returned'])
      .executeTakeFirstOrThrow();
    const submitted = await db.selectFrom('project_report').select(['id', 'version']).where('proposal_id', '=', proposalId).where('state', '=', 'submitted').executeTakeFirstOrThrow();
    const final = await db.selectFrom('project_report').select(['id', 'version']).where('proposal_id', '=', proposalId).where('kind', '=', 'final').executeTakeFirstOrThrow();
    const before = await snapshot();
    const outsiders: Who[] = ['proposer_other', 'committee', 'finance', 'mentor_out', 'officer_out'];
    const calls: [string, (a: Actor) => Promise<unknown>][] = [
      ['start', (a) => startReport(db, a, { code, kind: 'progress', period: 1 })],
      ['save', (a) => saveReport(db, a, { code, id: draft.id, version: draft.version, note: 'x', done: 'x' })],
      ['submit', (a) => transitionReport(db, a, { code, id: draft.id, action: 'submit', version: draft.version })],
      ['check', (a) => transitionReport(db, a, { code, id: submitted.id, action: 'check', version: submitted.version })],
      ['return', (a) => transitionReport(db, a, { code, id: submitted.id, action: 'return', version: submitted.version, comment: 'no' })],
      ['accept', (a) => transitionReport(db, a, { code, id: submitted.id, action: 'accept', version: submitted.version })],
      ['indicators', (a) => saveIndicatorResults(db, a, { code, id: final.id, version: final.version, indicators: {} })],
      ['values', (a) => saveValueAssessment(db, a, { code, id: final.id, version: final.version, values: {} })],
    ];
    for (const who of outsiders) {
      for (const [name, call] of calls) {
        const error = await refusal(() => call(actors[who]));
        expect(error, `${who} ${name}`).toBeInstanceOf(Forbidden);
      }
    }
    // Within the project, each step is its hat's only: the mentor neither submits nor accepts, the group neither checks nor accepts.
    const wrongHat: [Who, string, (a: Actor) => Promise<unknown>][] = [
      ['mentor', 'submit', calls[2]![1]],
      ['mentor', 'save', calls[1]![1]],
      ['mentor', 'accept', calls[5]![1]],
      ['owner', 'check', calls[3]![1]],
      ['owner', 'accept', calls[5]![1]],
      ['officer', 'check', calls[3]![1]],
    ];
    for (const [who, name, call] of wrongHat) expect(await refusal(() => call(actors[who])), `${who} ${name}`).toBeInstanceOf(Forbidden);
    // Outsiders cannot read either.
    for (const who of ['proposer_other', 'mentor_out', 'officer_out'] as const) {
      expect(await refusal(() => listProjectReports(db, actors[who], { code }))).toBeInstanceOf(Forbidden);
      expect(await refusal(() => getReport(db, actors[who], { code, id: draft.id }))).toBeInstanceOf(Forbidden);
    }
    expect(await refusal(() => listProjectReports(db, null, { code }))).toBeInstanceOf(Forbidden);
    expect(await snapshot()).toEqual(before);
  });

  it('gives the API every report with its figures', async () => {
    const api = await projectReportsForApi(db, actors.mentor, { code });
    expect(api.reports.some((r) => r.figures !== null)).toBe(true);
    expect(api.reports.filter((r) => r.id === null).every((r) => r.figures === null)).toBe(true);
    const count = await db.selectFrom('project_report').select(sql<number>`count(*)`.as('n')).where('proposal_id', '=', proposalId).executeTakeFirstOrThrow();
    expect(api.reports.filter((r) => r.id !== null)).toHaveLength(Number(count.n));
  });
});
