import { useEffect, useState } from 'react';
import { Link, redirect } from 'react-router';
import { bahtText, fromNumeric } from '../../src/domain/money.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getMeeting, type MeetingView } from '../../src/use-cases/meetings.ts';
import { moneyText } from '../components/admin-form.tsx';
import { attendanceRecorded, categoryLabel, decisionText, meetingNumber, positionLabel, quorumText } from '../components/meeting-parts.tsx';
import { Detail } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.meetings.$id.resolution';

// The committee's report of a meeting (รายงานการประชุม) as it is filed and signed: on A4 in
// Sarabun, who came, the quorum, each agenda item with its amounts in figures and in Thai words,
// the decision, the minutes, and the secretary's and the chair's signature blocks.

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  let meeting: MeetingView;
  try {
    meeting = await getMeeting(services(context).database.db, actorOf(user), { id: params.id });
  } catch (error) {
    throw asPageError(error);
  }
  if (meeting.fund.code !== params.code) throw redirect(`/funds/${meeting.fund.code}/meetings/${meeting.id}/resolution`);
  return { meeting, dateText: formatThaiDate(meeting.date, lang) };
}

type Member = MeetingView['members'][number];

/** The serving member in a position, for a signature block. */
const holder = (members: readonly Member[], position: string) => members.find((m) => m.position === position) ?? null;

export default function Resolution({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { meeting: m, dateText } = loaderData;
  const number = meetingNumber(m);
  const recorded = attendanceRecorded(m.members);
  const present = m.members.filter((member) => member.present === true);
  const absent = m.members.filter((member) => member.present === false);
  const title = t('resolution.title', { fund: nameOf(m.fund, lang) });
  return (
    <div className="resolution-page">
      <title>{`${title} ${t('meetings.numberText', { number })} — kongtun`}</title>
      <div className="resolution-screen-only">
        <p className="back-link">
          <Link to={`/funds/${m.fund.code}/meetings/${m.id}`}>{t('resolution.back', { number })}</Link>
        </p>
        <PrintHint />
      </div>
      <article className="resolution">
        <header className="resolution__head">
          <h1>{title}</h1>
          <p>{t('meetings.numberText', { number })}</p>
          <p>{t('resolution.date', { date: dateText })}</p>
          {m.place && <p>{t('resolution.place', { place: m.place })}</p>}
        </header>

        <h2>{t('resolution.present', { count: present.length })}</h2>
        {recorded ? <MemberTable members={present} /> : <p>{t('resolution.notRecorded')}</p>}
        {absent.length > 0 && (
          <>
            <h2>{t('resolution.absent', { count: absent.length })}</h2>
            <MemberTable members={absent} />
          </>
        )}
        <p className="resolution__quorum">
          {quorumText(t, m)}
          {m.quorum.met && ` ${t('resolution.opened')}`}
        </p>

        {m.items.length === 0 && <p>{t('resolution.noItems')}</p>}
        {m.items.map((item, i) => (
          <section key={item.id} className="resolution__item">
            <h2>{t('resolution.item', { n: i + 1, title: item.title || `#${item.proposalId}` })}</h2>
            <dl className="resolution__facts">
              <Detail term={t('meetings.item.organisation')}>{item.organisationName || '—'}</Detail>
              <Detail term={t('meetings.item.category')}>{categoryLabel(t, item.supportCategory)}</Detail>
              <Detail term={t('meetings.item.requested')}>
                <Amount value={item.budget} />
              </Detail>
              <Detail term={t('resolution.decision')}>
                <strong>{decisionText(t, item.decision)}</strong>
              </Detail>
              {item.approvedAmount !== null && (
                <Detail term={t('meetings.item.approved')}>
                  <Amount value={item.approvedAmount} />
                </Detail>
              )}
              {item.projectCode && <Detail term={t('meetings.item.projectCode')}>{item.projectCode}</Detail>}
              {item.conditions && (
                <Detail term={t('meetings.decide.conditions')}>
                  <span className="prewrap">{item.conditions}</span>
                </Detail>
              )}
              {item.reason && (
                <Detail term={t('meetings.decide.reason')}>
                  <span className="prewrap">{item.reason}</span>
                </Detail>
              )}
            </dl>
          </section>
        ))}

        {m.minutes && (
          <section className="resolution__minutes">
            <h2>{t('meetings.minutes.text')}</h2>
            <p className="prewrap">{m.minutes}</p>
          </section>
        )}

        <div className="resolution__signatures">
          <Signature member={holder(m.members, 'secretary')} role={t('resolution.recorder')} />
          <Signature member={holder(m.members, 'chair')} role={t('resolution.checker')} />
        </div>
      </article>
    </div>
  );
}

/** An amount in figures and, as official forms write it, in Thai words. */
function Amount({ value }: { value: string }) {
  const lang = useRootData()?.lang ?? 'th';
  return (
    <>
      {moneyText(value, lang)}{' '}
      <span className="resolution__words" lang="th">
        ({bahtText(fromNumeric(value))})
      </span>
    </>
  );
}

function MemberTable({ members }: { members: readonly Member[] }) {
  const t = useT();
  return (
    <table className="resolution__members">
      <thead>
        <tr>
          <th scope="col">{t('resolution.no')}</th>
          <th scope="col">{t('meetings.attendance.name')}</th>
          <th scope="col">{t('meetings.attendance.position')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member, i) => (
          <tr key={member.id}>
            <td>{i + 1}</td>
            <td>{member.name}</td>
            <td>{positionLabel(t, member.position)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** ลงชื่อ …… with the person's name in brackets, their position and their part in the minutes under it. */
function Signature({ member, role }: { member: Member | null; role: string }) {
  const t = useT();
  return (
    <div className="resolution__signature">
      <p>
        {t('resolution.sign')} <span className="resolution__line" aria-hidden="true" />
      </p>
      <p>({member ? member.name : <span className="resolution__line" aria-hidden="true" />})</p>
      <p>
        {member ? (
          positionLabel(t, member.position)
        ) : (
          <>
            {t('resolution.position')} <span className="resolution__line" aria-hidden="true" />
          </>
        )}
      </p>
      <p>{role}</p>
    </div>
  );
}

/** How to print; the button appears once scripts run, the words work without them. */
function PrintHint() {
  const t = useT();
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  return (
    <p className="hint resolution-print">
      {scripted && (
        <button type="button" className="button button--secondary button--small" onClick={() => window.print()}>
          {t('resolution.print')}
        </button>
      )}{' '}
      {t('resolution.printHint')}
    </p>
  );
}
