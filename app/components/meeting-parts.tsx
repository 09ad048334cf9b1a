import { formatClockTime } from '../../src/domain/accounts.ts';
import { formatBaht, fromNumeric } from '../../src/domain/money.ts';
import type { SupportCategory } from '../../src/domain/planning.ts';
import { COMMITTEE_POSITIONS } from '../../src/domain/registry.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Lang, Translate } from '../../src/i18n/index.ts';
import type { MeetingView } from '../../src/use-cases/meetings.ts';
import { useT } from '../root.tsx';

// Pieces the meeting page and its printed resolution share: the meeting's number, members'
// positions, the quorum in words, decisions as badges; and the time of a notification or email
// as the inbox and the outbox write it.

type Position = (typeof COMMITTEE_POSITIONS)[number];
export type ItemDecision = MeetingView['items'][number]['decision'];

/** ครั้งที่ 2/2570: the meeting's number in its fiscal year. */
export const meetingNumber = (m: { number: number; fiscalYear: number }) => `${m.number}/${m.fiscalYear}`;

/** A committee position in words (ประธานกรรมการ, กรรมการและเลขานุการ …). */
export function positionLabel(t: Translate, position: string): string {
  return (COMMITTEE_POSITIONS as readonly string[]).includes(position) ? t(`registry.position.${position as Position}`) : position;
}

export function categoryLabel(t: Translate, category: number | null): string {
  return category === null ? '—' : t(`planning.category.${category as SupportCategory}`);
}

/** Numeric baht text as the messages' {remaining}/{max} read it: '12,000.00'. */
export const bahtFigure = (value: string) => formatBaht(fromNumeric(value), { unit: false });

/** Whether anyone's attendance has been recorded yet. */
export const attendanceRecorded = (members: MeetingView['members']) => members.some((m) => m.present !== null);

/** "มาประชุม 9 จาก 15 คน ครบองค์ประชุม", or why the meeting cannot decide yet. */
export function quorumText(t: Translate, meeting: Pick<MeetingView, 'members' | 'quorum'>): string {
  if (!attendanceRecorded(meeting.members)) return t('meetings.quorum.notRecorded', { serving: meeting.quorum.serving });
  const counts = { present: meeting.quorum.present, serving: meeting.quorum.serving };
  return meeting.quorum.met ? t('meetings.quorum.met', counts) : t('meetings.quorum.short', counts);
}

/** The quorum as a mark and words, never colour alone. */
export function QuorumStatus({ meeting }: { meeting: Pick<MeetingView, 'members' | 'quorum'> }) {
  const t = useT();
  const met = meeting.quorum.met;
  return (
    <p className={met ? 'meeting-quorum meeting-quorum--met' : 'meeting-quorum meeting-quorum--short'}>
      <span aria-hidden="true">{met ? '✓' : '✗'}</span> {quorumText(t, meeting)}
    </p>
  );
}

export function decisionText(t: Translate, decision: ItemDecision): string {
  return decision === null ? t('meetings.decision.none') : t(`meetings.decision.${decision}`);
}

export function DecisionBadge({ decision }: { decision: ItemDecision }) {
  const t = useT();
  const tone = decision === 'approved' ? ' status--active' : decision === 'rejected' ? ' status--warning' : decision === 'deferred' ? ' status--closed' : '';
  return <span className={`status${tone}`}>{decisionText(t, decision)}</span>;
}

/** 23 พ.ย. 2569 14:05: a moment in Bangkok, Buddhist era. */
export const dateTimeText = (date: Date, lang: Lang) => `${formatThaiDate(date, lang, 'short')} ${formatClockTime(date, lang)}`;
