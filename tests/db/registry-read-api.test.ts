import { RouterContextProvider } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServicesContext } from '../../app/context.ts';
import { requestInfoContext } from '../../app/lib/request.server.ts';
import { loader as notFoundLoader } from '../../app/routes/api.v1.$.ts';
import { loader as areaPlansLoader } from '../../app/routes/api.v1.areas.$code.plans.ts';
import { loader as areaLoader } from '../../app/routes/api.v1.areas.$code.ts';
import { loader as programsLoader } from '../../app/routes/api.v1.catalogue.programs.ts';
import { loader as targetGroupsLoader } from '../../app/routes/api.v1.catalogue.target-groups.ts';
import { loader as fundPlansLoader } from '../../app/routes/api.v1.funds.$code.plans.ts';
import { loader as areasLoader } from '../../app/routes/api.v1.areas.ts';
import { loader as fundLoader } from '../../app/routes/api.v1.funds.$code.ts';
import { loader as fundsLoader } from '../../app/routes/api.v1.funds.ts';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi.ts';
import { loader as situationLoader } from '../../app/routes/api.v1.situation.ts';
import { langFromAcceptLanguage } from '../../app/lib/api.server.ts';
import type { Database } from '../../src/db/database.ts';
import { COMPLETE_DISTRICTS } from '../../src/db/seed/demo-registry.ts';
import { type Lang, translator } from '../../src/i18n/index.ts';
import { hashApiToken, newApiTokenSecret } from '../../src/use-cases/api-tokens.ts';
import { loadSessionUser, type SessionUser } from '../../src/use-cases/sessions.ts';
import { createTestDatabase } from '../support/test-db.ts';

// The API's resource routes called as React Router calls them: a Request and a context holding
// the services and what the root middleware learnt (the session cookie's user, the language).

type Loader = (args: never) => Promise<Response> | Response;

describe('API /api/v1', () => {
  let database: Database;
  let fundCode: string;
  const logged: unknown[] = [];
  const users = new Map<string, SessionUser>();

  async function call(
    loader: Loader,
    path: string,
    options: { params?: Record<string, string>; headers?: Record<string, string>; sessionUser?: string; lang?: Lang } = {},
  ): Promise<Response> {
    const context = new RouterContextProvider();
    const logger = { error: (...args: unknown[]) => logged.push(args) };
    context.set(appServicesContext, { database, logger: logger as never, config: {} as never, devServer: false });
    const lang = options.lang ?? 'th';
    context.set(requestInfoContext, {
      user: options.sessionUser ? users.get(options.sessionUser)! : null,
      lang,
      t: translator(lang),
      csrfToken: 'x'.repeat(32),
      sessionToken: undefined,
    });
    const request = new Request(`http://localhost${path}`, { headers: options.headers ?? {} });
    return loader({ request, params: options.params ?? {}, context } as never);
  }

  async function token(username: string, revoked = false): Promise<string> {
    const secret = newApiTokenSecret();
    await database.db
      .insertInto('api_token')
      .values({ user_id: users.get(username)!.id, name: 'test', token_hash: hashApiToken(secret), revoked_at: revoked ? new Date() : null })
      .execute();
    return secret;
  }

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    for (const { id, username } of await database.db.selectFrom('app_user').select(['id', 'username']).execute()) {
      users.set(username, (await loadSessionUser(database.db, id))!);
    }
    const fund = await database.db.selectFrom('fund').select('code').where('district_code', '=', COMPLETE_DISTRICTS[0]).orderBy('code').executeTakeFirstOrThrow();
    fundCode = fund.code;
  });
  afterAll(async () => {
    expect(logged).toEqual([]);
    await database.close();
  });

  describe('GET /areas', () => {
    it('lists areas by level as JSON, for anyone', async () => {
      const response = await call(areasLoader, '/api/v1/areas?level=region');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const body = await response.json();
      expect(body.count).toBe(13);
      expect(body.items[9]).toEqual({ code: 'R10', name_th: expect.stringContaining('เขต 10'), name_en: expect.any(String), level: 'region', parent_code: 'TH' });
    });

    it('lists the children of a parent as CSV with a BOM, a header row and CRLF lines', async () => {
      const response = await call(areasLoader, '/api/v1/areas?parent=R10&format=csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="areas.csv"');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0]).toBe('code,name_th,name_en,level,parent_code');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(1, -1).every((line) => line.endsWith(',province,R10'))).toBe(true);
      expect(lines).toContain('33,ศรีสะเกษ,Si Sa Ket,province,R10');
    });

    it('answers an unknown level with 400 and an unknown parent with 404, in the language asked for', async () => {
      const badLevel = await call(areasLoader, '/api/v1/areas?level=village');
      expect(badLevel.status).toBe(400);
      const badLevelBody = await badLevel.json();
      expect(badLevelBody.error.code).toBe('invalid_input');
      expect(badLevelBody.error.fields.level).toContain('ระดับพื้นที่');

      const thai = await call(areasLoader, '/api/v1/areas?parent=ZZ9');
      expect(thai.status).toBe(404);
      expect(await thai.json()).toEqual({ error: { code: 'area_not_found', message: 'ไม่พบพื้นที่รหัส ZZ9' } });

      const byHeader = await call(areasLoader, '/api/v1/areas?parent=ZZ9', { headers: { 'Accept-Language': 'en-GB,en;q=0.9,th;q=0.5' } });
      expect((await byHeader.json()).error.message).toBe('There is no area with code ZZ9');
      expect(byHeader.headers.get('content-language')).toBe('en');

      const byQuery = await call(areasLoader, '/api/v1/areas?parent=ZZ9&lang=en', { headers: { 'Accept-Language': 'th' } });
      expect((await byQuery.json()).error.message).toBe('There is no area with code ZZ9');

      const badFormat = await call(areasLoader, '/api/v1/areas?format=xml&lang=en');
      expect(badFormat.status).toBe(400);
      expect((await badFormat.json()).error.message).toBe('format must be json or csv');
    });

    it('reads Accept-Language by preference', () => {
      expect(langFromAcceptLanguage(null)).toBeNull();
      expect(langFromAcceptLanguage('fr-FR, de')).toBeNull();
      expect(langFromAcceptLanguage('th-TH,th;q=0.9,en;q=0.8')).toBe('th');
      expect(langFromAcceptLanguage('th;q=0.5, en-US;q=0.8')).toBe('en');
      expect(langFromAcceptLanguage('en;q=0, th;q=0.1')).toBe('th');
    });
  });

  describe('GET /areas/{code}', () => {
    it('gives one area with breadcrumbs, children and actions; CSV gives the children', async () => {
      const response = await call(areaLoader, '/api/v1/areas/33', { params: { code: '33' } });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.area).toMatchObject({ code: '33', level: 'province', parent_code: 'R10' });
      expect(body.breadcrumbs.map((b: { code: string }) => b.code)).toEqual(['TH', 'R10']);
      expect(body.children.find((c: { code: string }) => c.code === COMPLETE_DISTRICTS[0]).funds).toBeGreaterThan(3);
      expect(body.actions).toEqual([]);
      const csv = await call(areaLoader, '/api/v1/areas/33?format=csv', { params: { code: '33' } });
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect((await csv.text()).split('\r\n')[0]).toBe('code,name_th,name_en,level,parent_code,sub_areas,funds,active_funds,population');
      const unknown = await call(areaLoader, '/api/v1/areas/ZZ', { params: { code: 'ZZ' } });
      expect(unknown.status).toBe(404);
    });
  });

  describe('GET /funds', () => {
    it('searches by code or name within an area, with the total, as JSON or CSV', async () => {
      const response = await call(fundsLoader, `/api/v1/funds?q=${fundCode.toLowerCase()}&area=R10`);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.items[0]).toMatchObject({ code: fundCode, region_code: 'R10', province_code: '33' });
      expect(body).toMatchObject({ limit: 100, offset: 0, area: { code: 'R10' } });

      const csv = await call(fundsLoader, `/api/v1/funds?area=${COMPLETE_DISTRICTS[0]}&format=csv`);
      const lines = (await csv.text()).split('\r\n');
      expect(lines[0]).toBe(
        'code,name_th,name_en,lao_type,lao_name,status,district_code,district_name_th,district_name_en,province_code,province_name_th,province_name_en,region_code,region_name_th,region_name_en,population,population_year',
      );
      expect(lines[1]!.startsWith(`${fundCode},กองทุนหลักประกันสุขภาพ`)).toBe(true);
    });

    it('pages up to 500 at a time and refuses more', async () => {
      const page = await call(fundsLoader, '/api/v1/funds?limit=500&offset=10');
      const body = await page.json();
      expect(body.items).toHaveLength(500);
      expect(body.items[0].code).toBe('L0011');
      expect(body.total).toBeGreaterThan(7000);
      const tooMany = await call(fundsLoader, '/api/v1/funds?limit=501&lang=en');
      expect(tooMany.status).toBe(400);
      expect((await tooMany.json()).error).toEqual({
        code: 'invalid_input',
        message: 'limit must be a whole number from 1 to 500',
        fields: { limit: 'limit must be a whole number from 1 to 500' },
      });
      const unknownArea = await call(fundsLoader, '/api/v1/funds?area=R99');
      expect(unknownArea.status).toBe(404);
    });
  });

  describe('GET /funds/{code}', () => {
    it('gives the public profile to anyone, without internal details or actions', async () => {
      const response = await call(fundLoader, `/api/v1/funds/${fundCode}`, { params: { code: fundCode } });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ code: fundCode, internal: null, actions: [] });
      expect(body.years).toHaveLength(3);
      expect(body.committee.current.length).toBeGreaterThan(0);
      expect(JSON.stringify(body.committee)).not.toContain('phone');
    });

    it("gives the fund's officer, by bearer token or by session cookie, the internal details and their actions", async () => {
      const officer = `officer.${fundCode.toLowerCase()}`;
      const secret = await token(officer);
      const byToken = await call(fundLoader, `/api/v1/funds/${fundCode}`, { params: { code: fundCode }, headers: { Authorization: `Bearer ${secret}` } });
      expect(byToken.status).toBe(200);
      const body = await byToken.json();
      expect(body.actions).toEqual(['fund.view_internal', 'fund.edit', 'fund_year.edit', 'committee.edit', 'meeting.view', 'proposal.create', 'ledger.view', 'project.record_outside', 'history.import']);
      expect(body.internal.bank_account_number).toMatch(/^[0-9]{10}$/);

      const byCookie = await call(fundLoader, `/api/v1/funds/${fundCode}`, { params: { code: fundCode }, sessionUser: `finance.${fundCode.toLowerCase()}` });
      expect((await byCookie.json()).actions).toEqual(['fund.view_internal', 'fund_year.edit', 'meeting.view', 'ledger.view']);
    });

    it('refuses a revoked, unknown or malformed bearer token with 401, even beside a good session', async () => {
      const revoked = await token('admin', true);
      for (const [authorization, code] of [
        [`Bearer ${revoked}`, 'invalid_token'],
        [`Bearer ${newApiTokenSecret()}`, 'invalid_token'],
        ['Bearer not-a-kongtun-token', 'invalid_token'],
        ['Basic YWRtaW46a29uZ3R1bi1kZW1v', 'invalid_authorization'],
        ['Bearer', 'invalid_authorization'],
      ] as const) {
        const response = await call(fundLoader, `/api/v1/funds/${fundCode}?lang=en`, {
          params: { code: fundCode },
          headers: { Authorization: authorization },
          sessionUser: 'admin',
        });
        expect(response.status, authorization).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
        expect((await response.json()).error.code, authorization).toBe(code);
      }
      const listing = await call(areasLoader, '/api/v1/areas?level=region', { headers: { Authorization: `Bearer ${revoked}` } });
      expect(listing.status).toBe(401);
      expect((await listing.json()).error.message).toBe('โทเค็น API ไม่ถูกต้อง หรือถูกยกเลิกแล้ว');
    });

    it('says when there is no such fund, and that a profile has no CSV form', async () => {
      const unknown = await call(fundLoader, '/api/v1/funds/L9999?lang=en', { params: { code: 'L9999' } });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: { code: 'fund_not_found', message: 'There is no fund with code L9999' } });
      const csv = await call(fundLoader, `/api/v1/funds/${fundCode}?format=csv`, { params: { code: fundCode } });
      expect(csv.status).toBe(400);
    });
  });

  describe('GET plans', () => {
    const csvLines = async (response: Response) => (await response.text()).replace(/^\uFEFF/, '').split('\r\n');

    it("gives a fund's approved plan in full to anyone, as JSON and as CSV", async () => {
      const response = await call(fundPlansLoader, `/api/v1/funds/${fundCode}/plans?fiscal_year=2569`, { params: { code: fundCode } });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.plan).toMatchObject({ revision: 1, status: 'approved', meeting_number: '1/2569' });
      expect(body.programs.length).toBeGreaterThan(0);
      const situation = body.programs.flatMap((p: { situations: { value: string | null }[] }) => p.situations).find((s: { value: string | null }) => s.value !== null);
      expect(situation).toMatchObject({ indicator: { code: expect.any(String) }, numerator: expect.any(Number), denominator: expect.any(Number) });
      expect(body.plan.finance.summary.totalAllocated).toMatch(/^\d+(\.\d+)?$/);

      const csv = await call(fundPlansLoader, `/api/v1/funds/${fundCode}/plans?fiscal_year=2569&format=csv`, { params: { code: fundCode } });
      const lines = await csvLines(csv);
      expect(lines[0]).toBe('fund_code,fiscal_year,revision,status,program_code,program_name_th,indicator_code,indicator_name_th,unit,numerator,denominator,value,target,source,data_date');
      expect(lines[1]).toMatch(new RegExp(`^${fundCode},2569,1,approved,`));
    });

    it("keeps a draft from the public and shows it to the fund's officer", async () => {
      // The first fund of the complete district has its 2570 plan in draft (demo-plans.ts).
      const path = `/api/v1/funds/${fundCode}/plans?fiscal_year=2570`;
      const publicBody = await (await call(fundPlansLoader, path, { params: { code: fundCode } })).json();
      expect(publicBody.plan).toBeNull();
      expect(publicBody.revisions).toEqual([]);
      const officerBody = await (await call(fundPlansLoader, path, { params: { code: fundCode }, sessionUser: `officer.${fundCode.toLowerCase()}` })).json();
      expect(officerBody.plan.status).toBe('draft');
      expect(officerBody.may).toEqual({ viewDraft: true, edit: true, workflow: true });
    });

    it('combines a district\'s plans per program and indicator, labelled plain and weighted', async () => {
      const body = await (await call(areaPlansLoader, '/api/v1/areas/3304/plans?fiscal_year=2569', { params: { code: '3304' } })).json();
      expect(body.area.code).toBe('3304');
      expect(body.includesDrafts).toBe(false);
      expect(body.funds.total).toBe(body.funds.approved);
      expect(body.programs.length).toBeGreaterThan(0);
      expect(body.programs[0].indicators[0].situation).toMatchObject({ funds: expect.any(Number), plain: expect.any(String), weighted: expect.any(String) });
      expect(body.projects.length).toBeGreaterThan(0);
      const lines = await csvLines(await call(areaPlansLoader, '/api/v1/areas/3304/plans?fiscal_year=2569&format=csv', { params: { code: '3304' } }));
      expect(lines[0]).toBe(
        'area_code,fiscal_year,program_code,program_name_th,funds_with_program,indicator_code,indicator_name_th,unit,funds_with_value,situation_plain_average,situation_weighted_average,target_plain_average,target_weighted_average',
      );
      expect(lines.length - 2).toBe(body.programs.reduce((n: number, p: { indicators: unknown[] }) => n + p.indicators.length, 0));
    });

    it('refuses a missing or CE fiscal year with 400 naming the parameter, and a subdistrict with 404', async () => {
      const missing = await call(fundPlansLoader, `/api/v1/funds/${fundCode}/plans?lang=en`, { params: { code: fundCode } });
      expect(missing.status).toBe(400);
      expect((await missing.json()).error.fields.fiscal_year).toBeDefined();
      const ce = await call(areaPlansLoader, '/api/v1/areas/3304/plans?fiscal_year=2026', { params: { code: '3304' } });
      expect(ce.status).toBe(400);
      expect((await ce.json()).error.fields.fiscal_year).toContain('พ.ศ.');
      expect((await call(areaPlansLoader, '/api/v1/areas/330401/plans?fiscal_year=2569', { params: { code: '330401' } })).status).toBe(404);
    });

    it('reads the catalogues and the situation over the years', async () => {
      const programs = await (await call(programsLoader, '/api/v1/catalogue/programs')).json();
      expect(programs.count).toBe(17);
      expect(programs.items.find((p: { code: string }) => p.code === 'tobacco').indicators.length).toBeGreaterThanOrEqual(3);
      const groups = await csvLines(await call(targetGroupsLoader, '/api/v1/catalogue/target-groups?format=csv'));
      expect(groups[0]).toBe('code,name_th,name_en,in_coverage');
      expect(groups.length - 2).toBe(9);
      const series = await (await call(situationLoader, `/api/v1/situation?indicator=NCD01&place=${fundCode}`)).json();
      expect(series.levels.map((l: { level: string }) => l.level)).toEqual(['country', 'region', 'province', 'district', 'fund']);
      expect(series.fiscalYears).toEqual([...series.fiscalYears].sort());
      expect(series.levels[0].values.every((v: unknown) => v !== null)).toBe(true);
    });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await call(notFoundLoader, '/api/v1/nothing?lang=en', { params: { '*': 'nothing' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'There is no API endpoint at /api/v1/nothing' } });
  });

  it('describes itself in OpenAPI 3.1, and every documented path answers', async () => {
    const response = await call(openApiLoader as Loader, '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'http://localhost/api/v1' }]);
    const handlers: Record<string, [Loader, string, Record<string, string>]> = {
      '/areas': [areasLoader, '/api/v1/areas?level=province', {}],
      '/areas/{code}': [areaLoader, '/api/v1/areas/R10', { code: 'R10' }],
      '/funds': [fundsLoader, '/api/v1/funds?q=L00', {}],
      '/funds/{code}': [fundLoader, `/api/v1/funds/${fundCode}`, { code: fundCode }],
      '/openapi.json': [openApiLoader as Loader, '/api/v1/openapi.json', {}],
      '/funds/{code}/plans': [fundPlansLoader, `/api/v1/funds/${fundCode}/plans?fiscal_year=2569`, { code: fundCode }],
      '/areas/{code}/plans': [areaPlansLoader, '/api/v1/areas/3304/plans?fiscal_year=2569', { code: '3304' }],
      '/situation': [situationLoader, `/api/v1/situation?indicator=NCD01&place=${fundCode}`, {}],
      '/catalogue/programs': [programsLoader, '/api/v1/catalogue/programs', {}],
      '/catalogue/target-groups': [targetGroupsLoader, '/api/v1/catalogue/target-groups', {}],
    };
    // The proposals' and meetings' paths are checked in proposals-api.test.ts.
    const readPaths = Object.keys(document.paths).filter((path) =>
      Object.values(document.paths[path] as Record<string, { tags: string[] }>).some((operation) => operation.tags.includes('registry') || operation.tags.includes('plans')),
    );
    expect(readPaths.sort()).toEqual(Object.keys(handlers).sort());
    for (const [path, [loader, url, params]] of Object.entries(handlers)) {
      expect((await call(loader, url, { params })).status, path).toBe(200);
    }
    // Every $ref points at a schema the document defines.
    const refs = JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of new Set(refs)) expect(document.components.schemas[ref.split('/').at(-1)!], ref).toBeDefined();
  });
});
