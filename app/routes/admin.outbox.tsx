import { Link, redirect } from 'react-router';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listOutbox } from '../../src/use-cases/inbox.ts';
import { dateTimeText } from '../components/meeting-parts.tsx';
import { StackTable } from '../components/plan-parts.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import { useT } from '../root.tsx';
import type { Route } from './+types/admin.outbox';

// The notification email: with SMTP configured it is sent every few seconds and marked here;
// without, nothing leaves and the admin reads here what each person would have been told.

export async function loader({ context }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const mails = await listOutbox(services(context).database.db, actorOf(user));
    return {
      smtp: services(context).config.smtpUrl !== undefined,
      mails: mails.map((m) => ({
        id: m.id,
        to: m.to_address,
        subject: m.subject,
        body: m.body,
        created: dateTimeText(m.created_at, lang),
        sent: m.sent_at ? dateTimeText(m.sent_at, lang) : null,
        error: m.error,
      })),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

type Mail = Route.ComponentProps['loaderData']['mails'][number];

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const waiting = loaderData.smtp ? t('outbox.waiting') : t('outbox.notSent');
  const status = (m: Mail) => {
    if (m.sent) return <span className="status status--active">{t('outbox.sent', { time: m.sent })}</span>;
    return <span className="status status--warning">{m.error ? t('outbox.failed', { error: m.error }) : waiting}</span>;
  };
  return (
    <section className="admin-page outbox-page">
      <title>{`${t('outbox.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/admin">{t('outbox.back')}</Link>
      </p>
      <h1>{t('outbox.title')}</h1>
      <p className="lead-text">{t('outbox.lead')}</p>
      {loaderData.mails.length === 0 ? (
        <p className="plan-empty">{t('outbox.empty')}</p>
      ) : (
        <StackTable
          caption={t('outbox.title')}
          className="outbox-table"
          rows={loaderData.mails}
          rowKey={(m) => m.id}
          columns={[
            {
              label: t('outbox.subject'),
              cell: (m) => (
                <details className="outbox-mail">
                  <summary>{m.subject}</summary>
                  <p className="prewrap">{m.body}</p>
                </details>
              ),
            },
            { label: t('outbox.to'), cell: (m) => <span className="outbox-to">{m.to}</span> },
            { label: t('outbox.created'), cell: (m) => m.created },
            { label: t('outbox.status'), cell: status },
          ]}
        />
      )}
    </section>
  );
}
