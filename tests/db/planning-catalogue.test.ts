import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { createIndicator, listPrograms, listTargetGroups, saveApproach, updateIndicator, updateProgram } from '../../src/use-cases/planning-catalogue.ts';
import { addPlanProgram, getFundPlanYear, getPlanEntry, removePlanProgram } from '../../src/use-cases/plans.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

function problemsOf(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(Invalid);
  return Object.fromEntries((error as Invalid).problems.map((p) => [p.field, p.key]));
}

describe('the planning catalogue', () => {
  let database: Database;
  let db: Kysely<DB>;
  let admin: Actor;
  let officer: Actor;
  let mentor: Actor;
  let province: Actor;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    admin = await actorFor(db, 'admin');
    officer = await actorFor(db, 'officer.l1976');
    mentor = await actorFor(db, 'mentor3304');
    province = await actorFor(db, 'province33');
  });
  afterAll(() => database.close());

  const catalogue = async () => ({
    programs: await db.selectFrom('plan_program').selectAll().orderBy('code').execute(),
    indicators: await db.selectFrom('situation_indicator').selectAll().orderBy('code').execute(),
    approaches: await db.selectFrom('plan_approach').selectAll().orderBy('id').execute(),
  });

  async function programForm(code: string) {
    const p = (await listPrograms(db, { includeInactive: true })).find((x) => x.code === code)!;
    return { code, version: String(p.version), name_th: p.name_th, name_en: p.name_en, sort_order: String(p.sort_order), is_active: p.is_active ? 'on' : '' };
  }

  async function indicatorForm(code: string) {
    const i = (await listPrograms(db, { includeInactive: true })).flatMap((p) => p.indicators).find((x) => x.code === code)!;
    return {
      code,
      version: String(i.version),
      name_th: i.name_th,
      name_en: i.name_en,
      definition_th: i.definition_th,
      unit: i.unit,
      numerator_th: i.numerator_th,
      denominator_th: i.denominator_th,
      direction: i.direction,
      default_objective_th: i.default_objective_th,
      default_indicator_th: i.default_indicator_th,
      counts_in_analysis: i.counts_in_analysis ? 'on' : '',
      sort_order: String(i.sort_order),
      is_active: i.is_active ? 'on' : '',
    };
  }

  const newIndicator = (change: Record<string, string> = {}) => ({
    program: 'tobacco',
    code: 'TOB05',
    name_th: 'ร้อยละของร้านค้าที่ไม่ขายบุหรี่ให้เด็ก',
    name_en: 'Percentage of shops that do not sell tobacco to minors',
    definition_th: '',
    unit: 'percent',
    numerator_th: 'จำนวนร้านค้าที่ไม่ขายบุหรี่ให้เด็ก',
    denominator_th: 'จำนวนร้านค้าทั้งหมด',
    direction: 'increase',
    default_objective_th: 'เพื่อให้ร้านค้าปฏิบัติตามกฎหมาย',
    default_indicator_th: '',
    counts_in_analysis: 'on',
    sort_order: '50',
    is_active: 'on',
    ...change,
  });

  it('holds 17 programs in order, each with at least three indicators, and nine target groups, eight of them for coverage', async () => {
    const programs = await listPrograms(db);
    expect(programs).toHaveLength(17);
    expect(programs[0]!.code).toBe('alcohol');
    expect(programs.at(-1)!.code).toBe('fund_admin');
    expect(programs.map((p) => p.sort_order)).toEqual([...programs.map((p) => p.sort_order)].sort((a, b) => a - b));
    for (const program of programs) {
      expect({ program: program.code, enough: program.indicators.length >= 3 }).toEqual({ program: program.code, enough: true });
      expect(program.indicators.every((i) => i.program_code === program.code && i.is_active)).toBe(true);
      expect(program.approaches.length).toBeGreaterThan(0);
    }
    const rates = programs.flatMap((p) => p.indicators).filter((i) => i.unit !== 'count');
    expect(rates.every((i) => i.numerator_th !== '' && i.denominator_th !== '')).toBe(true);
    const groups = await listTargetGroups(db);
    expect(groups).toHaveLength(9);
    expect(groups.filter((g) => g.in_coverage)).toHaveLength(8);
    expect(groups.find((g) => !g.in_coverage)?.code).toBe('2005');
  });

  it("updates a program, checking the form's version", async () => {
    const form = await programForm('tobacco');
    await updateProgram(db, admin, { ...form, name_th: 'แผนงานควบคุมยาสูบ', name_en: 'Tobacco control' });
    const after = (await listPrograms(db)).find((p) => p.code === 'tobacco')!;
    expect([after.name_th, after.name_en, after.version]).toEqual(['แผนงานควบคุมยาสูบ', 'Tobacco control', Number(form.version) + 1]);
    const event = await db.selectFrom('audit_event').select(['action', 'actor_user_id']).where('subject_type', '=', 'plan_program').where('subject_id', '=', 'tobacco').executeTakeFirstOrThrow();
    expect(event).toEqual({ action: 'catalogue.program.update', actor_user_id: admin.userId });

    const before = await catalogue();
    expect(await refusal(() => updateProgram(db, admin, { ...form, name_th: 'ชื่อจากฟอร์มเก่า' }))).toBeInstanceOf(Conflict);
    expect(await refusal(() => updateProgram(db, admin, { ...form, code: 'astrology' }))).toBeInstanceOf(NotFound);
    const current = await programForm('tobacco');
    expect(problemsOf(await refusal(() => updateProgram(db, admin, { ...current, name_th: ' ', sort_order: '-1' })))).toEqual({
      name_th: 'admin.error.required',
      sort_order: 'admin.error.negative',
    });
    expect(await catalogue()).toEqual(before);
  });

  it("updates an indicator, checking the form's version", async () => {
    const form = await indicatorForm('TOB02');
    await updateIndicator(db, admin, { ...form, name_th: 'ร้อยละของผู้ใหญ่ที่สูบบุหรี่', direction: 'decrease' });
    const after = (await listPrograms(db)).flatMap((p) => p.indicators).find((i) => i.code === 'TOB02')!;
    expect([after.name_th, after.version, after.numerator_th]).toEqual(['ร้อยละของผู้ใหญ่ที่สูบบุหรี่', Number(form.version) + 1, form.numerator_th]);

    const before = await catalogue();
    expect(await refusal(() => updateIndicator(db, admin, { ...form, name_th: 'ชื่อจากฟอร์มเก่า' }))).toBeInstanceOf(Conflict);
    expect(await refusal(() => updateIndicator(db, admin, { ...form, code: 'NOPE01' }))).toBeInstanceOf(NotFound);
    const current = await indicatorForm('TOB02');
    expect(problemsOf(await refusal(() => updateIndicator(db, admin, { ...current, unit: 'per_day', direction: 'sideways' })))).toEqual({
      unit: 'planning.error.unit',
      direction: 'admin.error.invalid',
    });
    expect(await catalogue()).toEqual(before);
  });

  it('creates an indicator; a code taken or a rate without its denominator wording is refused', async () => {
    expect(await createIndicator(db, admin, newIndicator({ code: ' tob05 ' }))).toEqual({ code: 'TOB05' });
    const created = (await listPrograms(db)).find((p) => p.code === 'tobacco')!.indicators.find((i) => i.code === 'TOB05')!;
    expect(created).toMatchObject({ program_code: 'tobacco', unit: 'percent', direction: 'increase', counts_in_analysis: true, is_active: true, version: 1 });

    const before = await catalogue();
    expect(problemsOf(await refusal(() => createIndicator(db, admin, newIndicator())))).toEqual({ code: 'planning.error.indicatorCodeTaken' });
    expect(problemsOf(await refusal(() => createIndicator(db, admin, newIndicator({ code: 'TOB01', program: 'alcohol' }))))).toEqual({ code: 'planning.error.indicatorCodeTaken' });
    expect(problemsOf(await refusal(() => createIndicator(db, admin, newIndicator({ code: 'TOB06', denominator_th: '' }))))).toEqual({
      denominator_th: 'planning.error.denominatorWording',
    });
    expect(problemsOf(await refusal(() => createIndicator(db, admin, newIndicator({ code: 'TOB06', unit: 'per_1000', numerator_th: '  ' }))))).toEqual({
      numerator_th: 'planning.error.numeratorWording',
    });
    expect(problemsOf(await refusal(() => createIndicator(db, admin, newIndicator({ code: 'x' }))))).toEqual({ code: 'planning.error.indicatorCode' });
    expect(await refusal(() => createIndicator(db, admin, newIndicator({ code: 'TOB06', program: 'astrology' })))).toBeInstanceOf(NotFound);
    expect(await catalogue()).toEqual(before);

    // A count has no denominator: none is needed, and any given is dropped.
    await createIndicator(db, admin, newIndicator({ code: 'TOB06', unit: 'count', numerator_th: '', denominator_th: 'ไม่ใช้' }));
    const count = (await db.selectFrom('situation_indicator').selectAll().where('code', '=', 'TOB06').executeTakeFirstOrThrow());
    expect([count.unit, count.denominator_th]).toEqual(['count', '']);
  });

  it('adds an approach and deactivates it: gone from the catalogue, kept in the full list', async () => {
    const approaches = async (includeInactive: boolean) => (await listPrograms(db, { includeInactive })).find((p) => p.code === 'tobacco')!.approaches;
    const count = (await approaches(false)).length;
    await saveApproach(db, admin, { program: 'tobacco', name_th: 'ตั้งด่านตรวจร้านค้าที่ขายบุหรี่ให้เด็ก', sort_order: '60', is_active: 'on' });
    const added = (await approaches(false)).find((a) => a.name_th === 'ตั้งด่านตรวจร้านค้าที่ขายบุหรี่ให้เด็ก')!;
    expect(added).toMatchObject({ sort_order: 60, is_active: true });
    expect(await approaches(false)).toHaveLength(count + 1);

    await saveApproach(db, admin, { program: 'tobacco', id: String(added.id), name_th: added.name_th, sort_order: '60', is_active: '' });
    expect((await approaches(false)).map((a) => a.id)).not.toContain(added.id);
    expect((await approaches(true)).find((a) => a.id === added.id)).toMatchObject({ is_active: false });

    // An approach of another program cannot be changed through this one.
    const before = await catalogue();
    expect(await refusal(() => saveApproach(db, admin, { program: 'alcohol', id: String(added.id), name_th: 'x', sort_order: '1', is_active: 'on' }))).toBeInstanceOf(NotFound);
    expect(problemsOf(await refusal(() => saveApproach(db, admin, { program: 'tobacco', name_th: '', sort_order: '1', is_active: 'on' })))).toEqual({
      name_th: 'admin.error.required',
    });
    expect(await catalogue()).toEqual(before);
  });

  it('hides deactivated items from the catalogue but keeps them in the plans that use them', async () => {
    // Fund L1976's approved FY 2569 plan holds the tobacco program with values for its first indicators.
    const entry = await getPlanEntry(db, null, { code: 'L1976', fiscalYear: 2569, program: 'tobacco' });
    const valued = entry.situations.find((s) => s.value !== null)!;
    const chosen = entry.approaches.find((a) => a.chosen)!;
    expect(valued).toBeDefined();
    expect(chosen).toBeDefined();

    await updateProgram(db, admin, { ...(await programForm('tobacco')), is_active: '' });
    await updateIndicator(db, admin, { ...(await indicatorForm(valued.indicator.code)), is_active: '' });
    const approach = (await listPrograms(db, { includeInactive: true })).find((p) => p.code === 'tobacco')!.approaches.find((a) => a.id === chosen.id)!;
    await saveApproach(db, admin, { program: 'tobacco', id: String(chosen.id), name_th: approach.name_th, sort_order: String(approach.sort_order), is_active: '' });

    const active = await listPrograms(db);
    expect(active).toHaveLength(16);
    expect(active.map((p) => p.code)).not.toContain('tobacco');
    const all = (await listPrograms(db, { includeInactive: true })).find((p) => p.code === 'tobacco')!;
    expect(all.is_active).toBe(false);
    expect(all.indicators.find((i) => i.code === valued.indicator.code)?.is_active).toBe(false);

    // The plan still shows the program, the indicator's value and the approach it chose.
    const year = await getFundPlanYear(db, null, { code: 'L1976', fiscalYear: 2569 });
    expect(year.plan!.entries.map((e) => e.program_code)).toContain('tobacco');
    const after = await getPlanEntry(db, null, { code: 'L1976', fiscalYear: 2569, program: 'tobacco' });
    expect(after.situations.find((s) => s.indicator.code === valued.indicator.code)).toMatchObject({ value: valued.value, indicator: { is_active: false } });
    expect(after.approaches.find((a) => a.id === chosen.id)).toEqual({ id: chosen.id, name_th: approach.name_th, chosen: true });
    // Approaches deactivated and not chosen here are not offered.
    const offered = after.approaches.map((a) => a.id);
    for (const inactive of all.approaches.filter((a) => !a.is_active && a.id !== chosen.id)) expect(offered).not.toContain(inactive.id);

    // A draft that holds it may remove it, and then cannot add it back or be offered it.
    const draft = await getFundPlanYear(db, officer, { code: 'L1976', fiscalYear: 2570 });
    expect(draft.plan?.status).toBe('draft');
    expect(draft.plan!.entries.map((e) => e.program_code)).toContain('tobacco');
    const removed = await removePlanProgram(db, officer, { code: 'L1976', fiscalYear: '2570', version: String(draft.plan!.version), program: 'tobacco' });
    expect(problemsOf(await refusal(() => addPlanProgram(db, officer, { code: 'L1976', fiscalYear: '2570', version: String(removed.version), program: 'tobacco' })))).toEqual({
      program: 'planning.error.program',
    });
    const options = (await getFundPlanYear(db, officer, { code: 'L1976', fiscalYear: 2570 })).programOptions.map((p) => p.code);
    expect(options).not.toContain('tobacco');
    expect(options).toContain('covid19');
  });

  it('refuses every change to anyone but an admin, and changes nothing', async () => {
    const before = await catalogue();
    const programForm_ = await programForm('alcohol');
    const indicatorForm_ = await indicatorForm('ALC01');
    for (const actor of [officer, mentor, province, null]) {
      expect(await refusal(() => updateProgram(db, actor, { ...programForm_, name_th: 'ยึด' }))).toBeInstanceOf(Forbidden);
      expect(await refusal(() => updateIndicator(db, actor, { ...indicatorForm_, name_th: 'ยึด' }))).toBeInstanceOf(Forbidden);
      expect(await refusal(() => createIndicator(db, actor, newIndicator({ code: 'ALC99', program: 'alcohol' })))).toBeInstanceOf(Forbidden);
      expect(await refusal(() => saveApproach(db, actor, { program: 'alcohol', name_th: 'ยึด', sort_order: '1', is_active: 'on' }))).toBeInstanceOf(Forbidden);
    }
    expect(await catalogue()).toEqual(before);
  });
});
