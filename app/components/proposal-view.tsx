import type { ReactNode } from 'react';
import { formatPhone } from '../../src/domain/accounts.ts';
import { bahtText, formatBaht, fromNumeric } from '../../src/domain/money.ts';
import type { ProjectOrigin } from '../../src/domain/outside-projects.ts';
import type { IndicatorUnit } from '../../src/domain/planning.ts';
import { type Hat, NEEDS_MENTOR, NEEDS_OFFICER, NEEDS_OWNER, type ProposalState } from '../../src/domain/proposals.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { isMessageKey, type Lang, type MessageKey, type Translate } from '../../src/i18n/index.ts';
import type { Program, TargetGroup } from '../../src/use-cases/planning-catalogue.ts';
import type { ProposalView } from '../../src/use-cases/proposals.ts';
import { useT } from '../root.tsx';
import { Detail, figureText, StackTable } from './plan-parts.tsx';

// What the pages that show a proposal share (its own page, the public project page, the printed
// form กปท.7): the names its codes stand for, its state in words, who holds it now, and its
// content in readable sections.

export type Named = { code: string; name_th: string; name_en: string };

/** The catalogue names a proposal's codes stand for: its programs and situation indicators, and every target group. */
export interface Catalogue {
  programs: Named[];
  indicators: (Named & { unit: IndicatorUnit })[];
  targetGroups: Named[];
}

export function catalogueFor(programs: readonly Program[], groups: readonly TargetGroup[], view: ProposalView): Catalogue {
  const used = new Set(view.content.situations.map((s) => s.indicator_code));
  return {
    programs: programs.filter((p) => view.content.programs.includes(p.code)).map(({ code, name_th, name_en }) => ({ code, name_th, name_en })),
    indicators: programs.flatMap((p) => p.indicators.filter((i) => used.has(i.code)).map(({ code, name_th, name_en, unit }) => ({ code, name_th, name_en, unit }))),
    targetGroups: groups.map(({ code, name_th, name_en }) => ({ code, name_th, name_en })),
  };
}

/** The name of a code in the reader's language; the code itself when the catalogue lacks it. */
export function nameIn(list: readonly Named[], code: string, lang: Lang): string {
  const item = list.find((n) => n.code === code);
  if (!item) return code;
  return lang === 'en' ? item.name_en : item.name_th;
}

/** The message under `key` when the catalogue has one (a stored code such as a state), else `fallback`. */
export function keyed(t: Translate, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

/** The proposal's dates and the coordinator's phone as people read them, written on the server so the page reads the same after hydration. */
export interface ViewText {
  periodStart: string | null;
  periodEnd: string | null;
  submitted: string | null;
  updated: string;
  decided: string | null;
  agendaDate: string | null;
  decisionMeetingDate: string | null;
  phone: string;
  /** How many members the group has, for readers who are not shown their names. */
  memberCount: number;
}

export function viewText(view: ProposalView, lang: Lang): ViewText {
  const date = (d: string | Date | null | undefined) => (d ? formatThaiDate(d, lang) : null);
  return {
    periodStart: date(view.periodStart),
    periodEnd: date(view.periodEnd),
    submitted: date(view.submittedAt),
    updated: formatThaiDate(view.updatedAt, lang),
    decided: date(view.decision.decidedAt),
    agendaDate: date(view.agenda?.date),
    decisionMeetingDate: date(view.decision.meeting?.date),
    phone: formatPhone(view.coordinator.phone),
    memberCount: view.content.members.length,
  };
}

/** Anyone with a part in the proposal sees its states; everyone else only the public label. */
export function ProposalStateBadge(props: { state: ProposalState; publicState: ProposalView['publicState']; staff: boolean }) {
  const t = useT();
  const tone = { in_progress: '', approved: ' status--active', not_approved: ' status--warning', closed: ' status--closed' }[props.publicState];
  return (
    <span className={`status proposal-state${tone}`}>{props.staff ? t(`proposal.state.${props.state}`) : t(`proposal.public.${props.publicState}`)}</span>
  );
}

/** Where a project comes from: developed here, recorded from a paper decision, imported. */
export function OriginBadge(props: { origin: ProjectOrigin }) {
  const t = useT();
  return <span className={`origin-badge origin-badge--${props.origin}`}>{t(`outside.origin.${props.origin}`)}</span>;
}

/** Who holds the proposal in this state (the workflow's "needs" lists), or how it ended. */
export function holderKey(state: ProposalState, hats: readonly Hat[]): MessageKey {
  const holder: Hat | null = NEEDS_OWNER.includes(state)
    ? 'owner'
    : NEEDS_MENTOR.includes(state)
      ? 'mentor'
      : NEEDS_OFFICER.includes(state)
        ? 'officer'
        : state === 'on_agenda'
          ? 'committee'
          : null;
  if (holder === null) return state === 'approved' ? 'review.holder.approved' : 'review.holder.closed';
  return hats.includes(holder) ? 'review.holder.you' : `review.holder.${holder}`;
}

/** 10,830.00 บาท, and in Thai words when asked (official amounts). */
export function Amount(props: { value: string; lang: Lang; words?: boolean }) {
  const t = useT();
  const satang = fromNumeric(props.value);
  return (
    <>
      <span className="amount">{formatBaht(satang, { lang: props.lang })}</span>
      {props.words && (
        <span className="amount-words" lang="th">
          {' '}
          {t('review.inWords', { words: bahtText(satang) })}
        </span>
      )}
    </>
  );
}

type Content = ProposalView['content'];
type ActivityView = Content['activities'][number];

const plain = (value: string) => formatBaht(fromNumeric(value), { unit: false });

/** An activity's expense lines: unit cost × units × times, each line's amount and the total. */
export function ExpenseTable({ activity }: { activity: ActivityView }) {
  const t = useT();
  const n = activity.position + 1;
  const labels = {
    item: t('review.expense.item'),
    group: t('review.expense.group'),
    unitCost: t('review.expense.unitCost'),
    units: t('review.expense.units'),
    times: t('review.expense.times'),
    amount: t('review.expense.amount'),
  };
  return (
    <div className="table-scroll">
      <table className="data-table stack-table proposal-expenses">
        <caption className="visually-hidden">{t('review.expense.caption', { n })}</caption>
        <thead>
          <tr>
            <th scope="col">{labels.item}</th>
            <th scope="col">{labels.group}</th>
            <th scope="col" className="num">
              {labels.unitCost}
            </th>
            <th scope="col" className="num">
              {labels.units}
            </th>
            <th scope="col" className="num">
              {labels.times}
            </th>
            <th scope="col" className="num">
              {labels.amount}
            </th>
          </tr>
        </thead>
        <tbody>
          {activity.expenses.map((line) => (
            <tr key={line.position}>
              <th scope="row">{line.item}</th>
              <td data-label={labels.group}>{t(`proposal.expense.${line.group}`)}</td>
              <td className="num" data-label={labels.unitCost}>
                {plain(line.unit_cost)}
              </td>
              <td className="num" data-label={labels.units}>
                {line.units.toLocaleString('en-US')}
              </td>
              <td className="num" data-label={labels.times}>
                {line.times.toLocaleString('en-US')}
              </td>
              <td className="num" data-label={labels.amount}>
                {plain(line.amount)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              {t('review.activityTotal')}
            </th>
            <td className="num" data-label={labels.amount}>
              {plain(activity.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Objectives with how each is measured and its target. */
export function ObjectivesTable({ objectives }: { objectives: Content['objectives'] }) {
  const t = useT();
  return (
    <StackTable
      caption={t('review.section.objectives')}
      rows={objectives}
      rowKey={(o) => o.position}
      columns={[
        { label: t('review.objective'), cell: (o) => `${o.position + 1}. ${o.objective}` },
        { label: t('review.indicator'), cell: (o) => o.indicator },
        { label: t('review.target'), cell: (o) => o.target },
      ]}
    />
  );
}

/** Target groups by name and code with how many people each, and the total. */
export function TargetGroupsTable(props: { groups: Content['targetGroups']; names: readonly Named[]; lang: Lang }) {
  const t = useT();
  const total = props.groups.reduce((sum, g) => sum + g.people, 0);
  return (
    <>
      <StackTable
        caption={t('review.section.targets')}
        rows={props.groups}
        rowKey={(g) => g.code}
        columns={[
          {
            label: t('review.group'),
            cell: (g) => (
              <>
                {nameIn(props.names, g.code, props.lang)} <span className="code">{g.code}</span>
              </>
            ),
          },
          { label: t('review.people'), num: true, cell: (g) => g.people.toLocaleString('en-US') },
        ]}
      />
      <p className="proposal-total">
        {t('review.peopleTotal')}: <strong>{t('review.membersCount', { count: total.toLocaleString('en-US') })}</strong>
      </p>
    </>
  );
}

/** The sections of a proposal a comment can be about, in the order the proposal reads. */
export const CONTENT_SECTIONS = ['organisation', 'problem', 'objectives', 'targets', 'activities', 'period', 'results'] as const;
export type ContentSection = (typeof CONTENT_SECTIONS)[number];

function Section(props: { id: ContentSection; children: ReactNode; after?: ReactNode }) {
  const t = useT();
  return (
    <section className="proposal-section" aria-labelledby={`section-${props.id}`}>
      <h2 id={`section-${props.id}`}>{t(`review.section.${props.id}`)}</h2>
      {props.children}
      {props.after}
    </section>
  );
}

function Text({ value }: { value: string }) {
  const t = useT();
  return value.trim() === '' ? <span className="proposal-none">{t('review.none')}</span> : <span className="prewrap">{value}</span>;
}

/**
 * The whole proposal in readable sections. `publicView`: for readers with no part in it (members
 * by count only, no coordinator, no budget check). `after` adds something under a section (its comments).
 */
export function ProposalSections(props: {
  view: ProposalView;
  text: ViewText;
  catalogue: Catalogue;
  lang: Lang;
  publicView: boolean;
  after?: (section: ContentSection) => ReactNode;
}) {
  const t = useT();
  const { view, text, catalogue, lang } = props;
  const { content } = view;
  const none = <span className="proposal-none">{t('review.none')}</span>;
  return (
    <div className="proposal-sections">
      <Section id="organisation" after={props.after?.('organisation')}>
        <dl className="details proposal-facts">
          <Detail term={t('review.field.organisation_name')}>{view.organisation.name || none}</Detail>
          <Detail term={t('review.field.organisation_type')}>
            {view.organisation.type ? t(`proposal.orgType.${view.organisation.type}`) : none}
          </Detail>
          {!props.publicView && (
            <Detail term={t('review.field.coordinator')}>
              {view.coordinator.name || none}
              {text.phone && <span className="cell-note">{text.phone}</span>}
            </Detail>
          )}
          <Detail term={t('review.field.members')}>
            {props.publicView || content.members.length === 0 ? (
              t('review.membersHidden', { count: text.memberCount })
            ) : (
              <ol className="proposal-members">
                {content.members.map((m) => (
                  <li key={m.position}>{`${m.title}${m.first_name} ${m.last_name}`}</li>
                ))}
              </ol>
            )}
          </Detail>
        </dl>
      </Section>

      <Section id="problem" after={props.after?.('problem')}>
        <h3>{t('review.field.title')}</h3>
        <p>
          <Text value={view.title} />
        </p>
        <h3>{t('review.field.rationale')}</h3>
        <p>
          <Text value={view.rationale} />
        </p>
        <h3>{t('review.field.programs')}</h3>
        {content.programs.length === 0 ? (
          <p>{none}</p>
        ) : (
          <ul>
            {content.programs.map((code) => (
              <li key={code}>{nameIn(catalogue.programs, code, lang)}</li>
            ))}
          </ul>
        )}
        {content.situations.length > 0 && (
          <>
            <h3>{t('review.field.situations')}</h3>
            <StackTable
              caption={t('review.field.situations')}
              rows={content.situations}
              rowKey={(s) => s.indicator_code}
              columns={[
                { label: t('review.indicator'), cell: (s) => nameIn(catalogue.indicators, s.indicator_code, lang) },
                { label: t('review.value'), num: true, cell: (s) => situationValue(s.value, s.indicator_code) },
                { label: t('review.target'), num: true, cell: (s) => situationValue(s.target, s.indicator_code) },
              ]}
            />
          </>
        )}
      </Section>

      <Section id="objectives" after={props.after?.('objectives')}>
        {content.objectives.length === 0 ? (
          <p>{none}</p>
        ) : (
          <ObjectivesTable objectives={content.objectives} />
        )}
      </Section>

      <Section id="targets" after={props.after?.('targets')}>
        {content.targetGroups.length === 0 ? (
          <p>{none}</p>
        ) : (
          <TargetGroupsTable groups={content.targetGroups} names={catalogue.targetGroups} lang={lang} />
        )}
      </Section>

      <Section id="activities" after={props.after?.('activities')}>
        {content.activities.length === 0 ? (
          <p>{none}</p>
        ) : (
          content.activities.map((a) => (
            <div className="proposal-activity" key={a.position}>
              <h3>
                {t('review.activityN', { n: a.position + 1 })}: {a.title}
              </h3>
              {a.detail && <p className="prewrap">{a.detail}</p>}
              <ExpenseTable activity={a} />
            </div>
          ))
        )}
        <p className="proposal-total">
          {t('review.grandTotal')}: <strong>{formatBaht(fromNumeric(view.budget), { lang })}</strong>
        </p>
      </Section>

      <Section id="period" after={props.after?.('period')}>
        <dl className="details proposal-facts">
          <Detail term={t('review.period')}>
            {text.periodStart || text.periodEnd ? t('review.periodRange', { start: text.periodStart ?? '—', end: text.periodEnd ?? '—' }) : none}
          </Detail>
          <Detail term={t('review.field.place')}>
            <Text value={view.place} />
          </Detail>
        </dl>
      </Section>

      <Section id="results" after={props.after?.('results')}>
        <h3>{t('review.field.expected_results')}</h3>
        <p>
          <Text value={view.expectedResults} />
        </p>
        <dl className="details proposal-facts">
          <Detail term={t('review.field.support_category')}>
            {view.supportCategory ? t(`planning.category.${view.supportCategory}`) : none}
            {!props.publicView && view.suggestedCategory && view.suggestedCategory !== view.supportCategory && (
              <span className="cell-note">{t('review.suggestedCategory', { category: t(`planning.category.${view.suggestedCategory}`) })}</span>
            )}
          </Detail>
          <Detail term={t('review.field.budget')}>
            <Amount value={view.budget} lang={lang} words />
          </Detail>
        </dl>
        {!props.publicView && view.budgetCheck && <BudgetCheck check={view.budgetCheck} lang={lang} />}
      </Section>
    </div>
  );

  function situationValue(value: string | null, code: string) {
    const unit = catalogue.indicators.find((i) => i.code === code)?.unit;
    if (value === null) return '—';
    return unit ? `${figureText(value, lang)} (${t(`planning.unit.${unit}`)})` : figureText(value, lang);
  }
}

/** The proposal's amount against what is left of its category in the fund's financial plan. */
function BudgetCheck({ check, lang }: { check: NonNullable<ProposalView['budgetCheck']>; lang: Lang }) {
  const t = useT();
  const money = (v: string | null) => (v === null ? '—' : formatBaht(fromNumeric(v), { lang }));
  return (
    <div className="proposal-budget">
      <h3>{t('review.budgetCheck')}</h3>
      {check.allocation !== null && (
        <dl className="details proposal-facts">
          <Detail term={t('review.budgetAllocation')}>{money(check.allocation)}</Detail>
          <Detail term={t('review.budgetCommitted')}>{money(check.committed)}</Detail>
          <Detail term={t('review.budgetRemaining')}>{money(check.remaining)}</Detail>
        </dl>
      )}
      {check.problems.map((p) => (
        <p key={p.problem} className="warning">
          {t(`proposal.budget.${p.problem}`, { remaining: p.remaining ? formatBaht(fromNumeric(p.remaining), { unit: false }) : '' })}
        </p>
      ))}
    </div>
  );
}
