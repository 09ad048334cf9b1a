import { CSRF_FIELD } from './forms.ts';

// Forms whose field names are dotted paths (`situations.TOB01.numerator`, `objectives.0.target`)
// so that an error named by the same path lands beside its field and the error summary's
// `#situations.TOB01.numerator` link finds it. The use cases take the nested object.

export type Nested = { [key: string]: string | Nested };

/** Keys that would reach an object's prototype; such a field is dropped. */
const UNSAFE = new Set(['__proto__', 'prototype', 'constructor']);
// A proposal's expense line is five deep: activities.0.expenses.1.unit_cost.
const MAX_DEPTH = 5;
const MAX_FIELDS = 2_000;

/**
 * The form's text fields as a nested object: `a.b.c=v` → `{ a: { b: { c: 'v' } } }`. The CSRF
 * field, files, empty or unsafe path segments, paths deeper than five and a name that clashes
 * with one already read (`a=1` then `a.b=2`) are left out; of repeated names the first counts.
 */
export function nestedFields(form: FormData | Iterable<[string, FormDataEntryValue]>): Nested {
  const root: Nested = {};
  let count = 0;
  for (const [name, value] of form) {
    if (typeof value !== 'string' || name === CSRF_FIELD) continue;
    if (++count > MAX_FIELDS) break;
    const path = name.split('.');
    if (path.length > MAX_DEPTH || path.some((key) => key === '' || UNSAFE.has(key))) continue;
    let node: Nested = root;
    let clash = false;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(node, key) ? node[key] : undefined;
      if (typeof next === 'string') {
        clash = true;
        break;
      }
      if (next === undefined) {
        const child: Nested = {};
        node[key] = child;
        node = child;
      } else {
        node = next;
      }
    }
    const last = path.at(-1) as string;
    if (clash || Object.hasOwn(node, last)) continue;
    node[last] = value;
  }
  return root;
}

/** The nested object back as dotted names, for echoing what was typed into the fields. */
export function flatFields(nested: Nested, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(nested)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat[name] = value;
    else Object.assign(flat, flatFields(value, name));
  }
  return flat;
}

/**
 * How many rows a repeating group shows: the saved rows plus `blank` empty ones, or more when a
 * failed post sent rows further down (`objectives.4.objective`), so none of them is lost.
 */
export function rowCount(saved: number, blank: number, echoed: Record<string, string> | undefined, group: string): number {
  let highest = -1;
  const pattern = new RegExp(`^${group.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d{1,3})\\.`);
  for (const name of Object.keys(echoed ?? {})) {
    const match = pattern.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return Math.max(saved + blank, highest + 1);
}
