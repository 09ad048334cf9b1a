import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as applyAction } from '../../app/routes/api.v1.imports.$id.apply.ts';
import { loader as runLoader } from '../../app/routes/api.v1.imports.$id.ts';
import { action as importAction, loader as listLoader } from '../../app/routes/api.v1.imports.ts';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi.ts';
import type { Database } from '../../src/db/database.ts';
import { apiHarness, type Handler, type Json } from '../support/api-harness.ts';
import { createTestDatabase } from '../support/test-db.ts';

// Importing history through the API: the old program's files sent as multipart uploads (each
// streamed to the data folder), the dry run's summary with a reason per row, its apply all or
// nothing, re-imports that change nothing, a corrected file that updates, and who may import
// where. Demo fund L1976 (ศรีสะเกษ 33, region 10); officer.l4579 is another province's.

const FIXTURES = path.join(import.meta.dirname, '../fixtures/history');
const fixture = (name: string) => new File([readFileSync(path.join(FIXTURES, name))], name);

describe('API /api/v1/imports', () => {
  let database: Database;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kt-imports-api-'));
  const { setUp, call, ok, logged } = apiHarness({ dataDir });
  const uploads = () => (existsSync(path.join(dataDir, 'imports')) ? readdirSync(path.join(dataDir, 'imports')) : []);

  const post = (as: string | undefined, fields: Record<string, string | File>, query = '') => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return call(importAction as Handler, `/api/v1/imports${query}`, { as, form });
  };
  const run = (as: string, id: number, query = '') => call(runLoader as Handler, `/api/v1/imports/${id}${query}`, { as, params: { id: String(id) } });
  const apply = (as: string, id: number) => call(applyAction as Handler, `/api/v1/imports/${id}/apply`, { as, method: 'POST', params: { id: String(id) } });
  const projects = async () => Number((await database.db.selectFrom('proposal').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const reasons = (body: Json) =>
    (body.rows as { key: string; outcome: string; problems: { code: string }[] }[]).filter((r) => r.outcome === 'rejected').map((r) => `${r.key}:${r.problems.map((p) => p.code).join('+')}`);

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    await setUp(database, ['officer.l1976', 'officer.l4579', 'chair.l1976', 'province33', 'region1', 'admin']);
  });
  afterAll(async () => {
    expect(logged).toEqual([]);
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let checkedId = 0;

  it("dry-runs the old program's JSON for the officer's fund: a summary, nothing written, the file kept for the apply", async () => {
    const before = await projects();
    const response = await post('officer.l1976', { kind: 'projects', dry_run: 'true', fund: 'L1976', file: fixture('projects.json') });
    expect(response.headers.get('location')).toMatch(/^\/api\/v1\/imports\/\d+$/);
    const body = await ok(201, response);
    expect(body).toMatchObject({
      kind: 'projects',
      file_name: 'projects.json',
      status: 'checked',
      fund_code: 'L1976',
      counts: { created: 2, updated: 0, unchanged: 0, rejected: 0 },
      file_problem: null,
      actions: ['apply'],
    });
    expect(body.rows.map((r: { key: string; outcome: string }) => `${r.key}:${r.outcome}`)).toEqual(['65-L1976-2-01:created', 'P-88123:created']);
    expect(await projects()).toBe(before);
    expect(uploads()).toHaveLength(1);
    checkedId = body.id;
    // Read back, and listed for its importer (limited to the fund too).
    expect(await ok(200, run('officer.l1976', checkedId))).toMatchObject({ id: checkedId, status: 'checked' });
    const list = await ok(200, call(listLoader as Handler, '/api/v1/imports?fund=L1976', { as: 'officer.l1976' }));
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([checkedId]);
    expect((await ok(200, call(listLoader as Handler, '/api/v1/imports', { as: 'officer.l4579' }))).items).toEqual([]);
  });

  it('applies the dry run all at once; the imported projects are followed like others, marked imported', async () => {
    const before = await projects();
    const body = await ok(200, apply('officer.l1976', checkedId));
    expect(body).toMatchObject({ status: 'applied', counts: { created: 2, rejected: 0 }, actions: [] });
    expect(body.applied_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await projects()).toBe(before + 2);
    const project = await database.db.selectFrom('proposal').selectAll().where('project_code', '=', '65-L1976-1-01').executeTakeFirstOrThrow();
    expect(project).toMatchObject({ origin: 'imported', source_ref: 'P-88123', approved_amount: '18400.00', fiscal_year: 2565, support_category: 1 });
    expect(uploads()).toEqual([]);
    // Applied once: a second apply is refused, nothing doubled.
    const again = await call(applyAction as Handler, `/api/v1/imports/${checkedId}/apply`, { as: 'officer.l1976', method: 'POST', params: { id: String(checkedId) } });
    expect(again.status).toBe(400);
    expect(await projects()).toBe(before + 2);
  });

  it('the same file again changes nothing; a corrected CSV updates the row it matches', async () => {
    const before = await projects();
    const same = await ok(201, post('officer.l1976', { kind: 'projects', dry_run: 'false', file: fixture('projects.json') }));
    expect(same).toMatchObject({ status: 'applied', counts: { created: 0, updated: 0, unchanged: 2, rejected: 0 } });
    const corrected = await ok(201, post('officer.l1976', { kind: 'projects', dry_run: 'false', fund: 'L1976', file: fixture('projects-corrected.csv') }));
    expect(corrected).toMatchObject({ status: 'applied', counts: { created: 0, updated: 1, unchanged: 0, rejected: 0 } });
    expect(corrected.rows).toEqual([{ row: 2, fund_code: 'L1976', key: '65-L1976-2-01', outcome: 'updated', problems: [], changed: ['budgetGrant'] }]);
    expect(await projects()).toBe(before);
    const project = await database.db.selectFrom('proposal').select('approved_amount').where('source_ref', '=', '65-L1976-2-01').executeTakeFirstOrThrow();
    expect(project.approved_amount).toBe('26000.00');
  });

  it('gives each bad row its reason in Thai or English, and applies nothing', async () => {
    const before = await projects();
    const body = await ok(201, post('officer.l1976', { kind: 'projects', dry_run: 'false', file: fixture('projects-bad.csv') }));
    expect(body.status).toBe('rejected');
    expect(body.counts).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 7 });
    expect(reasons(body)).toEqual([
      'X-1:history.error.unknownFund',
      'X-2:history.error.outOfScope',
      'X-3:admin.error.date',
      'X-4:admin.error.fiscalYearCe+history.error.dateCe',
      'X-5:admin.error.negative',
      'X-7:history.error.duplicateProjectCode',
      'X-8:history.error.category',
    ]);
    const first = body.rows[0].problems[0];
    expect(first).toEqual({ column: 'fundCode', code: 'history.error.unknownFund', message: 'ไม่พบกองทุนรหัส L0000' });
    expect(await projects()).toBe(before);
    expect(body.actions).toEqual([]);
    const english = await ok(200, run('officer.l1976', body.id, '?lang=en'));
    expect(english.rows[0].problems[0].message).toBe('No fund with code L0000');
    expect(english.rows.find((r: { key: string }) => r.key === 'X-4').problems.map((p: { message: string }) => p.message)[1]).toContain('looks like a CE year');
    // A rejected run cannot be applied.
    const refused = await apply('officer.l1976', body.id);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe('invalid_input');
  });

  it('names what is wrong with a whole file: cut short, renamed or extra columns', async () => {
    const truncated = await ok(201, post('officer.l1976', { kind: 'projects', file: fixture('projects-truncated.json') }, '?lang=en'));
    expect(truncated).toMatchObject({ status: 'rejected', file_problem: { code: 'truncated' } });
    expect(truncated.file_problem.message).toMatch(/cut short/);
    const renamed = await ok(201, post('officer.l1976', { kind: 'projects', file: fixture('projects-renamed.csv') }));
    expect(renamed.file_problem).toEqual({ code: 'missingColumns', message: expect.stringContaining('projectTitle') });
    const extra = await ok(201, post('officer.l1976', { kind: 'projects', file: fixture('projects-extra.csv') }));
    expect(extra.file_problem.code).toBe('unknownColumns');
    const unbalanced = await ok(201, post('admin', { kind: 'ledger', file: fixture('ledger-unbalanced.csv') }));
    expect(reasons(unbalanced)).toEqual(['PAY2565-0009:history.error.unbalanced', 'PAY2565-0009:history.error.unbalanced', 'RCV2022-0001:history.error.referenceCe']);
    // No refused upload stays on disk.
    expect(uploads()).toEqual([]);
  });

  it('refuses bad requests with the catalogue message of the field', async () => {
    const noFile = await post('officer.l1976', { kind: 'projects' });
    expect(noFile.status).toBe(400);
    expect((await noFile.json()).error.fields).toEqual({ file: 'เลือกไฟล์ที่จะนำเข้า' });
    const badKind = await call(importAction as Handler, '/api/v1/imports?lang=en', { as: 'officer.l1976', form: formOf({ kind: 'budgets', file: fixture('projects.json') }) });
    expect(badKind.status).toBe(400);
    expect((await badKind.json()).error.fields).toEqual({ kind: 'Choose what the file holds: projects, financial plans or ledger transactions' });
    const badDryRun = await post('officer.l1976', { kind: 'projects', dry_run: 'maybe', file: fixture('projects.json') });
    expect((await badDryRun.json()).error.fields).toEqual({ dry_run: 'dry_run ต้องเป็น true หรือ false' });
    const json = await call(importAction as Handler, '/api/v1/imports', { as: 'officer.l1976', body: { kind: 'projects' } });
    expect(json.status).toBe(415);
    // Writes need a bearer token: the session cookie alone is not enough.
    const cookie = await call(importAction as Handler, '/api/v1/imports', { sessionUser: 'officer.l1976', form: formOf({ kind: 'projects', file: fixture('projects.json') }) });
    expect(cookie.status).toBe(401);
    expect(uploads()).toEqual([]);
  });

  it('keeps each importer to their area: 403 for a fund outside it, rejected rows for a file reaching outside', async () => {
    const other = await post('officer.l4579', { kind: 'projects', fund: 'L1976', file: fixture('projects.json') });
    expect(other.status).toBe(403);
    expect((await other.json()).error.code).toBe('forbidden');
    const chair = await post('chair.l1976', { kind: 'projects', file: fixture('projects.json') });
    expect(chair.status).toBe(403);
    const outside = await ok(201, post('officer.l4579', { kind: 'projects', file: fixture('projects.json') }));
    expect(reasons(outside)).toEqual(['65-L1976-2-01:history.error.outOfScope', 'P-88123:history.error.outOfScope']);
    expect(outside.rows[0].problems[0].message).toBe('กองทุน L1976 อยู่นอกพื้นที่ที่คุณนำเข้าข้อมูลได้');
    // Another's run is not there for them; an admin reads it but only its importer applies.
    expect((await run('officer.l1976', outside.id)).status).toBe(404);
    expect((await ok(200, run('admin', outside.id))).id).toBe(outside.id);
    const region = await ok(201, post('region1', { kind: 'financial_plans', file: fixture('plans.json') }));
    expect(reasons(region)).toEqual(['2565:history.error.outOfScope']);
    const province = await ok(201, post('province33', { kind: 'financial_plans', dry_run: 'false', file: fixture('plans.json') }));
    expect(province).toMatchObject({ status: 'applied', counts: { created: 1 } });
  });

  it('lets an admin import anywhere, and apply only their own run', async () => {
    const ledger = await ok(201, post('admin', { kind: 'ledger', file: fixture('ledger.csv') }));
    expect(ledger).toMatchObject({ status: 'checked', counts: { created: 6, rejected: 0 }, actions: ['apply'] });
    expect((await apply('officer.l1976', ledger.id)).status).toBe(404);
    const applied = await ok(200, apply('admin', ledger.id));
    expect(applied.status).toBe('applied');
    const entries = await database.db.selectFrom('ledger_entry').select('reference').where('import_run_id', '=', ledger.id).orderBy('reference').execute();
    expect(entries.map((e) => e.reference)).toEqual(['PAY2565-0001', 'RCV2565-0001', 'RCV2565-0002', 'RET2565-0001']);
    const officerRun = await ok(201, post('officer.l1976', { kind: 'projects', file: fixture('projects.json') }));
    const byAdmin = await apply('admin', officerRun.id);
    expect(byAdmin.status).toBe(403);
    const everyone = await ok(200, call(listLoader as Handler, '/api/v1/imports', { as: 'admin' }));
    expect(everyone.items.length).toBeGreaterThan(5);
  });

  it('describes the endpoints under the imports tag', async () => {
    const document = await (await call(openApiLoader as Handler, '/api/v1/openapi.json')).json();
    const ours = Object.keys(document.paths).filter((p) => Object.values(document.paths[p] as Record<string, { tags: string[] }>).some((o) => o.tags.includes('imports')));
    expect(ours).toEqual(['/imports', '/imports/{id}', '/imports/{id}/apply']);
    expect(Object.keys(document.paths['/imports'])).toEqual(['get', 'post']);
    expect(document.paths['/imports'].post.requestBody.content['multipart/form-data'].schema.required).toEqual(['file', 'kind']);
    expect(document.tags.map((t: { name: string }) => t.name)).toContain('imports');
  });
});

function formOf(fields: Record<string, string | File>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
