import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { DEMO_ACCOUNTS, isDatabaseEmpty, seedDemo } from '../../src/db/seed/demo.ts';
import { createTestDatabase } from '../support/test-db.ts';

describe('demo seed', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('finds a migrated database empty, fills it, and can be run again without duplicates', async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    await seedDemo(database.db);
    expect(await isDatabaseEmpty(database.db)).toBe(false);
    await seedDemo(database.db);
    const users = await database.db.selectFrom('app_user').select('username').execute();
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
  });

  it('leaves accounts it did not create alone', async () => {
    await database.db
      .insertInto('app_user')
      .values({ username: 'real.person', first_name: 'จริง', last_name: 'ใจ', password_hash: 'x' })
      .execute();
    await seedDemo(database.db);
    const real = await database.db.selectFrom('app_user').select('username').where('username', '=', 'real.person').execute();
    expect(real).toHaveLength(1);
  });
});
