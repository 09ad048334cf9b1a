import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * One app server for all journeys: PGlite in a fresh folder, or the PostgreSQL server when
 * TEST_DATABASE_URL is set (its own database, dropped afterwards). Demo data loads as on a
 * newcomer's first start.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(path.resolve(import.meta.dirname, '../../../build/server/index.js'))) {
    throw new Error('build/ is missing: run the journeys with `npm run test:e2e`, which builds first');
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kongtun-e2e-'));
  let dropDatabase = async () => {};
  const env: Record<string, string> = { DATA_DIR: dataDir };
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const { default: pg } = await import('pg');
    const name = `kt_e2e_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    env.DATABASE_URL = target.toString();
    dropDatabase = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const server = await startServer(env);
  project.provide('baseUrl', server.url);
  return async () => {
    server.process.kill('SIGTERM');
    await server.exited;
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
