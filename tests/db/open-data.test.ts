import { RouterContextProvider } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServicesContext } from '../../app/context.ts';
import { requestInfoContext } from '../../app/lib/request.server.ts';
import { loader as metadataLoader } from '../../app/routes/open-data.$dataset.metadata.ts';
import { loader as fileLoader } from '../../app/routes/open-data.$file.ts';
import type { Database } from '../../src/db/database.ts';
import { PERSONAL_COLUMN } from '../../src/domain/open-data.ts';
import { translator } from '../../src/i18n/index.ts';
import { Invalid } from '../../src/use-cases/errors.ts';
import { DATASETS, datasetFilter, datasetPage, findDataset } from '../../src/use-cases/open-data.ts';
import { UnknownArea } from '../../src/use-cases/registry-read.ts';
import { refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

type Loader = (args: never) => Promise<Response> | Response;

describe('open data', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
  });
  afterAll(() => database.close());

  async function call(loader: Loader, path: string, params: Record<string, string>): Promise<Response> {
    const context = new RouterContextProvider();
    context.set(appServicesContext, { database, logger: { error: () => {} } as never, config: {} as never, devServer: false });
    context.set(requestInfoContext, { user: null, lang: 'th', t: translator('th'), csrfToken: 'x'.repeat(32), sessionToken: undefined });
    return loader({ request: new Request(`http://localhost${path}`), params, context } as never);
  }

  it.each(DATASETS.map((d) => [d.id] as const))('%s gives rows with exactly its columns, none personal', async (id) => {
    const dataset = findDataset(id);
    const rows = await datasetPage(database.db, null, dataset, await datasetFilter(database.db, null, { area: 'R10', fiscalYear: dataset.by_year ? 2569 : '' }), { limit: 50, offset: 0 });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(dataset.columns.map((c) => c.name));
      expect(row.region_code).toBe('R10');
      if (dataset.by_year) expect(row.fiscal_year).toBe(2569);
      for (const key of Object.keys(row)) expect(key).not.toMatch(PERSONAL_COLUMN);
    }
    // No value is a phone number or an e-mail address either.
    expect(JSON.stringify(rows)).not.toMatch(/0\d{1,2}-?\d{3}-?\d{4}|@/);
  });

  it('filters by any level and by fund, and pages', async () => {
    const db = database.db;
    const projects = findDataset('projects');
    const district = await datasetPage(db, null, projects, await datasetFilter(db, null, { area: '3304', fiscalYear: '' }), { limit: 5000, offset: 0 });
    expect(district.length).toBeGreaterThan(0);
    expect(new Set(district.map((r) => r.district_code))).toEqual(new Set(['3304']));
    const fund = await datasetPage(db, null, projects, await datasetFilter(db, null, { area: 'l1976', fiscalYear: '' }), { limit: 5000, offset: 0 });
    expect(new Set(fund.map((r) => r.fund_code))).toEqual(new Set(['L1976']));
    const first = await datasetPage(db, null, findDataset('funds'), { place: null, fiscalYear: null }, { limit: 3, offset: 0 });
    const second = await datasetPage(db, null, findDataset('funds'), { place: null, fiscalYear: null }, { limit: 3, offset: 3 });
    expect(first).toHaveLength(3);
    expect(second[0]?.fund_code).not.toBe(first[2]?.fund_code);
    expect(await refusal(() => datasetFilter(db, null, { area: 'NOWHERE', fiscalYear: '' }))).toBeInstanceOf(UnknownArea);
    expect(await refusal(() => datasetFilter(db, null, { area: '', fiscalYear: '25x' }))).toBeInstanceOf(Invalid);
  });

  it('ledger totals count closed months only', async () => {
    const db = database.db;
    const rows = await datasetPage(db, null, findDataset('ledger-monthly'), await datasetFilter(db, null, { area: 'L1976', fiscalYear: '' }), { limit: 5000, offset: 0 });
    const closed = await db
      .selectFrom('ledger_month_close as c')
      .innerJoin('fund', 'fund.id', 'c.fund_id')
      .select((eb) => eb.fn<string>('to_char', [eb.ref('c.month'), eb.val('YYYY-MM')]).as('month'))
      .where('fund.code', '=', 'L1976')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(closed.map((c) => c.month)).toContain(row.month);
  });

  it('GET /open-data/projects.csv: UTF-8 with a BOM, the header row, filtered rows', async () => {
    const response = await call(fileLoader, '/open-data/projects.csv?area=3304&fiscal_year=2569', { file: 'projects.csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('projects-3304-2569.csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // the decoder drops the BOM
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toBe(findDataset('projects').columns.map((c) => c.name).join(','));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^L\d+,3304,33,R10,2569,/);
  });

  it('GET /open-data/funds.json pages with next; the metadata and the catalogue; errors as JSON', async () => {
    const page = await call(fileLoader, '/open-data/funds.json?area=33&limit=2', { file: 'funds.json' });
    const body = (await page.json()) as { rows: { province_code: string }[]; next: string | null; filters: unknown };
    expect(body.rows).toHaveLength(2);
    expect(body.rows.every((r) => r.province_code === '33')).toBe(true);
    expect(body.next).toBe('/open-data/funds.json?area=33&limit=2&offset=2');
    expect(body.filters).toEqual({ area: '33', fiscal_year: null });
    const meta = await call(metadataLoader, '/open-data/plans/metadata.json', { dataset: 'plans' });
    const shown = (await meta.json()) as { result: Record<string, unknown> };
    expect(shown.result).toMatchObject({ name: 'plans', license_id: 'cc-by', data_classification: 'public' });
    const catalogue = await call(fileLoader, '/open-data/catalogue.json', { file: 'catalogue.json' });
    expect(((await catalogue.json()) as { result: string[] }).result).toEqual(DATASETS.map((d) => d.id));
    const unknown = await call(fileLoader, '/open-data/nothing.csv', { file: 'nothing.csv' });
    expect(unknown.status).toBe(404);
    const badArea = await call(fileLoader, '/open-data/funds.csv?area=ZZ', { file: 'funds.csv' });
    expect(badArea.status).toBe(404);
    expect(((await badArea.json()) as { error: { code: string } }).error.code).toBe('area_not_found');
    const badYear = await call(fileLoader, '/open-data/plans.json?fiscal_year=abc', { file: 'plans.json' });
    expect(badYear.status).toBe(400);
    expect((await call(metadataLoader, '/open-data/x/metadata.json', { dataset: 'x' })).status).toBe(404);
  });
});
