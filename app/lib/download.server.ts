import { toCsv, UTF8_BOM } from '../../src/api/csv.ts';
import { type SheetColumn, toXlsx, XLSX_TYPE } from '../../src/api/xlsx.ts';

/** A table as a file to save: CSV (with the BOM Thai Excel needs) or a one-sheet XLSX. */
export function download<Row>(name: string, format: string, sheet: string, columns: SheetColumn<Row>[], rows: readonly Row[]): Response {
  const headers = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };
  if (format === 'xlsx') {
    return new Response(Buffer.from(toXlsx(sheet, columns, rows)), { headers: { ...headers, 'Content-Type': XLSX_TYPE, 'Content-Disposition': `attachment; filename="${name}.xlsx"` } });
  }
  return new Response(UTF8_BOM + toCsv(columns, rows), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` } });
}
