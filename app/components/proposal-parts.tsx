import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ContentProblem, Step } from '../../src/domain/proposals.ts';
import { isMessageKey, type MessageKey, type Translate } from '../../src/i18n/index.ts';
import { STEPS } from '../../src/use-cases/proposal-steps.ts';
import { useT } from '../root.tsx';

// Pieces the proposer's guided flow shares: its pages in order, where each lives, the heading
// with "step 3 of 9", the task list, the save bar, and the names of the fields for error
// summaries and the check page.

/** The pages of the guided flow in order: the seven steps that save, then attachments and the check. */
export const FLOW_PAGES = [...STEPS, 'attachments', 'check'] as const;
export type FlowPage = (typeof FLOW_PAGES)[number];

export function pageHref(id: number | string, page: FlowPage): string {
  if (page === 'attachments' || page === 'check') return `/proposals/${id}/${page}`;
  return `/proposals/${id}/edit/${page}`;
}

/** Where "continue" takes the proposer: the first page with something missing, else the check page. */
export function continueHref(id: number, problems: readonly ContentProblem[]): string {
  const first = STEPS.find((step) => problems.some((p) => p.step === step));
  return pageHref(id, first ?? 'check');
}

/** The sign-in page, coming back here afterwards. */
export function signInHref(returnTo: string): string {
  return `/sign-in?returnTo=${encodeURIComponent(returnTo)}`;
}

/**
 * A field's name for the error summary and the check page: "กิจกรรมที่ 2 – รายการที่ 1 – จำนวนหน่วย".
 * Rows are named by their number (position + 1), fields by their catalogue label.
 */
export function fieldLabel(t: Translate, field: string, names: Record<string, string> = {}): string {
  if (names[field]) return names[field]!;
  const parts = field.split('.');
  const words: string[] = [];
  // A row's own fields may be named for its group: a member's title is "คำนำหน้า", not the project's.
  let group = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next) && ROW_LABELS[part]) {
      words.push(t(ROW_LABELS[part]!, { n: Number(next) + 1 }));
      group = part;
      i++;
      continue;
    }
    const own = `proposal.field.${group}.${part}`;
    const general = `proposal.field.${part}`;
    words.push(isMessageKey(own) ? t(own) : isMessageKey(general) ? t(general) : part);
  }
  return words.join(' – ');
}

const ROW_LABELS: Record<string, MessageKey> = {
  members: 'proposal.row.member',
  objectives: 'proposal.row.objective',
  activities: 'proposal.row.activity',
  expenses: 'proposal.row.line',
};

/** The error summary's entries, each named by its field: "ชื่อโครงการ: กรุณากรอกข้อมูลนี้". */
export function summaryOf(t: Translate, errors: Record<string, string>, names: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, field === '_form' ? message : `${fieldLabel(t, field, names)}: ${message}`]));
}

/** "ขั้นที่ 3 จาก 9", the proposal's title, the page's question as the heading and its example. */
export function FlowHeading(props: { page: FlowPage; title: string; question: string; hint?: ReactNode }) {
  const t = useT();
  const n = FLOW_PAGES.indexOf(props.page) + 1;
  return (
    <>
      <title>{`${props.question} — ${props.title || t('proposal.flow.untitled')} — kongtun`}</title>
      <p className="flow-count">
        <span className="flow-count__step">{t('proposal.flow.stepOf', { n, total: FLOW_PAGES.length })}</span>
        <span className="flow-count__title">{props.title || t('proposal.flow.untitled')}</span>
      </p>
      <h1 className="flow-question">{props.question}</h1>
      {props.hint && <div className="flow-hint">{props.hint}</div>}
    </>
  );
}

/** Every page of the flow with whether it is complete: the task list, folded away on a phone. */
export function TaskList(props: { id: number; current: FlowPage; problems: readonly ContentProblem[] }) {
  const t = useT();
  return (
    <details className="flow-tasks">
      <summary>{t('proposal.flow.allSteps')}</summary>
      <ol>
        {FLOW_PAGES.map((page) => {
          const missing = props.problems.filter((p) => p.step === page).length;
          const state = page === 'attachments' || page === 'check' ? null : missing > 0 ? 'missing' : 'done';
          return (
            <li key={page} className={page === props.current ? 'flow-tasks__current' : undefined}>
              {page === props.current ? (
                <span aria-current="step">{t(`proposal.step.${page}.short`)}</span>
              ) : (
                <Link to={pageHref(props.id, page)}>{t(`proposal.step.${page}.short`)}</Link>
              )}
              {state && (
                <span className={`flow-tasks__state flow-tasks__state--${state}`}>
                  {state === 'done' ? t('proposal.flow.stepDone') : t('proposal.flow.stepMissing', { count: missing })}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

/** When the proposal was last saved, said once after a save and quietly otherwise. */
export function SavedNote(props: { justSaved: boolean; time: string; date: string }) {
  const t = useT();
  if (props.justSaved) {
    return (
      <p className="notice flow-saved" role="status">
        {t('proposal.flow.savedAt', { time: props.time })}
      </p>
    );
  }
  return <p className="flow-last-saved">{t('proposal.flow.lastSaved', { date: props.date, time: props.time })}</p>;
}

/**
 * The buttons under a step's form: save and continue, back (saving too), save and come back
 * later. The form's first submit button decides what Enter does, so a hidden copy of "save and
 * continue" goes first (DefaultSubmit) and the rows' "add" buttons never catch Enter.
 */
export function SaveBar(props: { first: boolean }) {
  const t = useT();
  return (
    <div className="flow-savebar">
      <button type="submit" name="intent" value="next" className="button">
        {t('proposal.flow.saveContinue')}
      </button>
      <button type="submit" name="intent" value="back" className="button button--secondary">
        {props.first ? t('proposal.flow.saveBackToList') : t('proposal.flow.back')}
      </button>
      <button type="submit" name="intent" value="later" className="link-button flow-savebar__later">
        {t('proposal.flow.saveLater')}
      </button>
    </div>
  );
}

/** The hidden first submit button of a step's form: Enter in a field saves and continues. */
export function DefaultSubmit() {
  return <button type="submit" name="intent" value="next" className="visually-hidden" tabIndex={-1} aria-hidden="true" />;
}

/** A button that saves the page and shows it again with one more empty row, or without a row. */
export function RowButton(props: { intent: string; label: string; danger?: boolean }) {
  return (
    <button type="submit" name="intent" value={props.intent} className={props.danger ? 'link-button link-button--danger flow-remove' : 'button button--secondary button--small flow-add'}>
      {props.label}
    </button>
  );
}

/** A step's short name, for the check page's sections and the problem list. */
export function stepName(t: Translate, step: Step): string {
  return t(`proposal.step.${step}.short`);
}
