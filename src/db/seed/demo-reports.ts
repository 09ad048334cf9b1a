import type { Transaction } from 'kysely';
import { addDays } from '../../domain/project-followup.ts';
import {
  generateFigures,
  isPeriodKind,
  prefillText,
  REPORT_TEXT_FIELDS,
  type ReportAction,
  type ReportBody,
  type ReportKind,
  type ReportState,
  reportDueDate,
  VALUE_DIMENSIONS,
} from '../../domain/project-reports.ts';
import { projectMoneyOf } from '../../use-cases/ledger.ts';
import { readActivities, readPeriods, readPlan, startFollowUp } from '../../use-cases/project-followup.ts';
import type { DB } from '../schema.ts';
import { completeFunds, demoFunds, hash } from './demo-registry.ts';

// Reports for the complete demo funds' approved projects, in every state of the review: last
// year's projects mostly accepted (one submitted late, one returned with a comment, one final
// report still a draft well past its due date), this year's first progress report a draft.
// The figures come from the projects' activity records (where the follow-up demo made some) by
// the same generators as the pages; the rows are is_demo, cleared before the demo reloads.

type Tx = Transaction<DB>;

/** Removes the demo reports (their review history, indicators and values go with them). */
export async function clearDemoReports(tx: Tx): Promise<void> {
  await tx.deleteFrom('project_report').where('is_demo', '=', true).execute();
}

const DEMO_TEXT: Record<string, string> = {
  done: 'จัดกิจกรรมตามแผน: ประชุมชี้แจงแกนนำ อบรมให้ความรู้ และติดตามเยี่ยมบ้านกลุ่มเป้าหมาย',
  outputs: 'ผู้เข้าร่วมอบรมครบตามเป้าหมาย มีทะเบียนกลุ่มเป้าหมายและแผนการเยี่ยมบ้าน',
  outcomes: 'กลุ่มเป้าหมายมีความรู้และปฏิบัติตัวดีขึ้น ครอบครัวและชุมชนมีส่วนร่วมมากขึ้น',
  problems: 'ช่วงฤดูเก็บเกี่ยวผู้เข้าร่วมบางส่วนไม่สะดวกมาร่วมกิจกรรม',
  fixes: 'ปรับเวลาจัดกิจกรรมเป็นช่วงเย็นและเพิ่มการเยี่ยมบ้านแทน',
  note: 'รายละเอียดตามหลักฐานการจ่ายเงินที่แนบ',
  summary: 'ดำเนินกิจกรรมได้ครบตามแผนเกือบทั้งหมด กลุ่มเป้าหมายได้รับการดูแลต่อเนื่อง',
  suggestions: 'ควรขยายผลไปยังหมู่บ้านใกล้เคียงและมีแกนนำสุขภาพประจำหมู่บ้าน',
};

interface Plan {
  kind: ReportKind;
  period: number | null;
  /** The steps taken, in order; the comment goes with a return. */
  steps: ReportAction[];
  late?: boolean;
  /** A draft left past its due date. */
  overdue?: boolean;
}

const accepted: ReportAction[] = ['submit', 'check', 'accept'];

/** What each of a fund's projects reports, by how far along the project is. */
function plansFor(index: number, periods: number[], finished: boolean): Plan[] {
  const perPeriod = (steps: (n: number, kind: ReportKind) => ReportAction[] | null) =>
    periods.flatMap((n) =>
      (['progress', 'financial'] as const).flatMap((kind) => {
        const s = steps(n, kind);
        return s ? [{ kind, period: n, steps: s }] : [];
      }),
    );
  if (!finished) {
    // A running project: its first progress report being written.
    return index === 0 ? [{ kind: 'progress', period: periods[0] ?? 1, steps: [] }] : [];
  }
  switch (index % 4) {
    case 0: // all done and accepted, the closing report a little late
      return [
        ...perPeriod(() => accepted),
        { kind: 'closing_financial', period: null, steps: accepted, late: true },
        { kind: 'final', period: null, steps: accepted },
      ];
    case 1: // the mentor has checked the closing summary; the final report waits for the mentor
      return [...perPeriod(() => accepted), { kind: 'closing_financial', period: null, steps: ['submit', 'check'] }, { kind: 'final', period: null, steps: ['submit'] }];
    case 2: // the last progress report came back with a comment
      return perPeriod((n, kind) => (n === periods.at(-1) && kind === 'progress' ? ['submit', 'return'] : accepted));
    default: // the final report still a draft, long past its due date
      return [...perPeriod(() => accepted), { kind: 'final', period: null, steps: [], overdue: true }];
  }
}

const STATE_AFTER: Record<ReportAction, ReportState> = { submit: 'submitted', check: 'checked', return: 'returned', accept: 'accepted' };
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:30:00+07:00`);

export async function seedDemoReports(tx: Tx): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  for (const demo of completeFunds(await demoFunds(tx))) {
    const fund = await tx.selectFrom('fund').select(['id', 'code']).where('code', '=', demo.code).executeTakeFirst();
    if (!fund) continue;
    const suffix = fund.code.toLowerCase();
    const users = await tx
      .selectFrom('app_user')
      .select(['id', 'username'])
      .where('username', 'in', [`proposer.${suffix}`, `mentor.${suffix}`, `officer.${suffix}`])
      .execute();
    const userId = (prefix: string) => users.find((u) => u.username === `${prefix}.${suffix}`)?.id ?? null;
    const actorOf: Record<ReportAction, number | null> = { submit: userId('proposer'), check: userId('mentor'), return: userId('mentor'), accept: userId('officer') };
    const projects = await tx
      .selectFrom('proposal')
      .select(['id', 'project_code', 'period_end', 'created_by'])
      .where('fund_id', '=', fund.id)
      .where('is_demo', '=', true)
      .where('project_code', 'is not', null)
      .where('project_status', 'in', ['running', 'completed'])
      .orderBy('project_code')
      .execute();
    let finishedIndex = 0;
    let runningIndex = 0;
    for (const project of projects) {
      await startFollowUp(tx, project.id);
      const periods = await readPeriods(tx, project.id);
      if (periods.length === 0 || !project.period_end) continue;
      // Someone's own reports are theirs: the demo writes around none.
      const kept = await tx.selectFrom('project_report').select('id').where('proposal_id', '=', project.id).executeTakeFirst();
      if (kept) continue;
      // The project's own proposer submits its reports.
      const by: Record<ReportAction, number | null> = { ...actorOf, submit: project.created_by ?? actorOf.submit };
      const finished = addDays(project.period_end, 30) < today;
      const plans = plansFor(finished ? finishedIndex++ : runningIndex++, periods.map((p) => p.number), finished);
      if (plans.length === 0) continue;
      const [records, plan, money] = await Promise.all([readActivities(tx, project.id, periods), readPlan(tx, project.id), projectMoneyOf(tx, project.id)]);
      for (const p of plans) {
        const period = p.period === null ? null : (periods.find((x) => x.number === p.period) ?? null);
        if (isPeriodKind(p.kind) && !period) continue;
        const due = reportDueDate(p.kind, period, project.period_end);
        const prefilled = prefillText(p.kind, { period, records });
        const text = Object.fromEntries(REPORT_TEXT_FIELDS[p.kind].map((f) => [f, prefilled[f as keyof typeof prefilled] || DEMO_TEXT[f] || '']));
        const body: ReportBody = { figures: generateFigures(p.kind, { period, records, plan, money }), text };
        const state = p.steps.length ? STATE_AFTER[p.steps.at(-1)!] : 'draft';
        // Submitted a few days before the due date (or ten days after it), reviewed a week apart.
        const submittedOn = p.steps.length ? addDays(due, p.late ? 10 : -3 - (hash(`${project.project_code}${p.kind}${p.period}`) % 10)) : null;
        const stepDates = p.steps.map((_, i) => addDays(submittedOn ?? due, i * 7));
        const { id } = await tx
          .insertInto('project_report')
          .values({
            proposal_id: project.id,
            kind: p.kind,
            period_number: isPeriodKind(p.kind) ? p.period : null,
            state,
            body: JSON.stringify(body),
            due_date: p.overdue ? (due < today ? due : addDays(today, -20)) : due,
            submitted_at: submittedOn ? at(submittedOn, 10) : null,
            accepted_at: state === 'accepted' ? at(stepDates.at(-1)!, 14) : null,
            created_by: by.submit,
            is_demo: true,
            version: 1 + p.steps.length,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        let from: ReportState = 'draft';
        for (const [i, action] of p.steps.entries()) {
          const to = STATE_AFTER[action];
          await tx
            .insertInto('project_report_event')
            .values({
              report_id: id,
              action,
              from_state: from,
              to_state: to,
              comment: action === 'return' ? 'ขอให้แนบภาพถ่ายกิจกรรมและรายชื่อผู้เข้าร่วม และระบุผลลัพธ์เป็นตัวเลขเทียบกับเป้าหมาย' : '',
              actor_id: by[action],
              created_at: at(stepDates[i]!, 10 + i),
            })
            .execute();
          from = to;
        }
        if (p.kind === 'final' && p.steps.length) await seedFinalResults(tx, project.id, id, project.project_code!);
      }
    }
  }
}

/** ส.3: each objective's indicator reached (or nearly), and the six dimensions rated. */
async function seedFinalResults(tx: Tx, proposalId: number, reportId: number, code: string): Promise<void> {
  const objectives = await tx.selectFrom('proposal_objective').select(['position', 'target']).where('proposal_id', '=', proposalId).orderBy('position').execute();
  if (objectives.length) {
    await tx
      .insertInto('project_indicator_result')
      .values(
        objectives.map((o) => ({
          report_id: reportId,
          objective_position: o.position,
          baseline: `ร้อยละ ${30 + (hash(`${code}${o.position}b`) % 20)}`,
          target: o.target || 'ร้อยละ 80',
          actual: `ร้อยละ ${70 + (hash(`${code}${o.position}a`) % 25)}`,
          note: '',
        })),
      )
      .execute();
  }
  const evidence: Record<string, string> = {
    knowledge: 'คู่มือการดูแลผู้สูงอายุที่กลุ่มจัดทำเอง',
    behaviour: 'ผู้เข้าร่วมออกกำลังกายสม่ำเสมอ ตามแบบบันทึกรายสัปดาห์',
    environment: 'จัดลานออกกำลังกายในหมู่บ้าน',
    public_policy: 'ข้อตกลงหมู่บ้านงดเหล้าในงานบุญ',
    community_process: 'อาสาสมัครในหมู่บ้านร่วมเยี่ยมบ้านทุกเดือน',
    spiritual: 'กิจกรรมทำบุญและสวดมนต์ร่วมกันของผู้สูงอายุ',
  };
  await tx
    .insertInto('project_value_assessment')
    .values(VALUE_DIMENSIONS.map((d) => ({ report_id: reportId, dimension: d, rating: 1 + (hash(`${code}${d}`) % 3), evidence: evidence[d] ?? '' })))
    .execute();
}
