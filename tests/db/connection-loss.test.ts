import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';

const url = process.env.TEST_DATABASE_URL;

// PostgreSQL only: PGlite runs in-process and has no connections to lose.
describe.skipIf(!url)('a lost PostgreSQL connection', () => {
  it('is reported, does not crash the process, and the next query gets a new connection', async () => {
    const lost: Error[] = [];
    const database = await openDatabase({ engine: 'postgres', url: url!, poolSize: 1, onConnectionLost: (e) => lost.push(e) });
    try {
      const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      const pid = before.rows[0]!.pid;
      // The idle pooled connection is terminated from outside, as a server restart would.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await expect.poll(() => lost.length).toBe(1);
      expect((lost[0] as Error & { code?: string }).code).toBe('57P01');

      const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      expect(after.rows[0]!.pid).not.toBe(pid);
    } finally {
      await database.close();
    }
  });
});
