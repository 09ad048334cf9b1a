import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/database.ts';
import { countryOverview, getArea, getFundProfile, searchFunds } from '../src/use-cases/registry-read.ts';


/** Median of `runs` timings after one warm-up, in ms. */
export async function median(run: () => Promise<unknown>, runs = 15): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Registry reads at national scale (issue 3): browsing, search by Thai substring, a profile. */
export async function benchRegistry(database: Database): Promise<void> {
  const db = database.db;
  const cases: [string, () => Promise<unknown>][] = [
    ['country overview (13 regions with counts)', () => countryOverview(db, null)],
    ['province page (Si Sa Ket, 22 districts)', () => getArea(db, null, { code: '33' })],
    ['district page (กันทรลักษ์, its funds)', () => getArea(db, null, { code: '3304' })],
    ['search funds, Thai substring "บึง" (national)', () => searchFunds(db, null, { q: 'บึง' })],
    ['search funds, code prefix "L19"', () => searchFunds(db, null, { q: 'L19' })],
    ['search funds in region 10, "โนน"', () => searchFunds(db, null, { q: 'โนน', area: 'R10' })],
    ['fund profile (L1976, 3 years, committee)', () => getFundProfile(db, null, { code: 'L1976' })],
  ];
  for (const [label, run] of cases) {
    console.log(`${label}: median ${(await median(run)).toFixed(1)} ms`);
  }
}
