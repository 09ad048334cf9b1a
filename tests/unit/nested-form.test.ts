import { describe, expect, it } from 'vitest';
import { flatFields, nestedFields, rowCount } from '../../app/lib/nested-form.ts';

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe('nestedFields', () => {
  it('nests dotted names as the plan entry form sends them', () => {
    const nested = nestedFields(
      form([
        ['_csrf', 'token'],
        ['version', '3'],
        ['scores.size', '2'],
        ['situations.TOB01.numerator', '12'],
        ['situations.TOB01.denominator', '100'],
        ['situations.TOB02.value', '4.5'],
        ['objectives.0.objective', 'ลดการสูบบุหรี่'],
        ['objectives.1.objective', ''],
        ['approaches.7', 'on'],
        ['target_groups.1001', 'on'],
        ['projects.0.budget', '12,000'],
      ]),
    );
    expect(nested).toEqual({
      version: '3',
      scores: { size: '2' },
      situations: { TOB01: { numerator: '12', denominator: '100' }, TOB02: { value: '4.5' } },
      objectives: { '0': { objective: 'ลดการสูบบุหรี่' }, '1': { objective: '' } },
      approaches: { '7': 'on' },
      target_groups: { '1001': 'on' },
      projects: { '0': { budget: '12,000' } },
    });
  });

  it('leaves out the CSRF field and files', () => {
    expect(nestedFields(form([['_csrf', 'x'], ['file', new Blob(['a'])], ['a', '1']]))).toEqual({ a: '1' });
  });

  it('never writes to a prototype', () => {
    const nested = nestedFields(
      form([
        ['__proto__.polluted', 'yes'],
        ['a.__proto__.polluted', 'yes'],
        ['constructor.prototype.polluted', 'yes'],
        ['b.c', '1'],
      ]),
    );
    expect(nested).toEqual({ b: { c: '1' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
  });

  it('skips names with empty segments or too deep', () => {
    expect(nestedFields(form([['a..b', '1'], ['.a', '1'], ['a.', '1'], ['a.b.c.d.e.f', '1'], ['a.b.c.d.e', 'ok']]))).toEqual({
      a: { b: { c: { d: { e: 'ok' } } } },
    });
  });

  it('keeps the first of clashing or repeated names', () => {
    expect(nestedFields(form([['a', '1'], ['a.b', '2'], ['c.d', '3'], ['c', '4'], ['e', '5'], ['e', '6']]))).toEqual({
      a: '1',
      c: { d: '3' },
      e: '5',
    });
  });

  it('takes plain entries as well as FormData', () => {
    expect(nestedFields([['x.y', 'z']])).toEqual({ x: { y: 'z' } });
  });
});

describe('flatFields', () => {
  it('turns the nested object back into the field names', () => {
    const flat = { version: '3', 'situations.TOB01.numerator': '12', 'objectives.0.objective': 'ก', 'approaches.7': 'on' };
    expect(flatFields(nestedFields(form(Object.entries(flat))))).toEqual(flat);
  });
});

describe('rowCount', () => {
  it('shows the saved rows and the blank ones', () => {
    expect(rowCount(3, 2, undefined, 'objectives')).toBe(5);
    expect(rowCount(0, 2, {}, 'projects')).toBe(2);
  });

  it('keeps every row a failed post sent', () => {
    expect(rowCount(1, 2, { 'objectives.6.objective': 'x', 'projects.9.title': 'y' }, 'objectives')).toBe(7);
    expect(rowCount(4, 2, { 'objectives.1.objective': 'x' }, 'objectives')).toBe(6);
  });
});
