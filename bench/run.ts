import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Database, openDatabase, pgliteDataDir } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { ensureReferenceAreas } from '../src/db/reference/areas.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { benchImport, benchImportOnPostgres, importSizes } from './import.ts';
import { benchOverviewLoad } from './load.ts';
import { benchOverview } from './overview.ts';
import { benchPlanning } from './planning.ts';
import { benchRegistry } from './registry.ts';

/**
 * npm run bench — the figures the issues name, on PGlite and (with BENCH_DATABASE_URL) on a
 * PostgreSQL server. Each section prints `name: value unit` lines. BENCH_ONLY=registry,planning,
 * overview,import runs only the sections named; BENCH_ENGINES=pglite or postgres only that engine;
 * BENCH_KEEP_DATABASE=1 keeps PostgreSQL's kt_bench after the run.
 */
const only = process.env.BENCH_ONLY?.split(',');
const section = (name: string) => !only || only.includes(name);
const engines = process.env.BENCH_ENGINES?.split(',') ?? ['pglite', 'postgres'];

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
  return result;
}

async function benchEngine(
  engine: string,
  serve: { url?: string; dataDir?: string },
  open: () => Promise<Database>,
  reopen?: () => Promise<Database>,
  overviewProvinces?: string[],
) {
  console.log(`\n== ${engine}`);
  let database = await time('open (first start)', open);
  await time('migrate', () => migrate(database));
  await time('load reference areas (13 regions, 77 provinces, 928 districts, 7,441 subdistricts)', () =>
    ensureReferenceAreas(database.db),
  );
  await time('seed demo (7,261 funds × 3 years with plans, 6 complete funds)', () => seedDemo(database.db));
  if (reopen) {
    await database.close();
    database = await time('re-open', reopen);
  }
  if (section('registry')) await benchRegistry(database);
  if (section('planning')) await benchPlanning(database);
  if (section('overview')) await benchOverview(database, overviewProvinces);
  // On PostgreSQL the import has a database of its own (below); here it follows on in the same one.
  if (section('import') && engine === 'PGlite') await benchImport(database, importSizes('pglite'));
  await database.close();
  // PGlite has one owner at a time: the server opens the data directory once the bench let go.
  if (section('overview')) await benchOverviewLoad(serve);
}

const dir = mkdtempSync(path.join(tmpdir(), 'kongtun-bench-'));
try {
  const dataDir = pgliteDataDir(dir);
  if (engines.includes('pglite')) {
    await benchEngine(
      'PGlite',
      // The server opens DATA_DIR/pglite, the folder the bench loaded.
      { dataDir: dir },
      () => openDatabase({ engine: 'pglite', dataDir }),
      () => openDatabase({ engine: 'pglite', dataDir }),
      // A tenth of the country: region 10's five provinces and three more, ~700 funds.
      (process.env.BENCH_PGLITE_PROVINCES ?? '33,34,35,37,49,30,31,32').split(','),
    );
  }
  const url = engines.includes('postgres') ? process.env.BENCH_DATABASE_URL : undefined;
  if (url && (section('registry') || section('planning') || section('overview'))) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('drop database if exists kt_bench with (force)');
    await admin.query('create database kt_bench');
    const target = new URL(url);
    target.pathname = '/kt_bench';
    await benchEngine(
      'PostgreSQL',
      { url: target.toString() },
      () => openDatabase({ engine: 'postgres', url: target.toString() }),
      undefined,
      process.env.BENCH_PROVINCES?.split(','),
    );
    // BENCH_KEEP_DATABASE=1 leaves the loaded database for a look at its plans (the next run drops it).
    if (!process.env.BENCH_KEEP_DATABASE) await admin.query('drop database if exists kt_bench with (force)');
    await admin.end();
  }
  if (url && section('import')) await benchImportOnPostgres(url);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
