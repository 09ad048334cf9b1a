import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { ensureReferenceAreas } from '../../src/db/reference/areas.ts';
import { seedDemo } from '../../src/db/seed/demo.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: migrated data-directory dumps that each test file loads (plain, and with demo data). */
    pgliteTemplate: string;
    pgliteDemoTemplate: string;
    /** PostgreSQL: the migrated template databases each test file copies. */
    postgresTemplate: string;
    postgresDemoTemplate: string;
  }
}

/** Migrated with the reference areas: what every installation starts from. */
async function prepare(database: Database): Promise<void> {
  await migrate(database);
  await ensureReferenceAreas(database.db);
}

/**
 * Builds the templates once per run; every test file then starts from a copy in well under a
 * second, either empty (reference areas only) or with the demo data.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const templates: Record<'plain' | 'demo', string> = {
      plain: `kt_template_${process.pid}`,
      demo: `kt_template_demo_${process.pid}`,
    };
    for (const [kind, name] of Object.entries(templates)) {
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const database = await openDatabase({ engine: 'postgres', url: withDatabase(url, name), poolSize: 1 });
      await prepare(database);
      if (kind === 'demo') await seedDemo(database.db);
      await database.close();
      // A closed connection's backend lingers for a moment; copying needs it gone.
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    project.provide('postgresTemplate', templates.plain);
    project.provide('postgresDemoTemplate', templates.demo);
    project.provide('pgliteTemplate', '');
    project.provide('pgliteDemoTemplate', '');
    return async () => {
      // Drop the templates and any test database a crashed worker of this run left behind.
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1 or datname = any($2)',
        [`kt_test_${process.pid}_%`, Object.values(templates)],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ engine: 'pglite' });
  await prepare(database);
  const files = {
    plain: path.join(tmpdir(), `kongtun-template-${process.pid}.tar.gz`),
    demo: path.join(tmpdir(), `kongtun-template-demo-${process.pid}.tar.gz`),
  };
  writeFileSync(files.plain, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  await seedDemo(database.db);
  writeFileSync(files.demo, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', files.plain);
  project.provide('pgliteDemoTemplate', files.demo);
  project.provide('postgresTemplate', '');
  project.provide('postgresDemoTemplate', '');
  return () => {
    rmSync(files.plain, { force: true });
    rmSync(files.demo, { force: true });
  };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
