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
  const reader = new CsvReader();
  const records = reader.push(input);
  records.push(...reader.end());
  return { records, unterminatedQuote: reader.unterminatedQuote };
}

/**
 * The same reading, a piece of text at a time: push() returns the records completed so far,
 * end() the last one. A file of any size is read with one record in memory.
 */
export class CsvReader {
  private record: string[] = [];
  private field = '';
  private quoted = false;
  /** A quote just closed inside a quoted field: the next character says if it was doubled. */
  private quoteSeen = false;
  /** A CR ended the last record: an LF right after it belongs to the same line break. */
  private afterCr = false;
  private started = false;
  unterminatedQuote = false;

  push(chunk: string): string[][] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      text = text.replace(/^\uFEFF/, '');
    }
    const records: string[][] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') continue;
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (c === '"') this.quoteSeen = true;
        else this.field += c;
      } else if (c === '"' && this.field === '') this.quoted = true;
      else if (c === ',') {
        this.record.push(this.field);
        this.field = '';
      } else if (c === '\n' || c === '\r') {
        this.afterCr = c === '\r';
        this.record.push(this.field);
        records.push(this.record);
        this.record = [];
        this.field = '';
      } else this.field += c;
    }
    return records;
  }

  end(): string[][] {
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.quoted = false;
    }
    this.unterminatedQuote = this.quoted;
    if (this.field !== '' || this.record.length > 0 || this.quoted) return [[...this.record, this.field]];
    return [];
  }
}

/** True when every field of the record is empty or only spaces. */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((field) => field.trim() === '');
}
