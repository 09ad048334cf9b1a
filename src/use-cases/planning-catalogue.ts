import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { INDICATOR_UNITS, type IndicatorUnit } from '../domain/planning.ts';
import type { Actor } from '../domain/policy.ts';
import { audit, invalid, optionalText, requiredText, versionField } from './admin-shared.ts';
import { authorize } from './authorize.ts';
import { Conflict, NotFound, parseInput } from './errors.ts';

// The planning catalogues (programs, their indicators and approaches, target groups): read by
// everyone, edited by admins. Nothing is deleted, only deactivated, so old plans keep their words.

type Db = Kysely<DB>;

export interface Indicator {
  code: string;
  program_code: string;
  name_th: string;
  name_en: string;
  definition_th: string;
  unit: IndicatorUnit;
  numerator_th: string;
  denominator_th: string;
  direction: 'decrease' | 'increase';
  default_objective_th: string;
  default_indicator_th: string;
  counts_in_analysis: boolean;
  sort_order: number;
  is_active: boolean;
  version: number;
}

export interface Approach {
  id: number;
  name_th: string;
  sort_order: number;
  is_active: boolean;
}

export interface Program {
  code: string;
  name_th: string;
  name_en: string;
  sort_order: number;
  is_active: boolean;
  version: number;
  indicators: Indicator[];
  approaches: Approach[];
}

export interface TargetGroup {
  code: string;
  name_th: string;
  name_en: string;
  in_coverage: boolean;
}

const INDICATOR_COLUMNS = [
  'code',
  'program_code',
  'name_th',
  'name_en',
  'definition_th',
  'unit',
  'numerator_th',
  'denominator_th',
  'direction',
  'default_objective_th',
  'default_indicator_th',
  'counts_in_analysis',
  'sort_order',
  'is_active',
  'version',
] as const;

/** Every program with its indicators and approaches, in catalogue order; inactive ones only when asked. */
export async function listPrograms(db: Db, options: { includeInactive?: boolean } = {}): Promise<Program[]> {
  const all = !options.includeInactive;
  const [programs, indicators, approaches] = await Promise.all([
    db
      .selectFrom('plan_program')
      .select(['code', 'name_th', 'name_en', 'sort_order', 'is_active', 'version'])
      .$if(all, (q) => q.where('is_active', '=', true))
      .orderBy('sort_order')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('situation_indicator')
      .select(INDICATOR_COLUMNS)
      .$if(all, (q) => q.where('is_active', '=', true))
      .orderBy('sort_order')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('plan_approach')
      .select(['id', 'program_code', 'name_th', 'sort_order', 'is_active'])
      .$if(all, (q) => q.where('is_active', '=', true))
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
  ]);
  return programs.map((program) => ({
    ...program,
    indicators: indicators.filter((i) => i.program_code === program.code),
    approaches: approaches.filter((a) => a.program_code === program.code).map(({ program_code: _, ...a }) => a),
  }));
}

export async function getProgram(db: Db, code: string, options: { includeInactive?: boolean } = {}): Promise<Program> {
  const program = (await listPrograms(db, options)).find((p) => p.code === code);
  if (!program) throw new NotFound(`program ${code}`);
  return program;
}

export async function listTargetGroups(db: Db): Promise<TargetGroup[]> {
  return db.selectFrom('target_group').select(['code', 'name_th', 'name_en', 'in_coverage']).orderBy('sort_order').execute();
}

// ---------------------------------------------------------------------------------------------
// Admin edits

const flag = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const sortOrder = z.coerce.number('admin.error.wholeNumber').int('admin.error.wholeNumber').min(0, 'admin.error.negative').max(100_000, 'admin.error.invalid');

const programSchema = z.object({
  version: versionField,
  name_th: requiredText(200),
  name_en: requiredText(200),
  sort_order: sortOrder,
  is_active: flag,
});

/** Renames, reorders or (de)activates a program. */
export async function updateProgram(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: string }): Promise<void> {
  authorize(actor, 'catalogue.edit');
  const value = parseInput(programSchema, input, 'admin.error.invalid');
  await db.transaction().execute(async (tx) => {
    const { version, ...fields } = value;
    const result = await tx
      .updateTable('plan_program')
      .set({ ...fields, updated_at: new Date(), version: version + 1 })
      .where('code', '=', input.code)
      .where('version', '=', version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      const exists = await tx.selectFrom('plan_program').select('code').where('code', '=', input.code).executeTakeFirst();
      throw exists ? new Conflict() : new NotFound(`program ${input.code}`);
    }
    await audit(tx, actor?.userId ?? null, 'catalogue.program.update', 'plan_program', input.code, fields);
  });
}

const indicatorFields = {
  name_th: requiredText(300),
  name_en: requiredText(300),
  definition_th: optionalText(1000),
  unit: z.enum(INDICATOR_UNITS, 'planning.error.unit'),
  numerator_th: optionalText(300),
  denominator_th: optionalText(300),
  direction: z.enum(['decrease', 'increase'], 'admin.error.invalid'),
  default_objective_th: optionalText(500),
  default_indicator_th: optionalText(500),
  counts_in_analysis: flag,
  sort_order: sortOrder,
  is_active: flag,
};

const indicatorSchema = z
  .object(indicatorFields)
  .superRefine((v, ctx) => {
    // A rate needs both wordings so officers know what to count; a plain count has no denominator.
    if (v.unit !== 'count' && !v.denominator_th) ctx.addIssue({ code: 'custom', path: ['denominator_th'], message: 'planning.error.denominatorWording' });
    if (v.unit !== 'count' && !v.numerator_th) ctx.addIssue({ code: 'custom', path: ['numerator_th'], message: 'planning.error.numeratorWording' });
  })
  .transform((v) => ({
    ...v,
    definition_th: v.definition_th ?? '',
    numerator_th: v.numerator_th ?? '',
    denominator_th: v.unit === 'count' ? '' : (v.denominator_th ?? ''),
    default_objective_th: v.default_objective_th ?? '',
    default_indicator_th: v.default_indicator_th ?? '',
  }));

const newIndicatorSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_]{2,20}$/, 'planning.error.indicatorCode'),
});

/** Adds an indicator to a program; its code is permanent (plans and the API refer to it). */
export async function createIndicator(db: Db, actor: Actor | null, input: Record<string, unknown> & { program: string }): Promise<{ code: string }> {
  authorize(actor, 'catalogue.edit');
  const { code } = parseInput(newIndicatorSchema, input);
  const value = parseInput(indicatorSchema, input, 'admin.error.invalid');
  return db.transaction().execute(async (tx) => {
    const program = await tx.selectFrom('plan_program').select('code').where('code', '=', input.program).executeTakeFirst();
    if (!program) throw new NotFound(`program ${input.program}`);
    const taken = await tx.selectFrom('situation_indicator').select('code').where('code', '=', code).executeTakeFirst();
    if (taken) throw invalid('code', 'planning.error.indicatorCodeTaken');
    await tx.insertInto('situation_indicator').values({ code, program_code: program.code, ...value }).execute();
    await audit(tx, actor?.userId ?? null, 'catalogue.indicator.create', 'situation_indicator', code, value);
    return { code };
  });
}

export async function updateIndicator(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: string }): Promise<void> {
  authorize(actor, 'catalogue.edit');
  const { version } = parseInput(z.object({ version: versionField }), input);
  const value = parseInput(indicatorSchema, input, 'admin.error.invalid');
  await db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('situation_indicator')
      .set({ ...value, updated_at: new Date(), version: version + 1 })
      .where('code', '=', input.code)
      .where('version', '=', version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      const exists = await tx.selectFrom('situation_indicator').select('code').where('code', '=', input.code).executeTakeFirst();
      throw exists ? new Conflict() : new NotFound(`indicator ${input.code}`);
    }
    await audit(tx, actor?.userId ?? null, 'catalogue.indicator.update', 'situation_indicator', input.code, value);
  });
}

const approachSchema = z.object({ name_th: requiredText(500), sort_order: sortOrder, is_active: flag });

/** Adds an approach to a program, or changes one (`id` given). */
export async function saveApproach(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { program: string; id?: string | undefined },
): Promise<void> {
  authorize(actor, 'catalogue.edit');
  const value = parseInput(approachSchema, input, 'admin.error.invalid');
  await db.transaction().execute(async (tx) => {
    const program = await tx.selectFrom('plan_program').select('code').where('code', '=', input.program).executeTakeFirst();
    if (!program) throw new NotFound(`program ${input.program}`);
    if (input.id) {
      const id = Number(input.id);
      const result = Number.isSafeInteger(id)
        ? await tx.updateTable('plan_approach').set(value).where('id', '=', id).where('program_code', '=', program.code).executeTakeFirst()
        : { numUpdatedRows: 0n };
      if (result.numUpdatedRows === 0n) throw new NotFound(`approach ${input.id}`);
      await audit(tx, actor?.userId ?? null, 'catalogue.approach.update', 'plan_approach', id, value);
    } else {
      const { id } = await tx.insertInto('plan_approach').values({ program_code: program.code, ...value }).returning('id').executeTakeFirstOrThrow();
      await audit(tx, actor?.userId ?? null, 'catalogue.approach.create', 'plan_approach', id, value);
    }
  });
}
