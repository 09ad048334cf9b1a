import sarabun400 from '@fontsource/sarabun/400.css?url';
import sarabun700 from '@fontsource/sarabun/700.css?url';
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from 'react-router';
import { type Lang, type MessageKey, translator } from '../src/i18n/index.ts';
import { actorOf } from '../src/use-cases/authorize.ts';
import { unreadCount } from '../src/use-cases/inbox.ts';
import { CSRF_FIELD } from './lib/forms.ts';
import { requestInfo, requestInfoMiddleware, services } from './lib/request.server.ts';
import { useNonce } from './nonce.ts';
import type { Route } from './+types/root';
import appCss from './styles/app.css?url';
import meetingsCss from './styles/meetings.css?url';
import planningAreaCss from './styles/planning-area.css?url';
import planningCss from './styles/planning.css?url';

export const middleware: Route.MiddlewareFunction[] = [requestInfoMiddleware];

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: sarabun400 },
  { rel: 'stylesheet', href: sarabun700 },
  { rel: 'stylesheet', href: appCss },
  { rel: 'stylesheet', href: planningCss },
  { rel: 'stylesheet', href: planningAreaCss },
  { rel: 'stylesheet', href: meetingsCss },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ context }: Route.LoaderArgs) {
  const { user, lang, csrfToken } = requestInfo(context);
  return {
    lang,
    csrfToken,
    user: user && {
      name: `${user.title}${user.firstName} ${user.lastName}`.trim(),
      role: user.primaryRole,
      // One indexed count per page for the header's inbox link.
      unread: await unreadCount(services(context).database.db, actorOf(user)),
    },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

/** The root loader's data, for any page that needs the language, user or CSRF token. */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>('root');
}

export function useT() {
  return translator(useRootData()?.lang ?? 'th');
}

/** The hidden field every state-changing form must carry. */
export function CsrfField() {
  return <input type="hidden" name={CSRF_FIELD} value={useRootData()?.csrfToken ?? ''} />;
}

function Header({ data }: { data: RootData | undefined }) {
  const t = translator(data?.lang ?? 'th');
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__full">{t('app.fullName')}</span>
        </Link>
        <nav aria-label={t('nav.label')} className="site-nav">
          <Link to="/">{t('nav.home')}</Link>
          <Link to="/areas">{t('registry.nav.areas')}</Link>
          <Link to="/overview">{t('overview.title')}</Link>
          {data?.user ? <Link to="/proposals">{t('nav.needsMe')}</Link> : null}
          {data?.user ? <Link to="/account">{t('accounts.nav.account')}</Link> : null}
          {data?.user?.role === 'admin' ? <Link to="/admin">{t('admin.nav.admin')}</Link> : null}
          {data?.user ? (
            <span className="user-badge">
              <span className="visually-hidden">{t('user.signedInAs')} </span>
              <span className="user-badge__name">{data.user.name}</span>
              {data.user.role && <span className="user-badge__role">{t(`role.${data.user.role}`)}</span>}
            </span>
          ) : null}
          {data?.user ? (
            <Link to="/inbox" className="inbox-link">
              {t('inbox.nav')}
              {data.user.unread > 0 && (
                <span className="inbox-link__count">
                  {' '}({data.user.unread}
                  <span className="visually-hidden"> {t('inbox.navUnread')}</span>)
                </span>
              )}
            </Link>
          ) : null}
          {data?.user ? (
            <Form method="post" action="/sign-out" className="inline-form">
              <CsrfField />
              <button type="submit" className="link-button">
                {t('nav.signOut')}
              </button>
            </Form>
          ) : (
            <Link to="/sign-in">{t('nav.signIn')}</Link>
          )}
          <Form method="post" action="/lang" className="inline-form" reloadDocument>
            <CsrfField />
            <input type="hidden" name="lang" value={data?.lang === 'en' ? 'th' : 'en'} />
            <input type="hidden" name="returnTo" value={here} />
            <button type="submit" className="lang-switch">
              <span lang={data?.lang === 'en' ? 'th' : 'en'}>{t('lang.switchTo')}</span>
              <span className="visually-hidden"> ({t('lang.switchLabel')})</span>
            </button>
          </Form>
        </nav>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const lang: Lang = data?.lang ?? 'th';
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header data={data} />
        <main id="main" className="page">
          {children}
        </main>
        <footer className="site-footer">{translator(lang)('footer.text')}</footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** 404, 403 and 500 pages: always in the user's language, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title: MessageKey = 'serverError.title';
  let text: MessageKey = 'serverError.text';
  if (isRouteErrorResponse(error) && error.status === 404) {
    title = 'notFound.title';
    text = 'notFound.text';
  } else if (isRouteErrorResponse(error) && error.status === 403) {
    const csrf = error.data?.reason === 'csrf';
    title = csrf ? 'error.summaryTitle' : 'error.forbiddenTitle';
    text = csrf ? 'error.csrf' : 'error.forbiddenText';
  }
  return (
    <section className="error-page">
      <title>{`${t(title)} — kongtun`}</title>
      <h1>{t(title)}</h1>
      <p>{t(text)}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
