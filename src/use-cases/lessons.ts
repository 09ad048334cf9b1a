import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { LESSON_FIELDS, type LessonField, type LessonTexts, lessonProblems, normaliseLesson } from '../domain/lessons.ts';
import { type Actor, can } from '../domain/policy.ts';
import { audit, parseYear } from './admin-shared.ts';
import { authorize } from './authorize.ts';
import { Conflict, type FieldProblem, Invalid } from './errors.ts';
import { findPlace, type Place } from './places.ts';

// Lessons learned (ถอดบทเรียน) of an area for a year. The public reads a published lesson;
// the area's mentors and district board secretaries ('lesson.write') read drafts and write.

type Db = Kysely<DB>;

export interface LessonView extends LessonTexts {
  published: boolean;
  version: number;
  updated_at: string;
  author: string | null;
}

export interface AreaLesson {
  place: Place;
  fiscalYear: number;
  /** Null when there is none, or it is a draft and the reader may not write it. */
  lesson: LessonView | null;
  mayWrite: boolean;
}

async function readLesson(db: Db, code: string, fiscalYear: number): Promise<LessonView | null> {
  const row = await db
    .selectFrom('area_lesson as l')
    .leftJoin('app_user as u', 'u.id', 'l.author_id')
    .select(['l.mechanisms', 'l.success_factors', 'l.problems', 'l.suggestions', 'l.published', 'l.version', 'l.updated_at', 'u.title', 'u.first_name', 'u.last_name'])
    .where('l.area_code', '=', code)
    .where('l.fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
  if (!row) return null;
  return {
    mechanisms: row.mechanisms,
    success_factors: row.success_factors,
    problems: row.problems,
    suggestions: row.suggestions,
    published: row.published,
    version: row.version,
    updated_at: new Date(row.updated_at).toISOString(),
    author: row.first_name ? `${row.title}${row.first_name} ${row.last_name}` : null,
  };
}

/** The area's lesson for a year: the published one for everyone, the draft too for its writers. */
export async function getLesson(db: Db, actor: Actor | null, input: { area: unknown; fiscalYear: unknown }): Promise<AreaLesson> {
  authorize(actor, 'lesson.view');
  const place = await findPlace(db, input.area);
  const fiscalYear = parseYear(input.fiscalYear);
  const mayWrite = can(actor, 'lesson.write', { scopeChain: place.scopeChain });
  const lesson = await readLesson(db, place.code, fiscalYear);
  return { place, fiscalYear, lesson: lesson && (lesson.published || mayWrite) ? lesson : null, mayWrite };
}

/** Published lessons of a year for a place and the places inside it (a district's funds, …). */
export async function listPublishedLessons(db: Db, actor: Actor | null, input: { area: unknown; fiscalYear: unknown }) {
  authorize(actor, 'lesson.view');
  const place = await findPlace(db, input.area);
  const fiscalYear = parseYear(input.fiscalYear);
  const rows = await db
    .selectFrom('area_lesson as l')
    .select(['l.area_code', 'l.mechanisms', 'l.success_factors', 'l.problems', 'l.suggestions', 'l.updated_at'])
    .where('l.fiscal_year', '=', fiscalYear)
    .where('l.published', '=', true)
    .execute();
  // A lesson is inside the place when the place is on the lesson's area's chain; the few
  // lessons of a year are resolved one by one.
  const inside = [];
  for (const row of rows) {
    const at = await findPlace(db, row.area_code).catch(() => null);
    if (at?.scopeChain.includes(place.code)) inside.push({ ...row, updated_at: toBangkokIsoDate(row.updated_at), place: at });
  }
  return inside.sort((a, b) => a.place.scopeChain.length - b.place.scopeChain.length || a.area_code.localeCompare(b.area_code));
}

/**
 * Writes the area's lesson for a year. `version` is the one the form was rendered with (empty
 * for the first save): a stale one is a Conflict. At least one of the four texts is needed.
 */
export async function saveLesson(
  db: Db,
  actor: Actor | null,
  input: Record<string, unknown> & { area: unknown; fiscalYear: unknown },
): Promise<{ version: number }> {
  const place = await findPlace(db, input.area);
  authorize(actor, 'lesson.write', { scopeChain: place.scopeChain });
  const fiscalYear = parseYear(input.fiscalYear);
  const texts = normaliseLesson(input as Partial<Record<LessonField, unknown>>);
  const problems: FieldProblem[] = lessonProblems(texts).map((p) => ({ field: p.field, key: p.key, ...(p.params ? { params: p.params } : {}) }));
  const versionText = String(input.version ?? '').trim();
  const expected = versionText === '' ? null : Number(versionText);
  if (expected !== null && !(Number.isInteger(expected) && expected >= 1)) problems.push({ field: 'version', key: 'admin.error.invalid' });
  if (problems.length > 0) throw new Invalid(problems);
  const published = input.published === 'on' || input.published === true || input.published === 'true';
  const userId = actor?.userId ?? null;
  return db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('area_lesson')
      .select('version')
      .where('area_code', '=', place.code)
      .where('fiscal_year', '=', fiscalYear)
      .forUpdate()
      .executeTakeFirst();
    if ((current?.version ?? null) !== expected) throw new Conflict();
    const version = (current?.version ?? 0) + 1;
    if (current) {
      await tx
        .updateTable('area_lesson')
        .set({ ...texts, published, updated_by: userId, updated_at: new Date(), version })
        .where('area_code', '=', place.code)
        .where('fiscal_year', '=', fiscalYear)
        .execute();
    } else {
      await tx
        .insertInto('area_lesson')
        .values({ area_code: place.code, fiscal_year: fiscalYear, ...texts, published, author_id: userId, updated_by: userId })
        .execute();
    }
    await audit(tx, userId, 'lesson.save', 'area_lesson', `${place.code}/${fiscalYear}`, {
      published,
      filled: LESSON_FIELDS.filter((f) => texts[f] !== ''),
    });
    return { version };
  });
}
