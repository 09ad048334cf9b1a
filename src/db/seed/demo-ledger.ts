import type { Transaction } from 'kysely';
import { fiscalYearOf } from '../../domain/fiscal-year.ts';
import { monthOf, monthsOf, receiptLines, type ReceiptSource, refundLines, statementPeriod } from '../../domain/ledger.ts';
import { fromNumeric, multiplySatang, satang, type Satang, toNumeric } from '../../domain/money.ts';
import type { SupportCategory } from '../../domain/planning.ts';
import type { VoucherState, VoucherStep } from '../../domain/vouchers.ts';
import { postEntry, postPayment } from '../../use-cases/ledger.ts';
import type { DB } from '../schema.ts';
import { completeFunds, demoFunds, hash } from './demo-registry.ts';

// Two fiscal years of money for the complete demo funds: FY 2569 closed month by month, with
// NHSO transfers, co-funding, interest, every approved project paid through the voucher chain
// and one refund; FY 2570 running, October closed, vouchers at every step of the chain.
// Everything goes through the same posting code as the pages, so the books balance as theirs do.

type Tx = Transaction<DB>;

const DONE_YEAR = 2569;
const RUNNING_YEAR = 2570;
/** The running year's last closed month; November is over but still open, as in a real office. */
const RUNNING_CLOSED_UNTIL = '2026-10-01';
/** The signatories, by demo username prefix, in the order of the chain (src/domain/vouchers.ts). */
const CHAIN: [step: VoucherStep, prefix: string][] = [
  ['request', 'officer'],
  ['check', 'finance'],
  ['approve_finance', 'treasurer'],
  ['approve_clerk', 'clerk'],
  ['approve_chair', 'chair'],
];
const STATE_AFTER: Record<string, VoucherState> = {
  request: 'requested',
  check: 'checked',
  approve_finance: 'finance_approved',
  approve_clerk: 'clerk_approved',
  approve_chair: 'paid',
};

/** Removes the demo books before the demo proposals they pay are reloaded. */
export async function clearDemoLedger(tx: Tx): Promise<void> {
  await tx.deleteFrom('payment_voucher').where('is_demo', '=', true).execute();
  await tx.deleteFrom('ledger_month_close').where('is_demo', '=', true).execute();
  await tx.deleteFrom('ledger_entry').where('is_demo', '=', true).execute();
}

const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Project {
  id: number;
  fiscalYear: number;
  code: string;
  category: SupportCategory;
  organisationType: number | null;
  payee: string;
  approved: Satang;
  decidedOn: string;
}

interface Voucher {
  payee: string;
  description: string;
  amount: Satang;
  requestedOn: string;
  /** How far along the chain it got: the last step taken. */
  until: VoucherStep;
  project: Project | null;
  /** Returned once by the checker with this reason (then resubmitted, unless returnedForGood). */
  returned?: string;
  /** Still returned, awaiting the requester's correction. */
  returnedForGood?: boolean;
}

export async function seedDemoLedger(tx: Tx): Promise<void> {
  for (const demo of completeFunds(await demoFunds(tx))) {
    const fund = await tx.selectFrom('fund').select(['id', 'code']).where('code', '=', demo.code).executeTakeFirst();
    if (!fund) continue;
    // Books someone has kept by hand are theirs: the demo does not write around them.
    const kept = await tx.selectFrom('ledger_entry').select('id').where('fund_id', '=', fund.id).where('is_demo', '=', false).executeTakeFirst();
    const closedByHand = await tx.selectFrom('ledger_month_close').select('month').where('fund_id', '=', fund.id).where('is_demo', '=', false).executeTakeFirst();
    if (kept || closedByHand) continue;
    await seedFundBooks(tx, fund);
  }
}

async function signatories(tx: Tx, code: string): Promise<Map<string, number>> {
  const suffix = code.toLowerCase();
  const rows = await tx
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('username', 'in', CHAIN.map(([, prefix]) => `${prefix}.${suffix}`))
    .execute();
  return new Map(rows.map((r) => [r.username.split('.')[0]!, r.id]));
}

async function approvedProjects(tx: Tx, fundId: number): Promise<Project[]> {
  const rows = await tx
    .selectFrom('proposal as p')
    .innerJoin('meeting_item as i', (j) => j.onRef('i.proposal_id', '=', 'p.id').on('i.decision', '=', 'approved'))
    .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
    .select(['p.id', 'p.fiscal_year', 'p.project_code', 'p.support_category', 'p.organisation_type', 'p.organisation_name', 'p.approved_amount', 'm.meeting_date'])
    .where('p.fund_id', '=', fundId)
    .where('p.state', '=', 'approved')
    .where('p.is_demo', '=', true)
    .orderBy('p.project_code')
    .execute();
  return rows
    .filter((r) => r.approved_amount !== null && r.support_category !== null && r.project_code !== null)
    .map((r) => ({
      id: r.id,
      fiscalYear: r.fiscal_year,
      code: r.project_code!,
      category: r.support_category as SupportCategory,
      organisationType: r.organisation_type,
      payee: r.organisation_name,
      approved: fromNumeric(r.approved_amount!),
      decidedOn: r.meeting_date,
    }));
}

async function seedFundBooks(tx: Tx, fund: { id: number; code: string }): Promise<void> {
  const people = await signatories(tx, fund.code);
  const projects = await approvedProjects(tx, fund.id);
  const seed = (text: string) => hash(`${fund.code}${text}`);
  const receipts: { date: string; source: ReceiptSource; amount: Satang; document: string; description: string }[] = [];
  const vouchers: Voucher[] = [];

  for (const fiscalYear of [DONE_YEAR, RUNNING_YEAR]) {
    const plan = await tx
      .selectFrom('fund_plan')
      .select(['nhso_transfer', 'lao_cofunding'])
      .where('fund_id', '=', fund.id)
      .where('fiscal_year', '=', fiscalYear)
      .where('status', 'in', ['approved', 'submitted', 'draft'])
      .orderBy('revision', 'desc')
      .executeTakeFirst();
    const year = statementPeriod('year', fiscalYear);
    const ce = Number(year.start.slice(0, 4));
    const nhso = plan?.nhso_transfer ? fromNumeric(plan.nhso_transfer) : satang(300_000_00);
    receipts.push({
      date: `${ce}-11-${String(5 + (seed(`nhso${fiscalYear}`) % 15)).padStart(2, '0')}`,
      source: 'nhso',
      amount: nhso,
      document: `สปสช. ${fiscalYear}/${100 + (seed(`doc${fiscalYear}`) % 800)}`,
      description: `เงินอุดหนุนกองทุนหลักประกันสุขภาพ ปีงบประมาณ ${fiscalYear}`,
    });
    // Co-funding: some local governments pay in the first quarter, most in the second.
    const early = seed(`cofund${fiscalYear}`) % 3 === 0;
    const cofundDate = early ? `${ce}-12-${String(10 + (seed('cd') % 15)).padStart(2, '0')}` : `${ce + 1}-02-${String(3 + (seed('cd') % 20)).padStart(2, '0')}`;
    if (plan?.lao_cofunding && fiscalYear === DONE_YEAR) {
      receipts.push({ date: cofundDate, source: 'local', amount: fromNumeric(plan.lao_cofunding), document: `ฎีกา อปท. ${seed('fd') % 900}/${fiscalYear}`, description: 'เงินสมทบจากองค์กรปกครองส่วนท้องถิ่น' });
    }
    if (fiscalYear === DONE_YEAR) {
      for (const [month, day] of [
        ['12', '26'],
        ['06', '26'],
      ] as const) {
        receipts.push({
          date: `${month === '12' ? ce : ce + 1}-${month}-${day}`,
          source: 'interest',
          amount: satang(800_00 + (seed(`int${month}`) % 90_000)),
          document: '',
          description: 'ดอกเบี้ยเงินฝากออมทรัพย์',
        });
      }
      if (seed('donation') % 2 === 0) {
        receipts.push({ date: `${ce + 1}-04-13`, source: 'other', amount: satang(5_000_00), document: 'ใบเสร็จ 001/2569', description: 'เงินบริจาคจากงานบุญสงกรานต์' });
      }
      // The committee's meeting allowances, paid out of 10(4) each quarter.
      for (const [i, month] of ['12', '03', '06', '09'].entries()) {
        vouchers.push({
          payee: 'คณะกรรมการกองทุน',
          description: `ค่าตอบแทนการประชุมคณะกรรมการกองทุน ครั้งที่ ${i + 1}/${fiscalYear}`,
          amount: multiplySatang(satang(400_00), 9),
          requestedOn: `${month === '12' ? ce : ce + 1}-${month}-15`,
          until: 'approve_chair',
          project: null,
        });
      }
    }
  }

  // FY 2569's projects are paid in full, one in two instalments; one returns what it did not spend.
  const done = projects.filter((p) => p.fiscalYear === DONE_YEAR);
  for (const [i, project] of done.entries()) {
    const payOn = addDays(project.decidedOn, 10 + (seed(project.code) % 10));
    if (i === 0) {
      const first = satang(Math.round(project.approved * 0.6));
      vouchers.push({ payee: project.payee, description: 'งวดที่ 1', amount: first, requestedOn: payOn, until: 'approve_chair', project });
      vouchers.push({
        payee: project.payee,
        description: 'งวดที่ 2',
        amount: (project.approved - first) as Satang,
        requestedOn: addDays(payOn, 75),
        until: 'approve_chair',
        project,
        returned: 'แนบรายงานผลการดำเนินงานงวดที่ 1 ก่อนเบิกงวดที่ 2',
      });
    } else {
      vouchers.push({ payee: project.payee, description: 'เต็มจำนวนที่อนุมัติ', amount: project.approved, requestedOn: payOn, until: 'approve_chair', project });
    }
  }
  // FY 2570: the first project's first instalment paid, its second on its way through the chain.
  const running = projects.filter((p) => p.fiscalYear === RUNNING_YEAR);
  const steps: VoucherStep[] = ['approve_chair', 'approve_finance'];
  for (const [i, project] of running.entries()) {
    const half = satang(Math.round(project.approved / 2));
    vouchers.push({ payee: project.payee, description: 'งวดที่ 1', amount: half, requestedOn: addDays(project.decidedOn, 7), until: steps[i % steps.length]!, project });
  }
  // And the fund's own 10(4) expenses of the running year, one at each point of the chain.
  const runningStart = statementPeriod('year', RUNNING_YEAR).start;
  const administration: [payee: string, description: string, baht: number, day: number, until: VoucherStep | 'return'][] = [
    ['คณะกรรมการกองทุน', `ค่าตอบแทนการประชุมคณะกรรมการกองทุน ครั้งที่ 1/${RUNNING_YEAR}`, 3_600, 20, 'approve_chair'],
    ['ร้านเครื่องเขียนบ้านหนองบัว', 'วัสดุสำนักงานสำหรับงานกองทุน', 3_850, 40, 'check'],
    ['บริษัท ขนส่งสุขใจ จำกัด', 'ค่าเดินทางไปอบรมการบริหารกองทุน จังหวัด', 6_200, 45, 'approve_clerk'],
    ['ร้านถ่ายเอกสารหน้าอำเภอ', 'ค่าถ่ายเอกสารแผนสุขภาพชุมชน', 1_150, 52, 'return'],
    ['ร้านป้ายดีไซน์', 'ป้ายประชาสัมพันธ์กองทุน', 2_400, 58, 'request'],
  ];
  for (const [payee, description, baht, day, until] of administration) {
    vouchers.push({
      payee,
      description,
      amount: satang(baht * 100),
      requestedOn: addDays(runningStart, day),
      until: until === 'return' ? 'request' : until,
      project: null,
      returned: until === 'return' ? 'ใบเสร็จไม่มีลายมือชื่อผู้รับเงิน กรุณาแนบใบเสร็จฉบับสมบูรณ์' : undefined,
      returnedForGood: until === 'return',
    });
  }

  const events = [
    ...receipts.map((r) => ({ date: r.date, post: () => postReceipt(tx, fund.id, r) })),
    ...vouchers.map((v) => ({ date: v.requestedOn, post: () => postVoucher(tx, fund.id, people, v) })),
  ];
  const refundFrom = done[done.length - 1];
  if (refundFrom) {
    const amount = satang(Math.min(Math.round(refundFrom.approved * 0.04), 2_345_50));
    events.push({
      date: statementPeriod('month', DONE_YEAR, 9).start.replace(/01$/, '18'),
      post: async () => {
        await postEntry(tx, {
          fundId: fund.id,
          kind: 'refund',
          entryDate: statementPeriod('month', DONE_YEAR, 9).start.replace(/01$/, '18'),
          lines: refundLines(amount),
          proposalId: refundFrom.id,
          organisationType: refundFrom.organisationType,
          documentNo: 'ใบรับเงินคืน 01/2569',
          description: `เงินเหลือจ่ายโครงการ ${refundFrom.code}`,
          actorId: people.get('finance') ?? null,
          isDemo: true,
        });
      },
    });
  }
  events.sort((a, b) => a.date.localeCompare(b.date));
  for (const event of events) await event.post();

  // Close every month since the books were opened, up to the first of FY 2570 (months close in order).
  const opened = await tx.selectFrom('fund').select('opening_balance_date').where('id', '=', fund.id).executeTakeFirstOrThrow();
  const months = monthsOf({ start: opened.opening_balance_date ?? statementPeriod('year', DONE_YEAR).start, end: RUNNING_CLOSED_UNTIL });
  await tx
    .insertInto('ledger_month_close')
    .values(months.map((month) => ({ fund_id: fund.id, month, closed_by: people.get('finance') ?? null, closed_at: `${addDays(monthOf(addDays(month, 32)), 4)}T10:00:00+07:00`, is_demo: true })))
    .execute();
}

async function postReceipt(tx: Tx, fundId: number, r: { date: string; source: ReceiptSource; amount: Satang; document: string; description: string }) {
  await postEntry(tx, { fundId, kind: 'receipt', entryDate: r.date, lines: receiptLines(r.source, r.amount), documentNo: r.document, description: r.description, actorId: null, isDemo: true });
}

async function postVoucher(tx: Tx, fundId: number, people: Map<string, number>, v: Voucher) {
  const last = CHAIN.findIndex(([step]) => step === v.until);
  const taken = CHAIN.slice(0, last + 1);
  const paidOn = addDays(v.requestedOn, 4);
  const posted =
    v.until === 'approve_chair'
      ? await postPayment(tx, {
          fundId,
          proposalId: v.project?.id ?? null,
          category: v.project?.category ?? 4,
          organisationType: v.project?.organisationType ?? null,
          entryDate: paidOn,
          amount: v.amount,
          documentNo: `ธ.${String(hash(`${fundId}${v.payee}${v.requestedOn}`) % 10_000_000).padStart(7, '0')}`,
          description: `${v.payee} — ${v.description}`,
          actorId: people.get('chair') ?? null,
          isDemo: true,
        })
      : null;
  const { id } = await tx
    .insertInto('payment_voucher')
    .values({
      fund_id: fundId,
      fiscal_year: fiscalYearOf(v.requestedOn),
      state: v.returnedForGood ? 'returned' : STATE_AFTER[v.until]!,
      proposal_id: v.project?.id ?? null,
      support_category: v.project?.category ?? 4,
      organisation_type: v.project?.organisationType ?? null,
      payee: v.payee,
      description: v.description,
      amount: toNumeric(v.amount),
      payment_method: v.project ? 'cheque' : 'transfer',
      cheque_no: v.project ? String(10_000_000 + (hash(`${v.payee}${v.requestedOn}${v.description}`) % 89_999_999)) : '',
      requested_by: people.get('officer') ?? null,
      ledger_entry_id: posted?.id ?? null,
      is_demo: true,
      created_at: `${v.requestedOn}T09:00:00+07:00`,
      updated_at: `${paidOn}T15:00:00+07:00`,
      version: taken.length + (v.returnedForGood ? 1 : v.returned ? 2 : 0),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A returned voucher shows its first round up to the return, then the full second round.
  type Row = { step: VoucherStep; round: number; actor: string; reason: string; day: number };
  const returnedRows: Row[] = [
    { step: 'request', round: 1, actor: 'officer', reason: '', day: 0 },
    { step: 'return', round: 1, actor: 'finance', reason: v.returned ?? '', day: 0 },
  ];
  const rows: Row[] = v.returnedForGood
    ? returnedRows
    : v.returned
    ? [
        ...returnedRows,
        { step: 'resubmit', round: 2, actor: 'officer', reason: '', day: 1 },
        ...taken.slice(1).map(([step, prefix], i): Row => ({ step, round: 2, actor: prefix, reason: '', day: 1 + Math.min(i, 3) })),
      ]
    : taken.map(([step, prefix], i): Row => ({ step, round: 1, actor: prefix, reason: '', day: Math.min(i, 4) }));
  await tx
    .insertInto('payment_voucher_step')
    .values(rows.map((r) => ({ voucher_id: id, step: r.step, round: r.round, actor_id: people.get(r.actor) ?? null, reason: r.reason, created_at: `${addDays(v.requestedOn, r.day)}T1${r.day}:00:00+07:00` })))
    .execute();
}
