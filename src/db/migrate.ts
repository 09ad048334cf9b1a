import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK_KEY = 4_242_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The numbered plain-SQL files, in order: NNNN_name.sql. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(`${dir}/${file}`, 'utf8'),
    }));
}

/**
 * Applies the migrations not yet recorded, each in its own transaction with its record.
 * Safe to run twice and from several processes at once (an advisory lock serialises them).
 * Returns the versions applied by this call.
 */
export async function migrate(database: Database, migrations = listMigrations()): Promise<number[]> {
  await database.scriptTransaction(async (tx) => {
    await tx.script(`create table if not exists schema_migration (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    await database.scriptTransaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const done = await tx.query('select 1 from schema_migration where version = $1', [migration.version]);
      if (done.length > 0) return;
      await tx.script(migration.sql);
      await tx.query('insert into schema_migration (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    });
  }
  return applied;
}

/** The highest applied migration, or 0 on an empty database. */
export async function currentMigrationVersion(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('schema_migration')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version ?? 0;
}
