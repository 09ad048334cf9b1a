import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { withDatabase } from './db-global-setup.ts';

/**
 * A fresh, migrated database of its own for one test file (or one test), with the reference
 * areas and, when asked, the demo data: PGlite in memory from a template dump, or a PostgreSQL
 * database copied from a template when TEST_DATABASE_URL is set. close() throws it away.
 */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = new Blob([readFileSync(inject(options.demo ? 'pgliteDemoTemplate' : 'pgliteTemplate'))]);
    return openDatabase({ engine: 'pglite', loadDataDir: template });
  }
  const template = inject(options.demo ? 'postgresDemoTemplate' : 'postgresTemplate');
  // Named after this run's template, so a concurrent run's clean-up leaves it alone.
  const name = `kt_test_${template.replace(/^kt_template_(demo_)?/, '')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // PostgreSQL copies a template for one CREATE DATABASE at a time: take turns.
    await admin.query('select pg_advisory_lock(4242002)');
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ engine: 'postgres', url: withDatabase(url, name), poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export const TEST_ENGINE = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
