import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { parseCsv } from '../domain/csv.ts';
import { ruleInForce } from '../domain/fund-year.ts';
import {
  type ExistingFund,
  type ExistingYear,
  type FileProblem,
  type ImportContext,
  type ImportPlan,
  planImport,
  planIsApplicable,
  type ReadTables,
  readImportTables,
  type SourceTable,
  yearKey,
} from '../domain/import-funds.ts';
import { toNumeric } from '../domain/money.ts';
import type { Actor } from '../domain/policy.ts';
import type { MessageKey } from '../i18n/index.ts';
import { audit, invalid } from './admin-shared.ts';
import { authorize } from './authorize.ts';
import { Conflict } from './errors.ts';
import { decodeCsv, importFileKind, readWorkbook } from './import-files.ts';

export { importFileKind } from './import-files.ts';

// Importing funds and year profiles from CSV or XLSX. The dry run reads the file, plans every
// row against the database and keeps the file (only when it could be applied); the apply reads
// that same stored file again, plans again inside one transaction, and writes everything or
// nothing. Matching is on fund code (and fiscal year), so importing a file twice changes nothing.

type Db = Kysely<DB>;

/** The largest file accepted. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** The file's tables: the CSV, or each sheet of the workbook. Invalid 'file' when unreadable. */
async function readTables(fileName: string, content: Uint8Array): Promise<SourceTable[]> {
  const kind = importFileKind(fileName, content);
  if (kind === 'xls') throw invalid('file', 'admin.import.error.xls');
  if (!kind) throw invalid('file', 'admin.import.error.type');
  if (kind === 'csv') {
    const { records, unterminatedQuote } = parseCsv(decodeCsv(content));
    if (unterminatedQuote) throw invalid('file', 'admin.import.error.malformedCsv');
    return [{ sheet: null, records }];
  }
  try {
    // Numbers as the text the file holds, so money never passes through a float.
    return await readWorkbook(content);
  } catch {
    throw invalid('file', 'admin.import.error.malformedXlsx');
  }
}

const FILE_PROBLEM_KEYS: Record<FileProblem['code'], MessageKey> = {
  noTables: 'admin.import.error.noTables',
  missingColumns: 'admin.import.error.missingColumns',
  tooManyRows: 'admin.import.error.tooManyRows',
};

function rejectFileProblems(read: ReadTables): void {
  const problem = read.problems[0];
  if (!problem) return;
  const params: Record<string, string | number> = {};
  if (problem.code === 'missingColumns') {
    params.columns = problem.columns.join(', ');
    params.sheet = problem.sheet ?? 'CSV';
  }
  if (problem.code === 'tooManyRows') params.max = problem.max;
  throw invalid('file', FILE_PROBLEM_KEYS[problem.code], params);
}

async function readFile(fileName: string, content: Uint8Array): Promise<ReadTables> {
  if (content.length === 0) throw invalid('file', 'admin.import.error.empty');
  if (content.length > MAX_IMPORT_BYTES) throw invalid('file', 'admin.import.error.tooLarge', { max: 10 });
  const read = readImportTables(await readTables(fileName, content));
  rejectFileProblems(read);
  return read;
}

/** The database's state for the codes the file names. */
async function contextFor(db: Db | Transaction<DB>, read: ReadTables): Promise<ImportContext & { fundIds: Map<string, number> }> {
  const codes = [...new Set([...read.funds, ...read.years].map((r) => r.fundCode).filter((c) => c !== ''))];
  const districtCodes = [...new Set(read.funds.map((r) => r.values.district_code).filter((c): c is string => c !== undefined))];
  const funds = new Map<string, ExistingFund>();
  const fundIds = new Map<string, number>();
  const years = new Map<string, ExistingYear>();
  for (let i = 0; i < codes.length; i += 1000) {
    const chunk = codes.slice(i, i + 1000);
    const rows = await db
      .selectFrom('fund')
      .select(['id', 'code', 'name_th', 'lao_type', 'lao_name', 'district_code', 'established_fiscal_year', 'phone', 'email'])
      .where('code', 'in', chunk)
      .execute();
    for (const { id, ...fund } of rows) {
      funds.set(fund.code, fund);
      fundIds.set(fund.code, id);
    }
  }
  if (read.years.length > 0 && fundIds.size > 0) {
    const ids = [...fundIds.values()];
    const codeOf = new Map([...fundIds].map(([code, id]) => [id, code]));
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await db
        .selectFrom('fund_year')
        .select(['fund_id', 'fiscal_year', 'population', 'population_as_of', 'income_band', 'cofunding_budget'])
        .where('fund_id', 'in', ids.slice(i, i + 1000))
        .execute();
      for (const { fund_id, fiscal_year, ...year } of rows) years.set(yearKey(codeOf.get(fund_id)!, fiscal_year), year);
    }
  }
  const districts = new Set<string>();
  if (districtCodes.length > 0) {
    const rows = await db.selectFrom('area').select('code').where('code', 'in', districtCodes).where('level', '=', 'district').execute();
    for (const r of rows) districts.add(r.code);
  }
  const [ruleSets, bands] = await Promise.all([
    db.selectFrom('rule_set').select('effective_from_fiscal_year').execute(),
    db.selectFrom('cofunding_band').select(['effective_from_fiscal_year', 'band']).orderBy('income_from').execute(),
  ]);
  const rules = ruleSets.map((r) => ({ effectiveFromFiscalYear: r.effective_from_fiscal_year }));
  return {
    funds,
    fundIds,
    years,
    districts,
    bandsInForce(fiscalYear) {
      const rule = ruleInForce(rules, fiscalYear);
      return rule ? bands.filter((b) => b.effective_from_fiscal_year === rule.effectiveFromFiscalYear).map((b) => b.band) : null;
    },
  };
}

/** A fingerprint of what the plan would write, so the apply can tell the data moved since the preview. */
function planDigest(plan: ImportPlan): string {
  const rows = [...plan.funds, ...plan.years]
    .filter((r) => r.outcome === 'create' || r.outcome === 'update')
    .map((r) => [r.outcome, r.fundCode, r.fiscalYear, r.changed, r.values]);
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

export interface ImportPreview {
  fileName: string;
  plan: ImportPlan;
  ignoredColumns: ReadTables['ignoredColumns'];
  /** The stored upload to apply; null when there is nothing to apply or a row is rejected. */
  uploadId: string | null;
  digest: string;
}

/**
 * The dry run: reads the file and shows what would be created, updated, left unchanged or
 * rejected, changing nothing in the registry. A file that could be applied is kept for the apply.
 */
export async function previewImport(
  db: Db,
  actor: Actor | null,
  input: { fileName: string; content: Uint8Array },
): Promise<ImportPreview> {
  authorize(actor, 'funds.import');
  const fileName = (input.fileName || '').slice(-255);
  if (!fileName && input.content.length === 0) throw invalid('file', 'admin.import.error.noFile');
  const read = await readFile(fileName, input.content);
  const plan = planImport(read, await contextFor(db, read));
  const digest = planDigest(plan);
  let uploadId: string | null = null;
  if (planIsApplicable(plan) && actor) {
    uploadId = randomBytes(18).toString('base64url');
    await db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('import_upload')
        .where('created_at', '<', sql<Date>`now() - interval '1 day'`)
        .execute();
      await tx
        .insertInto('import_upload')
        .values({ id: uploadId!, user_id: actor.userId, file_name: fileName, content_base64: Buffer.from(input.content).toString('base64') })
        .execute();
    });
  }
  return { fileName, plan, ignoredColumns: read.ignoredColumns, uploadId, digest };
}

export interface ImportResult {
  fileName: string;
  counts: ImportPlan['counts'];
}

/**
 * Applies a previewed upload: the same file is read and planned again inside one transaction;
 * any rejected row, or a plan that differs from the preview's, and nothing is written.
 */
export async function applyImport(db: Db, actor: Actor | null, input: { uploadId: string; digest: string }): Promise<ImportResult> {
  authorize(actor, 'funds.import');
  const uploadId = String(input.uploadId ?? '');
  const upload = await db
    .selectFrom('import_upload')
    .selectAll()
    .where('id', '=', uploadId)
    .where('user_id', '=', actor?.userId ?? -1)
    .executeTakeFirst();
  if (!upload) throw invalid('file', 'admin.import.error.uploadGone');
  const read = await readFile(upload.file_name, Buffer.from(upload.content_base64, 'base64'));
  return db.transaction().execute(async (tx) => {
    // One import at a time, so two applies cannot both create the same fund.
    await sql`select pg_advisory_xact_lock(4242102)`.execute(tx);
    // Taking the upload is what makes this apply the only one of it.
    const taken = await tx.deleteFrom('import_upload').where('id', '=', uploadId).executeTakeFirst();
    if (Number(taken.numDeletedRows) === 0) throw invalid('file', 'admin.import.error.uploadGone');
    const context = await contextFor(tx, read);
    const plan = planImport(read, context);
    if (plan.counts.reject > 0) throw invalid('file', 'admin.import.error.rejected', { count: plan.counts.reject });
    if (planDigest(plan) !== input.digest) throw new Conflict(`import ${uploadId}`);
    if (plan.funds.some((r) => r.outcome === 'create')) authorize(actor, 'fund.create');

    const created: string[] = [];
    const updated: string[] = [];
    const newFunds = plan.funds.filter((r) => r.outcome === 'create');
    for (let i = 0; i < newFunds.length; i += 500) {
      const rows = await tx
        .insertInto('fund')
        .values(
          newFunds.slice(i, i + 500).map((r) => ({
            code: r.fundCode,
            name_th: r.values.name_th!,
            lao_type: r.values.lao_type!,
            lao_name: r.values.lao_name!,
            district_code: r.values.district_code!,
            established_fiscal_year: r.values.established_fiscal_year ?? null,
            phone: r.values.phone ?? null,
            email: r.values.email ?? null,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      for (const row of rows) {
        context.fundIds.set(row.code, row.id);
        created.push(row.code);
      }
    }
    const moved: string[] = [];
    for (const r of plan.funds.filter((p) => p.outcome === 'update')) {
      await tx
        .updateTable('fund')
        .set({ ...r.values, version: sql<number>`version + 1`, updated_at: sql`now()` })
        .where('code', '=', r.fundCode)
        .execute();
      updated.push(r.fundCode);
      if (r.changed.includes('district_code')) {
        // A fund moved to another district no longer covers the subdistricts of the old one.
        await tx
          .deleteFrom('fund_subdistrict')
          .where('fund_id', '=', context.fundIds.get(r.fundCode)!)
          .where('subdistrict_code', 'not like', `${r.values.district_code}%`)
          .execute();
        moved.push(r.fundCode);
      }
    }
    const yearRow = (values: (typeof plan.years)[number]['values']) => ({
      ...(values.population !== undefined ? { population: values.population } : {}),
      ...(values.population_as_of !== undefined ? { population_as_of: values.population_as_of } : {}),
      ...(values.income_band !== undefined ? { income_band: values.income_band } : {}),
      ...(values.cofunding_budget !== undefined ? { cofunding_budget: toNumeric(values.cofunding_budget) } : {}),
    });
    const newYears = plan.years.filter((r) => r.outcome === 'create');
    for (let i = 0; i < newYears.length; i += 500) {
      await tx
        .insertInto('fund_year')
        .values(newYears.slice(i, i + 500).map((r) => ({ fund_id: context.fundIds.get(r.fundCode)!, fiscal_year: r.fiscalYear!, ...yearRow(r.values) })))
        .execute();
    }
    for (const r of plan.years.filter((p) => p.outcome === 'update')) {
      await tx
        .updateTable('fund_year')
        .set({ ...yearRow(r.values), version: sql<number>`version + 1`, updated_at: sql`now()` })
        .where('fund_id', '=', context.fundIds.get(r.fundCode)!)
        .where('fiscal_year', '=', r.fiscalYear!)
        .execute();
    }
    if (plan.counts.create + plan.counts.update > 0) {
      await audit(tx, actor?.userId ?? null, 'funds.import', 'import', uploadId, {
        file: upload.file_name,
        counts: plan.counts,
        funds: { created: created.slice(0, 200), updated: updated.slice(0, 200), moved: moved.slice(0, 200) },
        years: {
          created: plan.years.filter((r) => r.outcome === 'create').length,
          updated: plan.years.filter((r) => r.outcome === 'update').length,
        },
      });
    }
    return { fileName: upload.file_name, counts: plan.counts };
  });
}
