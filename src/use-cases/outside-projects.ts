import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { insertProjects, lockProjectFunds } from '../db/projects.ts';
import type { DB } from '../db/schema.ts';
import { currentFiscalYear, toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { toNumeric } from '../domain/money.ts';
import { type OutsideProject, outsideProjectSchema, type ProjectOrigin } from '../domain/outside-projects.ts';
import type { Actor } from '../domain/policy.ts';
import { audit, invalid } from './admin-shared.ts';
import { authorize, findFund } from './authorize.ts';
import { parseInput } from './errors.ts';
import { checkUpload } from './proposal-attachments.ts';
import { startFollowUp } from './project-followup.ts';

// Projects approved outside the system: the fund's officer records a project its committee
// approved on paper directly as a project (origin 'paper'); the import of the current
// program's projects (origin 'imported') writes through the same insertProjects (src/db/
// projects.ts). A paper project is then followed like a project approved here: periods,
// activity records, reports.

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
  await lockProjectFunds(tx, [input.fundId]);
  if (p.projectCode) {
    const taken = await tx.selectFrom('proposal').select('id').where('project_code', '=', p.projectCode.code).executeTakeFirst();
    if (taken) throw invalid('project_code', 'outside.error.codeTaken', { code: p.projectCode.code });
  }
  const [written] = await insertProjects(tx, [
    {
      fundId: input.fundId,
      fundCode: input.fundCode,
      origin: input.origin,
      fiscalYear: p.fiscalYear,
      supportCategory: p.supportCategory,
      title: p.title,
      organisationName: p.organisationName,
      organisationType: p.organisationType,
      amount: p.amount,
      approvedOn: p.approvalDate,
      meetingRef: p.meetingRef,
      meetingDate: p.meetingDate,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      place: p.place,
      coordinatorName: p.coordinatorName,
      coordinatorPhone: p.coordinatorPhone,
      targetGroups: p.targetGroups,
      ...(p.projectCode ? { projectCode: p.projectCode.code, sequence: p.projectCode.sequence } : {}),
      createdBy: input.createdBy ?? null,
      isDemo: input.isDemo ?? false,
    },
  ]);
  await startFollowUp(tx, written!.id);
  return written!;
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
