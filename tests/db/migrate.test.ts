import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { currentMigrationVersion, listMigrations, migrate } from '../../src/db/migrate.ts';
import { createTestDatabase } from '../support/test-db.ts';

describe('migrations', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('are numbered without gaps or duplicates', () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('record every file and apply nothing the second time', async () => {
    const latest = listMigrations().at(-1)!.version;
    expect(await currentMigrationVersion(database)).toBe(latest);
    expect(await migrate(database)).toEqual([]);
    const rows = await database.db.selectFrom('schema_migration').select(['version', 'name']).orderBy('version').execute();
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it('roll back a failing migration entirely, recording nothing', async () => {
    const broken = [
      ...listMigrations(),
      { version: 9999, name: 'broken', sql: 'create table half_done (id int); select * from no_such_table;' },
    ];
    await expect(migrate(database, broken)).rejects.toThrow(/no_such_table/);
    expect(await currentMigrationVersion(database)).toBe(listMigrations().at(-1)!.version);
    const leftover = await database.db
      .selectFrom('information_schema.tables' as never)
      .select('table_name' as never)
      .where('table_name' as never, '=', 'half_done' as never)
      .execute();
    expect(leftover).toEqual([]);
  });
});
