import { redirect } from 'react-router';
import { parseFiscalYear } from '../../src/domain/import-values.ts';
import type { Translate } from '../../src/i18n/index.ts';

/**
 * "Open another fiscal year" (OpenYearForm) is a plain GET form: a year that reads becomes the
 * address (`to`); otherwise the page shows what was typed, with the problem.
 */
export function openYear(search: URLSearchParams, t: Translate, to: (fiscalYear: number) => string): { open: string; openError: string | null } {
  const open = search.get('open');
  if (open === null) return { open: '', openError: null };
  const year = parseFiscalYear(open.slice(0, 20));
  if (year.ok) throw redirect(to(year.value));
  return { open: open.slice(0, 20), openError: t(`admin.error.${year.problem}`, year.params) };
}
