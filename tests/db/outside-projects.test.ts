import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as projectsAction, loader as projectsLoader } from '../../app/routes/api.v1.funds.$code.projects.ts';
import { loader as fundProposalsLoader } from '../../app/routes/api.v1.funds.$code.proposals.ts';
import { loader as projectLoader } from '../../app/routes/api.v1.projects.$code.ts';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi.ts';
import type { Database } from '../../src/db/database.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Invalid } from '../../src/use-cases/errors.ts';
import { insertOutsideProject, outsideProjectForm, recordPaperProject } from '../../src/use-cases/outside-projects.ts';
import { getFollowUp, recordActivity } from '../../src/use-cases/project-followup.ts';
import { getAttachment } from '../../src/use-cases/proposal-attachments.ts';
import { getProject, listFundProposals } from '../../src/use-cases/proposals.ts';
import { outsideProjectSchema } from '../../src/domain/outside-projects.ts';
import { actorFor, permissionMatrix, refusal } from '../support/actors.ts';
import { apiHarness } from '../support/api-harness.ts';
import { ROLES_AROUND_L1976 } from '../support/demo-accounts.ts';
import { createTestDatabase } from '../support/test-db.ts';

/**
 * Projects approved outside the system, at fund L1976: the officer records one from the
 * committee's paper decision; it gets its code, target groups, periods and scanned proposal in
 * one transaction, is refused whole when anything is wrong, and is followed like any other.
 */
const ACCOUNTS = { ...ROLES_AROUND_L1976, proposer_self: 'proposer.l1976', proposer_other: 'proposer.l1977' } as const;
type Who = keyof typeof ACCOUNTS | 'public';
const WHO = ['public', ...Object.keys(ACCOUNTS)] as Who[];
const RECORDERS: Who[] = ['admin', 'officer_in'];
const PDF = new TextEncoder().encode('%PDF-1.4\n% scanned proposal\n%%EOF\n');

function problemsOf(error: unknown): Record<string, string> {
  if (!(error instanceof Invalid)) throw error;
  return Object.fromEntries(error.problems.map((p) => [p.field, p.key]));
}

/** A project of FY 2569 that the committee approved at its meeting of 15 Nov 2025. */
const paper = (overrides: Record<string, unknown> = {}) => ({
  code: 'L1976',
  fiscal_year: '2569',
  title: 'โครงการอบรมแกนนำสุขภาพประจำครอบครัว',
  organisation_name: 'อสม.ตำบลบึงมะลู',
  organisation_type: '5',
  support_category: '2',
  approved_amount: '18,500',
  approval_date: '15/11/2568',
  meeting_ref: 'ครั้งที่ 2/2569',
  meeting_date: '',
  period_start: '1/12/2568',
  period_end: '31/8/2569',
  place: 'ศาลาประชาคม หมู่ 3',
  coordinator_name: 'นางบุญมี ศรีสุข',
  coordinator_phone: '081 234 5678',
  target_groups: { '1004': '40' },
  project_code: '',
  ...overrides,
});

describe('projects approved outside the system', () => {
  let database: Database;
  let db: Database['db'];
  const actors = new Map<Who, Actor | null>([['public', null]]);
  const actor = (who: Who) => actors.get(who) ?? null;
  let targetGroup = '';
  const counts = async () => {
    const n = async (table: 'proposal' | 'project_period' | 'proposal_target_group' | 'proposal_attachment' | 'audit_event') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { proposals: await n('proposal'), periods: await n('project_period'), groups: await n('proposal_target_group'), files: await n('proposal_attachment'), audit: await n('audit_event') };
  };
  const nextSeq = async (fiscalYear: number, category: number) => {
    const row = await db
      .selectFrom('proposal as p')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .select((eb) => eb.fn.max('p.project_seq').as('n'))
      .where('f.code', '=', 'L1976')
      .where('p.fiscal_year', '=', fiscalYear)
      .where('p.support_category', '=', category)
      .executeTakeFirst();
    return Number(row?.n ?? 0) + 1;
  };

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    for (const [who, username] of Object.entries(ACCOUNTS)) actors.set(who as Who, await actorFor(db, username));
    targetGroup = (await db.selectFrom('target_group').select('code').orderBy('sort_order').executeTakeFirstOrThrow()).code;
  });
  afterAll(() => database.close());

  describe('every role against recording one', () => {
    it('the form', async () => {
      const { outcome, expected } = await permissionMatrix(WHO, RECORDERS, (who) => outsideProjectForm(db, actor(who), { code: 'L1976' }));
      expect(outcome).toEqual(expected);
    });
    it('the record (allowed calls stop at their input; nothing is written)', async () => {
      const before = await counts();
      const { outcome, expected } = await permissionMatrix(WHO, RECORDERS, (who) => recordPaperProject(db, actor(who), paper({ title: '' })));
      expect(outcome).toEqual(expected);
      expect(await counts()).toEqual(before);
    });
  });

  it('records a paper project as an approved, followed project with the next code', async () => {
    const before = await counts();
    const seq = await nextSeq(2569, 2);
    const { id, projectCode } = await recordPaperProject(db, actor('officer_in'), { ...paper(), file: { fileName: 'มติ-กปท7.pdf', bytes: PDF } });
    expect(projectCode).toBe(`69-L1976-2-${String(seq).padStart(2, '0')}`);
    const row = await db.selectFrom('proposal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: 'approved',
      origin: 'paper',
      project_status: 'running',
      project_seq: seq,
      fiscal_year: 2569,
      support_category: 2,
      organisation_type: 5,
      created_by: null,
      coordinator_phone: '0812345678',
      decided_meeting_ref: 'ครั้งที่ 2/2569',
      decided_meeting_date: null,
      period_start: '2025-12-01',
      period_end: '2026-08-31',
    });
    expect(Number(row.budget)).toBe(18500);
    expect(Number(row.approved_amount)).toBe(18500);
    expect(row.decided_at!.toISOString()).toBe('2025-11-15T05:00:00.000Z');
    expect(await db.selectFrom('proposal_target_group').select(['target_group_code', 'people']).where('proposal_id', '=', id).execute()).toEqual([{ target_group_code: '1004', people: 40 }]);
    const periods = await db.selectFrom('project_period').select(['number', 'instalment']).where('proposal_id', '=', id).orderBy('number').execute();
    expect(periods.length).toBeGreaterThan(0);
    expect(periods.reduce((sum, p) => sum + Number(p.instalment), 0)).toBe(18500);
    const event = await db.selectFrom('audit_event').select(['action', 'data']).where('subject_id', '=', String(id)).where('action', '=', 'project.record_outside').executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ fund: 'L1976', origin: 'paper', project_code: projectCode, scan: 'มติ-กปท7.pdf' });
    expect(await counts()).toEqual({ ...before, proposals: before.proposals + 1, periods: before.periods + periods.length, groups: before.groups + 1, files: before.files + 1, audit: before.audit + 1 });

    // The public reads it like any project; its scanned proposal is with it.
    const view = await getProject(db, null, { code: projectCode });
    expect(view).toMatchObject({ origin: 'paper', outsideMeeting: { ref: 'ครั้งที่ 2/2569', date: null }, coordinator: { phone: '' } });
    const file = await db.selectFrom('proposal_attachment').select('id').where('proposal_id', '=', id).executeTakeFirstOrThrow();
    expect((await getAttachment(db, actor('officer_in'), { id, attachmentId: file.id })).media_type).toBe('application/pdf');

    // …and it is followed as any other: the officer records what was done.
    const followUp = await getFollowUp(db, actor('officer_in'), { code: projectCode });
    expect(followUp.mayRecord).toBe(true);
    await recordActivity(db, actor('officer_in'), {
      code: projectCode,
      activity_date: '2026-01-10',
      title: 'อบรมแกนนำครั้งที่ 1',
      participants: { 0: { target_group_code: '1004', planned: '40', actual: '38' } },
      files: [],
    });
    const mentorView = await getFollowUp(db, actor('mentor_district_in'), { code: projectCode });
    expect(mentorView.mayRecord).toBe(false);
  });

  it('keeps the code a project already has, and refuses it twice', async () => {
    const { projectCode } = await recordPaperProject(db, actor('admin'), paper({ project_code: '69-L1976-2-90', meeting_date: '10/11/2568' }));
    expect(projectCode).toBe('69-L1976-2-90');
    const row = await db.selectFrom('proposal').select(['project_seq', 'decided_meeting_date']).where('project_code', '=', projectCode).executeTakeFirstOrThrow();
    expect(row).toEqual({ project_seq: 90, decided_meeting_date: '2025-11-10' });
    // The next one without a code runs on from the highest number.
    expect((await recordPaperProject(db, actor('officer_in'), paper())).projectCode).toBe('69-L1976-2-91');
    const before = await counts();
    expect(problemsOf(await refusal(() => recordPaperProject(db, actor('officer_in'), paper({ project_code: '69-L1976-2-90' }))))).toEqual({ project_code: 'outside.error.codeTaken' });
    // A demo project's code, approved in the system, is as taken.
    const demo = await db
      .selectFrom('proposal as p')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .select(['p.project_code', 'p.support_category'])
      .where('f.code', '=', 'L1976')
      .where('p.fiscal_year', '=', 2569)
      .where('p.origin', '=', 'system')
      .where('p.project_code', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(
      problemsOf(await refusal(() => recordPaperProject(db, actor('officer_in'), paper({ project_code: demo.project_code, support_category: String(demo.support_category) })))),
    ).toEqual({ project_code: 'outside.error.codeTaken' });
    expect(await counts()).toEqual(before);
  });

  it('refuses every bad input whole, with the problem beside its field', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ title: '' }, { title: 'admin.error.required' }],
      [{ organisation_name: '  ' }, { organisation_name: 'admin.error.required' }],
      [{ organisation_type: '7' }, { organisation_type: 'proposal.error.organisationType' }],
      [{ support_category: '' }, { support_category: 'proposal.error.category' }],
      [{ approved_amount: '0' }, { approved_amount: 'outside.error.amountZero' }],
      [{ approved_amount: '12.345' }, { approved_amount: 'admin.error.money' }],
      [{ approval_date: '1/1/2600' }, { approval_date: 'outside.error.approvalFuture' }],
      [{ approval_date: '1/1/2566' }, { approval_date: 'outside.error.approvalRange' }],
      [{ meeting_ref: '' }, { meeting_ref: 'admin.error.required' }],
      [{ meeting_date: '20/11/2568' }, { meeting_date: 'outside.error.meetingAfterApproval' }],
      [{ period_start: '1/9/2568' }, { period_start: 'proposal.error.outsideYear' }],
      [{ period_end: '1/11/2568' }, { period_end: 'proposal.error.endBeforeStart' }],
      [{ coordinator_phone: '12-34' }, { coordinator_phone: 'proposal.error.phone' }],
      [{ target_groups: {} }, { target_groups: 'outside.error.targetGroups' }],
      [{ target_groups: { XX: '5' } }, { 'target_groups.XX': 'proposal.error.targetGroup' }],
      [{ project_code: '69-L1977-2-01' }, { project_code: 'outside.error.codeMismatch' }],
      [{ project_code: 'abc' }, { project_code: 'outside.error.codeFormat' }],
      [{ fiscal_year: '2026' }, { fiscal_year: 'admin.error.fiscalYearCe' }],
    ];
    for (const [input, expected] of cases) {
      expect(problemsOf(await refusal(() => recordPaperProject(db, actor('officer_in'), paper(input)))), JSON.stringify(input)).toEqual(expected);
    }
    // A scanned file that is not a PDF or an image, even when called one.
    expect(problemsOf(await refusal(() => recordPaperProject(db, actor('officer_in'), { ...paper(), file: { fileName: 'scan.pdf', bytes: new TextEncoder().encode('hello') } })))).toEqual({
      scan: 'proposal.error.fileType',
    });
    await expect(recordPaperProject(db, actor('officer_in'), paper({ code: 'L0000' }))).rejects.toThrow(/fund L0000/);
    expect(await counts()).toEqual(before);
  });

  it('writes an imported project through the same insertion, inside the caller’s transaction', async () => {
    const fund = await db.selectFrom('fund').select(['id', 'code']).where('code', '=', 'L1976').executeTakeFirstOrThrow();
    const project = outsideProjectSchema({ fundCode: 'L1976', today: '2026-12-07', targetGroups: new Set([targetGroup]) }).parse(
      paper({ target_groups: { [targetGroup]: '12' }, project_code: '69-L1976-2-95', title: 'โครงการจากระบบเดิม' }),
    );
    const rolledBack = await refusal(() =>
      db.transaction().execute(async (tx) => {
        await insertOutsideProject(tx, { fundId: fund.id, fundCode: fund.code, origin: 'imported', project });
        throw new Error('the import stops here');
      }),
    );
    expect(String(rolledBack)).toMatch(/the import stops here/);
    expect(await db.selectFrom('proposal').select('id').where('project_code', '=', '69-L1976-2-95').executeTakeFirst()).toBeUndefined();
    const { code } = await db.transaction().execute((tx) => insertOutsideProject(tx, { fundId: fund.id, fundCode: fund.code, origin: 'imported', project }));
    expect(code).toBe('69-L1976-2-95');
    const row = await db.selectFrom('proposal').select(['id', 'origin', 'project_status']).where('project_code', '=', code).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ origin: 'imported', project_status: 'running' });
    expect(await db.selectFrom('project_period').select('number').where('proposal_id', '=', row.id).execute()).not.toEqual([]);
  });

  it('filters the fund’s list by origin', async () => {
    const byOrigin = async (origin: string | undefined, who: Who = 'officer_in') =>
      (await listFundProposals(db, actor(who), { code: 'L1976', fiscalYear: 2569, origin })).proposals.map((p) => p.origin);
    const all = await byOrigin(undefined);
    expect(new Set(all)).toEqual(new Set(['system', 'paper', 'imported']));
    expect(await byOrigin('paper')).toEqual(all.filter((o) => o === 'paper'));
    expect((await byOrigin('paper')).length).toBeGreaterThanOrEqual(3);
    expect(await byOrigin('imported')).toEqual(['imported']);
    expect((await byOrigin('system')).length).toBe(all.filter((o) => o === 'system').length);
    // The public sees the approved projects of every origin.
    expect((await byOrigin('paper', 'public')).length).toBe((await byOrigin('paper')).length);
    expect(problemsOf(await refusal(() => byOrigin('nonsense')))).toEqual({ origin: 'outside.error.origin' });
  });

  describe('through the API', () => {
    const { setUp, call, ok, logged } = apiHarness();
    const post = (body: unknown, as?: string) => call(projectsAction, '/api/v1/funds/L1976/projects', { params: { code: 'L1976' }, as, body });
    const body = (overrides: Record<string, unknown> = {}) => {
      const { code: _code, ...rest } = paper({ approved_amount: 9000, target_groups: { '1004': 25 }, ...overrides });
      return rest;
    };
    beforeAll(async () => setUp(database, ['officer.l1976', 'mentor.l1976', 'officer.l4579']));
    afterAll(() => expect(logged).toEqual([]));

    it('records a paper project for the fund’s officer and answers with the project', async () => {
      const answer = await post(body({ title: 'โครงการจาก API' }), 'officer.l1976');
      expect(answer.status).toBe(201);
      const project = await answer.json();
      expect(project).toMatchObject({ state: 'approved', origin: 'paper', origin_label: 'บันทึกจากมติกระดาษ', budget: '9000.00', decision: { approved_amount: '9000.00', meeting_ref: 'ครั้งที่ 2/2569' } });
      expect(answer.headers.get('location')).toBe(`/api/v1/projects/${project.project_code}`);
      const read = await ok(200, call(projectLoader, answer.headers.get('location')!, { params: { code: project.project_code } }));
      expect(read.origin).toBe('paper');
      const list = await ok(200, call(fundProposalsLoader, '/api/v1/funds/L1976/proposals?fiscal_year=2569&origin=paper', { params: { code: 'L1976' } }));
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((i: { origin: string }) => i.origin === 'paper')).toBe(true);
      expect(list.items.map((i: { project_code: string }) => i.project_code)).toContain(project.project_code);
    });

    it('refuses without a token, to others and with problems by field', async () => {
      expect((await post(body())).status).toBe(401);
      expect((await post(body(), 'mentor.l1976')).status).toBe(403);
      expect((await post(body(), 'officer.l4579')).status).toBe(403);
      const invalid = await ok(400, post(body({ approved_amount: 0, target_groups: {} }), 'officer.l1976'));
      expect(Object.keys(invalid.error.fields).sort()).toEqual(['approved_amount', 'target_groups']);
      expect((await call(projectsLoader, '/api/v1/funds/L1976/projects', { params: { code: 'L1976' } })).status).toBe(405);
      expect((await call(fundProposalsLoader, '/api/v1/funds/L1976/proposals?origin=x', { params: { code: 'L1976' } })).status).toBe(400);
    });

    it('is described in the OpenAPI document', async () => {
      const doc = await ok(200, call(openApiLoader, '/api/v1/openapi.json'));
      expect(doc.paths['/funds/{code}/projects'].post).toBeDefined();
      expect(doc.paths['/funds/{code}/proposals'].get.parameters.map((p: { name?: string }) => p.name)).toContain('origin');
    });
  });
});
