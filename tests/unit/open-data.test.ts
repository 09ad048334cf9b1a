import { describe, expect, it } from 'vitest';
import { LESSON_MAX_LENGTH, lessonProblems, normaliseLesson } from '../../src/domain/lessons.ts';
import { metadataProblems, PERSONAL_COLUMN, packageShow } from '../../src/domain/open-data.ts';
import { DATASETS } from '../../src/use-cases/open-data.ts';

describe('lessons learned', () => {
  it('trims the texts and reads \\r\\n as \\n', () => {
    expect(normaliseLesson({ mechanisms: '  a\r\nb  ', problems: 3 })).toEqual({ mechanisms: 'a\nb', success_factors: '', problems: '', suggestions: '' });
  });
  it('needs at least one text', () => {
    expect(lessonProblems(normaliseLesson({ mechanisms: '   ' }))).toEqual([{ field: 'mechanisms', key: 'lesson.error.empty' }]);
    expect(lessonProblems(normaliseLesson({ suggestions: 'x' }))).toEqual([]);
  });
  it('refuses a text longer than the limit, naming it', () => {
    const problems = lessonProblems(normaliseLesson({ problems: 'ก'.repeat(LESSON_MAX_LENGTH + 1), mechanisms: 'ok' }));
    expect(problems).toEqual([{ field: 'problems', key: 'lesson.error.tooLong', params: { max: LESSON_MAX_LENGTH } }]);
    expect(lessonProblems(normaliseLesson({ problems: 'ก'.repeat(LESSON_MAX_LENGTH) }))).toEqual([]);
  });
});

describe('open datasets', () => {
  it('have distinct ids and the five public datasets', () => {
    const ids = DATASETS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['funds', 'fund-years', 'plans', 'projects', 'ledger-monthly', 'overviews']));
  });
  it.each(DATASETS.map((d) => [d.id, d] as const))('%s has complete thai_gdc metadata and no personal column', (_id, dataset) => {
    expect(metadataProblems(dataset)).toEqual([]);
    for (const column of dataset.columns) expect(column.name).not.toMatch(PERSONAL_COLUMN);
  });
  it('metadataProblems finds what is missing', () => {
    const [first] = DATASETS;
    const broken = { ...first!, maintainer_email: 'nobody', tags: [], columns: [...first!.columns, { name: 'coordinator_phone', type: 'text' as const, description_th: 'x', description_en: 'x' }] };
    expect(metadataProblems(broken)).toEqual(expect.arrayContaining(['maintainer_email is not an address', 'tags are empty', 'column coordinator_phone looks personal']));
  });
  it('package_show carries the thai_gdc fields and a CSV and a JSON resource at stable addresses', () => {
    const shown = packageShow(DATASETS.find((d) => d.id === 'projects')!, 'https://kongtun.example/');
    expect(shown.success).toBe(true);
    for (const key of ['name', 'title', 'notes', 'owner_org', 'maintainer', 'maintainer_email', 'update_frequency_unit', 'update_frequency_interval', 'geo_coverage', 'data_category', 'data_classification', 'license_id', 'objective', 'tags', 'metadata_created', 'metadata_modified', 'resources']) {
      expect(shown.result).toHaveProperty(key);
    }
    expect(shown.result.data_classification).toBe('public');
    expect(shown.result.resources.map((r) => [r.format, r.url])).toEqual([
      ['CSV', 'https://kongtun.example/open-data/projects.csv'],
      ['JSON', 'https://kongtun.example/open-data/projects.json'],
    ]);
  });
});
