import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestInfoMiddleware } from '../../app/lib/request.server.ts';
import { loader as fundMeetingsLoader, action as fundMeetingsAction } from '../../app/routes/api.v1.funds.$code.meetings.ts';
import { loader as fundProposalsLoader } from '../../app/routes/api.v1.funds.$code.proposals.ts';
import { loader as meetingLoader, action as meetingAction } from '../../app/routes/api.v1.meetings.$id.ts';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi.ts';
import { loader as projectLoader } from '../../app/routes/api.v1.projects.$code.ts';
import { loader as proposalLoader, action as proposalAction } from '../../app/routes/api.v1.proposals.$id.ts';
import { loader as transitionsLoader, action as transitionsAction } from '../../app/routes/api.v1.proposals.$id.transitions.ts';
import { loader as proposalsLoader, action as proposalsAction } from '../../app/routes/api.v1.proposals.ts';
import type { Database } from '../../src/db/database.ts';
import { planOptions } from '../../src/use-cases/proposals.ts';
import { apiHarness, type Handler, type Json } from '../support/api-harness.ts';
import { createTestDatabase } from '../support/test-db.ts';

// The proposals API called as React Router calls it (a Request, the params and a context with
// the services and what the root middleware learnt), each person with a personal API token:
// a proposal from the first draft through review and the committee's decision to a project.

/** Baht text ("60", "12.5", "1250.50") as integer satang, without floating point. */
function satangOf(baht: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(baht);
  if (!match) throw new Error(`not baht: ${baht}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
const bahtOf = (satang: number) => `${Math.floor(satang / 100)}.${String(satang % 100).padStart(2, '0')}`;

describe('API /api/v1 proposals, meetings and projects', () => {
  let database: Database;
  const { setUp, contextFor, call, ok, logged, tokens } = apiHarness();

  const getProposal = (id: number, as?: string) => call(proposalLoader, `/api/v1/proposals/${id}`, { params: { id: String(id) }, as });
  const patch = (id: number, as: string, body: unknown, query = '') =>
    call(proposalAction, `/api/v1/proposals/${id}${query}`, { method: 'PATCH', params: { id: String(id) }, as, body });
  const transition = (id: number, as: string, body: unknown, query = '') =>
    call(transitionsAction, `/api/v1/proposals/${id}/transitions${query}`, { params: { id: String(id) }, as, body });

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    await setUp(database, ['proposer.l1978', 'mentor3304', 'officer.l1978', 'chair.l1978', 'proposer.l1977']);
  });
  afterAll(async () => {
    expect(logged).toEqual([]);
    await database.close();
  });

  it('takes a proposal from the first draft to an approved project, every step through the API', async () => {
    // The proposer starts a draft at the fund.
    const created = await call(proposalsAction, '/api/v1/proposals', { as: 'proposer.l1978', body: { fund_code: 'L1978' } });
    expect(created.status).toBe(201);
    let proposal = await created.json();
    expect(created.headers.get('location')).toBe(`/api/v1/proposals/${proposal.id}`);
    expect(proposal).toMatchObject({ fund: { code: 'L1978' }, fiscal_year: 2570, state: 'draft', state_label: 'ฉบับร่าง', public_state: 'in_progress', project_code: null, may_edit: true });
    expect(proposal.actions).toEqual(['submit', 'withdraw']);
    expect(proposal.problems.map((p: Json) => p.field)).toContain('title');
    const id: number = proposal.id;

    // Every step of the guided flow, as its form would send it (and arrays for lists).
    const fund = await database.db.selectFrom('fund').select('id').where('code', '=', 'L1978').executeTakeFirstOrThrow();
    const plan = await planOptions(database.db, fund.id, 2570);
    const program = plan.programs.find((p) => p.situations.length > 0)!;
    const targetGroup = await database.db.selectFrom('target_group').select('code').orderBy('code').executeTakeFirstOrThrow();
    const members = [1, 2, 3, 4, 5].map((i) => ({ title: 'นาง', first_name: `สมาชิก${i}`, last_name: 'ใจดี' }));
    const steps: Json[] = [
      { step: 'organisation', organisation_name: 'ชมรมผู้สูงอายุบ้านทดสอบ', organisation_type: 5, coordinator_name: 'นางสมศรี ใจดี', coordinator_phone: '081-234-5678', members },
      { step: 'problem', title: 'ผู้สูงอายุแข็งแรง', rationale: 'ผู้สูงอายุติดบ้านมากขึ้น', programs: [program.code], situations: [program.situations[0]!.indicator_code] },
      { step: 'objectives', objectives: [{ objective: 'ผู้สูงอายุออกกำลังกาย', indicator: 'ร้อยละผู้ออกกำลังกาย', target: 'ร้อยละ 80' }] },
      { step: 'targets', target_groups: { [targetGroup.code]: 40 } },
      {
        step: 'activities',
        activities: {
          '0': {
            title: 'อบรมการออกกำลังกาย',
            detail: '',
            expenses: {
              '0': { group: 'services', item: 'ค่าอาหารกลางวัน', unit_cost: '60', units: '30', times: '1' },
              '1': { group: 'services', item: 'ค่าอาหารว่าง', unit_cost: '25.50', units: '30', times: '2' },
            },
          },
          '1': { title: 'ติดตามผล', detail: 'เยี่ยมบ้าน', expenses: { '0': { group: 'materials', item: 'ค่าวัสดุ', unit_cost: '1250.75', units: '1', times: '1' } } },
        },
      },
      { step: 'period', period_start: '2027-01-10', period_end: '2027-03-31', place: 'ศาลาหมู่บ้าน' },
      { step: 'results', expected_results: 'ผู้สูงอายุแข็งแรงขึ้น', support_category: 2 },
    ];
    for (const step of steps) {
      proposal = await ok(200, patch(id, 'proposer.l1978', { ...step, version: proposal.version }));
    }
    expect(proposal.problems).toEqual([]);
    expect(proposal.members).toHaveLength(5);
    expect(proposal.programs).toEqual([program.code]);
    expect(proposal.target_groups).toEqual([{ code: targetGroup.code, people: 40 }]);
    expect(proposal.period_start).toBe('2027-01-10');
    // The server works out every amount: the budget is the sum of the lines sent, to the satang.
    const sent = (steps[4]!.activities as Json)['0'].expenses as Json;
    const lines = [...Object.values(sent), { unit_cost: '1250.75', units: '1', times: '1' }] as Json[];
    const expected = lines.reduce((sum, l) => sum + satangOf(l.unit_cost) * Number(l.units) * Number(l.times), 0);
    expect(proposal.budget).toBe(bahtOf(expected));
    expect(proposal.activities[0].total).toBe(bahtOf(6000 * 30 + 2550 * 60));
    expect(proposal.activities[0].expenses[1]).toMatchObject({ unit_cost: '25.50', units: 30, times: 2, amount: '1530.00', group_label: 'ค่าใช้สอย' });
    expect(proposal.budget_check).toMatchObject({ category: 2 });

    proposal = await ok(200, transition(id, 'proposer.l1978', { action: 'submit', version: proposal.version }));
    expect(proposal).toMatchObject({ state: 'submitted', may_edit: false, actions: ['withdraw'] });

    // The mentor starts the review and returns it, saying why.
    proposal = await ok(200, getProposal(id, 'mentor3304'));
    expect(proposal.actions).toEqual(['start_review', 'return']);
    proposal = await ok(200, transition(id, 'mentor3304', { action: 'start_review', version: proposal.version }));
    expect(proposal.state).toBe('in_review');
    const noReason = await ok(400, transition(id, 'mentor3304', { action: 'return', version: proposal.version }, '?lang=en'));
    expect(noReason.error.fields.reason).toBe('Please say why, so the proposer knows what to change');
    proposal = await ok(200, transition(id, 'mentor3304', { action: 'return', version: proposal.version, reason: 'ค่าอาหารว่างสูงไป' }));
    expect(proposal.state).toBe('returned');

    // The proposer changes the activities (arrays and numbers this time) and sends them again.
    proposal = await ok(200, getProposal(id, 'proposer.l1978'));
    expect(proposal.actions).toEqual(['resubmit', 'withdraw']);
    const revised = [
      {
        title: 'อบรมการออกกำลังกาย',
        expenses: [
          { group: 'services', item: 'ค่าอาหารกลางวัน', unit_cost: 60, units: 30, times: 1 },
          { group: 'services', item: 'ค่าอาหารว่าง', unit_cost: 20.25, units: 30, times: 2 },
        ],
      },
    ];
    proposal = await ok(200, patch(id, 'proposer.l1978', { step: 'activities', version: proposal.version, activities: revised }));
    const revisedTotal = revised[0]!.expenses.reduce((sum, l) => sum + satangOf(String(l.unit_cost)) * l.units * l.times, 0);
    expect(proposal.budget).toBe(bahtOf(revisedTotal));
    expect(proposal.activities).toHaveLength(1);
    proposal = await ok(200, transition(id, 'proposer.l1978', { action: 'resubmit', version: proposal.version }));
    expect(proposal.state).toBe('resubmitted');

    // The mentor passes the review.
    proposal = await ok(200, getProposal(id, 'mentor3304'));
    proposal = await ok(200, transition(id, 'mentor3304', { action: 'start_review', version: proposal.version }));
    proposal = await ok(200, transition(id, 'mentor3304', { action: 'pass_review', version: proposal.version }));
    expect(proposal.state).toBe('reviewed');

    // The officer calls a meeting, records who came (enough for a quorum), puts it on the agenda.
    const meetingCreated = await call(fundMeetingsAction, '/api/v1/funds/L1978/meetings', {
      params: { code: 'L1978' },
      as: 'officer.l1978',
      body: { meeting_date: '2026-12-15', place: 'ห้องประชุม อบต.' },
    });
    expect(meetingCreated.status).toBe(201);
    let meeting = await meetingCreated.json();
    expect(meeting).toMatchObject({ fund: { code: 'L1978' }, fiscal_year: 2570, date: '2026-12-15', quorum: { present: 0, met: false }, actions: ['meeting.manage', 'meeting.decide'] });
    expect(meeting.candidates.map((c: Json) => c.proposal_id)).toContain(id);
    const present = meeting.members.slice(0, Math.ceil(meeting.members.length / 2)).map((m: Json) => m.id);
    expect(present.length).toBeGreaterThan(0);
    const meetingPath = `/api/v1/meetings/${meeting.id}`;
    const meetingParams = { id: String(meeting.id) };
    const stale = await ok(409, call(meetingAction, meetingPath, { method: 'PUT', params: meetingParams, as: 'officer.l1978', body: { version: meeting.version + 1, present } }));
    expect(stale.error.code).toBe('conflict');
    meeting = await ok(200, call(meetingAction, meetingPath, { method: 'PUT', params: meetingParams, as: 'officer.l1978', body: { version: meeting.version, present } }));
    expect(meeting.quorum).toEqual({ present: present.length, serving: meeting.members.length, met: true });
    expect(meeting.members.filter((m: Json) => m.present === false)).toHaveLength(meeting.members.length - present.length);

    proposal = await ok(200, getProposal(id, 'officer.l1978'));
    expect(proposal.actions).toContain('add_to_agenda');
    const noMeeting = await ok(400, transition(id, 'officer.l1978', { action: 'add_to_agenda', version: proposal.version }));
    expect(Object.keys(noMeeting.error.fields)).toEqual(['meeting_id']);
    proposal = await ok(200, transition(id, 'officer.l1978', { action: 'add_to_agenda', version: proposal.version, meeting_id: meeting.id }));
    expect(proposal).toMatchObject({ state: 'on_agenda', agenda: { meeting_id: meeting.id } });

    // The chair sees the decisions open and approves; the proposal becomes a project.
    proposal = await ok(200, getProposal(id, 'chair.l1978'));
    expect(proposal.hats).toEqual(['committee']);
    expect(proposal.actions).toEqual(['approve', 'reject', 'defer']);
    const tooMuch = await ok(400, transition(id, 'chair.l1978', { action: 'approve', version: proposal.version, approved_amount: 1_000_000 }, '?lang=en'));
    expect(Object.keys(tooMuch.error.fields)).toEqual(['approved_amount']);
    expect(tooMuch.error.fields.approved_amount).toContain(proposal.budget);
    proposal = await ok(200, transition(id, 'chair.l1978', { action: 'approve', version: proposal.version, conditions: 'รายงานผลภายใน 30 วัน' }));
    expect(proposal).toMatchObject({ state: 'approved', public_state: 'approved', decision: { approved_amount: bahtOf(revisedTotal), conditions: 'รายงานผลภายใน 30 วัน' }, actions: [] });
    expect(proposal.project_code).toMatch(/^70-L1978-2-\d{2}$/);

    // Anyone reads the project by its code, without the coordinator's phone.
    const project = await ok(200, call(projectLoader, `/api/v1/projects/${proposal.project_code}`, { params: { code: proposal.project_code } }));
    expect(project).toMatchObject({ id, project_code: proposal.project_code, state: 'approved', budget: bahtOf(revisedTotal), hats: [], actions: [], coordinator: { phone: '' } });
    expect((await call(projectLoader, '/api/v1/projects/70-L1978-9-99', { params: { code: '70-L1978-9-99' } })).status).toBe(404);

    // The fund's list: the public sees the project; CSV has the JSON's fields as columns.
    const list = await ok(200, call(fundProposalsLoader, '/api/v1/funds/L1978/proposals?fiscal_year=2570', { params: { code: 'L1978' } }));
    expect(list).toMatchObject({ fund: { code: 'L1978' }, fiscal_year: 2570, scope: 'approved_and_own' });
    expect(list.items.every((item: Json) => item.state === 'approved')).toBe(true);
    expect(list.items.find((item: Json) => item.id === id)).toMatchObject({ project_code: proposal.project_code, approved_amount: bahtOf(revisedTotal), state_label: 'อนุมัติแล้ว เป็นโครงการ' });
    const csv = await call(fundProposalsLoader, '/api/v1/funds/L1978/proposals?fiscal_year=2570&state=approved&format=csv', { params: { code: 'L1978' }, as: 'officer.l1978' });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="proposals-L1978-2570.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes).split('\r\n');
    expect(rows[0]).toBe('id,fund_code,fiscal_year,state,state_label,title,organisation_name,support_category,budget,approved_amount,project_code,origin,updated_at');
    expect(rows.some((row) => row.startsWith(`${id},L1978,2570,approved,`) && row.includes(proposal.project_code))).toBe(true);
  });

  describe('refusals', () => {
    async function draft(): Promise<Json> {
      return ok(201, call(proposalsAction, '/api/v1/proposals', { as: 'proposer.l1978', body: { fund_code: 'L1978' } }));
    }

    it('refuses a stale version with 409 and changes nothing', async () => {
      const proposal = await draft();
      const saved = await ok(200, patch(proposal.id, 'proposer.l1978', { step: 'problem', version: proposal.version, title: 'ฉบับแรก' }));
      const stale = await ok(409, patch(proposal.id, 'proposer.l1978', { step: 'problem', version: proposal.version, title: 'ทับของคนอื่น' }, '?lang=en'));
      expect(stale.error).toEqual({ code: 'conflict', message: expect.stringContaining('Someone changed this after you read it') });
      const now = await ok(200, getProposal(proposal.id, 'proposer.l1978'));
      expect(now).toMatchObject({ title: 'ฉบับแรก', version: saved.version });
      const staleStep = await ok(409, transition(proposal.id, 'proposer.l1978', { action: 'withdraw', version: proposal.version }));
      expect(staleStep.error.code).toBe('conflict');
      expect((await ok(200, getProposal(proposal.id, 'proposer.l1978'))).state).toBe('draft');
    });

    it('refuses a step the state does not allow (409) or the caller\'s part never allows (403), saying which are open', async () => {
      const proposal = await draft();
      const notYet = await ok(409, transition(proposal.id, 'proposer.l1978', { action: 'resubmit', version: proposal.version }, '?lang=en'));
      expect(notYet.error).toEqual({
        code: 'transition_not_allowed',
        message: 'A proposal in state "Draft" cannot take the step resubmit. Steps you can take now: submit, withdraw',
      });
      const incomplete = await ok(400, transition(proposal.id, 'proposer.l1978', { action: 'submit', version: proposal.version }));
      expect(incomplete.error.fields._form).toContain('ยังกรอกไม่ครบ');
      const notTheirs = await ok(403, transition(proposal.id, 'proposer.l1978', { action: 'pass_review', version: proposal.version }));
      expect(notTheirs.error.code).toBe('forbidden');
      const mentorEarly = await ok(409, transition(proposal.id, 'mentor3304', { action: 'start_review', version: proposal.version }));
      expect(mentorEarly.error.message).toContain('ฉบับร่าง');
      const unknown = await ok(400, transition(proposal.id, 'proposer.l1978', { action: 'publish', version: proposal.version }));
      expect(unknown.error.fields).toEqual({ action: 'ไม่มีขั้นตอนนี้' });
    });

    it("keeps a proposal from other proposers (403) and a draft from the public (404)", async () => {
      const proposal = await draft();
      expect((await ok(403, getProposal(proposal.id, 'proposer.l1977'))).error.code).toBe('forbidden');
      expect((await ok(404, getProposal(proposal.id))).error.code).toBe('not_found');
      expect((await ok(403, patch(proposal.id, 'proposer.l1977', { step: 'problem', version: proposal.version, title: 'x' }))).error.code).toBe('forbidden');
      expect((await ok(404, getProposal(999_999, 'proposer.l1978'))).error.code).toBe('not_found');
      const list = await ok(200, call(fundProposalsLoader, '/api/v1/funds/L1978/proposals', { params: { code: 'L1978' }, as: 'proposer.l1977' }));
      expect(list.items.some((item: Json) => item.id === proposal.id)).toBe(false);
      const own = await ok(200, call(fundProposalsLoader, '/api/v1/funds/L1978/proposals?state=draft', { params: { code: 'L1978' }, as: 'proposer.l1978' }));
      expect(own.items.some((item: Json) => item.id === proposal.id)).toBe(true);
      expect((await ok(403, call(meetingLoader, '/api/v1/meetings/1', { params: { id: '1' }, as: 'proposer.l1977' }))).error.code).toBe('forbidden');
    });

    it('names each field problem by its path, in Thai or English', async () => {
      const proposal = await draft();
      const body = {
        step: 'activities',
        version: proposal.version,
        activities: [{ title: 'กิจกรรม', expenses: [{ group: 'services', item: 'ค่าอาหาร', unit_cost: 'abc', units: 0, times: 1 }] }],
      };
      const thai = await ok(400, patch(proposal.id, 'proposer.l1978', body));
      expect(thai.error.code).toBe('invalid_input');
      expect(Object.keys(thai.error.fields).sort()).toEqual(['activities.0.expenses.0.unit_cost', 'activities.0.expenses.0.units']);
      expect(thai.error.fields['activities.0.expenses.0.units']).toBe('ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป');
      const english = await call(proposalAction, `/api/v1/proposals/${proposal.id}`, {
        method: 'PATCH',
        params: { id: String(proposal.id) },
        as: 'proposer.l1978',
        body,
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(english.headers.get('content-language')).toBe('en');
      expect((await english.json()).error.fields['activities.0.expenses.0.units']).toBe('Must be a whole number of 1 or more');
      expect((await ok(200, getProposal(proposal.id, 'proposer.l1978'))).version).toBe(proposal.version);
      const noStep = await ok(400, patch(proposal.id, 'proposer.l1978', { version: proposal.version }, '?lang=en'));
      expect(noStep.error.fields).toEqual({ step: 'step must be organisation, problem, objectives, targets, activities, period or results' });
      const noFund = await ok(400, call(proposalsAction, '/api/v1/proposals', { as: 'proposer.l1978', body: {} }));
      expect(Object.keys(noFund.error.fields)).toEqual(['fund_code']);
      const otherFund = await ok(403, call(proposalsAction, '/api/v1/proposals', { as: 'proposer.l1978', body: { fund_code: 'L1977' } }));
      expect(otherFund.error.code).toBe('forbidden');
    });

    it('takes only a JSON object of bounded size, sent with a bearer token', async () => {
      const path = '/api/v1/proposals';
      const badJson = await ok(400, call(proposalsAction, `${path}?lang=en`, { as: 'proposer.l1978', body: '{"fund_code": "L1978",' }));
      expect(badJson.error).toEqual({ code: 'invalid_json', message: 'The request body is not valid JSON' });
      expect((await ok(400, call(proposalsAction, path, { as: 'proposer.l1978', body: '["L1978"]' }))).error.code).toBe('invalid_json');
      const deep = JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`);
      expect((await ok(400, call(proposalsAction, path, { as: 'proposer.l1978', body: deep }))).error.code).toBe('invalid_json');
      const form = await ok(415, call(proposalsAction, path, { as: 'proposer.l1978', body: 'fund_code=L1978', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
      expect(form.error.code).toBe('unsupported_media_type');
      const huge = await ok(413, call(proposalsAction, path, { as: 'proposer.l1978', body: { fund_code: 'L1978', padding: 'x'.repeat(300 * 1024) } }));
      expect(huge.error.code).toBe('payload_too_large');
      // A signed-in browser's cookie does not make a write: only a bearer token does.
      const cookie = await call(proposalsAction, path, { sessionUser: 'proposer.l1978', body: { fund_code: 'L1978' } });
      expect(cookie.status).toBe(401);
      expect(cookie.headers.get('www-authenticate')).toBe('Bearer realm="kongtun"');
      expect((await cookie.json()).error.code).toBe('token_required');
      const wrongMethod = await call(transitionsLoader, '/api/v1/proposals/1/transitions', { params: { id: '1' } });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
      expect((await call(proposalsLoader, path)).status).toBe(405);
    });

    it('lets bearer-token writes to the API past the form token, and nothing else', async () => {
      const run = async (path: string, headers: Record<string, string>) => {
        const request = new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
        try {
          return (await requestInfoMiddleware({ request, params: {}, context: contextFor() } as never, async () => new Response('passed'))) as Response;
        } catch (error) {
          return (error as { init?: ResponseInit }).init?.status ?? error;
        }
      };
      const bearer = { authorization: `Bearer ${tokens.get('proposer.l1978')}` };
      expect(await ((await run('/api/v1/proposals', bearer)) as Response).text()).toBe('passed');
      expect(await run('/api/v1/proposals', {})).toBe(403);
      expect(await run('/proposals/new', bearer)).toBe(403);
    });
  });

  it('documents every proposals and meetings path in OpenAPI, and each answers', async () => {
    const document = await (await call(openApiLoader as Handler, '/api/v1/openapi.json')).json();
    const ours = Object.keys(document.paths).filter((path) =>
      Object.values(document.paths[path] as Record<string, { tags: string[] }>).some((operation) => operation.tags.includes('proposals') || operation.tags.includes('meetings')),
    );
    expect(ours.sort()).toEqual(['/funds/{code}/meetings', '/funds/{code}/projects', '/funds/{code}/proposals', '/meetings/{id}', '/projects/{code}', '/proposals', '/proposals/{id}', '/proposals/{id}/transitions']);
    expect(Object.keys(document.paths['/meetings/{id}']).sort()).toEqual(['get', 'patch', 'put']);
    expect(document.paths['/proposals/{id}'].patch.requestBody.content['application/json'].schema.oneOf).toHaveLength(7);
    // Each documented read answers.
    const proposal = await ok(201, call(proposalsAction, '/api/v1/proposals', { as: 'proposer.l1978', body: { fund_code: 'L1978' } }));
    const meeting = await ok(201, call(fundMeetingsAction, '/api/v1/funds/L1978/meetings', { params: { code: 'L1978' }, as: 'officer.l1978', body: { meeting_date: '2027-01-20' } }));
    const approved = await database.db.selectFrom('proposal').select('project_code').where('project_code', 'is not', null).executeTakeFirstOrThrow();
    const reads: [Handler, string, Record<string, string>][] = [
      [proposalLoader, `/api/v1/proposals/${proposal.id}`, { id: String(proposal.id) }],
      [fundProposalsLoader, '/api/v1/funds/L1978/proposals', { code: 'L1978' }],
      [fundMeetingsLoader, '/api/v1/funds/L1978/meetings?format=csv', { code: 'L1978' }],
      [meetingLoader, `/api/v1/meetings/${meeting.id}`, { id: String(meeting.id) }],
      [projectLoader, `/api/v1/projects/${approved.project_code}`, { code: approved.project_code! }],
    ];
    for (const [loader, url, params] of reads) expect((await call(loader, url, { params, as: 'officer.l1978' })).status, url).toBe(200);
    for (const schema of ['Proposal', 'ProposalSummary', 'Meeting']) expect(document.components.schemas[schema], schema).toBeDefined();
    const refs = JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of new Set(refs)) expect(document.components.schemas[ref.split('/').at(-1)!], ref).toBeDefined();
  });
});
