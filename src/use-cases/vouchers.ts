import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { fiscalYearOf, toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { ruleInForce } from '../domain/fund-year.ts';
import { parseMoney } from '../domain/import-values.ts';
import { mayBePaid } from '../domain/project-followup.ts';
import { fromNumeric, type Satang, subtractSatang, sumSatang, toNumeric, ZERO_SATANG } from '../domain/money.ts';
import type { SupportCategory } from '../domain/planning.ts';
import { type Action, type Actor, can } from '../domain/policy.ts';
import {
  hasSignedThisRound,
  PAYMENT_METHODS,
  type PaymentMethod,
  paymentMethodProblem,
  transitionOf,
  transitionsFrom,
  VOUCHER_PENDING_STATES,
  VOUCHER_TRANSITIONS,
  type VoucherState,
  type VoucherStep,
  type VoucherTransitionStep,
} from '../domain/vouchers.ts';
import { audit, invalid, optionalText, parsed, parseYear, versionField } from './admin-shared.ts';
import { authorize, type FundRef, findFund } from './authorize.ts';
import { Conflict, NotFound, parseInput } from './errors.ts';
import { postPayment, projectMoneyOf } from './ledger.ts';

// Payment vouchers (ใบขอเบิกเงิน): requested for a project or a 10(4) expense, signed in turn
// by the chain of src/domain/vouchers.ts, posted as a payment when the chair signs.

type Db = Kysely<DB>;

const target = (ref: FundRef) => ({ scopeChain: ref.scopeChain });

/** What vouchers not yet paid hold of a project's money, so two requests cannot overspend it. */
async function reservedFor(db: Db, proposalId: number, exceptVoucherId: number | null): Promise<Satang> {
  let query = db
    .selectFrom('payment_voucher')
    .select(sql<string>`coalesce(sum(amount), 0)`.as('held'))
    .where('proposal_id', '=', proposalId)
    .where('state', 'in', VOUCHER_PENDING_STATES);
  if (exceptVoucherId !== null) query = query.where('id', '<>', exceptVoucherId);
  return fromNumeric((await query.executeTakeFirstOrThrow()).held);
}

async function cashLimit(db: Db, fiscalYear: number): Promise<Satang> {
  const rules = await db.selectFrom('rule_set').select(['effective_from_fiscal_year', 'cash_payment_limit']).execute();
  const rule = ruleInForce(
    rules.map((r) => ({ ...r, effectiveFromFiscalYear: r.effective_from_fiscal_year })),
    fiscalYear,
  );
  return rule ? fromNumeric(rule.cash_payment_limit) : ZERO_SATANG;
}

const voucherSchema = z
  .object({
    purpose: z.enum(['project', 'administration'], 'voucher.error.purpose'),
    project_code: optionalText(40),
    payee: optionalText(200),
    description: optionalText(1000),
    amount: parsed(parseMoney).refine((amount) => amount > 0, { message: 'ledger.error.zero' }),
    payment_method: z.enum(PAYMENT_METHODS, 'voucher.error.method'),
    cheque_no: optionalText(40),
  })
  .superRefine((value, ctx) => {
    if (value.purpose === 'project' && !value.project_code) ctx.addIssue({ code: 'custom', path: ['project_code'], message: 'admin.error.required' });
    // A project's payee is its organisation unless said otherwise; an expense names its own.
    if (value.purpose === 'administration' && !value.payee) ctx.addIssue({ code: 'custom', path: ['payee'], message: 'admin.error.required' });
  });

/** The project a voucher pays: approved, in this fund. */
async function approvedProject(db: Db, ref: FundRef, projectCode: string) {
  const row = await db
    .selectFrom('proposal')
    .select(['id', 'support_category', 'organisation_type', 'organisation_name', 'approved_amount', 'project_status'])
    .where('fund_id', '=', ref.id)
    .where('project_code', '=', projectCode.trim())
    .where('state', '=', 'approved')
    .executeTakeFirst();
  if (!row || row.support_category === null) throw invalid('project_code', 'ledger.error.project');
  if (!mayBePaid(row.project_status)) throw invalid('project_code', 'ledger.error.projectStopped');
  return { ...row, supportCategory: row.support_category as SupportCategory };
}

/** Why a project cannot be paid `amount` now (null: it can), counting vouchers already in the chain. */
async function overRemaining(db: Db, proposalId: number, amount: Satang, exceptVoucherId: number | null) {
  const money = await projectMoneyOf(db, proposalId);
  const left = subtractSatang(money.remaining, await reservedFor(db, proposalId, exceptVoucherId));
  return amount > left ? invalid('amount', 'ledger.error.overRemaining', { remaining: toNumeric(left > 0 ? left : ZERO_SATANG) }) : null;
}

/**
 * Requests a payment (the first signature of the chain). Refused when the fund has no bank
 * account, when it is more than the project has left after the vouchers already in the chain,
 * or when cash is over the rule set's limit.
 */
export async function requestVoucher(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: unknown }, today = toBangkokIsoDate(new Date())) {
  const ref = await findFund(db, String(input.code ?? '').trim().toUpperCase());
  authorize(actor, 'voucher.request', target(ref));
  const value = parseInput(voucherSchema, input);
  const fiscalYear = fiscalYearOf(today);
  return db.transaction().execute(async (tx) => {
    // Serialise with other requests and postings of the fund: the remaining amount stays true.
    const fund = await tx.selectFrom('fund').select('bank_account_number').where('id', '=', ref.id).forUpdate().executeTakeFirstOrThrow();
    if (fund.bank_account_number === null) throw invalid('amount', 'ledger.error.noBankAccount');
    const project = value.purpose === 'project' ? await approvedProject(tx, ref, value.project_code ?? '') : null;
    if (project) {
      const problem = await overRemaining(tx, project.id, value.amount, null);
      if (problem) throw problem;
    }
    const method = paymentMethodProblem(value.payment_method, value.amount, value.cheque_no ?? '', await cashLimit(tx, fiscalYear));
    if (method) throw invalid(method.field, method.key, { limit: toNumeric(await cashLimit(tx, fiscalYear)) });
    const { id } = await tx
      .insertInto('payment_voucher')
      .values({
        fund_id: ref.id,
        fiscal_year: fiscalYear,
        state: 'requested',
        proposal_id: project?.id ?? null,
        support_category: project?.supportCategory ?? 4,
        organisation_type: project?.organisation_type ?? null,
        payee: value.payee ?? project?.organisation_name ?? '',
        description: value.description ?? '',
        amount: toNumeric(value.amount),
        payment_method: value.payment_method,
        cheque_no: value.cheque_no ?? '',
        requested_by: actor!.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('payment_voucher_step').values({ voucher_id: id, step: 'request', round: 1, actor_id: actor!.userId }).execute();
    await audit(tx, actor!.userId, 'voucher.request', 'payment_voucher', id, { amount: toNumeric(value.amount), project: value.project_code ?? null });
    return { id };
  });
}

const stepSchema = z.object({
  step: z.enum(VOUCHER_TRANSITIONS.map((t) => t.step) as [VoucherTransitionStep, ...VoucherTransitionStep[]], 'voucher.error.step'),
  version: versionField,
  reason: optionalText(1000),
});

async function voucherFund(db: Db, voucherId: number) {
  const row = await db
    .selectFrom('payment_voucher as v')
    .innerJoin('fund as f', 'f.id', 'v.fund_id')
    .select(['f.code'])
    .where('v.id', '=', voucherId)
    .executeTakeFirst();
  if (!row) throw new NotFound(`voucher ${voucherId}`);
  return findFund(db, row.code);
}

const roundOf = (steps: readonly { step: string }[]) => 1 + steps.filter((s) => s.step === 'return').length;

/**
 * Takes one step of the chain on the version of the voucher the form showed. A second click,
 * or a second tab, finds the voucher moved on and is told so; nothing is signed or paid twice.
 */
export async function stepVoucher(db: Db, actor: Actor | null, input: { id: unknown; step: unknown; version: unknown; reason?: unknown }, today = toBangkokIsoDate(new Date())) {
  const id = Number(input.id);
  if (!Number.isSafeInteger(id)) throw new NotFound(`voucher ${String(input.id)}`);
  const ref = await voucherFund(db, id);
  authorize(actor, 'ledger.view', target(ref));
  const value = parseInput(stepSchema, input);
  return db.transaction().execute(async (tx) => {
    await tx.selectFrom('fund').select('id').where('id', '=', ref.id).forUpdate().execute();
    const voucher = await tx.selectFrom('payment_voucher').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (voucher.version !== value.version) throw new Conflict(`voucher ${id} changed`);
    const transition = transitionOf(voucher.state, value.step);
    if (!transition) throw invalid('step', 'voucher.error.step');
    authorize(actor, transition.action, target(ref));
    const steps = await tx.selectFrom('payment_voucher_step').select(['step', 'round', 'actor_id']).where('voucher_id', '=', id).orderBy('id').execute();
    const round = roundOf(steps);
    const signed = steps.map((s) => ({ step: s.step, round: s.round, actorId: s.actor_id }));
    if (transition.signs && hasSignedThisRound(signed, round, actor!.userId)) throw invalid('step', 'voucher.error.signedAlready');
    if (transition.needsReason && !value.reason) throw invalid('reason', 'voucher.error.reason');
    const amount = fromNumeric(voucher.amount);
    if (value.step === 'resubmit' && voucher.proposal_id !== null) {
      const problem = await overRemaining(tx, voucher.proposal_id, amount, id);
      if (problem) throw problem;
    }
    let ledgerEntryId: number | null = voucher.ledger_entry_id;
    if (transition.posts) {
      const posted = await postPayment(tx, {
        fundId: ref.id,
        proposalId: voucher.proposal_id,
        category: voucher.support_category as SupportCategory,
        organisationType: voucher.organisation_type,
        entryDate: today,
        amount,
        documentNo: voucher.cheque_no,
        description: `${voucher.payee}${voucher.description ? ` — ${voucher.description}` : ''}`,
        actorId: actor!.userId,
      });
      ledgerEntryId = posted.id;
    }
    await tx
      .updateTable('payment_voucher')
      .set({ state: transition.to, ledger_entry_id: ledgerEntryId, version: voucher.version + 1, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('payment_voucher_step')
      .values({ voucher_id: id, step: value.step, round, actor_id: actor!.userId, reason: value.reason ?? '' })
      .execute();
    await audit(tx, actor!.userId, `voucher.${value.step}`, 'payment_voucher', id, { from: voucher.state, to: transition.to, reason: value.reason ?? null });
    return { id, state: transition.to };
  });
}

export interface VoucherSummary {
  id: number;
  fiscalYear: number;
  state: VoucherState;
  projectCode: string | null;
  projectTitle: string | null;
  supportCategory: number;
  payee: string;
  description: string;
  amount: Satang;
  paymentMethod: PaymentMethod;
  reference: string | null;
  postedOn: string | null;
  requestedAt: string;
  version: number;
  /** The steps this actor may take on it now. */
  steps: VoucherTransitionStep[];
}

function voucherQuery(db: Db) {
  return db
    .selectFrom('payment_voucher as v')
    .leftJoin('proposal as p', 'p.id', 'v.proposal_id')
    .leftJoin('ledger_entry as e', 'e.id', 'v.ledger_entry_id')
    .select([
      'v.id',
      'v.fund_id',
      'v.fiscal_year',
      'v.state',
      'p.project_code',
      'p.title',
      'v.support_category',
      'v.payee',
      'v.description',
      'v.amount',
      'v.payment_method',
      'v.cheque_no',
      'v.requested_by',
      'e.reference',
      'e.entry_date',
      'v.created_at',
      'v.version',
    ]);
}

type VoucherRow = Awaited<ReturnType<ReturnType<typeof voucherQuery>['executeTakeFirstOrThrow']>>;

function summaryOf(row: VoucherRow, allowed: (action: Action) => boolean): VoucherSummary {
  return {
    id: row.id,
    fiscalYear: row.fiscal_year,
    state: row.state,
    projectCode: row.project_code,
    projectTitle: row.title,
    supportCategory: row.support_category,
    payee: row.payee,
    description: row.description,
    amount: fromNumeric(row.amount),
    paymentMethod: row.payment_method,
    reference: row.reference,
    postedOn: row.entry_date,
    requestedAt: toBangkokIsoDate(new Date(row.created_at)),
    version: row.version,
    steps: transitionsFrom(row.state, allowed).map((t) => t.step),
  };
}

export interface VoucherList {
  fund: { code: string; name_th: string; name_en: string | null };
  fiscalYear: number;
  vouchers: VoucherSummary[];
  total: { paid: Satang; pending: Satang };
  mayRequest: boolean;
}

/** A fund's vouchers of a fiscal year, newest first, with what the actor may do on each. */
export async function listVouchers(db: Db, actor: Actor | null, input: { code: unknown; fiscalYear: unknown }): Promise<VoucherList> {
  const ref = await findFund(db, String(input.code ?? '').trim().toUpperCase());
  authorize(actor, 'ledger.view', target(ref));
  const fiscalYear = parseYear(input.fiscalYear);
  const rows = await voucherQuery(db).where('v.fund_id', '=', ref.id).where('v.fiscal_year', '=', fiscalYear).orderBy('v.id', 'desc').execute();
  const allowed = (action: Action) => can(actor, action, target(ref));
  const vouchers = rows.map((r) => summaryOf(r, allowed));
  const fund = await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', ref.id).executeTakeFirstOrThrow();
  return {
    fund,
    fiscalYear,
    vouchers,
    total: {
      paid: sumSatang(vouchers.filter((v) => v.state === 'paid').map((v) => v.amount)),
      pending: sumSatang(vouchers.filter((v) => VOUCHER_PENDING_STATES.includes(v.state)).map((v) => v.amount)),
    },
    mayRequest: allowed('voucher.request'),
  };
}

export interface VoucherView extends VoucherSummary {
  fund: { code: string; name_th: string; name_en: string | null; bank_account_name: string | null; bank_account_number: string | null };
  chequeNo: string;
  history: { id: number; step: VoucherStep; round: number; actorName: string; reason: string; at: string }[];
  /** Steps the actor holds the role for but may not take, having signed already. */
  signedAlready: boolean;
}

/** One voucher with its signatures, for its page and its printed form. */
export async function getVoucher(db: Db, actor: Actor | null, input: { id: unknown }): Promise<VoucherView> {
  const id = Number(input.id);
  if (!Number.isSafeInteger(id)) throw new NotFound(`voucher ${String(input.id)}`);
  const ref = await voucherFund(db, id);
  authorize(actor, 'ledger.view', target(ref));
  const row = await voucherQuery(db).where('v.id', '=', id).executeTakeFirstOrThrow();
  const steps = await db
    .selectFrom('payment_voucher_step as s')
    .leftJoin('app_user as u', 'u.id', 's.actor_id')
    .select(['s.id', 's.step', 's.round', 's.actor_id', 's.reason', 's.created_at', 'u.title', 'u.first_name', 'u.last_name'])
    .where('s.voucher_id', '=', id)
    .orderBy('s.id')
    .execute();
  const round = roundOf(steps);
  const signedAlready = actor !== null && hasSignedThisRound(steps.map((s) => ({ step: s.step, round: s.round, actorId: s.actor_id })), round, actor.userId);
  const allowed = (action: Action) => can(actor, action, target(ref));
  const summary = summaryOf(row, allowed);
  const fund = await db
    .selectFrom('fund')
    .select(['code', 'name_th', 'name_en', 'bank_account_name', 'bank_account_number'])
    .where('id', '=', ref.id)
    .executeTakeFirstOrThrow();
  return {
    ...summary,
    // Someone who signed already sees the voucher but not the signing buttons.
    steps: signedAlready ? summary.steps.filter((s) => !transitionOf(row.state, s)?.signs) : summary.steps,
    fund,
    chequeNo: row.cheque_no,
    history: steps.map((s) => ({
      id: s.id,
      step: s.step,
      round: s.round,
      actorName: s.first_name ? `${s.title}${s.first_name} ${s.last_name}` : '',
      reason: s.reason,
      at: new Date(s.created_at).toISOString(),
    })),
    signedAlready,
  };
}

export interface VoucherForm {
  fund: { code: string; name_th: string; name_en: string | null };
  bankAccountSet: boolean;
  /** Approved projects with money left after what is already in the chain, by project code. */
  projects: { code: string; title: string; payee: string; remaining: Satang }[];
}

/** What the request form offers: the fund's projects that can still be paid. */
export async function voucherForm(db: Db, actor: Actor | null, input: { code: unknown }): Promise<VoucherForm> {
  const ref = await findFund(db, String(input.code ?? '').trim().toUpperCase());
  authorize(actor, 'voucher.request', target(ref));
  const fund = await db.selectFrom('fund').select(['code', 'name_th', 'name_en', 'bank_account_number']).where('id', '=', ref.id).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('proposal')
    .select(['id', 'project_code', 'title', 'organisation_name', 'project_status'])
    .where('fund_id', '=', ref.id)
    .where('state', '=', 'approved')
    .where('project_code', 'is not', null)
    .orderBy('project_code')
    .execute();
  const projects = [];
  for (const row of rows.filter((r) => mayBePaid(r.project_status))) {
    const money = await projectMoneyOf(db, row.id);
    const remaining = subtractSatang(money.remaining, await reservedFor(db, row.id, null));
    if (remaining > 0) projects.push({ code: row.project_code!, title: row.title, payee: row.organisation_name, remaining });
  }
  return { fund: { code: fund.code, name_th: fund.name_th, name_en: fund.name_en }, bankAccountSet: fund.bank_account_number !== null, projects };
}
