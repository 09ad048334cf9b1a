// Lessons learned (ถอดบทเรียน) of an area for a fiscal year: four texts, at least one written.

export const LESSON_FIELDS = ['mechanisms', 'success_factors', 'problems', 'suggestions'] as const;
export type LessonField = (typeof LESSON_FIELDS)[number];
export type LessonTexts = Record<LessonField, string>;

/** Most a text may hold (the table checks the same). */
export const LESSON_MAX_LENGTH = 4000;

export interface LessonProblem {
  field: LessonField;
  key: 'lesson.error.empty' | 'lesson.error.tooLong';
  params?: { max: number };
}

/** Trims each text (line breaks inside kept, \r\n read as \n). */
export function normaliseLesson(texts: Partial<Record<LessonField, unknown>>): LessonTexts {
  const clean = (v: unknown) => (typeof v === 'string' ? v.replaceAll('\r\n', '\n').trim() : '');
  return {
    mechanisms: clean(texts.mechanisms),
    success_factors: clean(texts.success_factors),
    problems: clean(texts.problems),
    suggestions: clean(texts.suggestions),
  };
}

/** What is wrong with a lesson: a text too long, or nothing written at all. */
export function lessonProblems(texts: LessonTexts): LessonProblem[] {
  const problems: LessonProblem[] = [];
  for (const field of LESSON_FIELDS) {
    if (texts[field].length > LESSON_MAX_LENGTH) problems.push({ field, key: 'lesson.error.tooLong', params: { max: LESSON_MAX_LENGTH } });
  }
  if (LESSON_FIELDS.every((field) => texts[field] === '')) problems.push({ field: 'mechanisms', key: 'lesson.error.empty' });
  return problems;
}
