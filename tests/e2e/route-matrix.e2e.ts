import { beforeAll, describe, expect, inject, it } from 'vitest';
import { signInOverHttp } from './support/http.ts';
import { ROLES_AROUND_L1976 } from '../support/demo-accounts.ts';

/**
 * Every page route against every role, over HTTP as a browser would ask. The target fund is
 * L1976 (บึงมะลู, อำเภอกันทรลักษ์ 3304, ศรีสะเกษ 33, region 10); each role is tried by an
 * account responsible for it and, where the role has an area, by one responsible elsewhere.
 */
const baseUrl = inject('baseUrl');

const ACCOUNTS = {
  public: null,
  ...ROLES_AROUND_L1976,
  proposer: 'proposer.l1976',
} as const;
type Who = keyof typeof ACCOUNTS;
const ALL = Object.keys(ACCOUNTS) as Who[];
const SIGNED_IN = ALL.filter((w) => w !== 'public');
const INTERNAL_IN: Who[] = ['admin', 'region_in', 'province_in', 'mentor_district_in', 'mentor_fund_in', 'board_secretary_in', 'officer_in', 'finance_in', 'committee_in'];

/**
 * Route → who gets the page, and who is sent elsewhere on purpose (a signed-in person asking
 * to register goes to their account); everyone else is refused: 403, or sent to sign in.
 */
const ROUTES: [path: string, allowed: readonly Who[], elsewhere?: readonly Who[]][] = [
  ['/', ALL],
  ['/areas', ALL],
  ['/areas/R10', ALL],
  ['/areas/3304', ALL],
  // Overviews: public at every level.
  ['/overview/TH/2569', ALL],
  ['/overview/R10/2569', ALL],
  ['/overview/3304/2570', ALL],
  ['/overview/L1976/2569', ALL],
  ['/funds?q=บึง', ALL],
  ['/funds/L1976', ALL],
  ['/register', ['public'], SIGNED_IN],
  ['/reset', ALL],
  ['/account', SIGNED_IN],
  ['/account/password', SIGNED_IN],
  ['/account/tokens', SIGNED_IN],
  ['/account/people', ['officer_in', 'officer_out'], ['admin']],
  ['/admin/accounts', ['admin']],
  ['/funds/L1976/edit', ['admin', 'officer_in']],
  ['/funds/L1976/years/2570', ['admin', 'officer_in', 'finance_in']],
  ['/funds/L1976/committee', ['admin', 'officer_in']],
  ['/admin/rules', ['admin']],
  ['/admin/import', ['admin']],
  // Importing history: the fund's officer and those over its area; the general page for anyone who imports.
  ['/funds/L1976/imports', ['admin', 'region_in', 'province_in', 'officer_in']],
  ['/imports', ['admin', 'region_in', 'region_out', 'province_in', 'province_out', 'officer_in', 'officer_out']],
  // Planning: approved plans and area figures are public; a draft's page is too (it says there
  // is no approved plan), the catalogues are for admins.
  ['/funds/L1976/plans', ALL],
  ['/funds/L1976/plans/2569', ALL],
  ['/funds/L1976/plans/2569/programs/fund_admin', ALL],
  ['/funds/L1976/plans/2569/finance', ALL],
  ['/areas/3304/plans/2569', ALL],
  ['/areas/TH/plans/2569', ALL],
  ['/situation?indicator=NCD01&place=L1976', ALL],
  ['/admin/catalogue', ['admin']],
  ['/admin/catalogue/tobacco', ['admin']],
  // The books: the fund's people and overseers read them; closed statements are public.
  ['/funds/L1976/ledger/2569', INTERNAL_IN],
  ['/funds/L1976/ledger/2569/export?list=cashbook&format=xlsx', INTERNAL_IN],
  ['/funds/L1976/ledger/2570/export?list=vouchers&format=csv', INTERNAL_IN],
  ['/funds/L1976/vouchers', INTERNAL_IN],
  ['/funds/L1976/vouchers/new', ['admin', 'officer_in', 'finance_in']],
  ['/funds/L1976/statements/2569/year', ALL],
  ['/funds/L1976/statements/2569/quarter/3', ALL],
  ['/funds/L1976/ledger/2569/export?list=statement&kind=year&format=csv', ALL],
  ['/funds/L1976/statements/2570/year', INTERNAL_IN],
  // Returning data: public pages and open data for everyone; lessons written by the area's
  // mentors and district board secretaries.
  ['/public/3304/2570', ALL],
  ['/public/L1976/2570', ALL],
  ['/open-data', ALL],
  ['/open-data/funds.csv?area=3304', ALL],
  ['/public/3304/2570/lessons', ['admin', 'mentor_district_in', 'board_secretary_in']],
  ['/public/L1976/2570/lessons', ['admin', 'mentor_district_in', 'mentor_fund_in', 'board_secretary_in']],
];

describe('every role against every page', () => {
  const cookies = new Map<Who, string>();
  beforeAll(async () => {
    for (const who of SIGNED_IN) cookies.set(who, await signInOverHttp(baseUrl, ACCOUNTS[who]!));
  });

  for (const [path, allowed, elsewhere = []] of ROUTES) {
    it(path, async () => {
      const outcome: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const who of ALL) {
        const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { cookie: cookies.get(who) ?? '' } });
        const status = response.status;
        const location = response.headers.get('location') ?? '';
        await response.arrayBuffer();
        outcome[who] =
          status === 200
            ? 'page'
            : status === 403 || (status === 302 && location.startsWith('/sign-in'))
              ? 'refused'
              : status === 302
                ? 'elsewhere'
                : `status ${status}`;
        expected[who] = allowed.includes(who) ? 'page' : elsewhere.includes(who) ? 'elsewhere' : 'refused';
      }
      expect(outcome).toEqual(expected);
    });
  }

  it("gives each role the proposal, meeting and inbox pages that are theirs", async () => {
    // The demo's FY 2570 draft of L1976's people's group, one of its approved 2569 projects and a meeting.
    const admin = { headers: { cookie: cookies.get('admin')! } };
    const proposals = (await (await fetch(`${baseUrl}/api/v1/funds/L1976/proposals`, admin)).json()) as { items: { id: number; state: string; project_code: string | null; fiscal_year: number }[] };
    const draft = proposals.items.find((p) => p.state === 'draft' && p.fiscal_year === 2570)!;
    const approved = proposals.items.find((p) => p.state === 'approved')!;
    const meetings = (await (await fetch(`${baseUrl}/api/v1/funds/L1976/meetings`, admin)).json()) as { items: { id: number }[] };
    const meeting = meetings.items[0]!;
    const AREA_STAFF = INTERNAL_IN.filter((w) => w !== 'committee_in');
    const EDITORS: Who[] = ['admin', 'officer_in', 'proposer'];
    const READERS: Who[] = [...AREA_STAFF, 'proposer'];
    // Who may read a draft but not change it now is taken from its pages to the proposal itself.
    const READ_ONLY = READERS.filter((w) => !EDITORS.includes(w));
    const routes: [string, readonly Who[], (readonly Who[])?][] = [
      ['/proposals', SIGNED_IN],
      // Anyone who may propose somewhere: the page offers their own funds.
      ['/proposals/new', ['admin', 'officer_in', 'officer_out', 'proposer']],
      [`/proposals/${draft.id}`, READERS],
      [`/proposals/${draft.id}/edit/organisation`, EDITORS, READ_ONLY],
      [`/proposals/${draft.id}/edit/activities`, EDITORS, READ_ONLY],
      [`/proposals/${draft.id}/attachments`, READERS],
      [`/proposals/${draft.id}/check`, READERS],
      [`/proposals/${draft.id}/print`, READERS],
      [`/proposals/${approved.id}`, ALL],
      [`/proposals/${approved.id}/print`, ALL],
      [`/projects/${approved.project_code}`, ALL],
      ['/funds/L1976/proposals', ALL],
      ['/funds/L1976/meetings', INTERNAL_IN],
      [`/funds/L1976/meetings/${meeting.id}`, INTERNAL_IN],
      [`/funds/L1976/meetings/${meeting.id}/resolution`, INTERNAL_IN],
      ['/inbox', SIGNED_IN],
      ['/admin/outbox', ['admin']],
    ];
    const outcome: Record<string, Record<string, string>> = {};
    const expected: Record<string, Record<string, string>> = {};
    for (const [path, allowed, elsewhere = []] of routes) {
      outcome[path] = {};
      expected[path] = {};
      for (const who of ALL) {
        const response = await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { cookie: cookies.get(who) ?? '' } });
        const location = response.headers.get('location') ?? '';
        await response.arrayBuffer();
        // A draft does not exist for the public (404); otherwise 403, or a sign-in first.
        const refused = response.status === 403 || response.status === 404 || (response.status === 302 && location.startsWith('/sign-in'));
        outcome[path][who] = response.status === 200 ? 'page' : refused ? 'refused' : response.status === 302 ? 'elsewhere' : `status ${response.status}`;
        expected[path][who] = allowed.includes(who) ? 'page' : elsewhere.includes(who) ? 'elsewhere' : 'refused';
      }
    }
    expect(outcome).toEqual(expected);
  });

  it("shows a fund's bank account only to those responsible for it", async () => {
    for (const who of ALL) {
      const html = await (await fetch(`${baseUrl}/funds/L1976`, { headers: { cookie: cookies.get(who) ?? '' } })).text();
      const account = /bank-account|เลขที่บัญชี/.test(html);
      expect({ who, account }).toEqual({ who, account: INTERNAL_IN.includes(who) });
    }
  });

  it("never shows another person's account to anyone but admins", async () => {
    const admin = cookies.get('admin')!;
    const list = await (await fetch(`${baseUrl}/admin/accounts?q=officer.l1976`, { headers: { cookie: admin } })).text();
    const id = /\/admin\/accounts\/(\d+)/.exec(list)?.[1];
    expect(id).toBeDefined();
    for (const who of ALL) {
      const response = await fetch(`${baseUrl}/admin/accounts/${id}`, { redirect: 'manual', headers: { cookie: cookies.get(who) ?? '' } });
      await response.arrayBuffer();
      expect({ who, page: response.status === 200 }).toEqual({ who, page: who === 'admin' });
    }
  });
});
