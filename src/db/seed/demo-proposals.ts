import { type Insertable, sql, type Transaction } from 'kysely';
import { fiscalYearRange } from '../../domain/fiscal-year.ts';
import { formatBaht, fromNumeric, type Satang, sumSatang, toNumeric } from '../../domain/money.ts';
import type { SupportCategory } from '../../domain/planning.ts';
import {
  type ExpenseGroup,
  lineAmount,
  type OrganisationType,
  PROPOSAL_TRANSITIONS,
  type ProposalState,
  type ProposalTransition,
  projectCode,
  suggestedCategory,
} from '../../domain/proposals.ts';
import type { DB, ProposalTable } from '../schema.ts';
import { completeFunds, demoFunds, demoPerson, hash } from './demo-registry.ts';

// Demo proposals for the complete funds, built from the examples of migration 0008 and the
// programs of each fund's approved plan. FY 2569 is done: four to six projects approved in the
// committee's meetings within each category's allocation, one rejected. FY 2570 is running (the
// demo's "now" is late November 2026): one proposal at each step of the review, and where the
// plan is already approved (L1978, L4581) one project approved at the plan's meeting.
// Everything comes from hashes of codes and fixed dates, so every run builds the same data.

const DONE_YEAR = 2569;
const RUNNING_YEAR = 2570;


interface ExampleContent {
  objectives: { objective: string; indicator: string; target: string }[];
  targetGroups: { code: string; people: number }[];
  activities: { title: string; detail: string; expenses: { group: ExpenseGroup; item: string; unitCost: string; units: number; times: number }[] }[];
}

interface Example {
  id: number;
  program: string;
  type: OrganisationType;
  title: string;
  rationale: string;
  expectedResults: string;
  content: ExampleContent;
  budget: Satang;
  category: SupportCategory;
  /** Run by the elderly club (type 5 with older people among its target groups). */
  elderlyClub: boolean;
}

interface Plan {
  programs: string[];
  allocations: Record<SupportCategory, Satang>;
  meetingDate: string | null;
  situation: Map<string, { indicator_code: string; value: string; target: string | null }[]>;
}

interface FundContext {
  id: number;
  code: string;
  name: string;
  laoName: string;
  district: string;
  place: string;
  officer: number;
  mentor: number;
  proposer: { id: number; name: string; organisationId: number; organisationName: string; members: { title: string; first: string; last: string }[] };
  committee: { id: number; start: string; end: string | null }[];
}

type Step = { transition: ProposalTransition | 'start'; at: Date; from?: ProposalState; to: ProposalState; actor: number };

interface Draft {
  key: string;
  fiscalYear: number;
  state: ProposalState;
  example: Example;
  title: string;
  organisation: { id: number | null; name: string; type: OrganisationType; createdBy: number; members: { title: string; first: string; last: string }[] };
  steps: Step[];
  periodStart: string;
  periodEnd: string;
  place: string;
  coordinator: { name: string; phone: string };
  situation: Plan['situation'];
  revision: number;
  comments: { section: string; body: string; at: Date; suggestion?: { field: 'expected_results'; text: string } }[];
  meeting?: { number: number; position: number; decision: 'approved' | 'rejected'; reason?: string };
}

interface MeetingDraft {
  fiscalYear: number;
  number: number;
  date: string;
  minutes: string;
}

// ---------------------------------------------------------------------------------------------
// Dates

const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A moment on a Bangkok calendar day. */
const at = (iso: string, hour: number, minute = 0): Date =>
  new Date(`${iso}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`);
const firstOfNextMonth = (iso: string): string => {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const lastOfMonthAfter = (iso: string, months: number): string => {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m - 1 + months + 1, 1));
  next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
};
const minDate = (a: string, b: string) => (a < b ? a : b);

// ---------------------------------------------------------------------------------------------
// Who proposes

/** A non-health agency serving young children (and not school-age ones) is a child development centre. */
const isChildCentre = (type: OrganisationType, content: ExampleContent) =>
  type === 4 && content.targetGroups.some((g) => g.code === '1001') && !content.targetGroups.some((g) => g.code === '1002');

function categoryOf(program: string, type: OrganisationType, content: ExampleContent): SupportCategory {
  if (program === 'disaster_epidemic') return 5;
  if (isChildCentre(type, content)) return 3;
  return suggestedCategory(type);
}

const GROUP_NAMES: Record<string, string> = {
  alcohol: 'ชมรมอาสาสมัครสาธารณสุขประจำหมู่บ้านตำบล',
  tobacco: 'กลุ่มแกนนำเยาวชนตำบล',
  food_nutrition: 'กลุ่มแม่บ้านเกษตรกรตำบล',
  physical_activity: 'ชมรมแอโรบิกตำบล',
  mental_health: 'ชมรมอาสาสมัครสาธารณสุขประจำหมู่บ้านตำบล',
  communicable: 'ชมรมอาสาสมัครสาธารณสุขประจำหมู่บ้านตำบล',
  environment: 'กลุ่มธนาคารขยะชุมชนตำบล',
  road_safety: 'กลุ่มอาสาสมัครป้องกันภัยฝ่ายพลเรือนตำบล',
  disability: 'ชมรมคนพิการตำบล',
};

function organisationName(example: Example, fund: FundContext, village: string): string {
  switch (example.type) {
    case 1:
      return `โรงพยาบาลส่งเสริมสุขภาพตำบล${village}`;
    case 2:
      return `กองสาธารณสุขและสิ่งแวดล้อม ${fund.laoName}`;
    case 3:
      return `สำนักงานสาธารณสุขอำเภอ${fund.district}`;
    case 4:
      return isChildCentre(example.type, example.content) ? `ศูนย์พัฒนาเด็กเล็ก${fund.laoName}` : `โรงเรียนบ้าน${village}`;
    case 5:
      return `${GROUP_NAMES[example.program] ?? 'ชมรมอาสาสมัครสาธารณสุขประจำหมู่บ้านตำบล'}${village}`;
    default:
      return fund.name;
  }
}

function placeOf(example: Example, fund: FundContext, village: string, key: string): string {
  switch (example.type) {
    case 1:
      return `โรงพยาบาลส่งเสริมสุขภาพตำบล${village} และหมู่บ้านในเขตรับผิดชอบ`;
    case 2:
      return `${fund.laoName} และชุมชนในเขตพื้นที่`;
    case 4:
      return isChildCentre(example.type, example.content) ? `ศูนย์พัฒนาเด็กเล็ก${fund.laoName}` : `โรงเรียนบ้าน${village}`;
    case 6:
      return fund.place;
    default:
      return `ศาลาอเนกประสงค์หมู่ที่ ${1 + (hash(key) % 9)} และทุกหมู่บ้านในตำบล${village}`;
  }
}

const phone = (key: string) =>
  `08${hash(`${key}a`) % 10}-${String(100 + (hash(`${key}b`) % 900))}-${String(1000 + (hash(`${key}c`) % 9000))}`;

// ---------------------------------------------------------------------------------------------
// What the mentors say

const RETURN_COMMENTS: { section: string; body: string; fits: (content: ExampleContent) => boolean }[] = [
  {
    section: 'activities',
    body: 'ขอให้ระบุจำนวนผู้เข้าร่วมของแต่ละกิจกรรมให้ตรงกับค่าอาหารและอาหารว่างที่ตั้งไว้ และระบุจำนวนชั่วโมงของวิทยากรให้ตรงกับกำหนดการ (ค่าตอบแทนวิทยากรไม่เกินชั่วโมงละ 600 บาท) พร้อมแนบกำหนดการกิจกรรม',
    fits: (c) => c.activities.some((a) => a.expenses.some((x) => x.item.includes('วิทยากร'))),
  },
  {
    section: 'whole',
    body: 'วัตถุประสงค์ยังวัดผลไม่ได้ชัดเจน ขอให้กำหนดค่าเป้าหมายเป็นตัวเลข ระบุวิธีเก็บข้อมูลก่อนและหลังดำเนินโครงการ และเชื่อมกับสถานการณ์ในแผนงานของกองทุน',
    fits: () => true,
  },
  {
    section: 'activities',
    body: 'กิจกรรมที่ 2 ยังไม่ระบุว่าจะทำกี่ครั้ง ที่ไหน และใครรับผิดชอบ ขอให้เพิ่มรายละเอียดและแผนการติดตามผลหลังจบกิจกรรม ส่วนค่าวัสดุขอให้แยกรายการและราคาต่อหน่วย',
    fits: (c) => c.activities.length >= 2,
  },
];

const REJECT_REASONS = [
  'กิจกรรมซ้ำซ้อนกับโครงการที่ได้รับงบประมาณจากหน่วยงานอื่นในปีเดียวกัน ขอให้บูรณาการร่วมกับโครงการเดิม',
  'งบประมาณส่วนใหญ่เป็นค่าอาหารและค่าวัสดุแจกจ่าย ไม่สอดคล้องกับวัตถุประสงค์และปัญหาในแผนงานของกองทุน',
];

// ---------------------------------------------------------------------------------------------
// Choosing examples

/** The examples of the plan's programs, in an order of their own for this fund and year. */
function candidates(examples: Example[], plan: Plan, seed: string): Example[] {
  const ofPlan = examples.filter((e) => plan.programs.includes(e.program));
  // One of each program first, then the second examples, and so on.
  const rank = new Map<number, number>();
  for (const program of plan.programs) {
    const ofProgram = ofPlan.filter((e) => e.program === program).sort((a, b) => hash(`${seed}${a.title}`) - hash(`${seed}${b.title}`));
    for (const [i, e] of ofProgram.entries()) rank.set(e.id, i);
  }
  return ofPlan.sort((a, b) => rank.get(a.id)! - rank.get(b.id)! || hash(`${seed}${a.program}`) - hash(`${seed}${b.program}`));
}

/** Up to `wanted` examples whose budgets fit what is left of their category's allocation. */
function fitting(pool: Example[], allocations: Record<SupportCategory, Satang>, wanted: number): Example[] {
  const left = { ...allocations };
  const chosen: Example[] = [];
  const take = (list: Example[]) => {
    for (const e of list) {
      if (chosen.length >= wanted) return;
      if (chosen.includes(e) || e.budget > left[e.category]) continue;
      chosen.push(e);
      left[e.category] = (left[e.category] - e.budget) as Satang;
    }
  };
  take(pool);
  // Tight allocations: the small ones may still fit.
  if (chosen.length < wanted) take([...pool].sort((a, b) => a.budget - b.budget));
  return chosen;
}

/** The next example for a proposal, cycling through the pool (a second village after the first). */
function cycle(pool: Example[], index: number): { example: Example; round: number } {
  return { example: pool[index % pool.length]!, round: Math.floor(index / pool.length) };
}

// ---------------------------------------------------------------------------------------------

export async function seedDemoProposals(tx: Transaction<DB>): Promise<void> {
  // Earlier demo proposals, their timelines and meetings (children go with them). Timelines of
  // proposals already gone with their demo fund are recognised by their missing subject and actor.
  await sql`delete from audit_event where subject_type = 'proposal' and (
    subject_id in (select id::text from proposal where is_demo)
    or (actor_user_id is null and not exists (select 1 from proposal p where p.id::text = audit_event.subject_id)))`.execute(tx);
  await tx.deleteFrom('proposal').where('is_demo', '=', true).execute();
  await tx.deleteFrom('meeting').where('is_demo', '=', true).execute();

  const examples = await loadExamples(tx);
  if (examples.length === 0) return;
  const codes = completeFunds(await demoFunds(tx)).map((f) => f.code);

  for (const code of codes) {
    const fund = await loadFund(tx, code);
    if (!fund) continue;
    const done = await loadPlan(tx, fund.id, DONE_YEAR);
    // Proposals for the running year follow its plan once approved, until then last year's.
    const running = await loadPlan(tx, fund.id, RUNNING_YEAR);
    const latest = running ?? (await loadPlan(tx, fund.id, RUNNING_YEAR - 1));
    const drafts: Draft[] = [];
    const meetings: MeetingDraft[] = [];
    if (done) planDoneYear(fund, done, examples, drafts, meetings);
    if (latest) planRunningYear(fund, latest, running, examples, drafts, meetings);
    await insertFund(tx, fund, drafts, meetings);
  }
}

async function loadExamples(tx: Transaction<DB>): Promise<Example[]> {
  const rows = await tx.selectFrom('proposal_example').selectAll().orderBy('id').execute();
  return rows.map((r) => {
    const content = r.content as ExampleContent;
    const type = r.organisation_type as OrganisationType;
    const lines = content.activities.flatMap((a) =>
      a.expenses.map((e) => lineAmount({ unitCost: fromNumeric(e.unitCost), units: e.units, times: e.times })),
    );
    return {
      id: r.id,
      program: r.program_code,
      type,
      title: r.title,
      rationale: r.rationale,
      expectedResults: r.expected_results,
      content,
      budget: sumSatang(lines),
      category: categoryOf(r.program_code, type, content),
      elderlyClub: type === 5 && content.targetGroups.some((g) => g.code === '1004'),
    };
  });
}

async function loadFund(tx: Transaction<DB>, code: string): Promise<FundContext | null> {
  const fund = await tx
    .selectFrom('fund')
    .innerJoin('area', 'area.code', 'fund.district_code')
    .select(['fund.id', 'fund.code', 'fund.name_th', 'fund.lao_name', 'area.name_th as district'])
    .where('fund.code', '=', code)
    .executeTakeFirst();
  if (!fund) return null;
  const suffix = code.toLowerCase();
  const users = await tx
    .selectFrom('app_user')
    .select(['id', 'username', 'title', 'first_name', 'last_name', 'organisation_id'])
    .where('username', 'in', [`officer.${suffix}`, `mentor.${suffix}`, `proposer.${suffix}`])
    .execute();
  const user = (prefix: string) => users.find((u) => u.username === `${prefix}.${suffix}`);
  const officer = user('officer');
  const mentor = user('mentor');
  const proposer = user('proposer');
  if (!officer || !mentor || !proposer?.organisation_id) return null;
  const organisation = await tx.selectFrom('organisation').select(['id', 'name']).where('id', '=', proposer.organisation_id).executeTakeFirstOrThrow();
  const members = await tx
    .selectFrom('organisation_member')
    .select(['title', 'first_name', 'last_name'])
    .where('organisation_id', '=', organisation.id)
    .orderBy('id')
    .execute();
  const committee = await tx
    .selectFrom('committee_member')
    .select(['id', 'term_start', 'term_end'])
    .where('fund_id', '=', fund.id)
    .orderBy('term_start')
    .orderBy('id')
    .execute();
  const laoName = fund.lao_name ?? fund.name_th.replace(/^กองทุนหลักประกันสุขภาพ/, '');
  return {
    id: fund.id,
    code: fund.code,
    name: fund.name_th,
    laoName,
    district: fund.district,
    place: `ห้องประชุม${laoName}`,
    officer: officer.id,
    mentor: mentor.id,
    proposer: {
      id: proposer.id,
      name: `${proposer.title}${proposer.first_name} ${proposer.last_name}`,
      organisationId: organisation.id,
      organisationName: organisation.name,
      members: members.map((m) => ({ title: m.title, first: m.first_name, last: m.last_name })),
    },
    committee: committee.map((m) => ({ id: m.id, start: m.term_start, end: m.term_end })),
  };
}

/** The fund's approved plan for `fiscalYear`: programs, allocations and situation rows. */
async function loadPlan(tx: Transaction<DB>, fundId: number, fiscalYear: number): Promise<Plan | null> {
  const plan = await tx
    .selectFrom('fund_plan')
    .select(['id', 'meeting_date', 'allocation_1', 'allocation_2', 'allocation_3', 'allocation_4', 'allocation_5'])
    .where('fund_id', '=', fundId)
    .where('fiscal_year', '=', fiscalYear)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (!plan) return null;
  const entries = await tx.selectFrom('plan_entry').select(['id', 'program_code']).where('plan_id', '=', plan.id).orderBy('program_code').execute();
  const situation = new Map<string, { indicator_code: string; value: string; target: string | null }[]>();
  if (entries.length > 0) {
    const rows = await tx
      .selectFrom('plan_situation')
      .innerJoin('plan_entry', 'plan_entry.id', 'plan_situation.entry_id')
      .select(['plan_entry.program_code', 'plan_situation.indicator_code', 'plan_situation.value', 'plan_situation.target'])
      .where('plan_entry.plan_id', '=', plan.id)
      .orderBy('plan_situation.indicator_code')
      .execute();
    for (const r of rows) {
      const list = situation.get(r.program_code) ?? [];
      list.push({ indicator_code: r.indicator_code, value: r.value, target: r.target });
      situation.set(r.program_code, list);
    }
  }
  const money = (v: string | null) => (v === null ? (0 as Satang) : fromNumeric(v));
  return {
    programs: entries.map((e) => e.program_code),
    allocations: {
      1: money(plan.allocation_1),
      2: money(plan.allocation_2),
      3: money(plan.allocation_3),
      4: money(plan.allocation_4),
      5: money(plan.allocation_5),
    },
    meetingDate: plan.meeting_date,
    situation,
  };
}

// ---------------------------------------------------------------------------------------------
// The years

function newDraft(fund: FundContext, fiscalYear: number, key: string, example: Example, round: number, plan: Plan): Draft {
  const village = fund.laoName.replace(/^(องค์การบริหารส่วนตำบล|เทศบาลตำบล|เทศบาลเมือง)/, '');
  const seed = `${fund.code}${fiscalYear}${key}`;
  const byClub = example.elderlyClub;
  const members = byClub
    ? fund.proposer.members
    : example.type === 5
      ? Array.from({ length: 5 + (hash(`${seed}n`) % 3) }, (_, i) => demoPerson(`${seed}m${i}`))
      : [];
  const contact = demoPerson(`${seed}coordinator`);
  const village2 = round > 0 ? ` หมู่ที่ ${2 + ((hash(seed) + round) % 8)}` : '';
  return {
    key: seed,
    fiscalYear,
    state: 'draft',
    example,
    title: `${example.title}${village2}`,
    organisation: {
      id: byClub ? fund.proposer.organisationId : null,
      name: byClub ? fund.proposer.organisationName : organisationName(example, fund, village),
      type: example.type,
      createdBy: byClub ? fund.proposer.id : fund.officer,
      members,
    },
    steps: [],
    periodStart: '',
    periodEnd: '',
    place: placeOf(example, fund, village, seed),
    coordinator: {
      name: byClub ? fund.proposer.name : example.type === 5 ? `${members[0]!.title}${members[0]!.first} ${members[0]!.last}` : `${contact.title}${contact.first} ${contact.last}`,
      phone: phone(seed),
    },
    situation: plan.situation,
    revision: 1,
    comments: [],
  };
}

/** Records the steps the proposal went through (transition and day), leaving it in the last one's state. */
function walk(draft: Draft, fund: FundContext, path: [ProposalTransition | 'start', string][]): void {
  let state: ProposalState = 'draft';
  path.forEach(([transition, date], i) => {
    const to: ProposalState = transition === 'start' ? 'draft' : PROPOSAL_TRANSITIONS[transition].to;
    const actor =
      transition === 'start' || transition === 'submit' || transition === 'resubmit'
        ? draft.organisation.createdBy
        : transition === 'start_review' || transition === 'return' || transition === 'pass_review'
          ? fund.mentor
          : fund.officer;
    const hour = transition === 'approve' || transition === 'reject' ? 11 : 9 + ((hash(`${draft.key}${i}`) + i) % 7);
    draft.steps.push({ transition, at: at(date, hour, (hash(`${draft.key}${i}m`) % 4) * 15), from: transition === 'start' ? undefined : state, to, actor });
    state = to;
  });
  draft.state = state;
}

function returnComment(draft: Draft, date: string, suggest: boolean): void {
  const suitable = RETURN_COMMENTS.filter((c) => c.fits(draft.example.content));
  const { section, body } = suitable[hash(draft.key) % suitable.length]!;
  draft.comments.push({ section, body, at: at(date, 15) });
  if (suggest) {
    draft.comments.push({
      section: 'results',
      body: 'เสนอให้เพิ่มการติดตามผลหลังจบโครงการในผลที่คาดว่าจะได้รับ',
      at: at(date, 15, 10),
      suggestion: {
        field: 'expected_results',
        text: `${draft.example.expectedResults} ทั้งนี้ผู้รับผิดชอบจะติดตามผลหลังจบโครงการ 3 เดือน และรายงานผลต่อคณะกรรมการกองทุน`,
      },
    });
  }
}

/** FY 2569: approvals spread over the year's meetings within each allocation, and one rejection. */
function planDoneYear(fund: FundContext, plan: Plan, examples: Example[], drafts: Draft[], meetings: MeetingDraft[]): void {
  const fy = DONE_YEAR;
  const seed = `${fund.code}${fy}`;
  const pool = candidates(examples, plan, seed);
  if (pool.length === 0) return;
  const approved = fitting(pool, plan.allocations, 4 + (hash(`${seed}approved`) % 3));
  const rejected = pool.find((e) => !approved.includes(e) && e.type !== 6) ?? pool.find((e) => e.type !== 6) ?? pool[0]!;

  const { end: yearEnd } = fiscalYearRange(fy);
  const first = plan.meetingDate ?? `${fy - 544}-12-20`;
  const dates = [first, addDays(`${fy - 543}-02-09`, hash(`${seed}m2`) % 10), addDays(`${fy - 543}-05-11`, hash(`${seed}m3`) % 10), addDays(`${fy - 543}-08-17`, hash(`${seed}m4`) % 8)];
  // Meeting 1 approves the plan and the first projects; 2 and 3 the rest; 4 follows up.
  const meetingOf = (i: number) => (i < 2 ? 1 : i < 4 ? 2 : 3);
  const positions = new Map<number, number>();
  const nextPosition = (meeting: number) => {
    const p = (positions.get(meeting) ?? 0) + 1;
    positions.set(meeting, p);
    return p;
  };
  const items = [...approved.map((e, i) => ({ example: e, meeting: meetingOf(i), decision: 'approved' as const })), { example: rejected, meeting: 2, decision: 'rejected' as const }];
  const revised = hash(`${seed}revised`) % Math.max(1, approved.length);
  const seen = new Map<number, number>();
  items.forEach((item, i) => {
    const round = seen.get(item.example.id) ?? 0;
    seen.set(item.example.id, round + 1);
    const draft = newDraft(fund, fy, `p${i}`, item.example, round, plan);
    const decided = dates[item.meeting - 1]!;
    const back = (days: number) => addDays(decided, -days);
    if (i === revised) {
      walk(draft, fund, [
        ['start', back(44)],
        ['submit', back(36)],
        ['start_review', back(32)],
        ['return', back(29)],
        ['resubmit', back(21)],
        ['start_review', back(18)],
        ['pass_review', back(13)],
        ['add_to_agenda', back(7)],
        [item.decision === 'approved' ? 'approve' : 'reject', decided],
      ]);
      draft.revision = 2;
      returnComment(draft, back(29), false);
    } else {
      walk(draft, fund, [
        ['start', back(40 + (hash(`${draft.key}c`) % 8))],
        ['submit', back(30)],
        ['start_review', back(25 - (hash(`${draft.key}r`) % 4))],
        ['pass_review', back(14)],
        ['add_to_agenda', back(7)],
        [item.decision === 'approved' ? 'approve' : 'reject', decided],
      ]);
    }
    draft.periodStart = firstOfNextMonth(decided);
    draft.periodEnd = minDate(lastOfMonthAfter(draft.periodStart, 3 + (hash(`${draft.key}len`) % 4)), yearEnd);
    draft.meeting = {
      number: item.meeting,
      position: nextPosition(item.meeting),
      decision: item.decision,
      reason: item.decision === 'rejected' ? REJECT_REASONS[hash(seed) % REJECT_REASONS.length] : undefined,
    };
    drafts.push(draft);
  });

  for (const [i, date] of dates.entries()) {
    const number = i + 1;
    const decided = drafts.filter((d) => d.fiscalYear === fy && d.meeting?.number === number);
    const ok = decided.filter((d) => d.meeting?.decision === 'approved');
    const total = sumSatang(ok.map((d) => d.example.budget));
    const parts = [
      number === 1 ? `อนุมัติแผนงานและแผนการเงินประจำปีงบประมาณ ${fy}` : '',
      decided.length > 0
        ? `พิจารณาโครงการที่ผ่านการกลั่นกรอง ${decided.length} โครงการ อนุมัติ ${ok.length} โครงการ รวม ${formatBaht(total)}` +
          (decided.length > ok.length ? ` ไม่อนุมัติ ${decided.length - ok.length} โครงการ` : '')
        : '',
      number > 1 ? `ติดตามผลการดำเนินงานโครงการที่ได้รับอนุมัติ และรับทราบรายงานการเงินไตรมาสที่ ${number - 1}` : '',
    ].filter((p) => p !== '');
    meetings.push({ fiscalYear: fy, number, date, minutes: parts.map((p, k) => `${k + 1}. ${p}`).join('\n') });
  }
}

/** FY 2570, the year now running: one proposal at each step, and an approval where the plan is approved. */
function planRunningYear(fund: FundContext, plan: Plan, approvedPlan: Plan | null, examples: Example[], drafts: Draft[], meetings: MeetingDraft[]): void {
  const fy = RUNNING_YEAR;
  const seed = `${fund.code}${fy}`;
  const pool = candidates(examples, plan, seed);
  if (pool.length === 0) return;
  const jitter = (key: string) => hash(`${seed}${key}`) % 3;
  const day = (md: string, key: string) => addDays(`${fy - 544}-${md}`, jitter(key));
  const { end: yearEnd } = fiscalYearRange(fy);
  const period = (draft: Draft, start: string) => {
    draft.periodStart = start;
    draft.periodEnd = minDate(lastOfMonthAfter(start, 3 + (hash(`${draft.key}len`) % 5)), yearEnd);
  };

  // The elderly club writes its next proposal (from an example that suits it when the plan has one).
  const clubs = pool.filter((e) => e.elderlyClub);
  const own = clubs.find((e) => e.program === 'elderly') ?? clubs[0] ?? pool.find((e) => e.type === 5) ?? pool[0]!;
  const draft = newDraft(fund, fy, 'draft', own, 0, plan);
  if (draft.organisation.id !== fund.proposer.organisationId) {
    // Whatever the example, the draft is the proposer's own.
    draft.organisation = { id: fund.proposer.organisationId, name: fund.proposer.organisationName, type: 5, createdBy: fund.proposer.id, members: fund.proposer.members };
    draft.coordinator.name = fund.proposer.name;
  }
  walk(draft, fund, [['start', day('11-16', 'draft')]]);
  period(draft, `${fy - 543}-01-05`);
  drafts.push(draft);

  const rest = pool.filter((e) => e !== own);
  const others = rest.length > 0 ? rest : pool;
  const meetingDate = approvedPlan?.meetingDate;
  const fits = approvedPlan && meetingDate ? others.find((e) => e.budget <= approvedPlan.allocations[e.category]) : undefined;
  // Community proposals go through the review first; the fund's own administration ones wait.
  const queue = others.filter((e) => e !== fits && e.type !== 6).concat(others.filter((e) => e !== fits && e.type === 6));
  let next = 0;
  const take = (key: string) => {
    const { example, round } = cycle(queue.length > 0 ? queue : others, next++);
    return newDraft(fund, fy, key, example, round, plan);
  };

  if (meetingDate && fits) {
      const d = newDraft(fund, fy, 'approved', fits, 0, plan);
      walk(d, fund, [
        ['start', day('10-05', 'a0')],
        ['submit', day('10-12', 'a1')],
        ['start_review', day('10-15', 'a2')],
        ['pass_review', day('10-22', 'a3')],
        ['add_to_agenda', addDays(meetingDate, -7)],
        ['approve', meetingDate],
      ]);
      period(d, firstOfNextMonth(meetingDate));
      d.meeting = { number: 1, position: 1, decision: 'approved' };
      drafts.push(d);
      meetings.push({
        fiscalYear: fy,
        number: 1,
        date: meetingDate,
        minutes: `1. อนุมัติแผนงานและแผนการเงินประจำปีงบประมาณ ${fy}\n2. พิจารณาโครงการที่ผ่านการกลั่นกรอง 1 โครงการ อนุมัติ 1 โครงการ รวม ${formatBaht(fits.budget)}`,
      });
  }

  const reviewed = take('reviewed');
  walk(reviewed, fund, [
    ['start', day('10-08', 'r0')],
    ['submit', day('10-16', 'r1')],
    ['start_review', day('10-21', 'r2')],
    ['pass_review', day('11-04', 'r3')],
  ]);
  period(reviewed, `${fy - 543}-01-01`);

  const returned = take('returned');
  const returnedOn = day('11-06', 't3');
  walk(returned, fund, [
    ['start', day('10-14', 't0')],
    ['submit', day('10-22', 't1')],
    ['start_review', day('10-28', 't2')],
    ['return', returnedOn],
  ]);
  returnComment(returned, returnedOn, true);
  period(returned, `${fy - 543}-02-01`);

  const inReview = take('in_review');
  walk(inReview, fund, [
    ['start', day('10-20', 'i0')],
    ['submit', day('10-30', 'i1')],
    ['start_review', day('11-09', 'i2')],
  ]);
  period(inReview, `${fy - 543}-01-15`);

  const submitted = take('submitted');
  walk(submitted, fund, [
    ['start', day('11-03', 's0')],
    ['submit', day('11-12', 's1')],
  ]);
  period(submitted, `${fy - 543}-02-15`);

  drafts.push(reviewed, returned, inReview, submitted);
}

// ---------------------------------------------------------------------------------------------
// Writing

async function insertFund(tx: Transaction<DB>, fund: FundContext, drafts: Draft[], meetings: MeetingDraft[]): Promise<void> {
  const meetingIds = new Map<string, number>();
  for (const m of meetings) {
    const { id } = await tx
      .insertInto('meeting')
      .values({
        fund_id: fund.id,
        fiscal_year: m.fiscalYear,
        number: m.number,
        meeting_date: m.date,
        place: fund.place,
        minutes: m.minutes,
        is_demo: true,
        created_at: at(m.date, 16),
        updated_at: at(m.date, 16),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    meetingIds.set(`${m.fiscalYear}/${m.number}`, id);
  }
  const attendance = meetings.flatMap((m) => {
    const serving = fund.committee.filter((c) => c.start <= m.date && (c.end === null || c.end >= m.date));
    return serving.map((c, i) => ({
      meeting_id: meetingIds.get(`${m.fiscalYear}/${m.number}`)!,
      committee_member_id: c.id,
      present: hash(`${fund.code}${m.fiscalYear}${m.number}${i}`) % 100 >= 12,
    }));
  });
  if (attendance.length > 0) await tx.insertInto('meeting_attendance').values(attendance).execute();

  // Project numbers run per fund, year and category in the order the committee approved them.
  const sequence = new Map<string, number>();
  const ordered = [...drafts].sort(
    (a, b) => a.fiscalYear - b.fiscalYear || (a.meeting?.number ?? 99) - (b.meeting?.number ?? 99) || (a.meeting?.position ?? 0) - (b.meeting?.position ?? 0),
  );

  const members: Insertable<DB['proposal_member']>[] = [];
  const programs: Insertable<DB['proposal_program']>[] = [];
  const situations: Insertable<DB['proposal_situation']>[] = [];
  const objectives: Insertable<DB['proposal_objective']>[] = [];
  const targets: Insertable<DB['proposal_target_group']>[] = [];
  const activities: Insertable<DB['proposal_activity']>[] = [];
  const expenses: Insertable<DB['proposal_expense']>[] = [];
  const comments: Insertable<DB['proposal_comment']>[] = [];
  const items: Insertable<DB['meeting_item']>[] = [];
  const events: Insertable<DB['audit_event']>[] = [];

  for (const d of ordered) {
    const e = d.example;
    const category = e.category;
    const budget = toNumeric(e.budget);
    const first = d.steps[0]!.at;
    const last = d.steps.at(-1)!.at;
    const submit = d.steps.find((s) => s.transition === 'submit');
    const decision = d.steps.find((s) => s.transition === 'approve' || s.transition === 'reject');
    let code: string | null = null;
    let seq: number | null = null;
    if (d.state === 'approved') {
      const key = `${d.fiscalYear}/${category}`;
      seq = (sequence.get(key) ?? 0) + 1;
      sequence.set(key, seq);
      code = projectCode(d.fiscalYear, fund.code, category, seq);
    }
    const row: Insertable<ProposalTable> = {
      fund_id: fund.id,
      fiscal_year: d.fiscalYear,
      state: d.state,
      organisation_id: d.organisation.id,
      organisation_name: d.organisation.name,
      organisation_type: d.organisation.type,
      created_by: d.organisation.createdBy,
      title: d.title,
      rationale: e.rationale,
      period_start: d.periodStart,
      period_end: d.periodEnd,
      place: d.place,
      expected_results: e.expectedResults,
      support_category: category,
      budget,
      coordinator_name: d.coordinator.name,
      coordinator_phone: d.coordinator.phone,
      content_revision: d.revision,
      approved_amount: d.state === 'approved' ? budget : null,
      conditions: d.state === 'approved' && hash(`${d.key}${fund.code}cond`) % 3 === 0 ? 'ให้ส่งรายงานผลการดำเนินงานและรายงานการเงินภายใน 30 วันหลังเสร็จสิ้นโครงการ' : null,
      decision_reason: d.meeting?.reason ?? null,
      decided_at: decision?.at ?? null,
      project_code: code,
      project_seq: seq,
      project_status: code ? 'running' : null,
      project_status_at: code ? (decision?.at ?? null) : null,
      submitted_at: submit?.at ?? null,
      is_demo: true,
      created_at: first,
      updated_at: last,
    };
    const { id } = await tx.insertInto('proposal').values(row).returning('id').executeTakeFirstOrThrow();

    d.organisation.members.forEach((m, i) => {
      members.push({ proposal_id: id, position: i + 1, title: m.title, first_name: m.first, last_name: m.last });
    });
    programs.push({ proposal_id: id, program_code: e.program });
    for (const s of d.situation.get(e.program) ?? []) {
      situations.push({ proposal_id: id, indicator_code: s.indicator_code, value: s.value, target: s.target });
    }
    e.content.objectives.forEach((o, i) => {
      objectives.push({ proposal_id: id, position: i + 1, objective: o.objective, indicator: o.indicator, target: o.target });
    });
    for (const g of e.content.targetGroups) targets.push({ proposal_id: id, target_group_code: g.code, people: g.people });
    e.content.activities.forEach((a, i) => {
      activities.push({ proposal_id: id, position: i + 1, title: a.title, detail: a.detail });
      a.expenses.forEach((x, k) => {
        expenses.push({
          proposal_id: id,
          activity_position: i + 1,
          position: k + 1,
          expense_group: x.group,
          item: x.item,
          unit_cost: x.unitCost,
          units: x.units,
          times: x.times,
        });
      });
    });
    for (const c of d.comments) {
      comments.push({
        proposal_id: id,
        section: c.section,
        body: c.body,
        suggested_field: c.suggestion?.field ?? null,
        suggested_text: c.suggestion?.text ?? null,
        suggestion_state: c.suggestion ? 'open' : null,
        author_id: fund.mentor,
        created_at: c.at,
      });
    }
    if (d.meeting) {
      items.push({
        meeting_id: meetingIds.get(`${d.fiscalYear}/${d.meeting.number}`)!,
        proposal_id: id,
        position: d.meeting.position,
        content_revision: d.revision,
        decision: d.meeting.decision,
        approved_amount: d.meeting.decision === 'approved' ? budget : null,
        conditions: row.conditions ?? null,
        reason: d.meeting.reason ?? null,
        decided_at: decision?.at ?? null,
      });
    }
    for (const s of d.steps) {
      events.push({
        occurred_at: s.at,
        actor_user_id: s.actor,
        action: `proposal.${s.transition}`,
        subject_type: 'proposal',
        subject_id: String(id),
        data: JSON.stringify(s.from ? { from: s.from, to: s.to } : { to: s.to }),
      });
    }
  }

  if (members.length > 0) await tx.insertInto('proposal_member').values(members).execute();
  if (programs.length > 0) await tx.insertInto('proposal_program').values(programs).execute();
  if (situations.length > 0) await tx.insertInto('proposal_situation').values(situations).execute();
  if (objectives.length > 0) await tx.insertInto('proposal_objective').values(objectives).execute();
  if (targets.length > 0) await tx.insertInto('proposal_target_group').values(targets).execute();
  if (activities.length > 0) await tx.insertInto('proposal_activity').values(activities).execute();
  if (expenses.length > 0) await tx.insertInto('proposal_expense').values(expenses).execute();
  if (comments.length > 0) await tx.insertInto('proposal_comment').values(comments).execute();
  if (items.length > 0) await tx.insertInto('meeting_item').values(items).execute();
  if (events.length > 0) await tx.insertInto('audit_event').values(events).execute();
}
