// Reading CSV (RFC 4180): fields separated by commas, records by CRLF or LF; a field in double
// quotes may hold commas, line breaks and doubled quotes (""). Pure string work.

export interface CsvText {
  /** Every record in order, blank ones included (as ['']), so record numbers match the file. */
  records: string[][];
  /** A quoted field was still open at the end of the text: the file is cut short or malformed. */
  unterminatedQuote: boolean;
}

/** Splits CSV text into records of fields; a leading byte-order mark is dropped. */
export function parseCsv(input: string): CsvText {
  const text = input.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0 || quoted) records.push([...record, field]);
  return { records, unterminatedQuote: quoted };
}

/** True when every field of the record is empty or only spaces. */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((field) => field.trim() === '');
}
