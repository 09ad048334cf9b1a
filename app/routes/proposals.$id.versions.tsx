import { Form, Link } from 'react-router';
import { formatBaht, fromNumeric } from '../../src/domain/money.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Lang, Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listPrograms, listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { compareVersions, getProposal, getProposalHistory } from '../../src/use-cases/proposals.ts';
import { SelectField } from '../components/form.tsx';
import { StackTable } from '../components/plan-parts.tsx';
import { CONTENT_SECTIONS, keyed, type Named, nameIn } from '../components/proposal-view.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import reviewCss from '../styles/proposal-review.css?url';
import type { Route } from './+types/proposals.$id.versions';

// Two kept versions of a proposal side by side (or a version and the proposal now): each field
// that changed with its text before and after, the words removed and added marked. The words are
// compared on the server, so the page needs no script.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: reviewCss }];

/** A run of text, `changed` when it is not in the other version. */
type Part = { text: string; changed: boolean };

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang, t } = requestInfo(context);
  const db = services(context).database.db;
  const actor = actorOf(user);
  const search = new URL(request.url).searchParams;
  try {
    const view = await getProposal(db, actor, { id: params.id });
    const history = await getProposalHistory(db, actor, { id: view.id });
    const versions = history.versions.map((v) => ({ number: v.number, label: t('review.versionN', { n: v.number }), when: formatThaiDate(v.createdAt, lang, 'short') }));
    const base = { id: view.id, title: view.title, fund: view.fund, versions };
    const last = versions.at(-1);
    if (!last) return { ...base, from: null, to: null, rows: [] };
    // Unasked, the latest kept version against the proposal as it is now.
    const from = search.get('from') || String(last.number);
    const to = search.get('to') || 'current';
    const [changes, programs, groups] = await Promise.all([
      compareVersions(db, actor, { id: view.id, from, to }),
      listPrograms(db, { includeInactive: true }),
      listTargetGroups(db),
    ]);
    const names = { programs: programs as Named[], groups: groups as Named[] };
    return {
      ...base,
      from,
      to,
      // In the order the proposal reads, not the order the snapshots happen to list them.
      rows: changes
        .toSorted((x, y) => sectionOrder(x.section) - sectionOrder(y.section))
        .map((c) => {
        const before = c.before === null ? null : shown(t, lang, names, c.section, c.field, c.before);
        const after = c.after === null ? null : shown(t, lang, names, c.section, c.field, c.after);
        const [was, now] = wordDiff(before ?? '', after ?? '');
        return {
          key: `${c.section}.${c.field}`,
          section: keyed(t, `review.section.${c.section}`, c.section),
          field: fieldLabel(t, lang, names, c.section, c.field),
          before: before === null ? null : was,
          after: after === null ? null : now,
        };
      }),
    };
  } catch (error) {
    throw asPageError(error);
  }
}

type Names = { programs: Named[]; groups: Named[] };

const sectionOrder = (section: string) => (CONTENT_SECTIONS as readonly string[]).indexOf(section);

/** What a snapshot's field is called: numbered rows by their number, target groups by name. */
function fieldLabel(t: Translate, lang: Lang, names: Names, section: string, field: string): string {
  if (section === 'objectives') return t('review.objectiveN', { n: field });
  if (section === 'activities') return t('review.activityN', { n: field });
  if (section === 'targets') return `${nameIn(names.groups, field, lang)} (${field})`;
  if (section === 'organisation' && (field === 'name' || field === 'type')) return t(`review.field.organisation_${field}`);
  return keyed(t, `review.field.${field}`, field);
}

/** A snapshot's stored text as people read it: codes as names, dates in BE, amounts in baht. */
function shown(t: Translate, lang: Lang, names: Names, section: string, field: string, value: string): string {
  if (value === '') return value;
  if (section === 'organisation' && field === 'type') return keyed(t, `proposal.orgType.${value}`, value);
  if (section === 'results' && field === 'support_category') return keyed(t, `planning.category.${value}`, value);
  if (section === 'results' && field === 'budget') return formatBaht(fromNumeric(value), { lang });
  if (section === 'period' && (field === 'start' || field === 'end')) return formatThaiDate(value, lang);
  if (section === 'problem' && field === 'programs') {
    return value
      .split(', ')
      .map((code) => nameIn(names.programs, code, lang))
      .join(', ');
  }
  if (section === 'activities') return value.replace(/^(\w+): /gm, (_match, group: string) => `${keyed(t, `proposal.expense.${group}`, group)}: `);
  return value;
}

// Above this many token pairs the two texts are shown as wholly replaced rather than compared
// word by word: the comparison's table grows with the product of the two lengths.
const MAX_DIFF_CELLS = 4_000_000;

/** The two texts as runs of unchanged and changed words (Thai split at word boundaries). */
function wordDiff(before: string, after: string): [Part[], Part[]] {
  const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
  const a = [...segmenter.segment(before)].map((s) => s.segment);
  const b = [...segmenter.segment(after)].map((s) => s.segment);
  // The common start and end need no table.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const keptX = new Array<boolean>(x.length).fill(false);
  const keptY = new Array<boolean>(y.length).fill(false);
  if (x.length * y.length <= MAX_DIFF_CELLS) {
    // Longest common subsequence, lengths from the end so the walk goes forwards.
    const width = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * width);
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i * width + j] = x[i] === y[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) {
        keptX[i++] = true;
        keptY[j++] = true;
      } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) i++;
      else j++;
    }
  }
  const runs = (tokens: string[], kept: boolean[]): Part[] => {
    const parts: Part[] = [];
    tokens.forEach((token, k) => {
      const last = parts.at(-1);
      if (last && last.changed === !kept[k]) last.text += token;
      else parts.push({ text: token, changed: !kept[k] });
    });
    return parts;
  };
  const side = (all: string[], middle: string[], kept: boolean[]): Part[] => {
    const parts = runs(middle, kept);
    const start = all.slice(0, head).join('');
    const end = all.slice(all.length - tail).join('');
    return [...(start ? [{ text: start, changed: false }] : []), ...parts, ...(end ? [{ text: end, changed: false }] : [])];
  };
  return [side(a, x, keptX), side(b, y, keptY)];
}

export default function VersionsPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const here = `/proposals/${d.id}`;
  const label = (which: string | null) => (which === 'current' || which === null ? t('review.current') : t('review.versionN', { n: which }));
  const options = [...d.versions.map((v) => ({ value: String(v.number), label: `${v.label} (${v.when})` })), { value: 'current', label: t('review.current') }];
  return (
    <section className="versions-page">
      <title>{`${t('versions.title')}: ${d.title || t('review.untitled')} — kongtun`}</title>
      <p className="back-link">
        <Link to={`${here}#history`}>{t('versions.back')}</Link>
      </p>
      <h1>
        {t('versions.title')}
        <span className="heading-note">
          {d.title || t('review.untitled')} · {nameOf(d.fund, lang)}
        </span>
      </h1>
      {d.versions.length === 0 ? (
        <p className="plan-empty">{t('versions.noVersions')}</p>
      ) : (
        <>
          <Form method="get" className="inline-fields versions-pick">
            <SelectField name="from" label={t('versions.from')} options={options} defaultValue={d.from ?? undefined} />
            <SelectField name="to" label={t('versions.to')} options={options} defaultValue={d.to ?? undefined} />
            <button type="submit" className="button button--secondary">
              {t('versions.show')}
            </button>
          </Form>
          <h2>{t('versions.between', { from: label(d.from), to: label(d.to) })}</h2>
          {d.rows.length === 0 ? (
            <p>{t('versions.none')}</p>
          ) : (
            <>
              <p className="hint">
                {t('versions.count', { count: d.rows.length })} · {t('versions.legend')}
              </p>
              <StackTable
                caption={t('versions.caption')}
                className="versions-table"
                rows={d.rows}
                rowKey={(r) => r.key}
                columns={[
                  { label: t('versions.section'), cell: (r) => r.section },
                  { label: t('versions.field'), cell: (r) => r.field },
                  { label: t('versions.before'), cell: (r) => <Diffed parts={r.before} mark="del" /> },
                  { label: t('versions.after'), cell: (r) => <Diffed parts={r.after} mark="ins" /> },
                ]}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A side of a change with its changed words marked: struck out in red on the left, underlined in green on the right. */
function Diffed({ parts, mark }: { parts: Part[] | null; mark: 'del' | 'ins' }) {
  const t = useT();
  if (parts === null || parts.every((p) => p.text === '')) return <span className="proposal-none">{t('versions.empty')}</span>;
  const Mark = mark;
  return (
    <span className="prewrap versions-text">
      {parts.map((p, i) =>
        p.changed ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs of one text, never reordered
          <Mark key={i} className={`versions-${mark}`}>
            <span className="visually-hidden">{mark === 'del' ? t('versions.removed') : t('versions.added')} </span>
            {p.text}
          </Mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs of one text, never reordered
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}
