import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { columnName, toXlsx } from '../../src/api/xlsx.ts';

describe('xlsx export', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('writes a workbook a spreadsheet reader reads back: Thai text, numbers, blanks, markup-like text', async () => {
    const rows = [
      { ref: 'RCV2570-0001', text: 'เงินอุดหนุนจาก สปสช. <ปี 2570> & "อื่น ๆ"', amount: '125000.50' },
      { ref: '3304', text: '', amount: '0.00' },
    ];
    const file = toXlsx('สมุดเงินสด', [
      { header: 'reference', value: (r: (typeof rows)[number]) => r.ref },
      { header: 'description', value: (r: (typeof rows)[number]) => r.text },
      { header: 'amount', value: (r: (typeof rows)[number]) => r.amount, numeric: true },
    ], rows);
    const sheets = await readXlsxFile(Buffer.from(file), { parseNumber: (text: string) => `#${text}` });
    expect(sheets.map((s) => s.sheet)).toEqual(['สมุดเงินสด']);
    // Money stays the digits it was written with; a code in a text column stays text.
    expect(sheets[0]!.data).toEqual([
      ['reference', 'description', 'amount'],
      ['RCV2570-0001', 'เงินอุดหนุนจาก สปสช. <ปี 2570> & "อื่น ๆ"', '#125000.50'],
      ['3304', null, '#0.00'],
    ]);
  });
});
