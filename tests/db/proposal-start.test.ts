import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { startChoices } from '../../src/use-cases/proposal-start.ts';
import { startProposal } from '../../src/use-cases/proposals.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

describe('what a proposal can be started from', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
  });
  afterAll(() => database.close());

  it('offers a proposer their organisation’s fund, the examples, and their own earlier proposals to copy', async () => {
    const proposer = await actorFor(database.db, 'proposer.l1978');
    const { id } = await startProposal(database.db, proposer, { code: 'L1978', example: (await startChoices(database.db, proposer)).examples[0]!.id });
    const choices = await startChoices(database.db, proposer);
    expect(choices.funds.map((f) => f.code)).toEqual(['L1978']);
    expect(choices.preselected).toBe('L1978');
    expect(choices.anyFund).toBe(false);
    expect(choices.examples.length).toBeGreaterThanOrEqual(17);
    expect(choices.own.map((p) => p.id)).toContain(id);
    // Another group's proposals are not theirs to copy.
    const other = await startChoices(database.db, await actorFor(database.db, 'proposer.l1976'));
    expect(other.own.map((p) => p.id)).not.toContain(id);
  });

  it('lets an officer start at their fund and an admin at any, and nobody else', async () => {
    const officer = await startChoices(database.db, await actorFor(database.db, 'officer.l1978'));
    expect(officer.funds.map((f) => f.code)).toEqual(['L1978']);
    expect(officer.preselected).toBe('L1978');
    expect((await startChoices(database.db, await actorFor(database.db, 'admin'))).anyFund).toBe(true);
    expect(await refusal(async () => startChoices(database.db, await actorFor(database.db, 'mentor3304')))).toBeInstanceOf(Forbidden);
    expect(await refusal(() => startChoices(database.db, null))).toBeInstanceOf(Forbidden);
  });
});
