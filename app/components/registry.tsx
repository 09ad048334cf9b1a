import { Form, Link } from 'react-router';
import type { Lang, MessageKey } from '../../src/i18n/index.ts';
import { useT } from '../root.tsx';

// Pieces the registry pages share: names in the chosen language, counts, breadcrumbs, the
// fund search box.

/** The English name where one is known and English is chosen; the Thai name otherwise. */
export function nameOf(item: { name_th: string; name_en: string | null }, lang: Lang): string {
  return lang === 'en' && item.name_en ? item.name_en : item.name_th;
}

/** 12345 → '12,345' (grouped by hand, so server and browser agree). */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export const laoTypeKey = (type: string) => `registry.laoType.${type}` as MessageKey;
export const levelKey = (level: string) => `registry.level.${level}` as MessageKey;

/** Where the page sits: country › region › province › district, each a link up. */
export function Breadcrumbs({ items, current }: { items: { href: string; label: string }[]; current: string }) {
  const t = useT();
  return (
    <nav aria-label={t('registry.breadcrumbs')} className="breadcrumbs">
      <ol>
        {items.map((item) => (
          <li key={item.href}>
            <Link to={item.href}>{item.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

/**
 * The fund search box (a GET form, so it works without JavaScript). With `area`, the search is
 * limited to that area, which the form says and carries in a hidden field.
 */
export function FundSearchForm(props: {
  q?: string | undefined;
  area?: { code: string; label: string } | undefined;
  showAreaField?: boolean;
  areaValue?: string | undefined;
  errors?: Record<string, string> | undefined;
  headingId?: string;
}) {
  const t = useT();
  const qError = props.errors?.q;
  const areaError = props.errors?.area;
  return (
    <Form method="get" action="/funds" className="fund-search" role="search" aria-labelledby={props.headingId}>
      <div className={qError ? 'field field--error' : 'field'}>
        <label htmlFor="q">{t('registry.search.q')}</label>
        <p id="q-hint" className="hint">
          {t('registry.search.qHint')}
        </p>
        {qError && (
          <p id="q-error" className="field__error">
            {qError}
          </p>
        )}
        <div className="fund-search__row">
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={props.q}
            maxLength={100}
            autoComplete="off"
            aria-describedby={qError ? 'q-hint q-error' : 'q-hint'}
            aria-invalid={qError ? true : undefined}
          />
          <button type="submit" className="button">
            {t('registry.search.submit')}
          </button>
        </div>
      </div>
      {props.area && !props.showAreaField && (
        <p className="hint">
          <input type="hidden" name="area" value={props.area.code} />
          {t('registry.search.within', { name: props.area.label })}
        </p>
      )}
      {props.showAreaField && (
        <div className={areaError ? 'field field--error fund-search__area' : 'field fund-search__area'}>
          <label htmlFor="area">{t('registry.search.area')}</label>
          <p id="area-hint" className="hint">
            {t('registry.search.areaHint')}
          </p>
          {areaError && (
            <p id="area-error" className="field__error">
              {areaError}
            </p>
          )}
          <input
            id="area"
            name="area"
            type="text"
            defaultValue={props.areaValue}
            maxLength={20}
            autoComplete="off"
            aria-describedby={areaError ? 'area-hint area-error' : 'area-hint'}
            aria-invalid={areaError ? true : undefined}
          />
        </div>
      )}
    </Form>
  );
}
