import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { withDatabase } from './db-global-setup.ts';

/**
 * A fresh, migrated database of its own for one test file (or one test): PGlite in memory from
 * the template dump, or a PostgreSQL database copied from the template when TEST_DATABASE_URL
 * is set. close() throws it away.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openDatabase({ engine: 'pglite', loadDataDir: template });
  }
  const name = `kt_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // PostgreSQL copies a template for one CREATE DATABASE at a time: take turns.
    await admin.query('select pg_advisory_lock(4242002)');
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
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
