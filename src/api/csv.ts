// CSV for the API's lists: RFC 4180 (CRLF line ends, fields quoted when they hold a comma, a
// quote or a line break, quotes doubled), UTF-8 with a byte-order mark so Excel reads Thai.

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
// A leading =, +, - or @ makes spreadsheets evaluate the cell as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: null and undefined are empty; numbers as written by String(). */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row and the rows under it, each line ending in CRLF, without the BOM. */
export function toCsv<Row>(columns: readonly { header: string; value: (row: Row) => CsvValue }[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export const UTF8_BOM = '\uFEFF';
