import type { Satang } from './money.ts';
import type { Action } from './policy.ts';

// Payment vouchers (ใบขอเบิกเงิน / ฎีกา): the sign-off chain as a table. A voucher is requested,
// then signed by the checker, the head of finance, the ปลัด and the chair in that order; the
// chair's signature posts the payment. Whoever may sign the pending step may instead return
// it with a reason; the requester then corrects and resubmits it, and signing starts again.

export const VOUCHER_STATES = ['requested', 'checked', 'finance_approved', 'clerk_approved', 'paid', 'returned', 'cancelled'] as const;
export type VoucherState = (typeof VOUCHER_STATES)[number];

export const VOUCHER_STEPS = ['request', 'check', 'approve_finance', 'approve_clerk', 'approve_chair', 'return', 'resubmit', 'cancel'] as const;
export type VoucherStep = (typeof VOUCHER_STEPS)[number];

/** Steps taken on a voucher from a form (the request itself creates it). */
export type VoucherTransitionStep = Exclude<VoucherStep, 'request'>;

export interface VoucherTransition {
  step: VoucherTransitionStep;
  from: VoucherState;
  to: VoucherState;
  /** The policy action the person taking the step needs on the fund. */
  action: Action;
  /** A signature in the chain: nobody signs one voucher twice in a round. */
  signs: boolean;
  needsReason: boolean;
  /** The step pays: the posting is written in the same transaction. */
  posts: boolean;
}

const sign = (step: VoucherTransitionStep, from: VoucherState, to: VoucherState, action: Action, posts = false): VoucherTransition => ({
  step,
  from,
  to,
  action,
  signs: true,
  needsReason: false,
  posts,
});
const back = (step: VoucherTransitionStep, from: VoucherState, to: VoucherState, action: Action): VoucherTransition => ({
  step,
  from,
  to,
  action,
  signs: false,
  needsReason: step !== 'resubmit',
  posts: false,
});

/** The chain: each signatory in turn, each able to send the voucher back instead. */
export const VOUCHER_TRANSITIONS: readonly VoucherTransition[] = [
  sign('check', 'requested', 'checked', 'voucher.check'), // ผู้ตรวจสอบ
  sign('approve_finance', 'checked', 'finance_approved', 'voucher.approve_finance'), // หัวหน้าหน่วยงานคลัง
  sign('approve_clerk', 'finance_approved', 'clerk_approved', 'voucher.approve_clerk'), // ปลัด อปท.
  sign('approve_chair', 'clerk_approved', 'paid', 'voucher.approve_chair', true), // ประธานกรรมการกองทุน
  back('return', 'requested', 'returned', 'voucher.check'),
  back('return', 'checked', 'returned', 'voucher.approve_finance'),
  back('return', 'finance_approved', 'returned', 'voucher.approve_clerk'),
  back('return', 'clerk_approved', 'returned', 'voucher.approve_chair'),
  back('resubmit', 'returned', 'requested', 'voucher.request'),
  back('cancel', 'requested', 'cancelled', 'voucher.request'),
  back('cancel', 'returned', 'cancelled', 'voucher.request'),
];

/** States whose amount is held against the project until paid, returned for good or cancelled. */
export const VOUCHER_PENDING_STATES: readonly VoucherState[] = ['requested', 'checked', 'finance_approved', 'clerk_approved', 'returned'];

export function transitionOf(from: VoucherState, step: VoucherTransitionStep): VoucherTransition | undefined {
  return VOUCHER_TRANSITIONS.find((t) => t.from === from && t.step === step);
}

/** The steps open from a state, for whoever holds one of `allowed` (the actions they may take). */
export function transitionsFrom(from: VoucherState, allowed: (action: Action) => boolean): VoucherTransition[] {
  return VOUCHER_TRANSITIONS.filter((t) => t.from === from && allowed(t.action));
}

export const PAYMENT_METHODS = ['cheque', 'transfer', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Cash is paid only up to the limit in the rule set; a cheque needs its number. */
export function paymentMethodProblem(
  method: PaymentMethod,
  amount: Satang,
  chequeNo: string,
  cashLimit: Satang,
): { field: 'payment_method' | 'cheque_no'; key: 'voucher.error.cashLimit' | 'voucher.error.chequeNo' } | null {
  if (method === 'cash' && amount > cashLimit) return { field: 'payment_method', key: 'voucher.error.cashLimit' };
  if (method === 'cheque' && chequeNo.trim() === '') return { field: 'cheque_no', key: 'voucher.error.chequeNo' };
  return null;
}

export interface SignedStep {
  step: VoucherStep;
  round: number;
  actorId: number | null;
}

/**
 * Separation of duties: whoever requested the voucher (in any round), resubmitted it or already
 * signed in this round may not sign again.
 */
export function hasSignedThisRound(steps: readonly SignedStep[], round: number, actorId: number): boolean {
  return steps.some(
    (s) =>
      s.actorId === actorId &&
      (s.step === 'request' || (s.round === round && (s.step === 'resubmit' || VOUCHER_TRANSITIONS.some((t) => t.signs && t.step === s.step)))),
  );
}
