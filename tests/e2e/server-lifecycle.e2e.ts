import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signInOverHttp } from './support/http.ts';
import { startServer } from './support/server.ts';

const dirs: string[] = [];
function dataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kongtun-lifecycle-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A GET whose request has been written to the socket when `sent` resolves. */
function get(url: string, cookie = '', agent: Agent | false = false) {
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => {
    markSent = resolve;
  });
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { agent, headers: { cookie } }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('finish', markSent);
    req.end();
  });
  return { sent, done };
}

// Each start on a fresh data directory seeds the whole demo first: minutes on a busy machine.
describe('the server process on PGlite', { timeout: 300_000 }, () => {
  it('finishes the requests in flight on SIGTERM, closes the database and reopens it cleanly', async () => {
    const dir = dataDir();
    const server = await startServer({ DATA_DIR: dir });
    // Connections the server has accepted (each has answered once), each now sending a request.
    const agent = new Agent({ keepAlive: true, maxSockets: 40 });
    const warmUp = Array.from({ length: 40 }, () => get(`${server.url}/`, '', agent));
    await Promise.all(warmUp.map((r) => r.done));
    const requests = Array.from({ length: 40 }, () => get(`${server.url}/`, '', agent));
    let answered = 0;
    for (const r of requests) r.done.then(() => answered++);
    await Promise.all(requests.map((r) => r.sent));
    const answeredBeforeSignal = answered;
    server.process.kill('SIGTERM');
    const answers = await Promise.all(requests.map((r) => r.done));
    agent.destroy();
    expect(answeredBeforeSignal).toBeLessThan(requests.length);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped: database closed');

    const again = await startServer({ DATA_DIR: dir });
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    again.process.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('loses nothing committed when killed with SIGKILL', async () => {
    const dir = dataDir();
    const server = await startServer({ DATA_DIR: dir });
    const session = await signInOverHttp(server.url, 'admin');
    expect((await get(`${server.url}/`, session).done).body).toContain('user-badge');
    server.process.kill('SIGKILL');
    await server.exited;

    // The session row was committed before the response: after a hard kill it is still there.
    const again = await startServer({ DATA_DIR: dir });
    expect((await get(`${again.url}/`, session).done).body).toContain('user-badge');
    again.process.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('stops at boot with one line naming a wrong variable', async () => {
    await expect(startServer({ DATA_DIR: dataDir(), PORT: 'eighty' })).rejects.toThrow(
      /kongtun: Invalid environment variable PORT="eighty"/,
    );
  });
});
