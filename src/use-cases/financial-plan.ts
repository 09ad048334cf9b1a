import { type Satang, toNumeric, ZERO_SATANG } from '../domain/money.ts';
import { type FinancialPlan, financialPlanProblems, summariseFinancialPlan } from '../domain/planning.ts';

// The annual financial plan's amounts as the plan use cases read and sum them. Nothing here
// reads the database, so the financial plan page sums what is being typed the same way before
// it is saved.

export const FINANCE_FIELDS = [
  'carry_over',
  'nhso_transfer',
  'lao_cofunding',
  'other_income',
  'allocation_1',
  'allocation_2',
  'allocation_3',
  'allocation_4',
  'allocation_5',
] as const;
export type FinanceField = (typeof FINANCE_FIELDS)[number];

/** The amounts of the plan's fields; one not given counts as nothing. */
export function financialPlanOf(values: Record<FinanceField, Satang | null>): FinancialPlan {
  const v = (field: FinanceField) => values[field] ?? ZERO_SATANG;
  return {
    carryOver: v('carry_over'),
    nhsoTransfer: v('nhso_transfer'),
    laoCofunding: v('lao_cofunding'),
    otherIncome: v('other_income'),
    allocations: { 1: v('allocation_1'), 2: v('allocation_2'), 3: v('allocation_3'), 4: v('allocation_4'), 5: v('allocation_5') },
  };
}

/** The plan's summary (summariseFinancialPlan), its amounts as numeric text. */
export function financialSummaryText(plan: FinancialPlan, adminCapBasisPoints: number) {
  const summary = summariseFinancialPlan(plan, adminCapBasisPoints);
  return {
    yearIncome: toNumeric(summary.yearIncome),
    totalReceipts: toNumeric(summary.totalReceipts),
    totalAllocated: toNumeric(summary.totalAllocated),
    adminCap: toNumeric(summary.adminCap),
    unallocated: toNumeric(summary.unallocated),
  };
}

/** The plan's problems (financialPlanProblems), each limit as numeric text. */
export function financialProblemsText(plan: FinancialPlan, adminCapBasisPoints: number) {
  return financialPlanProblems(plan, adminCapBasisPoints).map((p) => ({ ...p, max: toNumeric(p.max) }));
}
