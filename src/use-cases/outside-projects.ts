import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { currentFiscalYear, toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { toNumeric } from '../domain/money.ts';
import { type OutsideProject, outsideProjectSchema, type ProjectOrigin } from '../domain/outside-projects.ts';
import type { Actor } from '../domain/policy.ts';
import { projectCode } from '../domain/proposals.ts';
import { audit, invalid } from './admin-shared.ts';
import { authorize, findFund } from './authorize.ts';
import { parseInput } from './errors.ts';
import { checkUpload } from './proposal-attachments.ts';
import { startFollowUp } from './project-followup.ts';

// Projects approved outside the system: the fund's officer records a project its committee
// approved on paper directly as a project (origin 'paper'); the import of the current
// program's projects (origin 'imported') writes through the same insertOutsideProject. Either
// is then followed like a project approved here: periods, activity records, reports.

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

/** A project's row with its target groups, its code and its first periods, inside the caller's transaction. */
export async function insertOutsideProject(
  tx: Tx,
  input: {
    fundId: number;
    fundCode: string;
    origin: Exclude<ProjectOrigin, 'system'>;
    project: OutsideProject;
    /** Who recorded it (the audit event names them too); nobody owns it as its group. */
    createdBy?: number | null;
    isDemo?: boolean;
  },
): Promise<{ id: number; code: string }> {
  const { project: p } = input;
  // One writer at a time per fund, so two records never take the same running number.
  await sql`select id from fund where id = ${input.fundId} for update`.execute(tx);
  let sequence: number;
  let code: string;
  if (p.projectCode) {
    ({ sequence, code } = p.projectCode);
    const taken = await tx.selectFrom('proposal').select('id').where('project_code', '=', code).executeTakeFirst();
    if (taken) throw invalid('project_code', 'outside.error.codeTaken', { code });
  } else {
    const last = await tx
      .selectFrom('proposal')
      .select((eb) => eb.fn.max('project_seq').as('n'))
      .where('fund_id', '=', input.fundId)
      .where('fiscal_year', '=', p.fiscalYear)
      .where('support_category', '=', p.supportCategory)
      .executeTakeFirst();
    sequence = Number(last?.n ?? 0) + 1;
    code = projectCode(p.fiscalYear, input.fundCode, p.supportCategory, sequence);
  }
  const amount = toNumeric(p.amount);
  // The approval date as an instant: midday in Bangkok, so it reads as that day everywhere.
  const decidedAt = new Date(`${p.approvalDate}T12:00:00+07:00`);
  const { id } = await tx
    .insertInto('proposal')
    .values({
      fund_id: input.fundId,
      fiscal_year: p.fiscalYear,
      state: 'approved',
      origin: input.origin,
      organisation_name: p.organisationName,
      organisation_type: p.organisationType,
      created_by: input.createdBy ?? null,
      title: p.title,
      period_start: p.periodStart,
      period_end: p.periodEnd,
      place: p.place,
      support_category: p.supportCategory,
      budget: amount,
      coordinator_name: p.coordinatorName,
      coordinator_phone: p.coordinatorPhone,
      approved_amount: amount,
      decided_at: decidedAt,
      decided_meeting_ref: p.meetingRef,
      decided_meeting_date: p.meetingDate,
      project_code: code,
      project_seq: sequence,
      project_status: 'running',
      project_status_at: sql<Date>`now()`,
      is_demo: input.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (p.targetGroups.length) {
    await tx
      .insertInto('proposal_target_group')
      .values(p.targetGroups.map((g) => ({ proposal_id: id, target_group_code: g.code, people: g.people })))
      .execute();
  }
  await startFollowUp(tx, id);
  return { id, code };
}

/** What the officer's form needs: the fund, the catalogue's target groups, the year to start from. */
export async function outsideProjectForm(db: Db, actor: Actor | null, input: { code: unknown }) {
  const ref = await findFund(db, String(input.code ?? '').trim().toUpperCase());
  authorize(actor, 'project.record_outside', { scopeChain: ref.scopeChain });
  const [fund, groups] = await Promise.all([
    db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', ref.id).executeTakeFirstOrThrow(),
    db.selectFrom('target_group').select(['code', 'name_th', 'name_en']).orderBy('sort_order').orderBy('code').execute(),
  ]);
  return { fund, targetGroups: groups, fiscalYear: currentFiscalYear(), today: toBangkokIsoDate(new Date()) };
}

/**
 * The fund's officer records a project approved on paper: checked as domain/outside-projects.ts
 * says, then in one transaction the project with its code (the next one, or the one it already
 * has), its target groups, the scanned proposal when given, its periods and an audit event.
 */
export async function recordPaperProject(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { code: unknown; file?: { fileName: string; bytes: Uint8Array } | null },
): Promise<{ id: number; projectCode: string }> {
  const ref = await findFund(db, String(input.code ?? '').trim().toUpperCase());
  authorize(actor, 'project.record_outside', { scopeChain: ref.scopeChain });
  const groups = await db.selectFrom('target_group').select('code').execute();
  const project = parseInput(
    outsideProjectSchema({ fundCode: ref.code, today: toBangkokIsoDate(new Date()), targetGroups: new Set(groups.map((g) => g.code)) }),
    { ...input, project_code: input.project_code },
  );
  const file = input.file && (input.file.bytes.byteLength > 0 || input.file.fileName !== '') ? input.file : null;
  const scan = file ? checkUpload(file.fileName, file.bytes, 'scan') : null;
  return db.transaction().execute(async (tx) => {
    const { id, code } = await insertOutsideProject(tx, { fundId: ref.id, fundCode: ref.code, origin: 'paper', project, createdBy: null });
    if (file && scan) {
      await tx
        .insertInto('proposal_attachment')
        .values({
          proposal_id: id,
          file_name: scan.fileName,
          media_type: scan.type,
          size_bytes: file.bytes.byteLength,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
          content: file.bytes,
          uploaded_by: actor!.userId,
        })
        .execute();
    }
    await audit(tx, actor!.userId, 'project.record_outside', 'proposal', id, {
      fund: ref.code,
      origin: 'paper',
      project_code: code,
      approved_amount: toNumeric(project.amount),
      meeting: project.meetingRef,
      scan: scan?.fileName ?? null,
    });
    return { id, projectCode: code };
  });
}
