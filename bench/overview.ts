import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/database.ts';
import { getOverview, getOverviewFromBaseTables } from '../src/use-cases/overview.ts';
import { loadOverviewData } from './overview-data.ts';

/** p50 and p95 of `runs` timings after one warm-up, in ms. */
async function percentiles(run: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95) };
}

/**
 * Overviews at scale (issue 7): ten fiscal years of proposals, projects, reports and postings for
 * the funds of `provinces` (all when absent), then the overview of the country, a region, a
 * province, a district and a fund from the summary and from the base tables.
 */
export async function benchOverview(database: Database, provinces?: string[]): Promise<void> {
  const start = performance.now();
  const counts = await loadOverviewData(database.db, { provinces });
  console.log(`overview data load (${provinces ? `provinces ${provinces.join(',')}` : 'every fund'}): ${((performance.now() - start) / 1000).toFixed(1)} s`);
  console.log(`overview data: ${JSON.stringify(counts)}`);
  const admin = { userId: 0, roles: [{ role: 'admin' as const, scopeCode: 'TH' }] };
  for (const area of ['TH', 'R10', '33', '3304', 'L1976']) {
    const input = { area, fiscalYear: 2569 };
    const summary = await percentiles(() => getOverview(database.db, admin, input), 30);
    const base = await percentiles(() => getOverviewFromBaseTables(database.db, input), area === 'TH' ? 3 : 7);
    console.log(
      `overview ${area} FY 2569: summary p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms; base tables p50 ${base.p50.toFixed(0)} ms; ratio ${(base.p50 / summary.p50).toFixed(0)}×`,
    );
  }
  console.log(`bench process peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
