import { describe, expect, it } from 'vitest';
import { csvField, toCsv, UTF8_BOM } from '../../src/api/csv.ts';
import { readCsv } from '../../src/db/reference/areas.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('csvField', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvField('กองทุนหลักประกันสุขภาพ อบต.บึงมะลู')).toBe('กองทุนหลักประกันสุขภาพ อบต.บึงมะลู');
    expect(csvField(12345)).toBe('12345');
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(true)).toBe('true');
  });

  it('writes null and undefined as empty fields', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('keeps spreadsheets from running a cell as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('+66 81')).toBe("'+66 81");
  });
});

describe('toCsv', () => {
  const columns = [
    { header: 'code', value: (r: { code: string; name: string | null; n: number }) => r.code },
    { header: 'name', value: (r: { code: string; name: string | null; n: number }) => r.name },
    { header: 'n', value: (r: { code: string; name: string | null; n: number }) => r.n },
  ];

  it('writes a header row and CRLF-terminated lines', () => {
    expect(toCsv(columns, [{ code: 'L0001', name: 'บึง, มะลู', n: 3 }, { code: 'L0002', name: null, n: 0 }])).toBe(
      'code,name,n\r\nL0001,"บึง, มะลู",3\r\nL0002,,0\r\n',
    );
  });

  it('writes only the header for an empty list', () => {
    expect(toCsv(columns, [])).toBe('code,name,n\r\n');
  });

  it('reads back with an RFC 4180 reader, BOM and all', () => {
    const rows = [{ code: 'L0001', name: 'a "quoted",\nmulti-line ไทย', n: 1 }];
    const dir = mkdtempSync(path.join(tmpdir(), 'csv-'));
    const file = path.join(dir, 'x.csv');
    writeFileSync(file, UTF8_BOM + toCsv(columns, rows));
    expect(readCsv(file)).toEqual([{ code: 'L0001', name: 'a "quoted",\nmulti-line ไทย', n: '1' }]);
  });
});
