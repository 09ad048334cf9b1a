import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi.ts';
import { loader as overviewLoader } from '../../app/routes/api.v1.overview.ts';
import type { Database } from '../../src/db/database.ts';
import { apiHarness, type Json } from '../support/api-harness.ts';
import { createTestDatabase } from '../support/test-db.ts';

// GET /api/v1/overview: the named fields for the area and each child area, baht as decimal
// text, the children adding up to the area; CSV too; bad input refused; documented.

type Handler = Parameters<ReturnType<typeof apiHarness>['call']>[0];

describe('API /api/v1/overview', () => {
  let database: Database;
  const { setUp, call, ok, logged } = apiHarness();
  const get = (query: string, as = 'officer.l1976') => call(overviewLoader as Handler, `/api/v1/overview?${query}`, { as });

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    await setUp(database, ['officer.l1976']);
  });
  afterAll(async () => {
    expect(logged).toEqual([]);
    await database.close();
  });

  it('gives the country with its regions, each figure named as documented', async () => {
    const body = await ok(200, get('area=TH&fiscal_year=2569'));
    expect(body.area).toMatchObject({ code: 'TH', level: 'country' });
    for (const field of ['funds', 'funds_with_plan', 'plan_programs', 'proposals_developed', 'projects_followed']) expect(typeof body[field]).toBe('number');
    for (const field of ['approved_budget', 'paid', 'balance']) expect(body[field]).toMatch(/^-?\d+\.\d{2}$/);
    expect(body.spending_rate).toMatch(/^\d+\.\d{2}$/);
    expect(body.children).toHaveLength(13);
    const sum = (key: string) => body.children.reduce((n: bigint, c: Json) => n + BigInt(String(c[key]).replace('.', '')), 0n);
    expect(sum('paid')).toBe(BigInt(body.paid.replace('.', '')));
    expect(body.children.reduce((n: number, c: Json) => n + c.funds, 0)).toBe(body.funds);
    expect(body.previous_year.funds).toBe(body.funds);
  });

  it('goes down to a district’s funds and to one fund, and writes CSV', async () => {
    const district = await ok(200, get('area=3304&fiscal_year=2569'));
    expect(district.children.map((c: Json) => c.code)).toContain('L1976');
    const fund = await ok(200, get('area=l1976&fiscal_year=2569'));
    expect(fund.area).toMatchObject({ code: 'L1976', level: 'fund' });
    expect(fund.funds).toBe(1);
    expect(fund.children).toEqual([]);
    const csv = await get('area=R10&fiscal_year=2569&format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines[0]).toContain('approved_budget');
    expect(lines[1]).toMatch(/^\uFEFF?R10,region,/);
    expect(lines.length).toBe(2 + 5); // the header, the region, its five provinces
  });

  it('refuses a bad area or year and an unknown area', async () => {
    expect((await get('area=X1&fiscal_year=2569')).status).toBe(400);
    expect((await get('area=TH&fiscal_year=2024x')).status).toBe(400);
    expect((await get('area=L9999&fiscal_year=2569')).status).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await ok(200, call(openApiLoader as Handler, '/api/v1/openapi.json'));
    expect(doc.paths['/overview'].get.operationId).toBe('getOverview');
  });
});
