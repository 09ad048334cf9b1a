import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { parseFiscalYear, parseMoney, parsePercent } from '../domain/import-values.ts';
import { type Satang, toNumeric } from '../domain/money.ts';
import type { Actor } from '../domain/policy.ts';
import { audit, invalid, optionalParsed, parsed, plainNumeric, requiredText} from './admin-shared.ts';
import { authorize } from './authorize.ts';
import { Conflict, Invalid, parseInput } from './errors.ts';

// The NHSO rule tables, versioned by the fiscal year they take effect: the per-capita rate and
// limits of a rule set, and the minimum co-funding rate of each local-government income band.
// A fiscal year uses the rule set with the greatest effective year not after it.

type Db = Kysely<DB>;

export interface BandView {
  band: string;
  label_th: string;
  label_en: string;
  /** Baht as numeric text. */
  income_from: string;
  income_below: string | null;
  min_rate_percent: string;
}

export interface RuleSetView {
  effective_from_fiscal_year: number;
  /** The last fiscal year it governs: the year before the next rule set, or null (open). */
  until_fiscal_year: number | null;
  nhso_per_capita: string;
  admin_cap_percent: string;
  equipment_item_limit: string;
  cash_payment_limit: string;
  announcement: string;
  version: number;
  updated_at: Date;
  bands: BandView[];
}

/** Every rule set with its bands, latest effective year first. */
export async function listRuleSets(db: Db, actor: Actor | null): Promise<RuleSetView[]> {
  authorize(actor, 'rules.edit');
  const [sets, bands] = await Promise.all([
    db.selectFrom('rule_set').selectAll().orderBy('effective_from_fiscal_year', 'desc').execute(),
    db.selectFrom('cofunding_band').selectAll().orderBy('effective_from_fiscal_year').orderBy('income_from').execute(),
  ]);
  return sets.map((set, i) => ({
    ...set,
    until_fiscal_year: i > 0 ? sets[i - 1]!.effective_from_fiscal_year - 1 : null,
    bands: bands
      .filter((b) => b.effective_from_fiscal_year === set.effective_from_fiscal_year)
      .map(({ effective_from_fiscal_year: _year, ...band }) => band),
  }));
}

/** The most bands a rule set may have. */
export const MAX_BANDS = 10;

const BAND_FIELDS = ['band', 'label_th', 'label_en', 'income_from', 'income_below', 'min_rate_percent'] as const;

const bandSchema = z.object({
  band: z
    .string()
    .trim()
    .min(1, 'admin.error.required')
    .max(40, 'admin.error.tooLong')
    .regex(/^[a-z0-9_]+$/, 'admin.error.bandCode'),
  label_th: requiredText(200),
  label_en: requiredText(200),
  income_from: parsed(parseMoney),
  income_below: optionalParsed(parseMoney),
  min_rate_percent: parsed(parsePercent),
});

const ruleSetSchema = z
  .object({
    /** Empty for a new rule set; otherwise the version the form was rendered with. */
    version: z.preprocess(
      (v) => (v === '' || v === null || v === undefined ? null : v),
      z.coerce.number('admin.error.invalid').int('admin.error.invalid').min(1, 'admin.error.invalid').nullable(),
    ),
    effective_from_fiscal_year: parsed(parseFiscalYear),
    nhso_per_capita: parsed(parseMoney),
    admin_cap_percent: parsed(parsePercent),
    equipment_item_limit: parsed(parseMoney),
    cash_payment_limit: parsed(parseMoney),
    announcement: requiredText(2000),
    bands: z.preprocess(
      // Rows left wholly empty on the form are not bands.
      (rows) =>
        Array.isArray(rows)
          ? rows.filter((row) => row && typeof row === 'object' && BAND_FIELDS.some((f) => String((row as Record<string, unknown>)[f] ?? '').trim() !== ''))
          : rows,
      z.array(bandSchema, 'admin.error.bandsRequired').min(1, 'admin.error.bandsRequired').max(MAX_BANDS, 'admin.error.tooManyBands'),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.nhso_per_capita === 0) ctx.addIssue({ code: 'custom', path: ['nhso_per_capita'], message: 'admin.error.perCapita' });
    const seen = new Set<string>();
    value.bands.forEach((band, i) => {
      if (seen.has(band.band)) ctx.addIssue({ code: 'custom', path: ['bands', i, 'band'], message: 'admin.error.bandDuplicate' });
      seen.add(band.band);
      if (band.income_below !== null && band.income_below <= band.income_from) {
        ctx.addIssue({ code: 'custom', path: ['bands', i, 'income_below'], message: 'admin.error.bandRange' });
      }
      const previous = value.bands[i - 1];
      // In order of income, each band starting where the one before it ends or later.
      if (previous && (previous.income_below === null || band.income_from < previous.income_below)) {
        ctx.addIssue({ code: 'custom', path: ['bands', i, 'income_from'], message: 'admin.error.bandOverlap' });
      }
    });
  });

const money = (s: Satang) => toNumeric(s);
const moneyOrNull = (s: Satang | null) => (s === null ? null : toNumeric(s));

/**
 * Adds a rule set for a new effective fiscal year (version empty) or corrects an existing one
 * (the version its form showed). Its bands replace the year's bands; a band that fund years
 * under this rule set still use cannot be dropped.
 */
export async function saveRuleSet(db: Db, actor: Actor | null, input: unknown): Promise<{ year: number; created: boolean; version: number }> {
  authorize(actor, 'rules.edit');
  const value = parseInput(ruleSetSchema, input, 'admin.error.invalid');
  const year = value.effective_from_fiscal_year;
  const row = {
    nhso_per_capita: money(value.nhso_per_capita),
    admin_cap_percent: value.admin_cap_percent,
    equipment_item_limit: money(value.equipment_item_limit),
    cash_payment_limit: money(value.cash_payment_limit),
    announcement: value.announcement,
  };
  const bands = value.bands.map((b) => ({
    effective_from_fiscal_year: year,
    band: b.band,
    label_th: b.label_th,
    label_en: b.label_en,
    income_from: money(b.income_from),
    income_below: moneyOrNull(b.income_below),
    min_rate_percent: b.min_rate_percent,
  }));
  return db.transaction().execute(async (tx) => {
    // One rule change at a time: the bands check below reads what the others would change.
    await sql`select pg_advisory_xact_lock(4242101)`.execute(tx);
    const existing = await tx.selectFrom('rule_set').selectAll().where('effective_from_fiscal_year', '=', year).executeTakeFirst();
    if (value.version === null && existing) throw invalid('effective_from_fiscal_year', 'admin.error.ruleYearExists', { year });
    if (value.version !== null && (!existing || existing.version !== value.version)) throw new Conflict(`rule set ${year}`);

    // The fund years this rule set will govern must still find their band in it.
    const next = await tx
      .selectFrom('rule_set')
      .select('effective_from_fiscal_year')
      .where('effective_from_fiscal_year', '>', year)
      .orderBy('effective_from_fiscal_year')
      .limit(1)
      .executeTakeFirst();
    let inUse = tx
      .selectFrom('fund_year')
      .select(['income_band', (eb) => eb.fn.countAll<number>().as('n')])
      .where('fiscal_year', '>=', year)
      .where('income_band', 'is not', null)
      .groupBy('income_band');
    if (next) inUse = inUse.where('fiscal_year', '<', next.effective_from_fiscal_year);
    const codes = new Set(bands.map((b) => b.band));
    const missing = (await inUse.execute()).filter((u) => u.income_band !== null && !codes.has(u.income_band));
    if (missing.length > 0) {
      throw new Invalid(
        missing.map((m) => ({ field: 'bands', key: 'admin.error.bandInUse', params: { band: m.income_band ?? '', count: Number(m.n) } })),
      );
    }

    const beforeBands = await tx.selectFrom('cofunding_band').selectAll().where('effective_from_fiscal_year', '=', year).orderBy('income_from').execute();
    if (existing) {
      const result = await tx
        .updateTable('rule_set')
        .set({ ...row, version: sql<number>`version + 1`, updated_at: sql`now()` })
        .where('effective_from_fiscal_year', '=', year)
        .where('version', '=', value.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new Conflict(`rule set ${year}`);
    } else {
      await tx
        .insertInto('rule_set')
        .values({ effective_from_fiscal_year: year, ...row })
        .execute();
    }
    await tx.deleteFrom('cofunding_band').where('effective_from_fiscal_year', '=', year).execute();
    await tx.insertInto('cofunding_band').values(bands).execute();
    const plain = (r: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+\.\d+$/.test(v) ? plainNumeric(v) : v]));
    await audit(tx, actor?.userId ?? null, existing ? 'rule_set.update' : 'rule_set.create', 'rule_set', year, {
      before: existing
        ? {
            ...plain({
              nhso_per_capita: existing.nhso_per_capita,
              admin_cap_percent: existing.admin_cap_percent,
              equipment_item_limit: existing.equipment_item_limit,
              cash_payment_limit: existing.cash_payment_limit,
            }),
            announcement: existing.announcement,
            bands: beforeBands.map(({ effective_from_fiscal_year: _y, ...b }) => plain(b)),
          }
        : null,
      after: { ...plain(row), bands: bands.map(({ effective_from_fiscal_year: _y, ...b }) => plain(b)) },
    });
    return { year, created: !existing, version: existing ? existing.version + 1 : 1 };
  });
}
