import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely; kept by hand beside the SQL migrations that define them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AppMetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  title: Generated<string>;
  first_name: string;
  last_name: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  locale: Generated<'th' | 'en'>;
  is_active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  organisation_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  scope_code: string;
  created_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_user_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  data: ColumnType<unknown, string | undefined, string>;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

/** numeric(14,2): exact text both ways; src/domain/money.ts converts to and from satang. */
type Numeric = string;
/** date: 'yyyy-mm-dd'. */
type DateText = string;
/** A jsonb value as read; written as JSON text. */
type Json = unknown;

export type AreaLevel = 'country' | 'region' | 'province' | 'district' | 'subdistrict';

export interface AreaTable {
  code: string;
  level: AreaLevel;
  parent_code: string | null;
  path: string;
  name_th: string;
  name_en: string | null;
}

export type LaoType = 'pao' | 'city_municipality' | 'town_municipality' | 'subdistrict_municipality' | 'sao';

export interface FundTable {
  id: Generated<number>;
  code: string;
  name_th: string;
  name_en: string | null;
  lao_type: LaoType;
  lao_name: string;
  district_code: string;
  established_fiscal_year: number | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  latitude: Numeric | null;
  longitude: Numeric | null;
  bank_name: string | null;
  bank_branch: string | null;
  bank_account_name: string | null;
  bank_account_number: string | null;
  opening_balance: Numeric | null;
  opening_balance_date: DateText | null;
  status: Generated<'active' | 'closed'>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface FundSubdistrictTable {
  fund_id: number;
  subdistrict_code: string;
}

export interface FundAreaTable {
  fund_id: number;
  fund_code: string;
  district_code: string;
  province_code: string;
  region_code: string;
}

export interface RuleSetTable {
  effective_from_fiscal_year: number;
  nhso_per_capita: Numeric;
  admin_cap_percent: Numeric;
  equipment_item_limit: Numeric;
  cash_payment_limit: Numeric;
  announcement: string;
  /** The clauses the proposal form cites under this announcement (ข้อ 16(2) / ข้อ 17(2), ข้อ 10). */
  proposal_clause: Generated<string>;
  category_clause: Generated<string>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CofundingBandTable {
  effective_from_fiscal_year: number;
  band: string;
  label_th: string;
  label_en: string;
  income_from: Numeric;
  income_below: Numeric | null;
  min_rate_percent: Numeric;
}

export interface FundYearTable {
  fund_id: number;
  fiscal_year: number;
  population: number | null;
  population_as_of: DateText | null;
  income_band: string | null;
  cofunding_budget: Numeric | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export type CommitteePosition = 'chair' | 'vice_chair' | 'member' | 'secretary' | 'assistant_secretary';

export interface CommitteeMemberTable {
  id: Generated<number>;
  fund_id: number;
  title: Generated<string>;
  first_name: string;
  last_name: string;
  position: CommitteePosition;
  composition_slot: string;
  organisation: string | null;
  term_start: DateText;
  term_end: DateText | null;
  appointment_order_number: string | null;
  appointment_order_date: DateText | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  org_type: number;
  description: string | null;
  fund_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface OrganisationMemberTable {
  id: Generated<number>;
  organisation_id: number;
  title: Generated<string>;
  first_name: string;
  last_name: string;
  phone: string | null;
}

export interface PasswordResetTable {
  code_hash: string;
  user_id: number;
  issued_by: number | null;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface SignInFailureTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  failed_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** An import file kept between its dry run and its apply (0004_admin.sql). */
export interface ImportUploadTable {
  id: string;
  user_id: number;
  file_name: string;
  content_base64: string;
  created_at: Timestamp;
}

/** One import of history from the current program: its dry run and its apply (0016). */
export interface ImportRunTable {
  id: Generated<number>;
  kind: 'projects' | 'financial_plans' | 'ledger';
  user_id: number | null;
  file_name: string;
  file_bytes: ColumnType<string | number, number | undefined, number>;
  file_sha256: Generated<string>;
  file_path: string | null;
  status: 'checked' | 'rejected' | 'applied';
  counts: ColumnType<Json, string | undefined, string>;
  rows: ColumnType<Json, string | undefined, string>;
  rows_more: Generated<number>;
  file_problem: ColumnType<Json | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  applied_at: Date | null;
  is_demo: Generated<boolean>;
}

// Planning (0004_planning.sql)

export interface PlanProgramTable {
  code: string;
  name_th: string;
  name_en: string;
  sort_order: Generated<number>;
  is_active: Generated<boolean>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SituationIndicatorTable {
  code: string;
  program_code: string;
  name_th: string;
  name_en: string;
  definition_th: Generated<string>;
  unit: Generated<'percent' | 'per_1000' | 'per_100000' | 'count'>;
  numerator_th: Generated<string>;
  denominator_th: Generated<string>;
  direction: Generated<'decrease' | 'increase'>;
  default_objective_th: Generated<string>;
  default_indicator_th: Generated<string>;
  counts_in_analysis: Generated<boolean>;
  sort_order: Generated<number>;
  is_active: Generated<boolean>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PlanApproachTable {
  id: Generated<number>;
  program_code: string;
  name_th: string;
  sort_order: Generated<number>;
  is_active: Generated<boolean>;
}

export interface TargetGroupTable {
  code: string;
  name_th: string;
  name_en: string;
  in_coverage: boolean;
  sort_order: number;
}

/** numeric(14,2) money columns: exact text out, text in. */
type Money = string | null;

export interface FundPlanTable {
  id: Generated<number>;
  fund_id: number;
  fiscal_year: number;
  revision: number;
  status: 'draft' | 'submitted' | 'approved' | 'superseded';
  submitted_at: Date | null;
  approved_at: Date | null;
  meeting_number: string | null;
  meeting_date: string | null;
  carry_over: Money;
  nhso_transfer: Money;
  lao_cofunding: Money;
  other_income: Money;
  allocation_1: Money;
  allocation_2: Money;
  allocation_3: Money;
  allocation_4: Money;
  allocation_5: Money;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  import_run_id: number | null;
}

export interface PlanEntryTable {
  id: Generated<number>;
  plan_id: number;
  program_code: string;
  score_size: number | null;
  score_severity: number | null;
  score_awareness: number | null;
  score_difficulty: number | null;
}

export interface PlanSituationTable {
  entry_id: number;
  indicator_code: string;
  numerator: number | null;
  denominator: number | null;
  value: string;
  target: string | null;
  source: string | null;
  data_date: string | null;
}

export interface PlanObjectiveTable {
  id: Generated<number>;
  entry_id: number;
  position: number;
  objective: string;
  indicator: Generated<string>;
  target: Generated<string>;
}

export interface PlanEntryApproachTable {
  entry_id: number;
  approach_id: number;
}

export interface PlanEntryTargetGroupTable {
  entry_id: number;
  target_group_code: string;
}

export interface PlannedProjectTable {
  id: Generated<number>;
  entry_id: number;
  position: number;
  title: string;
  organisation: Generated<string>;
  budget: string;
  support_category: number;
}

export interface DistrictYearTable {
  district_code: string;
  fiscal_year: number;
  is_demo: Generated<boolean>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DistrictIssueTable {
  id: Generated<number>;
  district_code: string;
  fiscal_year: number;
  position: number;
  title: string;
  program_code: string;
}

export interface DistrictIssueIndicatorTable {
  issue_id: number;
  indicator_code: string;
}

export interface DistrictIssueFundTable {
  issue_id: number;
  fund_id: number;
}

export interface SituationFactTable {
  plan_id: number;
  indicator_code: string;
  fiscal_year: number;
  fund_id: number;
  fund_code: string;
  district_code: string;
  province_code: string;
  region_code: string;
  program_code: string;
  value: string;
  target: string | null;
  population: number | null;
}

export type ProposalStateColumn =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'returned'
  | 'resubmitted'
  | 'reviewed'
  | 'on_agenda'
  | 'approved'
  | 'rejected'
  | 'deferred'
  | 'withdrawn'
  | 'cancelled';

export interface ProposalTable {
  id: Generated<number>;
  fund_id: number;
  fiscal_year: number;
  state: ProposalStateColumn;
  organisation_id: number | null;
  organisation_name: Generated<string>;
  organisation_type: number | null;
  created_by: number | null;
  title: Generated<string>;
  rationale: Generated<string>;
  period_start: string | null;
  period_end: string | null;
  place: Generated<string>;
  expected_results: Generated<string>;
  support_category: number | null;
  budget: ColumnType<string, string | undefined, string>;
  coordinator_name: Generated<string>;
  coordinator_phone: Generated<string>;
  review_checklist: ColumnType<Record<string, boolean>, string | undefined, string>;
  content_revision: Generated<number>;
  approved_amount: Money;
  conditions: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
  project_code: string | null;
  project_seq: number | null;
  /** developed here, recorded from a paper decision, or imported (0013). */
  origin: Generated<'system' | 'paper' | 'imported'>;
  /** The current program's projectId of an imported project (0016). */
  source_ref: string | null;
  source_detail: ColumnType<Json | null, string | null | undefined, string | null>;
  import_run_id: number | null;
  /** The meeting of a project decided outside the system, as its minutes name it, and its date (0015). */
  decided_meeting_ref: string | null;
  decided_meeting_date: string | null;
  submitted_at: Date | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  project_status: ProjectStatus | null;
  project_status_reason: Generated<string>;
  project_status_at: Date | null;
  version: Generated<number>;
}

export interface ProposalMemberTable {
  proposal_id: number;
  position: number;
  title: Generated<string>;
  first_name: string;
  last_name: string;
}

export interface ProposalProgramTable {
  proposal_id: number;
  program_code: string;
}

export interface ProposalSituationTable {
  proposal_id: number;
  indicator_code: string;
  value: Money;
  target: Money;
}

export interface ProposalObjectiveTable {
  proposal_id: number;
  position: number;
  objective: string;
  indicator: Generated<string>;
  target: Generated<string>;
}

export interface ProposalTargetGroupTable {
  proposal_id: number;
  target_group_code: string;
  people: number;
}

export interface ProposalActivityTable {
  proposal_id: number;
  position: number;
  title: string;
  detail: Generated<string>;
}

export interface ProposalExpenseTable {
  proposal_id: number;
  activity_position: number;
  position: number;
  expense_group: string;
  item: string;
  unit_cost: string;
  units: number;
  times: number;
}

export interface ProposalAttachmentTable {
  id: Generated<number>;
  proposal_id: number;
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  created_at: Timestamp;
}

export interface ProposalVersionTable {
  proposal_id: number;
  number: number;
  content_revision: number;
  reason: 'submitted' | 'resubmitted' | 'mentor_edit' | 'suggestion_accepted';
  snapshot: ColumnType<unknown, string, string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface ProposalCommentTable {
  id: Generated<number>;
  proposal_id: number;
  section: string;
  body: string;
  suggested_field: 'title' | 'rationale' | 'place' | 'expected_results' | null;
  suggested_text: string | null;
  suggestion_state: 'open' | 'accepted' | 'declined' | null;
  author_id: number | null;
  created_at: Timestamp;
}

export interface ProposalExampleTable {
  id: Generated<number>;
  program_code: string;
  organisation_type: number;
  title: string;
  rationale: string;
  expected_results: string;
  content: ColumnType<unknown, string, string>;
}

/** A page's form posted after the session ended, kept until the person signs in again. */
export interface FormStashTable {
  id: string;
  proposal_id: number;
  path: string;
  browser_key: string;
  body: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

export interface MeetingTable {
  id: Generated<number>;
  fund_id: number;
  fiscal_year: number;
  number: number;
  meeting_date: string;
  place: Generated<string>;
  minutes: Generated<string>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MeetingAttendanceTable {
  meeting_id: number;
  committee_member_id: number;
  present: boolean;
}

export interface MeetingItemTable {
  id: Generated<number>;
  meeting_id: number;
  proposal_id: number;
  position: number;
  content_revision: number;
  decision: 'approved' | 'rejected' | 'deferred' | null;
  approved_amount: Money;
  conditions: string | null;
  reason: string | null;
  decided_at: Date | null;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  message_key: string;
  params: ColumnType<Record<string, string | number>, string | undefined, string>;
  link: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body: string;
  created_at: Timestamp;
  sent_at: Date | null;
  error: string | null;
}

// The fund's books (0010_ledger.sql).
export interface LedgerAccountTable {
  code: string;
  kind: 'asset' | 'receipt' | 'expense';
  support_category: number | null;
  name_th: string;
  name_en: string;
}

export interface LedgerEntryTable {
  id: Generated<number>;
  fund_id: number;
  fiscal_year: number;
  entry_date: DateText;
  kind: 'receipt' | 'payment' | 'refund' | 'correction';
  reference: string;
  document_no: Generated<string>;
  description: Generated<string>;
  proposal_id: number | null;
  organisation_type: number | null;
  created_by: number | null;
  created_at: Timestamp;
  is_demo: Generated<boolean>;
  import_run_id: number | null;
}

export interface LedgerLineTable {
  entry_id: number;
  position: number;
  account_code: string;
  debit: ColumnType<Numeric, Numeric | undefined, never>;
  credit: ColumnType<Numeric, Numeric | undefined, never>;
}

export interface LedgerMonthCloseTable {
  fund_id: number;
  month: DateText;
  closed_by: number | null;
  closed_at: Timestamp;
  is_demo: Generated<boolean>;
}

export interface LedgerMonthTotalTable {
  fund_id: number;
  fiscal_year: number;
  month: DateText;
  account_code: string;
  debit: Numeric;
  credit: Numeric;
  debit_peoples_group: Numeric;
}

export interface PaymentVoucherTable {
  id: Generated<number>;
  fund_id: number;
  fiscal_year: number;
  state: 'requested' | 'checked' | 'finance_approved' | 'clerk_approved' | 'paid' | 'returned' | 'cancelled';
  proposal_id: number | null;
  support_category: number;
  organisation_type: number | null;
  payee: string;
  description: Generated<string>;
  amount: Numeric;
  payment_method: 'cheque' | 'transfer' | 'cash';
  cheque_no: Generated<string>;
  requested_by: number | null;
  ledger_entry_id: number | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PaymentVoucherStepTable {
  id: Generated<number>;
  voucher_id: number;
  step: 'request' | 'check' | 'approve_finance' | 'approve_clerk' | 'approve_chair' | 'return' | 'resubmit' | 'cancel';
  round: number;
  actor_id: number | null;
  reason: Generated<string>;
  created_at: Timestamp;
}

// Following a project (0012_project_followup.sql).
export type ProjectStatus = 'running' | 'completed' | 'terminated' | 'suspended';
export type ExpenseGroupColumn = 'compensation' | 'wages' | 'services' | 'materials' | 'utilities' | 'travel' | 'equipment' | 'other';
export type ProjectReportKind = 'progress' | 'financial' | 'closing_financial' | 'final';
export type ProjectReportState = 'draft' | 'submitted' | 'checked' | 'accepted' | 'returned';

export interface ProjectStatusEventTable {
  id: Generated<number>;
  proposal_id: number;
  from_status: ProjectStatus | null;
  to_status: ProjectStatus;
  reason: Generated<string>;
  actor_id: number | null;
  created_at: Timestamp;
}

export interface ProjectPeriodTable {
  proposal_id: number;
  number: number;
  period_start: DateText;
  period_end: DateText;
  report_due: DateText;
  instalment: Numeric;
}

export interface ProjectActivityRecordTable {
  id: Generated<number>;
  proposal_id: number;
  activity_position: number | null;
  activity_date: DateText;
  title: string;
  done: Generated<string>;
  outputs: Generated<string>;
  outcomes: Generated<string>;
  problems: Generated<string>;
  fixes: Generated<string>;
  recorded_by: number | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ProjectActivityParticipantTable {
  record_id: number;
  target_group_code: string;
  planned: Generated<number>;
  actual: number;
}

export interface ProjectActivityExpenseTable {
  record_id: number;
  expense_group: ExpenseGroupColumn;
  amount: Numeric;
}

export interface ProjectActivityAttachmentTable {
  id: Generated<number>;
  record_id: number;
  kind: 'photo' | 'receipt';
  file_name: string;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  created_at: Timestamp;
}

export interface ProjectReportTable {
  id: Generated<number>;
  proposal_id: number;
  kind: ProjectReportKind;
  period_number: number | null;
  state: Generated<ProjectReportState>;
  body: ColumnType<unknown, string | undefined, string>;
  due_date: DateText;
  submitted_at: Date | null;
  accepted_at: Date | null;
  created_by: number | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ProjectReportEventTable {
  id: Generated<number>;
  report_id: number;
  action: 'submit' | 'check' | 'accept' | 'return' | 'reopen';
  from_state: ProjectReportState;
  to_state: ProjectReportState;
  comment: Generated<string>;
  actor_id: number | null;
  created_at: Timestamp;
}

export interface ProjectIndicatorResultTable {
  report_id: number;
  objective_position: number;
  baseline: Generated<string>;
  target: Generated<string>;
  actual: Generated<string>;
  note: Generated<string>;
}

export interface ProjectValueAssessmentTable {
  report_id: number;
  dimension: 'knowledge' | 'behaviour' | 'environment' | 'public_policy' | 'community_process' | 'spiritual';
  rating: number;
  evidence: Generated<string>;
}

/** Lessons learned per area (any level, or a fund code) and fiscal year (0017_area_lesson.sql). */
export interface AreaLessonTable {
  area_code: string;
  fiscal_year: number;
  mechanisms: Generated<string>;
  success_factors: Generated<string>;
  problems: Generated<string>;
  suggestions: Generated<string>;
  published: Generated<boolean>;
  author_id: number | null;
  updated_by: number | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DB {
  area_lesson: AreaLessonTable;
  project_status_event: ProjectStatusEventTable;
  project_period: ProjectPeriodTable;
  project_activity_record: ProjectActivityRecordTable;
  project_activity_participant: ProjectActivityParticipantTable;
  project_activity_expense: ProjectActivityExpenseTable;
  project_activity_attachment: ProjectActivityAttachmentTable;
  project_report: ProjectReportTable;
  project_report_event: ProjectReportEventTable;
  project_indicator_result: ProjectIndicatorResultTable;
  project_value_assessment: ProjectValueAssessmentTable;
  payment_voucher: PaymentVoucherTable;
  payment_voucher_step: PaymentVoucherStepTable;
  ledger_account: LedgerAccountTable;
  ledger_entry: LedgerEntryTable;
  ledger_line: LedgerLineTable;
  ledger_month_close: LedgerMonthCloseTable;
  ledger_month_total: LedgerMonthTotalTable;
  proposal: ProposalTable;
  proposal_member: ProposalMemberTable;
  proposal_program: ProposalProgramTable;
  proposal_situation: ProposalSituationTable;
  proposal_objective: ProposalObjectiveTable;
  proposal_target_group: ProposalTargetGroupTable;
  proposal_activity: ProposalActivityTable;
  proposal_expense: ProposalExpenseTable;
  proposal_attachment: ProposalAttachmentTable;
  proposal_version: ProposalVersionTable;
  proposal_comment: ProposalCommentTable;
  proposal_example: ProposalExampleTable;
  meeting: MeetingTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_item: MeetingItemTable;
  notification: NotificationTable;
  email_outbox: EmailOutboxTable;
  form_stash: FormStashTable;
  area: AreaTable;
  fund: FundTable;
  fund_subdistrict: FundSubdistrictTable;
  fund_area: FundAreaTable;
  rule_set: RuleSetTable;
  cofunding_band: CofundingBandTable;
  fund_year: FundYearTable;
  committee_member: CommitteeMemberTable;
  organisation: OrganisationTable;
  organisation_member: OrganisationMemberTable;
  password_reset: PasswordResetTable;
  sign_in_failure: SignInFailureTable;
  api_token: ApiTokenTable;
  import_upload: ImportUploadTable;
  plan_program: PlanProgramTable;
  situation_indicator: SituationIndicatorTable;
  plan_approach: PlanApproachTable;
  target_group: TargetGroupTable;
  fund_plan: FundPlanTable;
  plan_entry: PlanEntryTable;
  plan_situation: PlanSituationTable;
  plan_objective: PlanObjectiveTable;
  plan_entry_approach: PlanEntryApproachTable;
  plan_entry_target_group: PlanEntryTargetGroupTable;
  planned_project: PlannedProjectTable;
  district_year: DistrictYearTable;
  district_issue: DistrictIssueTable;
  district_issue_indicator: DistrictIssueIndicatorTable;
  district_issue_fund: DistrictIssueFundTable;
  situation_fact: SituationFactTable;
  app_meta: AppMetaTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  role_assignment: RoleAssignmentTable;
  audit_event: AuditEventTable;
  import_run: ImportRunTable;
  schema_migration: SchemaMigrationTable;
}
