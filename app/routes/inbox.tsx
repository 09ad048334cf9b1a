import { Form, Link, redirect } from 'react-router';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { inboxText, listInbox, markRead } from '../../src/use-cases/inbox.ts';
import { reportReminders } from '../../src/use-cases/project-reports.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { dateTimeText } from '../components/meeting-parts.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import reportsCss from '../styles/reports.css?url';
import type { Route } from './+types/inbox';

// The signed-in person's notifications, newest first. Opening one goes through
// /inbox?read=<id>, which marks it read and forwards to what it is about: a plain link, so it
// works without scripts and opens in a new tab as well. Above them, the project reports that
// are overdue, due within the week or returned to the reader (reminders, computed when read).

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: reportsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const actor = actorOf(user);
  try {
    const inbox = await listInbox(db, actor);
    const read = new URL(request.url).searchParams.get('read');
    if (read !== null) {
      // Only the person's own notification is marked; another id forwards back to the list.
      const item = inbox.items.find((i) => String(i.id) === read);
      if (item) await markRead(db, actor, { id: item.id });
      throw redirect(item?.link ?? '/inbox');
    }
    const { t } = requestInfo(context);
    const reminders = (await reportReminders(db, actor)).map((r) => ({
      link: r.link,
      reason: r.reason,
      text: t(`report.reminder.${r.reason}`, { kind: t(`report.kind.${r.kind}`), code: r.code, date: formatThaiDate(r.dueDate, lang, 'short') }),
    }));
    return {
      reminders,
      unread: inbox.unread,
      items: inbox.items.map((i) => ({
        id: i.id,
        text: inboxText(lang, i.key, i.params),
        read: i.read,
        time: dateTimeText(i.createdAt, lang),
      })),
      done: new URL(request.url).searchParams.get('done') === 'read',
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context }: Route.ActionArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  await markRead(services(context).database.db, actorOf(user), { all: true });
  return redirect('/inbox?done=read');
}

export default function Inbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  return (
    <section className="admin-page inbox-page">
      <title>{`${t('inbox.title')} — kongtun`}</title>
      <h1>{t('inbox.title')}</h1>
      {d.done && (
        <div className="notice" role="status">
          {t('inbox.allRead')}
        </div>
      )}
      {d.reminders.length > 0 && (
        <section className="inbox-reminders" aria-labelledby="reminders">
          <h2 id="reminders">{t('report.reminders.title')}</h2>
          <ul className="inbox-list">
            {d.reminders.map((r) => (
              <li key={r.link + r.text} className="inbox-item inbox-item--unread">
                <span className={r.reason === 'due_soon' ? 'status inbox-item__new' : 'status status--warning inbox-item__new'}>{r.reason === 'returned' ? t('report.state.returned') : t(`report.timeliness.${r.reason}`)}</span>
                <Link to={r.link} className="inbox-item__text">
                  {r.text}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="inbox-bar">
        <p className="inbox-bar__count">{d.unread > 0 ? t('inbox.unreadCount', { count: d.unread }) : t('inbox.noUnread')}</p>
        {d.unread > 0 && (
          <Form method="post">
            <CsrfField />
            <button type="submit" className="button button--secondary button--small">
              {t('inbox.markAll')}
            </button>
          </Form>
        )}
      </div>
      {d.items.length === 0 ? (
        <p className="plan-empty">{t('inbox.empty')}</p>
      ) : (
        <ol className="inbox-list">
          {d.items.map((item) => (
            <li key={item.id} className={item.read ? 'inbox-item' : 'inbox-item inbox-item--unread'}>
              {!item.read && <span className="status status--active inbox-item__new">{t('inbox.new')}</span>}
              <Link to={`/inbox?read=${item.id}`} className="inbox-item__text">
                {item.text}
              </Link>
              <span className="inbox-item__time">{item.time}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
