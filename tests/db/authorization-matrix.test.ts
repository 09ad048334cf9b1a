import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { Actor } from '../../src/domain/policy.ts';
import {
  addRoleAssignment,
  issuePasswordReset,
  listAccounts,
  setAccountActive,
  signOutEverywhere,
  viewAccount,
} from '../../src/use-cases/accounts.ts';
import { createApiToken, listApiTokens } from '../../src/use-cases/api-tokens.ts';
import { Forbidden, NotFound } from '../../src/use-cases/errors.ts';
import {
  addCommitteeMember,
  endCommitteeTerm,
  getFundForEdit,
  getFundYearForEdit,
  listCommitteeForEdit,
  saveFundYear,
  updateCommitteeMember,
  updateFund,
} from '../../src/use-cases/funds-write.ts';
import { previewImport } from '../../src/use-cases/import-funds.ts';
import { getAreaPlans, getDistrictIssues, getSituationSeries, saveDistrictIssues } from '../../src/use-cases/plan-analysis.ts';
import { createIndicator, saveApproach, updateIndicator, updateProgram } from '../../src/use-cases/planning-catalogue.ts';
import {
  addPlanProgram,
  getFundPlanExport,
  getFundPlanYear,
  getPlanEntry,
  listFundPlanYears,
  removePlanProgram,
  saveFinancialPlan,
  savePlanEntry,
  startFundPlan,
  transitionFundPlan,
} from '../../src/use-cases/plans.ts';
import { getFundProfile } from '../../src/use-cases/registry-read.ts';
import { listRuleSets, saveRuleSet } from '../../src/use-cases/rules.ts';
import { actorFor, permissionMatrix } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';
import { ROLES_AROUND_L1976 } from '../support/demo-accounts.ts';

/**
 * Every role against every use case that protects something, on the demo data. The target is
 * fund L1976 (อำเภอกันทรลักษ์ 3304, ศรีสะเกษ 33, region 10) and the account of its proposer;
 * for planning, its plans (FY 2569 approved, FY 2570 a draft), district 3304's plan and issues,
 * and the planning catalogue.
 * Inputs are chosen so that an allowed call of a changing use case cannot complete (a stale
 * version, a missing field), except the harmless ones (a reset code, signing out): the test asks
 * whether the policy let the call through, and that the refused changed nothing.
 */
const ACCOUNTS = {
  ...ROLES_AROUND_L1976,
  proposer_self: 'proposer.l1976',
  proposer_other: 'proposer.l1977',
} as const;
type Who = keyof typeof ACCOUNTS | 'public';
const WHO = ['public', ...Object.keys(ACCOUNTS)] as Who[];
/** Everyone who works on or oversees fund L1976: they see its draft plans. */
const INTERNAL: Who[] = ['admin', 'region_in', 'province_in', 'mentor_district_in', 'mentor_fund_in', 'board_secretary_in', 'officer_in', 'finance_in', 'committee_in'];
/** Who may write a fund plan's content: the fund's officer and the mentors of its area. */
const PLAN_EDITORS: Who[] = ['admin', 'officer_in', 'mentor_district_in', 'mentor_fund_in'];
const PLAN_WORKFLOW: Who[] = ['admin', 'officer_in'];

describe('every role against every protected use case', () => {
  let database: Database;
  const actors = new Map<Who, Actor | null>([['public', null]]);
  let proposerId: number;
  let memberId: number;
  /** A program in L1976's FY 2569 (approved) plan and one in its FY 2570 (draft) plan. */
  let approvedProgram: string;
  let draftProgram: string;
  let planningBefore: unknown;
  /** The demo's own history ends here; what the calls above wrote comes after. */
  let lastDemoEvent: number;

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    for (const [who, username] of Object.entries(ACCOUNTS)) actors.set(who as Who, await actorFor(database.db, username));
    proposerId = actors.get('proposer_self')!.userId;
    const fund = await database.db.selectFrom('fund').select('id').where('code', '=', 'L1976').executeTakeFirstOrThrow();
    memberId = (await database.db.selectFrom('committee_member').select('id').where('fund_id', '=', fund.id).limit(1).executeTakeFirstOrThrow()).id;
    const programOf = async (fiscalYear: number, status: 'approved' | 'draft') =>
      (
        await database.db
          .selectFrom('plan_entry')
          .innerJoin('fund_plan', 'fund_plan.id', 'plan_entry.plan_id')
          .select('program_code')
          .where('fund_plan.fund_id', '=', fund.id)
          .where('fund_plan.fiscal_year', '=', fiscalYear)
          .where('fund_plan.status', '=', status)
          .orderBy('program_code')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).program_code;
    approvedProgram = await programOf(2569, 'approved');
    draftProgram = await programOf(2570, 'draft');
    planningBefore = await planningSnapshot(database.db);
    lastDemoEvent = Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0);
  });
  afterAll(() => database.close());

  const STALE = -1;
  const CASES: [name: string, allowed: Who[], call: (db: Database['db'], actor: Actor | null) => Promise<unknown>][] = [
    ['open a fund for editing', ['admin', 'officer_in'], (db, a) => getFundForEdit(db, a, { code: 'L1976' })],
    ['update a fund', ['admin', 'officer_in'], (db, a) => updateFund(db, a, { code: 'L1976', version: STALE })],
    ['open a fund year', ['admin', 'officer_in', 'finance_in'], (db, a) => getFundYearForEdit(db, a, { code: 'L1976', fiscalYear: 2570 })],
    ['save a fund year', ['admin', 'officer_in', 'finance_in'], (db, a) => saveFundYear(db, a, { code: 'L1976', fiscalYear: 2570, version: STALE })],
    ['list the committee for editing', ['admin', 'officer_in'], (db, a) => listCommitteeForEdit(db, a, { code: 'L1976' })],
    ['add a committee member', ['admin', 'officer_in'], (db, a) => addCommitteeMember(db, a, { code: 'L1976' })],
    ['update a committee member', ['admin', 'officer_in'], (db, a) => updateCommitteeMember(db, a, { code: 'L1976', id: memberId, version: STALE })],
    ['end a committee term', ['admin', 'officer_in'], (db, a) => endCommitteeTerm(db, a, { code: 'L1976', id: memberId, version: STALE })],
    ['list rule tables', ['admin'], (db, a) => listRuleSets(db, a)],
    ['save a rule table', ['admin'], (db, a) => saveRuleSet(db, a, {})],
    ['preview an import', ['admin'], (db, a) => previewImport(db, a, { fileName: 'x.csv', content: new Uint8Array() })],
    ['list all accounts', ['admin'], (db, a) => listAccounts(db, a, {})],
    ['give someone a role', ['admin'], (db, a) => addRoleAssignment(db, a, { userId: proposerId, role: 'no-such-role', scopeCode: '' })],
    ['deactivate an account', ['admin'], (db, a) => setAccountActive(db, a, { userId: proposerId, active: false, version: STALE })],
    // The fund's officer may reset its proposer's password: someone elsewhere may not.
    ['issue a password reset', ['admin', 'officer_in'], (db, a) => issuePasswordReset(db, a, { userId: proposerId })],
    ["view another person's account", ['admin', 'proposer_self'], (db, a) => viewAccount(db, a, { userId: proposerId })],
    ["list another person's API tokens", ['admin', 'proposer_self'], (db, a) => listApiTokens(db, a, { userId: proposerId })],
    ['create an API token for someone', ['admin', 'proposer_self'], (db, a) => createApiToken(db, a, { userId: proposerId, name: '' })],
    ['sign someone out everywhere', ['admin', 'proposer_self'], (db, a) => signOutEverywhere(db, a, { userId: proposerId })],
    // Planning. Everyone reads approved plans, the district plan, the situation and the board's issues.
    ['view an approved fund plan', WHO, (db, a) => getFundPlanYear(db, a, { code: 'L1976', fiscalYear: 2569 })],
    ['view a program of an approved plan', WHO, (db, a) => getPlanEntry(db, a, { code: 'L1976', fiscalYear: 2569, program: approvedProgram })],
    ["list a fund's plan years", WHO, (db, a) => listFundPlanYears(db, a, { code: 'L1976' })],
    ['export a fund plan', WHO, (db, a) => getFundPlanExport(db, a, { code: 'L1976', fiscalYear: 2569 })],
    ['view the district plan', WHO, (db, a) => getAreaPlans(db, a, { code: '3304', fiscalYear: 2569 })],
    ['view the situation over the years', WHO, (db, a) => getSituationSeries(db, a, { indicator: 'NCD01', place: 'L1976' })],
    ["view the district board's issues", WHO, (db, a) => getDistrictIssues(db, a, { code: '3304', fiscalYear: 2569 })],
    // Writing a plan: the fund's officer and the mentors of its area.
    ['start a fund plan', PLAN_EDITORS, (db, a) => startFundPlan(db, a, { code: 'L1976', fiscalYear: 2571, copy: 'neither' })],
    ['add a program to a plan', PLAN_EDITORS, (db, a) => addPlanProgram(db, a, { code: 'L1976', fiscalYear: 2570, version: STALE, program: 'covid19' })],
    ['remove a program from a plan', PLAN_EDITORS, (db, a) => removePlanProgram(db, a, { code: 'L1976', fiscalYear: 2570, version: STALE, program: draftProgram })],
    ["save a plan program's situation and projects", PLAN_EDITORS, (db, a) => savePlanEntry(db, a, { code: 'L1976', fiscalYear: 2570, program: draftProgram, version: STALE })],
    ['save the financial plan', PLAN_EDITORS, (db, a) => saveFinancialPlan(db, a, { code: 'L1976', fiscalYear: 2570, version: STALE })],
    // Submitting, returning, approving and revising: the fund's officer.
    ['move a plan through its workflow', PLAN_WORKFLOW, (db, a) => transitionFundPlan(db, a, { code: 'L1976', fiscalYear: 2570, version: STALE, transition: 'submit' })],
    ["save the district board's issues", ['admin', 'board_secretary_in'], (db, a) => saveDistrictIssues(db, a, { code: '3304', fiscalYear: 2569, version: STALE, issues: {} })],
    // The planning catalogue: admins only.
    ['update a plan program', ['admin'], (db, a) => updateProgram(db, a, { code: 'alcohol', version: STALE })],
    ['create a situation indicator', ['admin'], (db, a) => createIndicator(db, a, { program: 'alcohol' })],
    ['update a situation indicator', ['admin'], (db, a) => updateIndicator(db, a, { code: 'ALC01', version: STALE })],
    ['save an approach', ['admin'], (db, a) => saveApproach(db, a, { program: 'alcohol', name_th: '' })],
  ];

  for (const [name, allowed, call] of CASES) {
    it(name, async () => {
      const { outcome, expected } = await permissionMatrix(WHO, allowed, (who) => call(database.db, actors.get(who) ?? null));
      expect(outcome).toEqual(expected);
    });
  }

  it("shows a fund's internal details (bank account, opening balance) only to those responsible for it", async () => {
    const internal = ['admin', 'region_in', 'province_in', 'mentor_district_in', 'mentor_fund_in', 'board_secretary_in', 'officer_in', 'finance_in', 'committee_in'];
    for (const who of WHO) {
      const profile = await getFundProfile(database.db, actors.get(who) ?? null, { code: 'L1976' });
      expect({ who, internal: profile.internal !== null && profile.internal !== undefined }).toEqual({ who, internal: internal.includes(who) });
    }
  });

  it("shows a fund's draft plan only to those working on or overseeing it, and offers each only the steps they may take", async () => {
    // L1976's FY 2570 plan is a draft: the public and other areas see the year without a plan.
    const outcome: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const who of WHO) {
      const actor = actors.get(who) ?? null;
      const year = await getFundPlanYear(database.db, actor, { code: 'L1976', fiscalYear: 2570 });
      const years = await listFundPlanYears(database.db, actor, { code: 'L1976' });
      let entry: string;
      try {
        entry = (await getPlanEntry(database.db, actor, { code: 'L1976', fiscalYear: 2570, program: draftProgram })).plan.status;
      } catch (error) {
        entry = error instanceof NotFound ? 'not found' : String(error);
      }
      outcome[who] = {
        plan: year.plan?.status ?? null,
        revisions: year.revisions.length,
        listed: years.some((y) => y.fiscalYear === 2570),
        entry,
        may: year.may,
        transitions: year.transitions,
      };
      const inside = INTERNAL.includes(who);
      expected[who] = {
        plan: inside ? 'draft' : null,
        revisions: inside ? 1 : 0,
        listed: inside,
        entry: inside ? 'draft' : 'not found',
        may: { viewDraft: inside, edit: PLAN_EDITORS.includes(who), workflow: PLAN_WORKFLOW.includes(who) },
        transitions: PLAN_WORKFLOW.includes(who) ? ['submit'] : [],
      };
    }
    expect(outcome).toEqual(expected);
  });

  it("counts draft plans in an area's figures only for the people of that area", async () => {
    // The area's roles: fund-level roles have no say over the district as a whole.
    const area: Who[] = ['admin', 'region_in', 'province_in', 'mentor_district_in', 'board_secretary_in'];
    const outcome: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const who of WHO) {
      const actor = actors.get(who) ?? null;
      const plans = await getAreaPlans(database.db, actor, { code: '3304', fiscalYear: 2570 });
      const issues = await getDistrictIssues(database.db, actor, { code: '3304', fiscalYear: 2570 });
      outcome[who] = {
        includesDrafts: plans.includesDrafts,
        l1976: plans.fundPlans.find((f) => f.code === 'L1976')?.status ?? null,
        mayEditIssues: issues.mayEdit,
      };
      expected[who] = {
        includesDrafts: area.includes(who),
        l1976: area.includes(who) ? 'draft' : null,
        mayEditIssues: ['admin', 'board_secretary_in'].includes(who),
      };
    }
    expect(outcome).toEqual(expected);
  });

  it('wrote nothing for anyone who was refused', async () => {
    // Every allowed planning call above stops at its input: no plan, issue or catalogue row moved.
    expect(await planningSnapshot(database.db)).toEqual(planningBefore);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'actor_user_id']).where('id', '>', lastDemoEvent).execute();
    const allowedActors = new Set(['admin', 'officer_in', 'proposer_self'].map((who) => actors.get(who as Who)!.userId));
    expect(audit.filter((event) => !allowedActors.has(event.actor_user_id!))).toEqual([]);
    expect(audit.map((event) => event.action).sort()).toEqual([
      'account.reset_issue',
      'account.reset_issue',
      'account.sign_out_everywhere',
      'account.sign_out_everywhere',
    ]);
  });
});

/** Every planning row the use cases above could change: plans, their content, the issues, the catalogue. */
async function planningSnapshot(db: Database['db']) {
  // A count and a digest of every row in order: the whole country's plans are too many to compare row by row.
  const rows = async (table: string, order: string) =>
    (await sql<{ n: number; digest: string | null }>`select count(*)::int as n, md5(string_agg(t::text, '|' order by ${sql.raw(order)})) as digest from ${sql.table(table)} t`.execute(db))
      .rows[0];
  return {
    fund_plan: await rows('fund_plan', 'id'),
    plan_entry: await rows('plan_entry', 'id'),
    plan_situation: await rows('plan_situation', 'entry_id, indicator_code'),
    plan_objective: await rows('plan_objective', 'id'),
    plan_entry_approach: await rows('plan_entry_approach', 'entry_id, approach_id'),
    plan_entry_target_group: await rows('plan_entry_target_group', 'entry_id, target_group_code'),
    planned_project: await rows('planned_project', 'id'),
    district_year: await rows('district_year', 'district_code, fiscal_year'),
    district_issue: await rows('district_issue', 'id'),
    district_issue_indicator: await rows('district_issue_indicator', 'issue_id, indicator_code'),
    district_issue_fund: await rows('district_issue_fund', 'issue_id, fund_id'),
    plan_program: await rows('plan_program', 'code'),
    situation_indicator: await rows('situation_indicator', 'code'),
    plan_approach: await rows('plan_approach', 'id'),
  };
}
