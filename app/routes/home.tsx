import { Link } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { requestInfo } from '../lib/request.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/home';

export async function loader({ context }: Route.LoaderArgs) {
  const { lang } = requestInfo(context);
  const now = new Date();
  return {
    today: formatThaiDate(now, lang),
    fiscalYear: formatFiscalYear(currentFiscalYear(now), lang),
  };
}

const AUDIENCES = ['proposer', 'officer', 'committee', 'mentor'] as const;

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const signedIn = Boolean(useRootData()?.user);
  return (
    <>
      <title>{`${t('home.title')} — kongtun`}</title>
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <dl className="facts">
          <div>
            <dt>{t('home.today')}</dt>
            <dd>{loaderData.today}</dd>
          </div>
          <div>
            <dt>{t('home.currentFiscalYear')}</dt>
            <dd>{loaderData.fiscalYear}</dd>
          </div>
        </dl>
        {!signedIn && (
          <p>
            <Link to="/sign-in" className="button">
              {t('home.signInCta')}
            </Link>
          </p>
        )}
      </section>
      <section aria-labelledby="who">
        <h2 id="who">{t('home.whoTitle')}</h2>
        <ul className="cards">
          {AUDIENCES.map((who) => (
            <li key={who} className="card">
              <h3>{t(`home.who.${who}.title` as MessageKey)}</h3>
              <p>{t(`home.who.${who}.text` as MessageKey)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
