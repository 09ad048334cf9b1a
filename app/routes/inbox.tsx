import { Form, Link, redirect } from 'react-router';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { inboxText, listInbox, markRead } from '../../src/use-cases/inbox.ts';
import { dateTimeText } from '../components/meeting-parts.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/inbox';

// The signed-in person's notifications, newest first. Opening one goes through
// /inbox?read=<id>, which marks it read and forwards to what it is about: a plain link, so it
// works without scripts and opens in a new tab as well.

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
    return {
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
