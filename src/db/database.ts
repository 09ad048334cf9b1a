import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

/** The open database: a typed query builder plus what the migration runner needs beneath it. */
export interface Database {
  readonly engine: Engine;
  readonly db: Kysely<DB>;
  /** Runs `fn` in one transaction with a way to execute multi-statement SQL scripts. */
  scriptTransaction(fn: (exec: ScriptExecutor) => Promise<void>): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (a backup, or a test template). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface ScriptExecutor {
  /** Several statements, no parameters (simple query protocol). */
  script(sql: string): Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
}

// Same JS types from both engines: bigint counts as numbers (they stay far below 2^53),
// `date` as the 'yyyy-mm-dd' string it is (a calendar day has no time zone), numeric as an
// exact string that src/domain/money.ts turns into satang.
const INT8 = 20;
const DATE = 1082;
const parseInt8 = (value: string) => Number(value);
const keepText = (value: string) => value;

export type OpenOptions =
  | {
      engine: 'postgres';
      url: string;
      poolSize?: number;
      /** An idle pooled connection broke (server restart, admin termination); the pool has dropped it. */
      onConnectionLost?: (error: Error) => void;
    }
  | { engine: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.engine === 'postgres' ? openPostgres(options) : openPGlite(options);
}

const reportLostConnection = (error: Error) =>
  process.stderr.write(`kongtun: a database connection was lost and will be reopened: ${error.message}\n`);

async function openPostgres({
  url,
  poolSize = 10,
  onConnectionLost = reportLostConnection,
}: Extract<OpenOptions, { engine: 'postgres' }>): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return parseInt8;
        if (oid === DATE) return keepText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // Without a listener an idle connection's error would crash the process; the pool replaces
  // the connection on the next query. While closing, connections ending is expected.
  let closing = false;
  pool.on('error', (error) => {
    if (!closing) onConnectionLost(error);
  });
  // Fail at boot, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    db,
    async scriptTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await fn({
          script: async (sql) => {
            await client.query(sql);
          },
          query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
        });
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => {
      closing = true;
      return db.destroy();
    },
  };
}

async function openPGlite(options: { dataDir?: string; loadDataDir?: Blob }): Promise<Database> {
  if (options.dataDir) mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: { [INT8]: parseInt8, [DATE]: keepText },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    engine: 'pglite',
    db,
    async scriptTransaction(fn) {
      // Holding a Kysely connection keeps other queries out while the script runs on PGlite.
      await db.connection().execute(() =>
        pglite.transaction(async (tx) => {
          await fn({
            script: async (sql) => {
              await tx.exec(sql);
            },
            query: async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows,
          });
        }),
      );
    },
    dumpDataDir: () => db.connection().execute(() => pglite.dumpDataDir('gzip')),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await pglite.close();
    },
  };
}

/** A PGlite data directory lives in its own folder under DATA_DIR. */
export function pgliteDataDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}
