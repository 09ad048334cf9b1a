import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi.ts';
import { loader as reportsLoader } from '../../app/routes/api.v1.projects.$code.reports.ts';
import type { Database } from '../../src/db/database.ts';
import { seedDemoReports } from '../../src/db/seed/demo-reports.ts';
import { apiHarness, type Json } from '../support/api-harness.ts';
import { createTestDatabase } from '../support/test-db.ts';

// GET /api/v1/projects/{code}/reports on the demo reports: for the project's group and the
// area's people, every amount exact decimal baht text; documented in OpenAPI.

type Handler = Parameters<ReturnType<typeof apiHarness>['call']>[0];

describe('API /api/v1/projects/{code}/reports', () => {
  let database: Database;
  const { setUp, call, ok, logged } = apiHarness();
  let code: string;
  const get = (as?: string) => call(reportsLoader as Handler, `/api/v1/projects/${code}/reports`, { params: { code }, as });

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    await database.db.transaction().execute((tx) => seedDemoReports(tx));
    const row = await database.db
      .selectFrom('project_report as r')
      .innerJoin('proposal as p', 'p.id', 'r.proposal_id')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .select('p.project_code')
      .where('f.code', '=', 'L1978')
      .where('r.kind', '=', 'closing_financial')
      .executeTakeFirstOrThrow();
    code = row.project_code!;
    await setUp(database, ['officer.l1978', 'mentor.l1978', 'proposer.l1977', 'officer.l4579']);
  });
  afterAll(async () => {
    expect(logged).toEqual([]);
    await database.close();
  });

  it('gives the reports with their figures to the area, and refuses others', async () => {
    const body = await ok(200, get('mentor.l1978'));
    expect(body.code).toBe(code);
    const closing = body.reports.find((r: Json) => r.kind === 'closing_financial');
    expect(closing.state).not.toBeNull();
    expect(closing.figures.to_refund).toMatch(/^\d+\.\d{2}$/);
    expect(closing.figures.groups.every((g: Json) => /^\d+\.\d{2}$/.test(g.planned))).toBe(true);
    expect((await ok(200, get('officer.l1978'))).reports).toHaveLength(body.reports.length);
    for (const who of ['proposer.l1977', 'officer.l4579']) expect((await get(who)).status, who).toBe(403);
    expect((await get(undefined)).status).toBe(401);
    const missing = await call(reportsLoader as Handler, '/api/v1/projects/nothing/reports', { params: { code: 'nothing' }, as: 'mentor.l1978' });
    expect(missing.status).toBe(404);
  });

  it('is documented in OpenAPI', async () => {
    const document = await (await call(openApiLoader as Handler, '/api/v1/openapi.json')).json();
    expect(document.paths['/projects/{code}/reports'].get.operationId).toBe('listProjectReports');
    expect(document.tags.map((t: Json) => t.name)).toContain('reports');
  });
});
