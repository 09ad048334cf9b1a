import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase, pgliteDataDir } from '../../../src/db/database.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { ensureReferenceAreas } from '../../../src/db/reference/areas.ts';
import type { DB } from '../../../src/db/schema.ts';
import { seedDemo } from '../../../src/db/seed/demo.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts the built app (server/main.ts) and waits until /healthz answers. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // A first start loads the whole demo country; on a busy 2-core machine that can take minutes.
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, process: child, output: () => output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start within 240 s:\n${output}`);
}

/**
 * A fresh PGlite data folder with the demo loaded, and whatever `extra` adds through the use
 * cases, prepared before the server starts (PGlite is one process's database).
 */
export async function demoDataDir(prefix: string, extra?: (db: Kysely<DB>) => Promise<void>): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `kongtun-${prefix}-`));
  const database = await openDatabase({ engine: 'pglite', dataDir: pgliteDataDir(dataDir) });
  try {
    await migrate(database);
    await ensureReferenceAreas(database.db);
    await seedDemo(database.db);
    await extra?.(database.db);
  } finally {
    await database.close();
  }
  return dataDir;
}
