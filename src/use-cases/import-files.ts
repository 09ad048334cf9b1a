import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { JSONParser } from '@streamparser/json';
import readXlsxFile from 'read-excel-file/node';
import { CsvReader, isBlankRecord } from '../domain/csv.ts';
import { type HistoryKind, historyColumn, jsonValueText, readHeader, type SourceRecord } from '../domain/import-history.ts';

// Reading import files: what a file is (CSV, XLSX, JSON) from its name and first bytes, CSV text
// in UTF-8 or Thai Windows-874, workbook cells as text (never through a float), and, for the
// history import, a stream of records read a piece at a time so that a file of tens of MB is
// never held whole (an XLSX, being a zip, is the exception: it is read whole, and capped).

export type ImportFileKind = 'csv' | 'xlsx';

/** What a spreadsheet file is, from its name and its first bytes; null for anything else. */
export function importFileKind(fileName: string, content: Uint8Array): ImportFileKind | 'xls' | null {
  const name = fileName.toLowerCase();
  const zip = content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
  const ole = content[0] === 0xd0 && content[1] === 0xcf && content[2] === 0x11 && content[3] === 0xe0;
  if (name.endsWith('.xlsx')) return zip ? 'xlsx' : null;
  if (name.endsWith('.xls')) return ole || zip ? 'xls' : null;
  if (name.endsWith('.csv')) return zip || ole || content.includes(0) ? null : 'csv';
  return null;
}

/** CSV text: UTF-8 (with or without BOM) as Excel's "CSV UTF-8" saves it, else Thai Windows-874. */
export function decodeCsv(content: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('windows-874').decode(content);
  }
}

/** A cell of a workbook as text: numbers exactly as stored, dates as ISO, booleans as words. */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell);
}

/** A workbook's sheets with every cell as text; numbers as the text the file holds. */
export async function readWorkbook(content: Uint8Array | string): Promise<{ sheet: string; records: string[][] }[]> {
  const input = typeof content === 'string' ? content : Buffer.from(content);
  const sheets = await readXlsxFile(input, { parseNumber: (text: string) => text });
  return sheets.map((s) => ({ sheet: s.sheet, records: s.data.map((row) => row.map(cellText)) }));
}

// ---------------------------------------------------------------------------------------------
// Stored uploads

export interface StoredUpload {
  fileName: string;
  path: string;
  bytes: number;
  sha256: string;
}

/** Where uploads wait between their dry run and their apply. */
export const uploadFolder = (dataDir: string) => path.join(dataDir, 'imports');

/** Writes an upload to the folder as it arrives, hashing it on the way. */
export async function storeUpload(folder: string, fileName: string, body: AsyncIterable<Uint8Array> | Uint8Array): Promise<StoredUpload> {
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, `${randomBytes(18).toString('base64url')}.upload`);
  const hash = createHash('sha256');
  let bytes = 0;
  const source = body instanceof Uint8Array ? Readable.from([body]) : Readable.from(body);
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(target),
    );
  } catch (error) {
    // A body cut short or refused midway leaves nothing behind.
    await rm(target, { force: true });
    throw error;
  }
  return { fileName: fileName.slice(-255), path: target, bytes, sha256: hash.digest('hex') };
}

export async function removeUpload(file: string | null): Promise<void> {
  if (file) await rm(file, { force: true });
}

// ---------------------------------------------------------------------------------------------
// Streaming records

/** The largest XLSX read (it is read whole); CSV and JSON are streamed at any size. */
export const MAX_XLSX_BYTES = 30 * 1024 * 1024;

/** What is wrong with the file as a whole; nothing of it is applied. */
export class FileProblem extends Error {
  readonly code: FileProblemCode;
  readonly params: Record<string, string | number>;
  constructor(code: FileProblemCode, params: Record<string, string | number> = {}) {
    super(`import file: ${code}`);
    this.code = code;
    this.params = params;
  }
}
export const FILE_PROBLEMS = [
  'empty',
  'type',
  'xls',
  'tooLarge',
  'malformedJson',
  'truncated',
  'noItems',
  'malformedCsv',
  'malformedXlsx',
  'encoding',
  'missingColumns',
  'unknownColumns',
  'noRows',
] as const;
export type FileProblemCode = (typeof FILE_PROBLEMS)[number];

export interface SourceRow {
  row: number;
  record: SourceRecord;
}

type Format = 'json' | 'csv' | 'xlsx';

async function firstBytes(file: string, count: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function formatOf(fileName: string, head: Uint8Array): Format {
  const name = fileName.toLowerCase();
  const text = new TextDecoder().decode(head.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  if (name.endsWith('.json') || (!name.endsWith('.csv') && (text.startsWith('{') || text.startsWith('[')))) return 'json';
  const kind = importFileKind(name, head);
  if (kind === 'xls') throw new FileProblem('xls');
  if (!kind) throw new FileProblem('type');
  return kind;
}

/**
 * The records of an import file, one at a time: the old program's JSON (`{"items": […]}` or a
 * bare array of objects; keys it does not know are left aside, as its lists carry more than we
 * read), or a CSV/XLSX whose header names the same columns (there an unknown column is an
 * error: a person made the sheet, and a column we would drop silently is a guess).
 */
export async function* readRecords(kind: HistoryKind, fileName: string, file: string, bytes: number): AsyncGenerator<SourceRow> {
  if (bytes === 0) throw new FileProblem('empty');
  const head = await firstBytes(file, 4096);
  const format = formatOf(fileName, head);
  if (format === 'json') yield* jsonRecords(kind, file, head);
  else if (format === 'csv') yield* tableRecords(kind, csvRecords(file));
  else {
    if (bytes > MAX_XLSX_BYTES) throw new FileProblem('tooLarge', { max: MAX_XLSX_BYTES / 1024 / 1024 });
    let sheets: Awaited<ReturnType<typeof readWorkbook>>;
    try {
      sheets = await readWorkbook(await readFile(file));
    } catch {
      throw new FileProblem('malformedXlsx');
    }
    yield* tableRecords(
      kind,
      (async function* () {
        yield* sheets[0]?.records ?? [];
      })(),
    );
  }
}

async function* jsonRecords(kind: HistoryKind, file: string, head: Uint8Array): AsyncGenerator<SourceRow> {
  const start = new TextDecoder().decode(head).replace(/^\uFEFF/, '').trimStart();
  const parser = new JSONParser({ paths: [start.startsWith('[') ? '$.*' : '$.items.*'], keepStack: false });
  let pending: unknown[] = [];
  let failure: unknown = null;
  let ended = false;
  parser.onValue = ({ value }) => {
    pending.push(value);
  };
  parser.onError = (error) => {
    failure ??= error;
  };
  parser.onEnd = () => {
    ended = true;
  };
  let row = 0;
  let seen = 0;
  const drain = function* (): Generator<SourceRow> {
    const values = pending;
    pending = [];
    for (const value of values) {
      row++;
      seen++;
      const record: SourceRecord = {};
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, v] of Object.entries(value)) {
          const column = historyColumn(kind, key);
          if (column && !(column in record)) record[column] = jsonValueText(v);
        }
      }
      yield { row, record };
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    if (failure || ended) break;
    try {
      parser.write(chunk as Uint8Array);
    } catch (error) {
      failure ??= error;
    }
    yield* drain();
  }
  if (failure) throw new FileProblem('malformedJson', { after: row });
  if (!ended) {
    try {
      parser.end();
    } catch {
      throw new FileProblem('truncated', { after: row });
    }
    if (failure || !ended) throw new FileProblem('truncated', { after: row });
  }
  yield* drain();
  if (seen === 0) throw new FileProblem(start.startsWith('[') ? 'noRows' : 'noItems');
}

async function* csvRecords(file: string): AsyncGenerator<string[]> {
  const reader = new CsvReader();
  let decoder: TextDecoder | null = null;
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const bytes = chunk as Uint8Array;
    if (!decoder) {
      // Windows-874 when the first piece is not UTF-8 (Thai Excel's plain "CSV").
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
        decoder = new TextDecoder('utf-8', { fatal: true });
      } catch {
        decoder = new TextDecoder('windows-874');
      }
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw new FileProblem('encoding');
    }
    yield* reader.push(text);
  }
  let rest = '';
  try {
    rest = decoder?.decode() ?? '';
  } catch {
    throw new FileProblem('encoding');
  }
  yield* reader.push(rest);
  const last = reader.end();
  if (reader.unterminatedQuote) throw new FileProblem('malformedCsv');
  yield* last;
}

async function* tableRecords(kind: HistoryKind, records: AsyncIterable<string[]>): AsyncGenerator<SourceRow> {
  let header: ReturnType<typeof readHeader> | null = null;
  let row = 0;
  let seen = 0;
  for await (const cells of records) {
    row++;
    if (isBlankRecord(cells)) continue;
    if (!header) {
      header = readHeader(kind, cells);
      if (header.missing.length > 0) {
        throw new FileProblem('missingColumns', { columns: header.missing.join(', '), unknown: header.unknown.join(', ') || '—' });
      }
      if (header.unknown.length > 0) throw new FileProblem('unknownColumns', { columns: header.unknown.join(', ') });
      continue;
    }
    const record: SourceRecord = {};
    for (const [column, position] of header.positions) record[column] = cells[position] ?? '';
    seen++;
    yield { row, record };
  }
  if (seen === 0) throw new FileProblem('noRows');
}
