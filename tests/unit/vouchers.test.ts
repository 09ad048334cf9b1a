import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { satang } from '../../src/domain/money.ts';
import { type Action, POLICY } from '../../src/domain/policy.ts';
import {
  hasSignedThisRound,
  paymentMethodProblem,
  type SignedStep,
  transitionOf,
  transitionsFrom,
  VOUCHER_PENDING_STATES,
  VOUCHER_STATES,
  VOUCHER_TRANSITIONS,
  type VoucherState,
  type VoucherTransitionStep,
} from '../../src/domain/vouchers.ts';

const CHAIN: [VoucherTransitionStep, VoucherState, VoucherState, Action][] = [
  ['check', 'requested', 'checked', 'voucher.check'],
  ['approve_finance', 'checked', 'finance_approved', 'voucher.approve_finance'],
  ['approve_clerk', 'finance_approved', 'clerk_approved', 'voucher.approve_clerk'],
  ['approve_chair', 'clerk_approved', 'paid', 'voucher.approve_chair'],
];

describe('the sign-off chain', () => {
  it('runs requester → checker → head of finance → ปลัด → chair, and only the chair’s signature posts', () => {
    let state: VoucherState = 'requested';
    for (const [step, from, to, action] of CHAIN) {
      expect(state).toBe(from);
      const t = transitionOf(state, step);
      expect(t).toMatchObject({ step, from, to, action, signs: true, needsReason: false, posts: step === 'approve_chair' });
      state = t!.to;
    }
    expect(state).toBe('paid');
    expect(VOUCHER_TRANSITIONS.filter((t) => t.posts).map((t) => t.step)).toEqual(['approve_chair']);
  });

  it('a step out of order is no transition', () => {
    expect(transitionOf('requested', 'approve_finance')).toBeUndefined();
    expect(transitionOf('requested', 'approve_chair')).toBeUndefined();
    expect(transitionOf('checked', 'check')).toBeUndefined();
    expect(transitionOf('finance_approved', 'approve_chair')).toBeUndefined();
    expect(transitionOf('requested', 'resubmit')).toBeUndefined();
  });

  it('whoever may sign a pending step may return it instead, with a reason', () => {
    for (const [step, from, , action] of CHAIN) {
      const back = transitionOf(from, 'return');
      expect(back, `${step} from ${from}`).toMatchObject({ from, to: 'returned', action, signs: false, needsReason: true, posts: false });
    }
  });

  it('a returned voucher is resubmitted (no reason needed) or cancelled (with one) by the requesting side', () => {
    expect(transitionOf('returned', 'resubmit')).toMatchObject({ to: 'requested', action: 'voucher.request', signs: false, needsReason: false, posts: false });
    expect(transitionOf('returned', 'cancel')).toMatchObject({ to: 'cancelled', action: 'voucher.request', needsReason: true });
    expect(transitionOf('requested', 'cancel')).toMatchObject({ to: 'cancelled', action: 'voucher.request', needsReason: true });
    // Once signing has begun, it can only be returned, not cancelled.
    for (const state of ['checked', 'finance_approved', 'clerk_approved'] as const) expect(transitionOf(state, 'cancel')).toBeUndefined();
  });

  it('paid and cancelled are final', () => {
    for (const state of ['paid', 'cancelled'] as const) {
      expect(VOUCHER_TRANSITIONS.filter((t) => t.from === state)).toEqual([]);
      expect(VOUCHER_PENDING_STATES).not.toContain(state);
    }
    // Every other state holds the amount against the project.
    expect([...VOUCHER_PENDING_STATES].sort()).toEqual(VOUCHER_STATES.filter((s) => s !== 'paid' && s !== 'cancelled').sort());
  });

  it('the table is a function: one transition per state and step, every action a voucher action of the policy', () => {
    const keys = VOUCHER_TRANSITIONS.map((t) => `${t.from}:${t.step}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of VOUCHER_TRANSITIONS) {
      expect(t.action in POLICY).toBe(true);
      expect(t.action.startsWith('voucher.')).toBe(true);
      expect(VOUCHER_STATES).toContain(t.from);
      expect(VOUCHER_STATES).toContain(t.to);
    }
  });

  it('transitionsFrom offers only what the actor may do', () => {
    const finance = (a: Action) => ['voucher.request', 'voucher.check', 'voucher.approve_finance'].includes(a);
    expect(transitionsFrom('requested', finance).map((t) => t.step).sort()).toEqual(['cancel', 'check', 'return']);
    expect(transitionsFrom('finance_approved', finance)).toEqual([]);
    expect(transitionsFrom('clerk_approved', (a) => a === 'voucher.approve_chair').map((t) => t.step).sort()).toEqual(['approve_chair', 'return']);
    expect(transitionsFrom('paid', () => true)).toEqual([]);
  });

  it('any walk through the table reaches paid only through all four signatures of one round', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 40 }), (choices) => {
        let state: VoucherState = 'requested';
        let signedThisRound: VoucherTransitionStep[] = [];
        for (const choice of choices) {
          const open = VOUCHER_TRANSITIONS.filter((t) => t.from === state);
          if (open.length === 0) break;
          const t = open[choice % open.length]!;
          if (t.signs) signedThisRound.push(t.step);
          if (t.step === 'return' || t.step === 'resubmit') signedThisRound = [];
          if (t.to === 'paid') expect(signedThisRound).toEqual(['check', 'approve_finance', 'approve_clerk', 'approve_chair']);
          state = t.to;
        }
      }),
    );
  });
});

describe('hasSignedThisRound (separation of duties)', () => {
  const REQUESTER = 1;
  const CHECKER = 2;
  const HEAD = 3;
  const steps: SignedStep[] = [
    { step: 'request', round: 1, actorId: REQUESTER },
    { step: 'check', round: 1, actorId: CHECKER },
  ];

  it('the requester and whoever signed in this round may not sign again', () => {
    expect(hasSignedThisRound(steps, 1, REQUESTER)).toBe(true);
    expect(hasSignedThisRound(steps, 1, CHECKER)).toBe(true);
    expect(hasSignedThisRound(steps, 1, HEAD)).toBe(false);
  });

  it('a return does not count as a signature, and a new round frees the signatories of the last one', () => {
    const returned: SignedStep[] = [...steps, { step: 'return', round: 1, actorId: HEAD }];
    expect(hasSignedThisRound(returned, 1, HEAD)).toBe(false);
    const resubmitted: SignedStep[] = [...returned, { step: 'resubmit', round: 2, actorId: REQUESTER }];
    expect(hasSignedThisRound(resubmitted, 2, CHECKER)).toBe(false);
    expect(hasSignedThisRound(resubmitted, 2, HEAD)).toBe(false);
    // The one who resubmitted requests anew.
    expect(hasSignedThisRound(resubmitted, 2, REQUESTER)).toBe(true);
  });

  it('the requester may never sign their own voucher, even after a colleague resubmitted it', () => {
    const OTHER_OFFICER = 4;
    const resubmitted: SignedStep[] = [
      ...steps,
      { step: 'return', round: 1, actorId: HEAD },
      { step: 'resubmit', round: 2, actorId: OTHER_OFFICER },
    ];
    expect(hasSignedThisRound(resubmitted, 2, REQUESTER)).toBe(true);
    expect(hasSignedThisRound(resubmitted, 2, OTHER_OFFICER)).toBe(true);
  });

  it('a cancel or an unknown actor signs nothing', () => {
    expect(hasSignedThisRound([{ step: 'cancel', round: 1, actorId: 5 }], 1, 5)).toBe(false);
    expect(hasSignedThisRound([{ step: 'check', round: 1, actorId: null }], 1, 5)).toBe(false);
  });
});

describe('paymentMethodProblem', () => {
  const limit = satang(10_000_00);
  it('cash up to the rule set’s limit, not a satang more', () => {
    expect(paymentMethodProblem('cash', satang(10_000_00), '', limit)).toBeNull();
    expect(paymentMethodProblem('cash', satang(10_000_01), '', limit)).toEqual({ field: 'payment_method', key: 'voucher.error.cashLimit' });
    expect(paymentMethodProblem('cash', satang(1), '', satang(0))).toEqual({ field: 'payment_method', key: 'voucher.error.cashLimit' });
  });
  it('a cheque needs its number; a transfer needs neither', () => {
    expect(paymentMethodProblem('cheque', satang(50_000_00), '', limit)).toEqual({ field: 'cheque_no', key: 'voucher.error.chequeNo' });
    expect(paymentMethodProblem('cheque', satang(50_000_00), '   ', limit)).toEqual({ field: 'cheque_no', key: 'voucher.error.chequeNo' });
    expect(paymentMethodProblem('cheque', satang(50_000_00), '0012345', limit)).toBeNull();
    expect(paymentMethodProblem('transfer', satang(999_999_00), '', limit)).toBeNull();
  });
});
