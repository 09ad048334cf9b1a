import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { ensureReferenceAreas } from '../src/db/reference/areas.ts';
import { seedDemo } from '../src/db/seed/demo.ts';
import { BE_OFFSET } from '../src/domain/fiscal-year.ts';
import type { HistoryKind } from '../src/domain/import-history.ts';
import type { Actor } from '../src/domain/policy.ts';
import { isRole } from '../src/domain/roles.ts';
import type { StoredUpload } from '../src/use-cases/import-files.ts';
import { applyImportRun, importHistory } from '../src/use-cases/import-history.ts';

/**
 * The history import at scale (issue 8): followed projects as the old program's JSON (`items`)
 * and ledger lines as CSV, generated on disk from the demo's funds, each file dry-run and then
 * applied through the use case as the admin. A file a tenth the size runs first, so that the
 * process's peak memory after it and after the full file can be compared (and the heap is
 * sampled during each run): streamed reading and batched writing keep it flat in file size.
 */

/** Fiscal years the generated history covers: before the demo's and the overview bench's. */
const FIRST_YEAR = 2553;
const YEARS = 8;
/** Projects per fund, about what a fund approves in eight years on the old program. */
const PROJECTS_PER_FUND = 14;

interface FundRow {
  code: string;
  name: string;
  region: string;
  province: string;
  district: string;
}

const CATEGORY_LABELS = [
  'สนับสนุนการจัดบริการสาธารณสุขของ หน่วยบริการ/สถานบริการ/หน่วยงานสาธารณสุข [ข้อ 10(1)]',
  'สนับสนุนกิจกรรมสร้างเสริมสุขภาพ การป้องกันโรคของกลุ่มหรือองค์กรประชาชน/หน่วยงานอื่น [ข้อ 10(2)]',
  'สนับสนุนการจัดกิจกรรมของ ศูนย์เด็กเล็ก/ผู้สูงอายุ/คนพิการ [ข้อ 10(3)]',
  'สนับสนุนการบริหารหรือพัฒนากองทุนฯ [ข้อ 10(4)]',
  'สนับสนุนกรณีเกิดโรคระบาดหรือภัยพิบัติ [ข้อ 10(5)]',
];
const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const TITLES = ['ส่งเสริมสุขภาพผู้สูงอายุ', 'คัดกรองเบาหวานและความดันโลหิตสูง', 'ป้องกันไข้เลือดออก', 'พัฒนาการเด็กปฐมวัย', 'ลดการสูบบุหรี่ในชุมชน', 'อาหารปลอดภัยในโรงเรียน', 'ดูแลผู้ป่วยติดเตียง'];
const ORGS = ['ชมรมผู้สูงอายุบ้าน', 'โรงพยาบาลส่งเสริมสุขภาพตำบล', 'ศูนย์พัฒนาเด็กเล็กบ้าน', 'อาสาสมัครสาธารณสุขบ้าน', 'โรงเรียนบ้าน'];
const GROUPS = ['ผู้สูงอายุ', 'กลุ่มเสี่ยงโรคเรื้อรัง', 'เด็กปฐมวัย', 'ประชาชนทั่วไป', 'ผู้พิการ'];
const STATUSES = ['ดำเนินการเสร็จสิ้น', 'ดำเนินการเสร็จสิ้น', 'ดำเนินการเสร็จสิ้น', 'ยกเลิก', 'อยู่ระหว่างดำเนินการ'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A day of a fiscal year (BE) as a CE calendar date: the year starts on 1 October. */
function dayOf(fiscalYear: number, dayOfYear: number): { y: number; m: number; d: number } {
  const date = new Date(Date.UTC(fiscalYear - BE_OFFSET - 1, 9, 1 + dayOfYear));
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}
const iso = ({ y, m, d }: { y: number; m: number; d: number }) => `${y}-${pad(m)}-${pad(d)}`;
/** The forms the old program's exports mix: ISO (CE), dd/mm/yyyy (BE) and `15 ม.ค. 2568`. */
function written(date: { y: number; m: number; d: number }, form: number): string {
  if (form % 3 === 0) return iso(date);
  if (form % 3 === 1) return `${pad(date.d)}/${pad(date.m)}/${date.y + BE_OFFSET}`;
  return `${date.d} ${THAI_MONTHS[date.m - 1]} ${date.y + BE_OFFSET}`;
}

/** Project `k` of a fund: year, category and running number, so every code is its own. */
function projectSlot(k: number) {
  return { fiscalYear: FIRST_YEAR + (k % YEARS), category: 1 + (Math.floor(k / YEARS) % 5), seq: Math.floor(k / (YEARS * 5)) + 1 };
}
const projectCodeOf = (fund: string, slot: ReturnType<typeof projectSlot>) => `${pad(slot.fiscalYear % 100)}-${fund}-${slot.category}-${pad(slot.seq)}`;

/** Writes text pieces to a file with back-pressure, hashing on the way. */
async function writeFile(file: string, pieces: Iterable<string>): Promise<{ bytes: number; sha256: string }> {
  const out = createWriteStream(file);
  const hash = createHash('sha256');
  let bytes = 0;
  let buffer = '';
  const put = async (text: string) => {
    const chunk = Buffer.from(text);
    hash.update(chunk);
    bytes += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length > 256 * 1024) {
      await put(buffer);
      buffer = '';
    }
  }
  if (buffer) await put(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { bytes, sha256: hash.digest('hex') };
}

/** Projects `from` … `from + count - 1` of the sequence, as the old program's JSON list. */
function* projectItems(funds: FundRow[], from: number, count: number): Generator<string> {
  yield `{"total": ${count}, "items": [\n`;
  for (let i = from; i < from + count; i++) {
    const fund = funds[i % funds.length]!;
    const k = Math.floor(i / funds.length);
    const slot = projectSlot(k);
    const code = projectCodeOf(fund.code, slot);
    const start = dayOf(slot.fiscalYear, 20 + (i % 150));
    const end = dayOf(slot.fiscalYear, 200 + (i % 150));
    const approve = dayOf(slot.fiscalYear, i % 20);
    const village = `${fund.name.replace(/^กองทุนหลักประกันสุขภาพ\s*/, '').slice(0, 30)} หมู่ ${1 + (i % 12)}`;
    // Satang exact: 5,000.00 to about 150,000.75 baht.
    const grant = `${5000 + ((i * 7919) % 145000)}.${pad((i * 37) % 100)}`;
    const item = {
      areaName: `เขต ${fund.region.replace(/^R/, '')}`,
      changwatName: fund.province,
      ampurName: fund.district,
      fundCode: fund.code,
      fundName: fund.name,
      projectId: `LF-${fund.code}-${i}`,
      projectCode: code,
      projectTitle: `โครงการ${TITLES[i % TITLES.length]} ${village} ปี ${slot.fiscalYear}`,
      budgetYear: slot.fiscalYear,
      projectType: CATEGORY_LABELS[slot.category - 1],
      orgName: `${ORGS[i % ORGS.length]}${village}`,
      dateStart: written(start, i),
      dateEnd: written(end, i + 1),
      budgetGrant: i % 2 === 0 ? Number(grant) : grant,
      dateApprove: written(approve, i + 2),
      dateReport: i % 5 === 4 ? '' : iso(dayOf(slot.fiscalYear, 360)),
      coordinatorName: `นางสมศรี ใจดี ${i % 1000}`,
      coordinatorPhone: `08${pad(i % 100_000_000, 8)}`,
      targetGroup: GROUPS[i % GROUPS.length],
      targetSize: 20 + (i % 200),
      targetActivity: 'อบรมให้ความรู้ ติดตามเยี่ยมบ้าน และประเมินผล',
      status: STATUSES[i % STATUSES.length],
    };
    yield `${i === from ? '' : ',\n'}${JSON.stringify(item)}`;
  }
  yield '\n]}\n';
}

/**
 * Ledger entries from entry `from` on, as CSV lines, until `lines` lines are written: receipts
 * with the bank side listed, payments to the fund's projects with it left implied (or listed),
 * refunds. Returns the entry to start the next file at.
 */
function ledgerLines(funds: FundRow[], projectsPerFund: number, from: number, lines: number, next: { entry: number; lines: number }): Generator<string> {
  return (function* () {
    yield 'fundCode,refCode,dateTrans,accountCode,debit,credit,project,description\n';
    let written_ = 0;
    let j = from;
    for (; written_ < lines; j++) {
      const fund = funds[j % funds.length]!;
      const k = Math.floor(j / funds.length);
      const fiscalYear = FIRST_YEAR + (k % YEARS);
      const number = Math.floor(k / YEARS) + 1;
      const date = written(dayOf(fiscalYear, (j * 37) % 360), j);
      const amount = `${1000 + ((j * 104729) % 90000)}.${pad((j * 13) % 100)}`;
      const kind = j % 10;
      if (kind < 3) {
        const ref = `RCV${fiscalYear}-${pad(number, 4)}`;
        const account = ['40100', '40200', '40300'][kind]!;
        yield `${fund.code},${ref},${date},10100,${amount},,,รับเงิน\n${fund.code},${ref},${date},${account},,${amount},,รับเงิน\n`;
        written_ += 2;
      } else if (kind < 9) {
        const ref = `PAY${fiscalYear}-${pad(number, 4)}`;
        // A project of the same fund and year (project slots 0…7 are one per year).
        const slotK = fiscalYear - FIRST_YEAR;
        const project = slotK < projectsPerFund ? projectCodeOf(fund.code, projectSlot(slotK)) : '';
        const expense = ['50100', '50200', '50300', '50400', '50500', '50200'][kind - 3]!;
        const description = project ? `จ่ายเงินโครงการ ${project}` : 'จ่ายเงิน';
        if (kind === 8) {
          yield `${fund.code},${ref},${date},${expense},${amount},,${project},${description}\n${fund.code},${ref},${date},10100,,${amount},${project},${description}\n`;
          written_ += 2;
        } else {
          yield `${fund.code},${ref},${date},${expense},${amount},,${project},"${description}"\n`;
          written_ += 1;
        }
      } else {
        yield `${fund.code},RET${fiscalYear}-${pad(number, 4)},${date},40500,,${amount},,คืนเงินเหลือจ่าย\n`;
        written_ += 1;
      }
    }
    next.entry = j;
    next.lines = written_;
  })();
}

// A full collection now and then tells the heap that is live from garbage not yet collected.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * Samples the process's memory while `run` runs: RSS and heap in use every 25 ms (garbage
 * included), and the live heap after a full collection every second.
 */
async function sampled<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; heapMb: number; liveMb: number; rssMb: number }> {
  let heap = 0;
  let live = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  const sampleLive = () => {
    collect();
    live = Math.max(live, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 25);
  const liveTimer = setInterval(sampleLive, 1000);
  const start = performance.now();
  try {
    const result = await run();
    const ms = performance.now() - start;
    sample();
    sampleLive();
    return { result, ms, heapMb: heap / 1024 / 1024, liveMb: live / 1024 / 1024, rssMb: rss / 1024 / 1024 };
  } finally {
    clearInterval(timer);
    clearInterval(liveTimer);
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

async function adminActor(database: Database): Promise<Actor> {
  const db = database.db;
  const user = await db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const roles = await db.selectFrom('role_assignment').select(['role', 'scope_code']).where('user_id', '=', user.id).execute();
  return { userId: user.id, roles: roles.flatMap((r) => (isRole(r.role) ? [{ role: r.role, scopeCode: r.scope_code }] : [])) };
}

export interface ImportSizes {
  projects: number;
  ledger: number;
}

/** The sizes: BENCH_IMPORT_PROJECTS / BENCH_IMPORT_LEDGER, else 100,000 and 1,000,000 (a tenth on PGlite). */
export function importSizes(engine: 'pglite' | 'postgres'): ImportSizes {
  const scale = engine === 'postgres' ? 1 : 10;
  return {
    projects: Number(process.env.BENCH_IMPORT_PROJECTS ?? 100_000 / scale),
    ledger: Number(process.env.BENCH_IMPORT_LEDGER ?? 1_000_000 / scale),
  };
}

export async function benchImport(database: Database, sizes: ImportSizes): Promise<void> {
  const db = database.db;
  const actor = await adminActor(database);
  const fundCount = Math.max(1, Math.ceil(sizes.projects / PROJECTS_PER_FUND));
  const funds = (
    await sql<FundRow>`select fa.fund_code as code, f.name_th as name, fa.region_code as region, p.name_th as province, d.name_th as district
      from fund_area fa join fund f on f.id = fa.fund_id join area p on p.code = fa.province_code join area d on d.code = fa.district_code
      order by fa.fund_code limit ${fundCount}`.execute(db)
  ).rows;
  const projectsPerFund = Math.ceil(sizes.projects / funds.length);
  const dir = mkdtempSync(path.join(tmpdir(), 'kongtun-bench-import-'));
  try {
    mkdirSync(dir, { recursive: true });
    const small = { projects: Math.max(1, Math.round(sizes.projects / 10)), ledger: Math.max(2, Math.round(sizes.ledger / 10)) };
    const start = performance.now();
    const files: { label: string; kind: HistoryKind; rows: number; upload: StoredUpload }[] = [];
    const make = async (label: string, kind: HistoryKind, rows: number, name: string, pieces: Iterable<string>) => {
      const file = path.join(dir, name);
      const { bytes, sha256 } = await writeFile(file, pieces);
      files.push({ label, kind, rows, upload: { fileName: name, path: file, bytes, sha256 } });
    };
    // The tenth-size files continue the sequences where the full ones stop, so nothing overlaps.
    await make('projects, 1/10 size', 'projects', small.projects, 'projects-small.json', projectItems(funds, sizes.projects, small.projects));
    await make('projects', 'projects', sizes.projects, 'projects.json', projectItems(funds, 0, sizes.projects));
    // The full ledger is written first to know where its entries stop; the small one runs first.
    const next = { entry: 0, lines: 0 };
    const fullFile = path.join(dir, 'ledger.csv');
    const full = await writeFile(fullFile, ledgerLines(funds, projectsPerFund, 0, sizes.ledger, next));
    const rest = { entry: 0, lines: 0 };
    await make('ledger, 1/10 size', 'ledger', 0, 'ledger-small.csv', ledgerLines(funds, projectsPerFund, next.entry, small.ledger, rest));
    files.at(-1)!.rows = rest.lines;
    files.push({ label: 'ledger', kind: 'ledger', rows: next.lines, upload: { fileName: 'ledger.csv', path: fullFile, ...full } });
    console.log(
      `import files generated (${funds.length} funds, FY ${FIRST_YEAR}–${FIRST_YEAR + YEARS - 1}): ${files.map((f) => `${f.upload.fileName} ${f.rows} rows ${mb(f.upload.bytes)} MB`).join('; ')} in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );

    for (const { label, kind, rows, upload } of files) {
      const dry = await sampled(() => importHistory(db, actor, { kind, upload, dryRun: true }));
      const checked = dry.result;
      if (checked.status !== 'checked') {
        throw new Error(`import bench: the dry run of ${upload.fileName} was ${checked.status}: ${JSON.stringify({ counts: checked.counts, fileProblem: checked.fileProblem, rows: checked.rows.slice(0, 5) })}`);
      }
      const apply = await sampled(() => applyImportRun(db, actor, { id: checked.id }));
      if (apply.result.status !== 'applied') throw new Error(`import bench: applying ${upload.fileName} ended ${apply.result.status}`);
      const rate = (ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');
      console.log(
        `import ${label} (${rows} rows, ${mb(upload.bytes)} MB, created ${apply.result.counts.created}): dry run ${(dry.ms / 1000).toFixed(1)} s, ${rate(dry.ms)} rows/s; apply ${(apply.ms / 1000).toFixed(1)} s, ${rate(apply.ms)} rows/s; live heap peak ${dry.liveMb.toFixed(0)} / ${apply.liveMb.toFixed(0)} MB, heap peak ${dry.heapMb.toFixed(0)} / ${apply.heapMb.toFixed(0)} MB, RSS peak ${dry.rssMb.toFixed(0)} / ${apply.rssMb.toFixed(0)} MB (dry run / apply); process peak RSS so far ${maxRssMb().toFixed(0)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The import bench on a PostgreSQL database of its own (other benches may use the server at once). */
export async function benchImportOnPostgres(url: string, name = 'kongtun_bench_import'): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    console.log(`\n== PostgreSQL, history import (database ${name})`);
    const database = await openDatabase({ engine: 'postgres', url: target.toString() });
    try {
      let start = performance.now();
      await migrate(database);
      await ensureReferenceAreas(database.db);
      await seedDemo(database.db);
      console.log(`migrate, reference areas, demo seed: ${((performance.now() - start) / 1000).toFixed(1)} s`);
      start = performance.now();
      await benchImport(database, importSizes('postgres'));
      console.log(`history import bench: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    } finally {
      await database.close();
    }
    // BENCH_IMPORT_KEEP=1 leaves the database for a look afterwards.
    if (!process.env.BENCH_IMPORT_KEEP) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
