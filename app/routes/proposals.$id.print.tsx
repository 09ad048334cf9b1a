import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { bahtText, formatBaht, fromNumeric } from '../../src/domain/money.ts';
import { ORGANISATION_TYPES } from '../../src/domain/proposals.ts';
import { SUPPORT_CATEGORIES } from '../../src/domain/planning.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { getProposal, rulesFor } from '../../src/use-cases/proposals.ts';
import { PrintButton } from '../components/print-button.tsx';
import { ExpenseTable, nameIn, viewText } from '../components/proposal-view.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import printCss from '../styles/print-form.css?url';
import type { Route } from './+types/proposals.$id.print';

// Form กปท.7 on A4, as people know it on paper: the proposal (part 1) in the form's order with
// its proposer type and support category ticked, the proposer's signature block, and the
// committee's decision (part 2) with the signature block of whoever records it. The legal text
// cited is the announcement in force for the proposal's fiscal year. Readable by the same people
// as the proposal itself.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: printCss }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const db = services(context).database.db;
  try {
    const view = await getProposal(db, actorOf(user), { id: params.id });
    const [rule, groups] = await Promise.all([rulesFor(db, view.fiscalYear), listTargetGroups(db)]);
    return {
      // The form names no members; their names stay on the server.
      view: { ...view, content: { ...view.content, members: [] } },
      text: viewText(view, lang),
      rule: { announcement: rule.announcement, proposalClause: rule.proposal_clause, categoryClause: rule.category_clause },
      targetGroups: groups.map(({ code, name_th, name_en }) => ({ code, name_th, name_en })),
    };
  } catch (error) {
    throw asPageError(error);
  }
}

/** The fund as the form names it: กองทุนหลักประกันสุขภาพ<local government>. */
function fundTitle(name: string): string {
  return name.startsWith('กองทุนหลักประกันสุขภาพ') ? name : `กองทุนหลักประกันสุขภาพ${name}`;
}

/** Room to write by hand where the form has nothing to print. */
const DOTS = '..............................';
const SHORT_DOTS = '..........';

export default function Form7({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view, text, rule, targetGroups } = loaderData;
  const fund = fundTitle(view.fund.name_th);
  const title = view.title || DOTS;
  // No expense lines yet: the amount is left to be written in, not printed as zero.
  const costed = view.content.activities.some((a) => a.expenses.length > 0);
  const money = (value: string) => formatBaht(fromNumeric(value), { unit: false });
  const words = (value: string) => bahtText(fromNumeric(value));
  const asked = { amount: costed ? money(view.budget) : DOTS, words: costed ? words(view.budget) : DOTS };
  const d = view.decision;
  const approved = view.state === 'approved';
  const rejected = view.state === 'rejected';
  const deferred = view.state === 'deferred';
  const decided = approved || rejected || deferred;
  const chosenGroups = new Map(view.content.targetGroups.map((g) => [g.code, g.people]));
  return (
    <article className="form7">
      <title>{`${t('form7.title', { title: view.title || t('review.untitled') })} — kongtun`}</title>
      <div className="form7-toolbar">
        <p className="back-link">
          <Link to={`/proposals/${view.id}`}>{t('form7.back')}</Link>
        </p>
        <p className="hint">{t('form7.printHint')}</p>
        <PrintButton label={t('form7.print')} />
      </div>

      <div className="form7-sheet">
        <p className="form7-code">{t('form7.formCode')}</p>
        <h1 className="form7-heading">{t('form7.heading', { fund })}</h1>
        <p className="form7-line">
          <span className="form7-label">{t('form7.subject')}</span> {t('form7.subjectText', { title })}
        </p>
        <p className="form7-line">
          <span className="form7-label">{t('form7.to')}</span> {t('form7.toText', { fund })}
        </p>
        <p className="form7-para">
          {t('form7.opening', {
            organisation: view.organisation.name || DOTS,
            title,
            year: view.fiscalYear,
            fund,
            amount: asked.amount,
            words: asked.words,
            announcement: rule.announcement,
            clause: rule.proposalClause,
          })}
        </p>

        <h2 className="form7-part">{t('form7.part1')}</h2>
        <p className="form7-name">
          <strong>{t('form7.name')}</strong> {title}
        </p>
        <ol className="form7-items">
          <Item title={t('form7.rationale')}>
            <p className="prewrap">{view.rationale || DOTS}</p>
          </Item>
          <Item title={t('form7.methods')}>
            {view.content.activities.length === 0 && <p>{DOTS}</p>}
            {view.content.activities.map((a, i) => (
              <div key={a.position} className="form7-activity">
                <p className="form7-activity__title">
                  <strong>
                    {`2.${i + 1}`} {a.title}
                  </strong>
                </p>
                {a.detail && <p className="prewrap">{a.detail}</p>}
                <ExpenseTable activity={a} />
              </div>
            ))}
          </Item>
          <Item title={t('form7.period')}>
            <p>{text.periodStart || text.periodEnd ? t('review.periodRange', { start: text.periodStart ?? DOTS, end: text.periodEnd ?? DOTS }) : DOTS}</p>
          </Item>
          <Item title={t('form7.place')}>
            <p className="prewrap">{view.place || DOTS}</p>
          </Item>
          <Item title={t('form7.budget')}>
            <p>{t('form7.budgetText', asked)}</p>
          </Item>
          <Item title={t('form7.results')}>
            <p className="prewrap">{view.expectedResults || DOTS}</p>
          </Item>
          <Item title={t('form7.objectives')}>
            {view.content.objectives.length === 0 ? (
              <p>{DOTS}</p>
            ) : (
              <table className="form7-table">
                <thead>
                  <tr>
                    <th scope="col">{t('form7.objective')}</th>
                    <th scope="col">{t('form7.indicator')}</th>
                    <th scope="col">{t('form7.target')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.content.objectives.map((o) => (
                    <tr key={o.position}>
                      <td>{`${o.position + 1}. ${o.objective}`}</td>
                      <td>{o.indicator}</td>
                      <td>{o.target}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Item>
          <Item title={t('form7.targets')}>
            <ul className="form7-choices">
              {targetGroups.map((g) => (
                <Choice key={g.code} checked={chosenGroups.has(g.code)}>
                  <span className="form7-choice__code">{g.code}</span> {nameIn(targetGroups, g.code, lang)}
                  {chosenGroups.has(g.code) && <> — {t('form7.targetCount', { count: (chosenGroups.get(g.code) ?? 0).toLocaleString('en-US') })}</>}
                </Choice>
              ))}
            </ul>
          </Item>
          <Item title={t('form7.summary')}>
            <p className="form7-small">{t('form7.summaryLead')}</p>
            <p className="form7-subhead">
              <strong>9.1</strong> {t('form7.proposer', { clause: rule.categoryClause })}
            </p>
            <p>
              {t('form7.proposerName')} {view.organisation.name || DOTS}
            </p>
            <ul className="form7-choices">
              {ORGANISATION_TYPES.map((type) => (
                <Choice key={type} checked={view.organisation.type === type}>
                  {`9.1.${type}`} {t(`proposal.orgType.${type}`)}
                </Choice>
              ))}
            </ul>
            <p className="form7-subhead">
              <strong>9.2</strong> {t('form7.category', { clause: rule.categoryClause })}
            </p>
            <ul className="form7-choices">
              {SUPPORT_CATEGORIES.map((c) => (
                <Choice key={c} checked={view.supportCategory === c}>
                  {`9.2.${c}`} {t(`form7.category.${c}`)}
                </Choice>
              ))}
            </ul>
          </Item>
        </ol>
        <Signature role={t('form7.signProposer')} name={view.coordinator.name} date={text.submitted} />

        <section className="form7-part2">
          <h2 className="form7-part">{t('form7.part2')}</h2>
          <p className="form7-para">
            {t('form7.resolution', {
              fund,
              number: d.meeting?.number ?? SHORT_DOTS,
              year: d.meeting?.fiscalYear ?? SHORT_DOTS,
              date: text.decisionMeetingDate ?? DOTS,
            })}
          </p>
          <ul className="form7-choices form7-decision">
            <Choice checked={approved}>
              {t('form7.approve', { amount: approved && d.approvedAmount ? money(d.approvedAmount) : DOTS })}
              {approved && d.approvedAmount && <span className="form7-words"> {t('form7.approveWords', { words: words(d.approvedAmount) })}</span>}
              <span className="form7-follow">
                {t('form7.conditions')} {approved && d.conditions ? <span className="prewrap">{d.conditions}</span> : DOTS}
              </span>
            </Choice>
            <Choice checked={rejected}>
              {t('form7.reject')}
              <span className="form7-follow">
                {t('form7.because')} {rejected && d.reason ? <span className="prewrap">{d.reason}</span> : DOTS}
              </span>
            </Choice>
          </ul>
          <p>
            {t('form7.note')} {deferred ? t('form7.deferred', { reason: d.reason ?? '' }) : decided ? '' : DOTS}
          </p>
          <ul className="form7-choices">
            <Choice checked={false}>
              {t('form7.report')} {DOTS}
            </Choice>
          </ul>
          <Signature role={t('form7.recorder')} name={null} date={null} />
        </section>
      </div>
    </article>
  );
}

function Item({ title, children }: { title: string; children: ReactNode }) {
  return (
    <li className="form7-item">
      <h3 className="form7-item__title">{title}</h3>
      {children}
    </li>
  );
}

/** A line of the form's checkbox lists, ticked when chosen (said in words for screen readers). */
function Choice({ checked, children }: { checked: boolean; children: ReactNode }) {
  const t = useT();
  return (
    <li className="form7-choice">
      <span className={checked ? 'form7-box form7-box--checked' : 'form7-box'} aria-hidden="true" />
      {checked && <span className="visually-hidden">{t('form7.checked')} </span>}
      <span className="form7-choice__text">{children}</span>
    </li>
  );
}

function Signature(props: { role: string; name: string | null; date: string | null }) {
  const t = useT();
  return (
    <div className="form7-sign">
      <p>
        {t('form7.sign')} {DOTS} {props.role}
      </p>
      <p className="form7-sign__name">({props.name || DOTS})</p>
      <p>
        {t('form7.position')} {DOTS}
      </p>
      <p>
        {t('form7.date')} {props.date ?? DOTS}
      </p>
    </div>
  );
}

/** Opens the browser's print dialog once scripts have loaded; without them the hint above says how. */
