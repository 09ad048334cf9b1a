import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { toBangkokIsoDate } from '../../domain/fiscal-year.ts';
import { fromNumeric, type Satang, subtractSatang, sumSatang, toNumeric } from '../../domain/money.ts';
import { addDays } from '../../domain/project-followup.ts';
import type { ExpenseGroup } from '../../domain/proposals.ts';
import { projectMoneyOf } from '../../use-cases/ledger.ts';
import { startFollowUp } from '../../use-cases/project-followup.ts';
import type { DB } from '../schema.ts';
import { activityPhoto, receiptImage, seededRandom } from './demo-png.ts';
import { hash } from './demo-registry.ts';

// Following the demo projects: every approved one gets its periods the way an approval gives
// them (startFollowUp); the complete funds' projects get what their groups recorded — activity
// records on the planned activities with participants, expenses within what the books paid,
// photos and receipts (drawn PNGs) — and a status other than running here and there: the
// project that returned its unspent money is completed, one in L1978 and one in L4581 suspended.
// Dates and figures come from hashes of the project codes, so every run builds the same records.
// No audit events: the timeline holds what people did (tests count them from zero).

type Tx = Transaction<DB>;

/** Funds where one of last year's projects was suspended part way through. */
const SUSPENDED_IN = ['L1978', 'L4581'];
const SUSPEND_REASONS = [
  'ผู้รับผิดชอบโครงการย้ายไปทำงานต่างจังหวัด กลุ่มอยู่ระหว่างเลือกผู้รับผิดชอบคนใหม่ คณะกรรมการจึงให้ระงับโครงการไว้ก่อนจนกว่าจะแจ้งชื่อผู้รับผิดชอบและแผนกิจกรรมที่เหลือ',
  'เกิดอุทกภัยในพื้นที่ หมู่บ้านเป้าหมายเข้าถึงไม่ได้ ไม่สามารถจัดกิจกรรมที่เหลือได้ตามกำหนด ให้ระงับโครงการไว้ก่อนจนกว่าสถานการณ์จะคลี่คลาย',
];
const COMPLETED_REASON = 'ดำเนินกิจกรรมครบตามแผน ส่งรายงานผลการดำเนินงานและคืนเงินเหลือจ่ายแล้ว';
/** The demo's "now" (late November 2026): status changes are dated before it. */
const DEMO_NOW = '2026-11-25';

const OPENERS = [
  'ลงทะเบียนผู้เข้าร่วมและชี้แจงวัตถุประสงค์ของโครงการ',
  'ประธานกลุ่มกล่าวเปิดกิจกรรมและทำแบบทดสอบความรู้ก่อนเริ่ม',
  'ประชุมทีมงานเตรียมความพร้อม แบ่งหน้าที่รับผิดชอบ แล้วเริ่มกิจกรรมตามกำหนดการ',
  'ประสานผู้ใหญ่บ้านประกาศเสียงตามสายล่วงหน้า ลงทะเบียนผู้เข้าร่วมและวัดความดันโลหิตก่อนเริ่ม',
];
const OUTPUTS = [
  'มีทะเบียนรายชื่อผู้เข้าร่วม ภาพถ่ายกิจกรรม และสรุปแบบประเมินความพึงพอใจ',
  'ได้ข้อมูลผู้เข้าร่วมรายหมู่บ้านสำหรับติดตามผลในครั้งต่อไป',
  'จัดทำสรุปผลกิจกรรมเสนอคณะทำงานและแจ้งในที่ประชุมประจำเดือนของหมู่บ้าน',
];
const OUTCOMES = [
  (r: () => number) => {
    const pre = 5 + Math.floor(r() * 2);
    return `คะแนนแบบทดสอบความรู้เฉลี่ยเพิ่มจาก ${pre}.${Math.floor(r() * 10)} เป็น ${pre + 2}.${Math.floor(r() * 10)} คะแนน จาก 10 คะแนน`;
  },
  (r: () => number) => `ผู้เข้าร่วมร้อยละ ${78 + Math.floor(r() * 18)} ประเมินว่านำสิ่งที่ได้เรียนรู้ไปใช้ในครอบครัวได้`,
  (r: () => number) => `มีแกนนำอาสาขยายผลในหมู่บ้านเพิ่มขึ้น ${4 + Math.floor(r() * 9)} คน และนัดติดตามผลเดือนละครั้ง`,
  () => 'ชุมชนตกลงกติการ่วมกัน และมอบหมายผู้รับผิดชอบติดตามผลในแต่ละหมู่บ้าน',
];
const PROBLEMS: [problem: string, fix: string][] = [
  ['ฝนตกหนักในวันจัดกิจกรรม ผู้เข้าร่วมบางส่วนเดินทางมาไม่ได้', 'ย้ายกิจกรรมเข้าในอาคาร และให้ อสม. นำเอกสารความรู้ไปให้ผู้ที่ไม่ได้มาร่วมถึงบ้าน'],
  ['ผู้เข้าร่วมวัยทำงานติดภารกิจเก็บเกี่ยวข้าว มาร่วมน้อยกว่าเป้าหมาย', 'ครั้งต่อไปจัดช่วงเย็นหลังเลิกงาน และประกาศเสียงตามสายล่วงหน้าสามวัน'],
  ['วิทยากรติดภารกิจเร่งด่วน ต้องเลื่อนเวลาเริ่มกิจกรรมออกไปหนึ่งชั่วโมง', 'ให้ผู้เข้าร่วมทำแบบทดสอบและแลกเปลี่ยนประสบการณ์กันระหว่างรอ'],
  ['ราคาวัสดุสูงกว่าที่ประมาณการไว้', 'เลือกซื้อจากร้านในชุมชนที่ให้ราคาถูกกว่า และปรับจำนวนให้อยู่ในงบประมาณที่อนุมัติ'],
  ['ผู้สูงอายุและผู้ที่เดินไม่สะดวกบางคนเดินทางมาเองไม่ได้', 'ประสานอาสาสมัครในหมู่บ้านจัดรถรับส่ง'],
  ['', ''],
  ['', ''],
];
const GROUP_NAMES: Record<string, string> = {
  '1001': 'เด็กเล็ก',
  '1002': 'เด็กวัยเรียนและเยาวชน',
  '1003': 'วัยทำงาน',
  '1004': 'ผู้สูงอายุ',
  '2001': 'หญิงตั้งครรภ์และหลังคลอด',
  '2002': 'ผู้ป่วยโรคเรื้อรัง',
  '2003': 'คนพิการ',
  '2004': 'ประชาชนกลุ่มเสี่ยง',
  '2005': 'ผู้แทนองค์กรและคณะกรรมการ',
};

/** Removes what the demo recorded on its projects before the projects themselves are reloaded. */
export async function clearDemoFollowUp(tx: Tx): Promise<void> {
  await tx.deleteFrom('project_activity_record').where('is_demo', '=', true).execute();
}

interface Project {
  id: number;
  code: string;
  fundCode: string;
  fundId: number;
  fiscalYear: number;
  place: string;
  start: string;
  end: string;
  createdBy: number | null;
}

export async function seedDemoFollowUp(tx: Tx): Promise<void> {
  const rows = await tx
    .selectFrom('proposal as p')
    .innerJoin('fund as f', 'f.id', 'p.fund_id')
    .select(['p.id', 'p.project_code', 'f.code as fund_code', 'f.id as fund_id', 'p.fiscal_year', 'p.place', 'p.period_start', 'p.period_end', 'p.created_by'])
    .where('p.is_demo', '=', true)
    .where('p.state', '=', 'approved')
    .where('p.project_code', 'is not', null)
    .orderBy('f.code')
    .orderBy('p.project_code')
    .execute();
  for (const r of rows) await startFollowUp(tx, r.id);

  const today = toBangkokIsoDate(new Date());
  const projects: Project[] = rows
    .filter((r) => r.period_start !== null && r.period_end !== null)
    .map((r) => ({
      id: r.id,
      code: r.project_code!,
      fundCode: r.fund_code,
      fundId: r.fund_id,
      fiscalYear: r.fiscal_year,
      place: r.place ?? '',
      start: r.period_start!,
      end: r.period_end!,
      createdBy: r.created_by,
    }));
  const officers = new Map(
    (
      await tx
        .selectFrom('app_user')
        .select(['id', 'username'])
        .where('username', 'in', ['', ...new Set(projects.map((p) => `officer.${p.fundCode.toLowerCase()}`))])
        .execute()
    ).map((u) => [u.username, u.id]),
  );

  for (const fundCode of [...new Set(projects.map((p) => p.fundCode))]) {
    const ofFund = projects.filter((p) => p.fundCode === fundCode);
    const officer = officers.get(`officer.${fundCode.toLowerCase()}`) ?? null;
    const moneys = new Map<number, Awaited<ReturnType<typeof projectMoneyOf>>>();
    for (const p of ofFund) moneys.set(p.id, await projectMoneyOf(tx, p.id));
    // Last year's projects whose periods are over: the one that returned money is done; in a
    // couple of funds one that is neither the first (paid in two instalments) nor that one stopped.
    const past = ofFund.filter((p) => p.end < DEMO_NOW);
    const completed = past.find((p) => (moneys.get(p.id)?.refunded ?? 0) > 0) ?? null;
    const candidates = past.filter((p) => p !== completed && p !== past[0]);
    const suspended = SUSPENDED_IN.includes(fundCode) ? (candidates[candidates.length - 1] ?? null) : null;
    // The money that came back is in before the project is closed.
    const refundedOn = completed
      ? ((
          await tx
            .selectFrom('ledger_entry')
            .select((eb) => eb.fn.max('entry_date').as('on'))
            .where('proposal_id', '=', completed.id)
            .where('kind', '=', 'refund')
            .executeTakeFirst()
        )?.on ?? null)
      : null;
    for (const project of ofFund) {
      const money = moneys.get(project.id)!;
      const status = project === completed ? 'completed' : project === suspended ? 'suspended' : 'running';
      await seedProject(tx, project, {
        available: subtractSatang(money.paid, money.refunded),
        status,
        today,
        officer,
        closedAfter: refundedOn,
        reason: SUSPEND_REASONS[Math.max(0, SUSPENDED_IN.indexOf(fundCode)) % SUSPEND_REASONS.length]!,
      });
    }
  }
}

interface Plan {
  activities: { position: number; title: string; detail: string }[];
  /** Planned amount per activity position and expense group. */
  budget: Map<number, Map<ExpenseGroup, Satang>>;
  targetGroups: { code: string; people: number }[];
}

async function readPlan(tx: Tx, proposalId: number): Promise<Plan> {
  const [activities, lines, groups] = await Promise.all([
    tx.selectFrom('proposal_activity').select(['position', 'title', 'detail']).where('proposal_id', '=', proposalId).orderBy('position').execute(),
    tx
      .selectFrom('proposal_expense')
      .select(['activity_position', 'expense_group', sql<string>`unit_cost * units * times`.as('amount')])
      .where('proposal_id', '=', proposalId)
      .orderBy('activity_position')
      .orderBy('position')
      .execute(),
    tx.selectFrom('proposal_target_group').select(['target_group_code', 'people']).where('proposal_id', '=', proposalId).orderBy('target_group_code').execute(),
  ]);
  const budget = new Map<number, Map<ExpenseGroup, Satang>>();
  for (const l of lines) {
    const ofActivity = budget.get(l.activity_position) ?? new Map<ExpenseGroup, Satang>();
    const group = l.expense_group as ExpenseGroup;
    ofActivity.set(group, sumSatang([ofActivity.get(group) ?? (0 as Satang), fromNumeric(l.amount)]));
    budget.set(l.activity_position, ofActivity);
  }
  return {
    activities: activities.map((a) => ({ position: a.position, title: a.title, detail: a.detail ?? '' })),
    budget,
    targetGroups: groups.map((g) => ({ code: g.target_group_code, people: g.people })),
  };
}

interface Draft {
  position: number;
  session: number;
  sessions: number;
  date: string;
  expenses: Map<ExpenseGroup, Satang>;
}

const dayCount = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const at = (iso: string, hour: number) => `${iso}T${String(hour).padStart(2, '0')}:00:00+07:00`;

async function seedProject(
  tx: Tx,
  project: Project,
  options: {
    available: Satang;
    status: 'running' | 'completed' | 'suspended';
    today: string;
    officer: number | null;
    /** The completed project closes after this day too (its refund). */
    closedAfter: string | null;
    /** Why a suspended project stopped. */
    reason: string;
  },
): Promise<void> {
  const plan = await readPlan(tx, project.id);
  if (plan.activities.length === 0) return;
  const random = seededRandom(hash(`${project.code}followup`));

  // Two to five records, at least one for each planned activity; the extra ones are more
  // sessions of the same activity, up to three of each.
  const wanted = Math.min(5, 3 * plan.activities.length, Math.max(plan.activities.length, 2 + (hash(`${project.code}n`) % 4)));
  const sessions = plan.activities.map(() => 1);
  for (let i = plan.activities.length; i < wanted; i++) sessions[(i + (hash(project.code) % plan.activities.length)) % plan.activities.length]! += 1;
  const order = plan.activities.flatMap((a, i) => Array.from({ length: sessions[i]! }, (_, s) => ({ position: a.position, session: s + 1, sessions: sessions[i]! })));

  // The first record opens the project in its first days; the others spread over the period.
  const span = dayCount(project.start, project.end);
  let previous = project.start;
  const drafts: Draft[] = order.map((o, k) => {
    const offset = k === 0 ? 1 + (hash(`${project.code}d0`) % 3) : Math.floor(((k + 0.2 + 0.6 * random()) / order.length) * span);
    let date = addDays(project.start, Math.min(span, offset));
    if (date <= previous && k > 0) date = addDays(previous, 1 + Math.floor(random() * 4));
    if (date > project.end) date = project.end;
    previous = date;
    return { ...o, date, expenses: new Map() };
  });

  // A suspended project stopped after its second record; a running one has recorded up to today.
  let suspendedOn: string | null = null;
  if (options.status === 'suspended' && drafts.length >= 3) suspendedOn = addDays(drafts[1]!.date, Math.max(1, Math.floor(dayCount(drafts[1]!.date, drafts[2]!.date) / 2)));
  const cutoff = suspendedOn ?? options.today;
  const kept = drafts.filter((d) => d.date < cutoff || (d.date === cutoff && suspendedOn === null));

  // Spending: most of each activity's budget, in whole baht, shared between its sessions; never
  // more than the books paid (less what came back); the completed project spent exactly that.
  const share = 0.86 + 0.12 * random();
  for (const d of kept) {
    for (const [group, planned] of plan.budget.get(d.position) ?? []) {
      const amount = Math.floor((planned * share) / d.sessions / 100) * 100;
      if (amount > 0) d.expenses.set(group, amount as Satang);
    }
  }
  const spent = () => sumSatang(kept.flatMap((d) => [...d.expenses.values()]));
  const target = options.status === 'completed' ? options.available : Math.min(options.available, spent());
  if (spent() > 0 && spent() !== target) {
    const factor = target / spent();
    for (const d of kept) {
      for (const [group, amount] of d.expenses) {
        const scaled = Math.floor(amount * factor);
        if (scaled > 0) d.expenses.set(group, scaled as Satang);
        else d.expenses.delete(group);
      }
    }
    // Rounding down leaves a few satang: the completed project's largest line takes them.
    const largest = kept.flatMap((d) => [...d.expenses.entries()].map(([group, amount]) => ({ d, group, amount }))).sort((a, b) => b.amount - a.amount)[0];
    if (options.status === 'completed' && largest) largest.d.expenses.set(largest.group, (largest.amount + (target - spent())) as Satang);
  }

  const titles = new Map(plan.activities.map((a) => [a.position, a]));
  for (const [k, d] of kept.entries()) {
    const activity = titles.get(d.position)!;
    const seed = `${project.code}${k}`;
    // The plan's people per target group, scaled to the head count the activity's description
    // gives ("อสม. 60 คน") and shared between its sessions.
    const everyone = plan.targetGroups.reduce((n, g) => n + g.people, 0);
    const described = Number(/(\d[\d,]*)\s*คน/.exec(activity.detail)?.[1]?.replace(/,/g, '') ?? 0);
    const scale = described > 0 && described < everyone ? described / everyone : 1;
    const participants = plan.targetGroups.map((g) => {
      const planned = Math.max(1, Math.ceil((g.people * scale) / d.sessions));
      return { code: g.code, planned, actual: Math.max(1, Math.round(planned * (0.8 + 0.28 * random()))) };
    });
    const planned = participants.reduce((n, p) => n + p.planned, 0);
    const actual = participants.reduce((n, p) => n + p.actual, 0);
    const [problem, fix] = PROBLEMS[hash(`${seed}p`) % PROBLEMS.length]!;
    const recordedAt = at(addDays(d.date, 1 + (hash(`${seed}r`) % 3)), 10 + (hash(`${seed}h`) % 7));
    const { id } = await tx
      .insertInto('project_activity_record')
      .values({
        proposal_id: project.id,
        activity_position: d.position,
        activity_date: d.date,
        // A training's repeats are intakes (รุ่น), anything else's are rounds.
        title: d.sessions > 1 ? `${activity.title} ${activity.title.startsWith('อบรม') ? 'รุ่นที่' : 'ครั้งที่'} ${d.session}` : activity.title,
        done: [OPENERS[hash(`${seed}o`) % OPENERS.length], activity.detail, project.place ? `ณ ${project.place}` : ''].filter(Boolean).join(' '),
        outputs: `ผู้เข้าร่วม ${actual} คน จากที่วางแผนไว้ ${planned} คน (${participants.map((p) => `${GROUP_NAMES[p.code] ?? p.code} ${p.actual} คน`).join(' ')}) ${OUTPUTS[hash(`${seed}u`) % OUTPUTS.length]}`,
        outcomes: OUTCOMES[hash(`${seed}c`) % OUTCOMES.length]!(random),
        problems: problem,
        fixes: fix,
        recorded_by: project.createdBy,
        is_demo: true,
        created_at: recordedAt,
        updated_at: recordedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (participants.length > 0) {
      await tx
        .insertInto('project_activity_participant')
        .values(participants.map((p) => ({ record_id: id, target_group_code: p.code, planned: p.planned, actual: p.actual })))
        .execute();
    }
    if (d.expenses.size > 0) {
      await tx
        .insertInto('project_activity_expense')
        .values([...d.expenses].map(([group, amount]) => ({ record_id: id, expense_group: group, amount: toNumeric(amount) })))
        .execute();
    }
    const files: { kind: 'photo' | 'receipt'; name: string; bytes: Buffer }[] = [];
    const photos = 1 + (hash(`${seed}f`) % 2);
    for (let i = 1; i <= photos; i++) files.push({ kind: 'photo', name: `activity-${d.date}-${i}.png`, bytes: activityPhoto(hash(`${seed}photo${i}`)) });
    if (d.expenses.size > 0 && hash(`${seed}receipt`) % 3 !== 0) files.push({ kind: 'receipt', name: `receipt-${d.date}.png`, bytes: receiptImage(hash(`${seed}receipt`)) });
    await tx
      .insertInto('project_activity_attachment')
      .values(
        files.map((f) => ({
          record_id: id,
          kind: f.kind,
          file_name: f.name,
          media_type: 'image/png',
          size_bytes: f.bytes.byteLength,
          sha256: createHash('sha256').update(f.bytes).digest('hex'),
          content: f.bytes,
          uploaded_by: project.createdBy,
          created_at: recordedAt,
        })),
      )
      .execute();
  }

  if (options.status !== 'running') {
    const lastRecord = kept.at(-1)?.date ?? project.start;
    const on =
      options.status === 'suspended'
        ? (suspendedOn ?? addDays(lastRecord, 7))
        : addDays([project.end, lastRecord, options.closedAfter ?? ''].sort().at(-1)!, 7 + (hash(`${project.code}done`) % 10));
    const changedAt = at(on < DEMO_NOW ? on : DEMO_NOW, 14);
    const reason = options.status === 'suspended' ? options.reason : COMPLETED_REASON;
    await tx.updateTable('proposal').set({ project_status: options.status, project_status_reason: reason, project_status_at: new Date(changedAt) }).where('id', '=', project.id).execute();
    await tx
      .insertInto('project_status_event')
      .values({ proposal_id: project.id, from_status: 'running', to_status: options.status, reason, actor_id: options.officer, created_at: changedAt })
      .execute();
  }
}
