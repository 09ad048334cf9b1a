import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Conflict, Forbidden, Invalid } from '../../src/use-cases/errors.ts';
import { applyImport, MAX_IMPORT_BYTES, previewImport } from '../../src/use-cases/import-funds.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';
import { buildXlsx } from '../support/xlsx.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Thai text as Windows-874 (TIS-620) bytes, as older Excel saves a "CSV" in Thailand. */
function windows874(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => {
    const code = c.codePointAt(0)!;
    return code >= 0x0e01 && code <= 0x0e5b ? code - 0x0e00 + 0xa0 : code;
  }));
}

function fileProblem(error: unknown): string {
  expect(error).toBeInstanceOf(Invalid);
  const [problem] = (error as Invalid).problems;
  expect(problem?.field).toBe('file');
  return problem!.key;
}

const FUNDS_CSV = [
  'fund_code,name_th,lao_type,lao_name,district_code,established_fiscal_year,phone,email',
  'L9001,กองทุนหลักประกันสุขภาพ อบต.ทดลองหนึ่ง,อบต.,องค์การบริหารส่วนตำบลทดลองหนึ่ง,3304,2555,045-812345,fund9001@example.go.th',
  '"L9002","กองทุนหลักประกันสุขภาพ เทศบาลตำบลทดลอง, สอง",เทศบาลตำบล,เทศบาลตำบลทดลองสอง,5601,,,',
].join('\r\n');

describe('importing funds and year profiles', () => {
  let database: Database;
  let db: Kysely<DB>;
  let admin: Actor;
  let officer: Actor;
  let existing: { code: string; population: number };

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    admin = await actorFor(db, 'admin');
    const fund = await db
      .selectFrom('fund')
      .innerJoin('fund_year', 'fund_year.fund_id', 'fund.id')
      .select(['fund.code', 'fund_year.population'])
      .where('fund.district_code', '=', '3304')
      .where('fund_year.fiscal_year', '=', 2568)
      .orderBy('fund.code')
      .executeTakeFirstOrThrow();
    existing = { code: fund.code, population: fund.population! };
    officer = await actorFor(db, `officer.${fund.code.toLowerCase()}`);
  });
  afterAll(() => database.close());

  const counts = async () => {
    const one = async (table: 'fund' | 'fund_year' | 'audit_event' | 'import_upload') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { funds: await one('fund'), years: await one('fund_year'), audit: await one('audit_event'), uploads: await one('import_upload') };
  };

  it('dry-runs a CSV of funds: shows what would be created, and changes nothing in the registry', async () => {
    const before = await counts();
    const preview = await previewImport(db, admin, { fileName: 'funds.csv', content: utf8(FUNDS_CSV) });
    expect(preview.plan.counts).toEqual({ create: 2, update: 0, unchanged: 0, reject: 0 });
    expect(preview.plan.funds.map((r) => [r.row, r.fundCode, r.outcome])).toEqual([
      [2, 'L9001', 'create'],
      [3, 'L9002', 'create'],
    ]);
    expect(preview.plan.funds[1]?.values.name_th).toBe('กองทุนหลักประกันสุขภาพ เทศบาลตำบลทดลอง, สอง');
    expect(preview.uploadId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const after = await counts();
    expect(after).toEqual({ ...before, uploads: before.uploads + 1 });
  });

  it('applies the previewed file exactly as previewed, with one audit event of the counts; importing it again changes nothing', async () => {
    const preview = await previewImport(db, admin, { fileName: 'funds.csv', content: utf8(FUNDS_CSV) });
    const before = await counts();
    const result = await applyImport(db, admin, { uploadId: preview.uploadId!, digest: preview.digest });
    expect(result.counts).toEqual(preview.plan.counts);
    const after = await counts();
    expect(after.funds).toBe(before.funds + 2);
    expect(after.audit).toBe(before.audit + 1);
    const fund = await db.selectFrom('fund').selectAll().where('code', '=', 'L9002').executeTakeFirstOrThrow();
    expect([fund.lao_type, fund.district_code, fund.status, fund.phone]).toEqual(['subdistrict_municipality', '5601', 'active', null]);
    const area = await db.selectFrom('fund_area').selectAll().where('fund_code', '=', 'L9002').executeTakeFirstOrThrow();
    expect(area.province_code).toBe('56');
    const event = await db.selectFrom('audit_event').select(['action', 'data']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.action).toBe('funds.import');
    expect((event.data as { counts: unknown }).counts).toEqual({ create: 2, update: 0, unchanged: 0, reject: 0 });

    // The upload is used up: a second apply of it is refused.
    expect(fileProblem(await refusal(() => applyImport(db, admin, { uploadId: preview.uploadId!, digest: preview.digest })))).toBe(
      'admin.import.error.uploadGone',
    );
    // The same file again: all unchanged, nothing to apply, nothing kept.
    const again = await previewImport(db, admin, { fileName: 'funds.csv', content: utf8(FUNDS_CSV) });
    expect(again.plan.counts).toEqual({ create: 0, update: 0, unchanged: 2, reject: 0 });
    expect(again.uploadId).toBeNull();
    expect(await counts()).toEqual(after);
  });

  it('imports a workbook of funds and years, matched on codes, updating only what differs', async () => {
    const xlsx = buildXlsx([
      { name: 'อ่านก่อน', rows: [['ชีตถัดไปคือข้อมูล']] },
      {
        name: 'กองทุน',
        rows: [
          ['fund_code', 'name_th', 'lao_type', 'lao_name', 'district_code', 'phone'],
          ['L9001', 'กองทุนหลักประกันสุขภาพ อบต.ทดลองหนึ่ง', 'sao', 'องค์การบริหารส่วนตำบลทดลองหนึ่ง', 3304, '045-899999'],
          ['L9003', 'กองทุนหลักประกันสุขภาพ อบต.ทดลองสาม', 'อบต.', 'องค์การบริหารส่วนตำบลทดลองสาม', 3304, null],
        ],
      },
      {
        name: 'ข้อมูลรายปี',
        rows: [
          ['fund_code', 'fiscal_year', 'population', 'population_as_of', 'income_band', 'cofunding_budget'],
          [existing.code, 2568, existing.population, null, null, null],
          [existing.code, 2569, 7777, { date: '2025-04-01' }, 'over_20m', 175000.5],
          ['L9003', 2568, 3210, '1/4/2567', 'under_6m', '43,335'],
        ],
      },
    ]);
    const preview = await previewImport(db, admin, { fileName: 'registry.XLSX', content: xlsx });
    expect(preview.plan.funds.map((r) => [r.sheet, r.row, r.fundCode, r.outcome, r.changed])).toEqual([
      ['กองทุน', 2, 'L9001', 'update', ['phone']],
      ['กองทุน', 3, 'L9003', 'create', ['name_th', 'lao_type', 'lao_name', 'district_code']],
    ]);
    expect(preview.plan.years.map((r) => [r.fundCode, r.fiscalYear, r.outcome])).toEqual([
      [existing.code, 2568, 'unchanged'],
      [existing.code, 2569, 'update'],
      ['L9003', 2568, 'create'],
    ]);
    const result = await applyImport(db, admin, { uploadId: preview.uploadId!, digest: preview.digest });
    expect(result.counts).toEqual({ create: 2, update: 2, unchanged: 1, reject: 0 });
    const year = await db
      .selectFrom('fund_year')
      .innerJoin('fund', 'fund.id', 'fund_year.fund_id')
      .select(['population', 'population_as_of', 'income_band', 'cofunding_budget', 'fund_year.version'])
      .where('fund.code', '=', existing.code)
      .where('fiscal_year', '=', 2569)
      .executeTakeFirstOrThrow();
    expect(year).toEqual({ population: 7777, population_as_of: '2025-04-01', income_band: 'over_20m', cofunding_budget: '175000.50', version: 2 });
    const again = await previewImport(db, admin, { fileName: 'registry.xlsx', content: xlsx });
    expect(again.plan.counts).toEqual({ create: 0, update: 0, unchanged: 5, reject: 0 });
  });

  it('rejects the whole file when one row is bad, naming the row and the reason, and keeps nothing', async () => {
    const before = await counts();
    const csv = [
      'fund_code,fiscal_year,population,income_band',
      `${existing.code},2570,5000,under_6m`,
      `${existing.code},2024,5000,`,
      'L9001,2570,-5,',
      'L9001,2571,abc,',
      'L9999,2570,10,',
    ].join('\n');
    const preview = await previewImport(db, admin, { fileName: 'years.csv', content: utf8(csv) });
    expect(preview.plan.counts).toEqual({ create: 0, update: 1, unchanged: 0, reject: 4 });
    expect(preview.plan.years.filter((r) => r.outcome === 'reject').map((r) => [r.row, r.problems.map((p) => `${p.column} ${p.code}`)])).toEqual([
      [3, ['fiscal_year fiscalYearCe']],
      [4, ['population negative']],
      [5, ['population wholeNumber']],
      [6, ['fund_code unknownFund']],
    ]);
    expect(preview.plan.years[1]?.problems[0]?.params).toEqual({ year: 2024, be: 2567 });
    expect(preview.uploadId).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it('applies nothing when the data changed between the dry run and the apply', async () => {
    const csv = ['fund_code,name_th,lao_type,lao_name,district_code', 'L9004,กองทุนสี่,อบต.,อบต.สี่,3304', 'L9005,กองทุนห้า,อบต.,อบต.ห้า,3304'].join('\n');
    const years = ['fund_code,fiscal_year,population,income_band', 'L9004,2568,100,over_20m'].join('\n');
    const xlsx = buildXlsx([
      { name: 'funds', rows: csv.split('\n').map((l) => l.split(',')) },
      { name: 'years', rows: years.split('\n').map((l) => l.split(',')) },
    ]);
    const preview = await previewImport(db, admin, { fileName: 'four.xlsx', content: xlsx });
    expect(preview.plan.counts.reject).toBe(0);
    const before = await counts();

    // A row that would now be rejected: the band it names is gone.
    const removed = await db.deleteFrom('cofunding_band').where('band', '=', 'over_20m').returningAll().execute();
    const error = await refusal(() => applyImport(db, admin, { uploadId: preview.uploadId!, digest: preview.digest }));
    expect(fileProblem(error)).toBe('admin.import.error.rejected');
    expect(await counts()).toEqual(before);
    await db.insertInto('cofunding_band').values(removed).execute();

    // A plan that differs from the preview's: someone created one of the funds meanwhile.
    await db.insertInto('fund').values({ code: 'L9005', name_th: 'กองทุนห้า', lao_type: 'sao', lao_name: 'อบต.ห้า', district_code: '3304' }).execute();
    expect(await refusal(() => applyImport(db, admin, { uploadId: preview.uploadId!, digest: preview.digest }))).toBeInstanceOf(Conflict);
    expect((await counts()).funds).toBe(before.funds + 1);
    expect(await db.selectFrom('fund').select('code').where('code', '=', 'L9004').executeTakeFirst()).toBeUndefined();
  });

  it('moves a fund to another district, and it no longer covers the old subdistricts', async () => {
    const fund = await db.selectFrom('fund').selectAll().where('district_code', '=', '3304').where('code', '!=', existing.code).orderBy('code').executeTakeFirstOrThrow();
    const csv = `fund_code,name_th,lao_type,lao_name,district_code\n${fund.code},,,,5601\n`;
    const preview = await previewImport(db, admin, { fileName: 'move.csv', content: utf8(csv) });
    expect(preview.plan.funds[0]).toMatchObject({ outcome: 'update', changed: ['district_code'] });
    await applyImport(db, admin, { uploadId: preview.uploadId!, digest: preview.digest });
    expect(await db.selectFrom('fund_subdistrict').select('subdistrict_code').where('fund_id', '=', fund.id).execute()).toEqual([]);
    const area = await db.selectFrom('fund_area').selectAll().where('fund_id', '=', fund.id).executeTakeFirstOrThrow();
    expect([area.district_code, area.province_code]).toEqual(['5601', '56']);
    const after = await db.selectFrom('fund').select(['name_th', 'version']).where('id', '=', fund.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ name_th: fund.name_th, version: fund.version + 1 });
  });

  it('refuses malformed, empty, oversized and other kinds of files with a clear reason', async () => {
    const before = await counts();
    const cases: [string, Uint8Array, string][] = [
      ['funds.xlsx', utf8('PK\u0003\u0004 not really a workbook'), 'admin.import.error.malformedXlsx'],
      ['funds.xlsx', utf8('fund_code,name_th'), 'admin.import.error.type'],
      ['funds.pdf', utf8('%PDF-1.7'), 'admin.import.error.type'],
      ['funds.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'admin.import.error.xls'],
      ['funds.csv', new Uint8Array(0), 'admin.import.error.empty'],
      ['funds.csv', new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x41), 'admin.import.error.tooLarge'],
      ['funds.csv', utf8('fund_code,name_th,lao_type,lao_name,district_code\n"L9009,open quote'), 'admin.import.error.malformedCsv'],
      ['funds.csv', utf8('fund_code,name_th\nL9009,ชื่อ'), 'admin.import.error.missingColumns'],
      ['funds.csv', utf8('fund_code,fiscal_year\n'), 'admin.import.error.noTables'],
    ];
    for (const [fileName, content, key] of cases) {
      expect(fileProblem(await refusal(() => previewImport(db, admin, { fileName, content }))), fileName).toBe(key);
    }
    expect(await counts()).toEqual(before);
  });

  it('reads a CSV saved in the Thai Windows encoding', async () => {
    const csv = 'fund_code,name_th,lao_type,lao_name,district_code\r\nL9006,กองทุนหก,อบต.,องค์การบริหารส่วนตำบลหก,3304\r\n';
    const preview = await previewImport(db, admin, { fileName: 'thai.csv', content: windows874(csv) });
    expect(preview.plan.funds[0]?.values).toMatchObject({ name_th: 'กองทุนหก', lao_type: 'sao' });
  });

  it("lets only admins import, and nobody apply another admin's upload", async () => {
    const before = await counts();
    for (const actor of [officer, null]) {
      expect(await refusal(() => previewImport(db, actor, { fileName: 'funds.csv', content: utf8(FUNDS_CSV) }))).toBeInstanceOf(Forbidden);
      expect(await refusal(() => applyImport(db, actor, { uploadId: 'x', digest: 'y' }))).toBeInstanceOf(Forbidden);
    }
    const csv = 'fund_code,name_th,lao_type,lao_name,district_code\nL9007,กองทุนเจ็ด,อบต.,อบต.เจ็ด,3304\n';
    const preview = await previewImport(db, admin, { fileName: 'seven.csv', content: utf8(csv) });
    const otherAdmin: Actor = { userId: admin.userId + 100_000, roles: [{ role: 'admin', scopeCode: 'TH' }] };
    expect(fileProblem(await refusal(() => applyImport(db, otherAdmin, { uploadId: preview.uploadId!, digest: preview.digest })))).toBe(
      'admin.import.error.uploadGone',
    );
    expect((await counts()).funds).toBe(before.funds);
  });
});
