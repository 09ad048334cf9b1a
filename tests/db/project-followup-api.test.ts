import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as activitiesAction, loader as activitiesLoader } from '../../app/routes/api.v1.projects.$code.activities.ts';
import { loader as periodsLoader } from '../../app/routes/api.v1.projects.$code.periods.ts';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi.ts';
import type { Database } from '../../src/db/database.ts';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { addDays } from '../../src/domain/project-followup.ts';
import { Conflict, Forbidden, Invalid } from '../../src/use-cases/errors.ts';
import { getFollowUp, loadProject, recordActivity, setPeriods, updateActivity } from '../../src/use-cases/project-followup.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { apiHarness, type Json } from '../support/api-harness.ts';
import { createTestDatabase } from '../support/test-db.ts';

// Following a project through the API and the use cases the pages call: its periods, its
// activity records with participants, expenses and files, who may read and who may write, and
// problems told at the row they were typed in. Demo project 70-L1978-2-01, its dates moved so
// today lies inside it.

const CODE = '70-L1978-2-01';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function problemsOf(error: unknown): Record<string, string> {
  if (!(error instanceof Invalid)) throw error;
  return Object.fromEntries(error.problems.map((p) => [p.field, p.key]));
}

describe('API /api/v1/projects/{code}/periods and activities', () => {
  let database: Database;
  const { setUp, call, ok, logged } = apiHarness();
  const today = toBangkokIsoDate(new Date());
  const start = addDays(today, -60);
  const end = addDays(today, 60);
  const owner = 'proposer.l1978';
  let plannedGroup = '';
  const periods = (as?: string) => call(periodsLoader, `/api/v1/projects/${CODE}/periods`, { params: { code: CODE }, as });
  const list = (as?: string) => call(activitiesLoader, `/api/v1/projects/${CODE}/activities`, { params: { code: CODE }, as });
  const post = (body: unknown, as = owner) => call(activitiesAction, `/api/v1/projects/${CODE}/activities`, { params: { code: CODE }, as, body });

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    // The project is the demo proposer's organisation's, whoever typed it in.
    const proposer = await database.db.selectFrom('app_user').select('organisation_id').where('username', '=', owner).executeTakeFirstOrThrow();
    const project = await database.db
      .updateTable('proposal')
      .set({ period_start: start, period_end: end, organisation_id: proposer.organisation_id })
      .where('project_code', '=', CODE)
      .returning(['id'])
      .executeTakeFirstOrThrow();
    plannedGroup = (await database.db.selectFrom('proposal_target_group').select('target_group_code').where('proposal_id', '=', project.id).executeTakeFirstOrThrow()).target_group_code;
    await setUp(database, [owner, 'officer.l1978', 'mentor.l1978', 'finance.l1978', 'officer.l1976', 'proposer.l1976']);
  });
  afterAll(async () => {
    expect(logged).toEqual([]);
    await database.close();
  });

  it("the project's group is its owner, and nothing more", async () => {
    const group = await actorFor(database.db, owner);
    expect((await loadProject(database.db, group, CODE)).hats).toEqual(['owner']);
    // Its own project's money, never the fund's books.
    const view = await getFollowUp(database.db, group, { code: CODE });
    expect(view).toMatchObject({ mayRecord: true, mayManage: false, mayViewBooks: false, nextStatuses: [] });
    expect(view.money.approved).toBe(view.approved);
    expect((await getFollowUp(database.db, await actorFor(database.db, 'officer.l1978'), { code: CODE })).mayViewBooks).toBe(true);
  });

  it("gives the periods to the project's group and the area's people only", async () => {
    const officer = await actorFor(database.db, 'officer.l1978');
    const view = await getFollowUp(database.db, officer, { code: CODE });
    // The officer sets two periods adding up to the approved amount.
    const half = Math.floor(view.approved / 2) / 100;
    const rest = (view.approved - Math.floor(view.approved / 2)) / 100;
    const mid = addDays(start, 30);
    await setPeriods(database.db, officer, {
      code: CODE,
      stamp: view.periodsStamp,
      periods: [
        { period_start: start, period_end: mid, report_due: addDays(mid, 30), instalment: half.toFixed(2) },
        { period_start: addDays(mid, 1), period_end: end, report_due: addDays(end, 30), instalment: rest.toFixed(2) },
      ],
    });
    const body = await ok(200, periods('officer.l1978'));
    expect(body.project_code).toBe(CODE);
    expect(body.count).toBe(2);
    expect(body.items[0]).toEqual({ number: 1, period_start: start, period_end: mid, report_due: addDays(mid, 30), instalment: half.toFixed(2) });
    expect(body.items.reduce((s: number, p: Json) => s + Math.round(Number(p.instalment) * 100), 0)).toBe(view.approved);
    expect((await ok(200, periods(owner))).stamp).toBe(body.stamp);
    expect((await periods('mentor.l1978')).status).toBe(200);
    for (const outsider of ['officer.l1976', 'proposer.l1976']) expect((await periods(outsider)).status, outsider).toBe(403);
    expect((await periods()).status).toBe(401);
    expect((await call(periodsLoader, '/api/v1/projects/70-L0000-2-99/periods', { params: { code: '70-L0000-2-99' }, as: 'officer.l1978' })).status).toBe(404);
  });

  it('records an activity with the page’s rules: 201 with the record, 400 naming each field by the row sent', async () => {
    const created = await ok(
      201,
      post({
        activity_date: today,
        title: 'อบรมแกนนำ ครั้งที่ 1',
        activity_position: 1,
        done: 'อบรม 1 วัน',
        participants: [{ target_group_code: plannedGroup, planned: 30, actual: 27 }],
        expenses: [
          { group: 'materials', amount: '1,250.50' },
          { group: 'travel', amount: 300 },
        ],
      }),
    );
    expect(created.id).toBeGreaterThan(0);
    expect(created).toMatchObject({
      activity_date: today,
      title: 'อบรมแกนนำ ครั้งที่ 1',
      activity_position: 1,
      period_number: 2,
      participants: [{ target_group_code: plannedGroup, planned: 30, actual: 27 }],
      expenses: [
        { group: 'materials', amount: '1250.50' },
        { group: 'travel', amount: '300.00' },
      ],
      total: '1550.50',
      files: [],
    });

    // A blank row before the bad one: the problem is still told at the row as sent.
    const bad = await post({
      activity_date: 'วันไหน',
      title: '',
      expenses: [{ group: 'materials', amount: '' }, { group: 'travel', amount: '' }, { group: 'wages', amount: 'abc' }],
      participants: [{ target_group_code: '', planned: '', actual: '' }, { target_group_code: 'nobody', actual: 3 }],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(['activity_date', 'expenses.2.amount', 'title']);
    const unknownGroup = await post({ activity_date: today, title: 'x', participants: [{ target_group_code: '', actual: '' }, { target_group_code: 'nobody', actual: 3 }] });
    expect((await unknownGroup.json()).error.fields).toEqual({ 'participants.1.target_group_code': expect.any(String) });

    // The officer records too; the mentor and the finance officer read only; writes need a token.
    expect((await post({ activity_date: today, title: 'ประชุมติดตาม' }, 'officer.l1978')).status).toBe(201);
    for (const reader of ['mentor.l1978', 'finance.l1978', 'officer.l1976']) expect((await post({ activity_date: today, title: 'x' }, reader)).status, reader).toBe(403);
    const session = await call(activitiesAction, `/api/v1/projects/${CODE}/activities`, { params: { code: CODE }, body: { activity_date: today, title: 'x' }, sessionUser: owner });
    expect(session.status).toBe(401);
  });

  it('lists the records with participants, expenses and file metadata, in date order', async () => {
    const body = await ok(200, list('mentor.l1978'));
    // The demo's own records of the project come along with the two this test made.
    const made = body.items.filter((a: Json) => ['อบรมแกนนำ ครั้งที่ 1', 'ประชุมติดตาม'].includes(a.title));
    expect(body.count).toBe(body.items.length);
    expect(made.map((a: Json) => a.title)).toEqual(['อบรมแกนนำ ครั้งที่ 1', 'ประชุมติดตาม']);
    expect(body.items.map((a: Json) => a.activity_date)).toEqual([...body.items.map((a: Json) => a.activity_date)].sort());
    expect(made[0].participants).toHaveLength(1);
    expect(body.actions).toEqual([]);
    expect((await ok(200, list(owner))).actions).toEqual(['project.record']);
    expect((await list('proposer.l1976')).status).toBe(403);
  });

  it('takes photos and receipts with a record, and a refused file leaves no record behind', async () => {
    const actor = await actorFor(database.db, owner);
    const before = (await getFollowUp(database.db, actor, { code: CODE })).activities.length;
    const refused = await refusal(() =>
      recordActivity(database.db, actor, {
        code: CODE,
        activity_date: today,
        title: 'มีรูป',
        files: [
          { kind: 'photo', fileName: 'ok.png', bytes: PNG },
          { kind: 'receipt', fileName: 'receipt.pdf', bytes: PNG },
        ],
      }),
    );
    expect(problemsOf(refused)).toEqual({ 'files.receipt': 'proposal.error.fileMismatch' });
    expect((await getFollowUp(database.db, actor, { code: CODE })).activities).toHaveLength(before);

    const { id } = await recordActivity(database.db, actor, { code: CODE, activity_date: today, title: 'มีรูป', files: [{ kind: 'photo', fileName: 'ok.png', bytes: PNG }] });
    const body = await ok(200, list(owner));
    const record = body.items.find((a: Json) => a.id === id);
    expect(record.files).toEqual([{ id: expect.any(Number), kind: 'photo', file_name: 'ok.png', media_type: 'image/png', size_bytes: PNG.byteLength, href: `/projects/${CODE}/activities/${id}/files/${record.files[0].id}` }]);

    // A correction at a stale version is a Conflict, and adds nothing.
    await updateActivity(database.db, actor, { code: CODE, id, version: '1', activity_date: today, title: 'มีรูป (แก้)' });
    const stale = await refusal(() => updateActivity(database.db, actor, { code: CODE, id, version: '1', activity_date: today, title: 'ทับ', files: [{ kind: 'photo', fileName: 'b.png', bytes: PNG }] }));
    expect(stale).toBeInstanceOf(Conflict);
    const after = (await getFollowUp(database.db, actor, { code: CODE })).activities.find((a) => a.id === id)!;
    expect(after.title).toBe('มีรูป (แก้)');
    expect(after.files).toHaveLength(1);
  });

  it("tells the periods' problems at the row typed, blank rows between or not, and the instalments' sum on the table", async () => {
    const officer = await actorFor(database.db, 'officer.l1978');
    const view = await getFollowUp(database.db, officer, { code: CODE });
    const refused = await refusal(() =>
      setPeriods(database.db, officer, {
        code: CODE,
        stamp: view.periodsStamp,
        periods: {
          '0': { period_start: start, period_end: addDays(start, 10), report_due: addDays(start, 5), instalment: '1' },
          '1': { period_start: '', period_end: '', report_due: '', instalment: '' },
          '2': { period_start: addDays(start, 5), period_end: end, report_due: addDays(end, 1), instalment: '1' },
        },
      }),
    );
    expect(problemsOf(refused)).toEqual({
      'periods.0.report_due': 'followup.error.dueBeforeEnd',
      'periods.2.period_start': 'followup.error.periodOverlap',
      periods: 'followup.error.instalmentSum',
    });
    const stale = await refusal(() => setPeriods(database.db, officer, { code: CODE, stamp: 'not-the-stamp', periods: view.periods.map((p) => ({ period_start: p.periodStart, period_end: p.periodEnd, report_due: p.reportDue, instalment: (p.instalment / 100).toFixed(2) })) }));
    expect(stale).toBeInstanceOf(Conflict);
    const owner_ = await actorFor(database.db, owner);
    expect(await refusal(() => setPeriods(database.db, owner_, { code: CODE, stamp: view.periodsStamp, periods: [] }))).toBeInstanceOf(Forbidden);
  });

  it('describes the endpoints in the OpenAPI document', async () => {
    const doc = await ok(200, call(openApiLoader, '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/projects/{code}/periods', '/projects/{code}/activities']));
    const activities = doc.paths['/projects/{code}/activities'];
    expect(activities.get.operationId).toBe('listProjectActivities');
    expect(activities.post.operationId).toBe('recordProjectActivity');
    expect(activities.post.responses).toHaveProperty('201');
    expect(activities.post.responses).toHaveProperty('400');
  });
});
