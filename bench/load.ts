import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The five levels the issue names, each one overview page. */
const PAGES = ['TH', 'R10', '33', '3304', 'L1976'].map((area) => `/overview/${area}/2569`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not answer /healthz within 120 s');
}

/** The server's peak resident memory (VmHWM), in MB. */
function peakMemoryMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

/**
 * The overview page under 50 concurrent connections (issue 7): the built server, as it runs in
 * production, on the database the bench just loaded, with each connection cycling through the
 * five levels. Prints pages per second, latency and the server's peak memory.
 */
export async function benchOverviewLoad(database: { url?: string; dataDir?: string }, seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 20)): Promise<void> {
  // Built every run: a build left from older sources would measure them.
  execFileSync(path.join(ROOT, 'node_modules/.bin/react-router'), ['build'], { cwd: ROOT, stdio: 'ignore' });
  const port = await freePort();
  const server = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'never',
      NODE_ENV: 'production',
      ...(database.url ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, server);
    for (const page of PAGES) {
      const response = await fetch(base + page);
      if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
      await response.text();
    }
    const result = await autocannon({
      url: base,
      connections: 50,
      duration: seconds,
      requests: PAGES.map((page) => ({ method: 'GET', path: page })),
    });
    const failed = result.non2xx + result.errors + result.timeouts;
    console.log(
      `overview pages under 50 connections (${seconds} s, five levels in turn): ${result.requests.average.toFixed(0)} pages/s; latency p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms; ${failed} failed of ${result.requests.total}`,
    );
    console.log(`server peak memory (VmHWM) after the load: ${peakMemoryMb(server.pid!).toFixed(0)} MB`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}
