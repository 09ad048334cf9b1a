import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../domain/policy.ts';
import { mayEdit } from '../domain/proposals.ts';
import { audit, invalid } from './admin-shared.ts';
import { Forbidden, NotFound } from './errors.ts';
import { loadProposal } from './proposals.ts';

// Attachments to a proposal: PDF, JPEG or PNG, checked by their first bytes (not by the name or
// the type the browser claims), at most 5 MB each and 10 per proposal.

type Db = Kysely<DB>;
type MediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

const SIGNATURES: [MediaType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

/** What the bytes are, whatever the file is called; null for anything else. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  for (const [type, signature] of SIGNATURES) {
    if (signature.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

const EXTENSIONS: Record<MediaType, string[]> = { 'application/pdf': ['pdf'], 'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'] };

/**
 * A file someone uploads: named, at most 5 MB, a PDF, JPEG or PNG by its bytes, and named for
 * what it is. Activity photos and receipts (project-followup.ts) pass the same check.
 */
export function checkUpload(name: string, bytes: Uint8Array, field = 'file'): { fileName: string; type: MediaType } {
  const fileName = name.replace(/[\\/]/g, '_').trim().slice(0, 255);
  if (bytes.byteLength === 0 || fileName === '') throw invalid(field, 'proposal.error.fileMissing');
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) throw invalid(field, 'proposal.error.fileTooLarge', { max: 5 });
  const type = sniffMediaType(bytes);
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  if (!type) throw invalid(field, 'proposal.error.fileType');
  // A photo called .pdf (or the reverse) is refused: the name must say what the file is.
  if (!EXTENSIONS[type].includes(extension)) throw invalid(field, 'proposal.error.fileMismatch');
  return { fileName, type };
}

export async function addAttachment(
  db: Db,
  actor: Actor | null,
  input: { id: unknown; fileName: string; bytes: Uint8Array },
): Promise<{ attachmentId: number }> {
  const { row, hats } = await loadProposal(db, actor, input.id);
  if (!mayEdit(row.state, hats)) {
    if (!hats.some((h) => h !== 'committee')) throw new Forbidden('proposal.edit');
    throw invalid('file', 'proposal.error.locked');
  }
  const { fileName, type } = checkUpload(input.fileName, input.bytes);
  const count = await db.selectFrom('proposal_attachment').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', row.id).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_ATTACHMENTS) throw invalid('file', 'proposal.error.tooManyFiles', { max: MAX_ATTACHMENTS });
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('proposal_attachment')
      .values({
        proposal_id: row.id,
        file_name: fileName,
        media_type: type,
        size_bytes: input.bytes.byteLength,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        content: input.bytes,
        uploaded_by: actor!.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor!.userId, 'proposal.attach', 'proposal', row.id, { file: fileName, type, bytes: input.bytes.byteLength });
    return { attachmentId: id };
  });
}

export async function listAttachments(db: Db, actor: Actor | null, input: { id: unknown }) {
  const { row } = await loadProposal(db, actor, input.id);
  return db
    .selectFrom('proposal_attachment')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'created_at'])
    .where('proposal_id', '=', row.id)
    .orderBy('id')
    .execute();
}

/** One attachment's bytes, for whoever may read the proposal. */
export async function getAttachment(db: Db, actor: Actor | null, input: { id: unknown; attachmentId: unknown }) {
  const { row } = await loadProposal(db, actor, input.id);
  const file = await db
    .selectFrom('proposal_attachment')
    .select(['file_name', 'media_type', 'content', 'sha256'])
    .where('proposal_id', '=', row.id)
    .where('id', '=', Number(input.attachmentId))
    .executeTakeFirst();
  if (!file) throw new NotFound(`attachment ${String(input.attachmentId)}`);
  return file;
}

export async function removeAttachment(db: Db, actor: Actor | null, input: { id: unknown; attachmentId: unknown }): Promise<void> {
  const { row, hats } = await loadProposal(db, actor, input.id);
  if (!mayEdit(row.state, hats)) {
    if (!hats.some((h) => h !== 'committee')) throw new Forbidden('proposal.edit');
    throw invalid('file', 'proposal.error.locked');
  }
  await db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom('proposal_attachment')
      .where('proposal_id', '=', row.id)
      .where('id', '=', Number(input.attachmentId))
      .returning('file_name')
      .executeTakeFirst();
    if (!removed) throw new NotFound(`attachment ${String(input.attachmentId)}`);
    await audit(tx, actor!.userId, 'proposal.detach', 'proposal', row.id, { file: removed.file_name });
  });
}
