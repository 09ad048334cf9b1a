import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { Conflict, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { getLesson, listPublishedLessons, saveLesson } from '../../src/use-cases/lessons.ts';
import { getPublicArea } from '../../src/use-cases/public-area.ts';
import { actorFor, permissionMatrix, refusal } from '../support/actors.ts';
import { ROLES_AROUND_L1976 } from '../support/demo-accounts.ts';
import { createTestDatabase } from '../support/test-db.ts';

const FY = 2569;
const TEXTS = { mechanisms: 'ประชุมพี่เลี้ยงทุกเดือน', success_factors: '', problems: 'ข้อมูลล่าช้า', suggestions: '' };

describe('lessons learned', () => {
  let database: Database;
  let db: Kysely<DB>;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
  });
  afterAll(() => database.close());

  it('the demo publishes lessons for 3304, 33 and R10, and keeps the fund’s own a draft', async () => {
    const lessons = await listPublishedLessons(db, null, { area: 'L1976', fiscalYear: 2570 });
    // The public page of a fund shows none of its own draft; of its district, the district's.
    expect(lessons.map((l) => l.area_code)).toEqual([]);
    const district = await listPublishedLessons(db, null, { area: '3304', fiscalYear: 2570 });
    expect(district.map((l) => l.area_code)).toEqual(['3304']);
    const region = await listPublishedLessons(db, null, { area: 'R10', fiscalYear: 2570 });
    expect(region.map((l) => l.area_code)).toEqual(['R10', '33', '3304']);
    expect((await getLesson(db, null, { area: 'L1976', fiscalYear: 2570 })).lesson).toBeNull();
    const mentor = await actorFor(db, 'mentor.l1976');
    expect((await getLesson(db, mentor, { area: 'L1976', fiscalYear: 2570 })).lesson?.published).toBe(false);
  });

  it('the area’s mentors and district board secretaries write; everyone else is refused', async () => {
    const callers = ['public', ...Object.keys(ROLES_AROUND_L1976)] as const;
    const actors = new Map(await Promise.all(Object.entries(ROLES_AROUND_L1976).map(async ([who, username]) => [who, await actorFor(db, username)] as const)));
    // Each caller writes the district's lesson for a year of its own, so none conflicts with another.
    let year = 2600;
    const { outcome, expected } = await permissionMatrix(callers, ['admin', 'mentor_district_in', 'board_secretary_in'], async (who) => {
      year += 1;
      await saveLesson(db, who === 'public' ? null : (actors.get(who) ?? null), { area: '3304', fiscalYear: year, ...TEXTS, version: '' });
    });
    expect(outcome).toEqual(expected);
    // A fund's mentor writes the fund's lesson but not the district's (above).
    const fundMentor = await actorFor(db, 'mentor.l1976');
    await expect(saveLesson(db, fundMentor, { area: 'L1976', fiscalYear: 2650, ...TEXTS })).resolves.toEqual({ version: 1 });
  });

  it('saves, publishes, and refuses a stale version as a Conflict', async () => {
    const mentor = await actorFor(db, 'mentor3304');
    const first = await saveLesson(db, mentor, { area: '3304', fiscalYear: FY + 100, ...TEXTS, version: '' });
    expect(first).toEqual({ version: 1 });
    expect((await getLesson(db, null, { area: '3304', fiscalYear: FY + 100 })).lesson).toBeNull();
    const second = await saveLesson(db, mentor, { area: '3304', fiscalYear: FY + 100, ...TEXTS, suggestions: 'อบรม', published: 'on', version: '1' });
    expect(second).toEqual({ version: 2 });
    const read = await getLesson(db, null, { area: '3304', fiscalYear: FY + 100 });
    expect(read.lesson).toMatchObject({ suggestions: 'อบรม', published: true, version: 2 });
    expect(read.mayWrite).toBe(false);
    // Someone who opened the page at version 1 saves after: nothing is overwritten.
    const pcho = await actorFor(db, 'pcho3304');
    expect(await refusal(() => saveLesson(db, pcho, { area: '3304', fiscalYear: FY + 100, ...TEXTS, version: '1' }))).toBeInstanceOf(Conflict);
    // A first save when one exists is stale too.
    expect(await refusal(() => saveLesson(db, pcho, { area: '3304', fiscalYear: FY + 100, ...TEXTS, version: '' }))).toBeInstanceOf(Conflict);
    const audit = await db.selectFrom('audit_event').select('action').where('subject_type', '=', 'area_lesson').where('subject_id', '=', `3304/${FY + 100}`).execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses bad input: nothing written, a text too long, a bad year, an unknown area', async () => {
    const mentor = await actorFor(db, 'mentor3304');
    const empty = await refusal(() => saveLesson(db, mentor, { area: '3304', fiscalYear: FY, mechanisms: '  ', version: '' }));
    expect((empty as Invalid).problems).toEqual([{ field: 'mechanisms', key: 'lesson.error.empty' }]);
    const long = await refusal(() => saveLesson(db, mentor, { area: '3304', fiscalYear: FY, success_factors: 'x'.repeat(4001), version: '' }));
    expect((long as Invalid).problems.map((p) => [p.field, p.key])).toEqual([['success_factors', 'lesson.error.tooLong']]);
    expect(await refusal(() => saveLesson(db, mentor, { area: '3304', fiscalYear: 'abc', ...TEXTS }))).toBeInstanceOf(Invalid);
    expect(await refusal(() => saveLesson(db, mentor, { area: '3304', fiscalYear: FY, ...TEXTS, version: 'x' }))).toBeInstanceOf(Invalid);
    expect(await refusal(() => saveLesson(db, mentor, { area: 'NOWHERE', fiscalYear: FY, ...TEXTS }))).toBeInstanceOf(NotFound);
  });

  it('the public page of a fund names its committee by name and role only, and shows published lessons', async () => {
    const view = await getPublicArea(db, null, { area: 'l1976', fiscalYear: 2570 });
    expect(view.place).toMatchObject({ code: 'L1976', level: 'fund' });
    expect(view.crumbs.map((c) => c.code)).toEqual(['TH', 'R10', '33', '3304']);
    expect(view.committee.length).toBeGreaterThan(0);
    for (const member of view.committee) expect(Object.keys(member).sort()).toEqual(['name', 'organisation', 'position']);
    const district = await getPublicArea(db, null, { area: '3304', fiscalYear: 2570 });
    expect(district.committee).toEqual([]);
    expect(district.lessons.map((l) => l.area_code)).toEqual(['3304']);
    expect(district.money.paid.map((p) => p.account_code)).toEqual(['50100', '50200', '50300', '50400', '50500']);
    const json = JSON.stringify(district);
    expect(json).not.toMatch(/phone|email|national_id|bank_account/);
  });
});
