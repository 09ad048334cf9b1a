import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { clearDemoReports, seedDemoReports } from '../../src/db/seed/demo-reports.ts';
import { listProjectReports } from '../../src/use-cases/project-reports.ts';
import { actorFor } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

/** The demo reports: every state of the review on the complete funds' projects, loaded again without doubling. */
describe('demo reports', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
  });
  afterAll(() => database.close());

  const states = async () =>
    (await database.db.selectFrom('project_report').select(['state', 'is_demo']).execute()).reduce<Record<string, number>>((m, r) => {
      expect(r.is_demo).toBe(true);
      m[r.state] = (m[r.state] ?? 0) + 1;
      return m;
    }, {});

  it('has a report in every state, a return with its comment and an overdue draft, and reloads the same', async () => {
    await database.db.transaction().execute((tx) => seedDemoReports(tx));
    const first = await states();
    expect(Object.keys(first).sort()).toEqual(['accepted', 'checked', 'draft', 'returned', 'submitted']);
    const returned = await database.db
      .selectFrom('project_report_event')
      .select('comment')
      .where('action', '=', 'return')
      .executeTakeFirstOrThrow();
    expect(returned.comment).not.toBe('');
    const project = await database.db
      .selectFrom('project_report as r')
      .innerJoin('proposal as p', 'p.id', 'r.proposal_id')
      .innerJoin('fund as f', 'f.id', 'p.fund_id')
      .select(['p.project_code', 'f.code'])
      .where('r.state', '=', 'draft')
      .where('r.kind', '=', 'final')
      .executeTakeFirstOrThrow();
    const officer = await actorFor(database.db, `officer.${project.code.toLowerCase()}`);
    const list = await listProjectReports(database.db, officer, { code: project.project_code });
    expect(list.reports.find((r) => r.kind === 'final')?.timeliness).toBe('overdue');
    await database.db.transaction().execute(async (tx) => {
      await clearDemoReports(tx);
      await seedDemoReports(tx);
    });
    expect(await states()).toEqual(first);
  });
});
