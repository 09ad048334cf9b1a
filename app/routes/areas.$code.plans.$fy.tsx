import { Link, redirect } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { formatBaht, fromNumeric, type Satang, sumSatang } from '../../src/domain/money.ts';
import { approvalDeadline, SUPPORT_CATEGORIES } from '../../src/domain/planning.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { type AreaPlans, type DistrictIssues, type Figure, getAreaPlans, getDistrictIssues } from '../../src/use-cases/plan-analysis.ts';
import { listPrograms, listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { getArea } from '../../src/use-cases/registry-read.ts';
import { moneyText } from '../components/admin-form.tsx';
import { Detail, figureText, shortFundName } from '../components/plan-parts.tsx';
import { Breadcrumbs, formatCount, levelKey, nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, asRouteError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/areas.$code.plans.$fy';

// The district plan (แผนระดับอำเภอ): every fund plan of a district combined, with the district
// health board's issues; the same combination for a province, a region and the country.

const NOTICES: Record<string, MessageKey> = { issues: 'area.plans.issuesSaved' };

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  const db = services(context).database.db;
  const actor = actorOf(user);
  let plans: AreaPlans;
  try {
    plans = await getAreaPlans(db, actor, { code: params.code, fiscalYear: params.fy });
  } catch (error) {
    throw asPageError(error);
  }
  if (plans.area.code !== params.code || String(plans.fiscalYear) !== params.fy) {
    throw redirect(`/areas/${plans.area.code}/plans/${plans.fiscalYear}`);
  }
  try {
    const district = plans.area.level === 'district';
    const [area, targetGroups, issues, catalogue] = await Promise.all([
      getArea(db, actor, { code: plans.area.code }),
      listTargetGroups(db),
      district ? getDistrictIssues(db, actor, { code: plans.area.code, fiscalYear: plans.fiscalYear }) : null,
      district ? listPrograms(db, { includeInactive: true }) : [],
    ]);
    return {
      plans,
      breadcrumbs: area.breadcrumbs,
      children: plans.area.level === 'district' ? [] : area.children.map(({ code, name_th, name_en, level }) => ({ code, name_th, name_en, level })),
      targetGroups,
      issues,
      // The words of the catalogue that the board's issues name.
      catalogue: catalogue.map((p) => ({
        code: p.code,
        name_th: p.name_th,
        name_en: p.name_en,
        indicators: p.indicators.map(({ code, name_th, name_en }) => ({ code, name_th, name_en })),
      })),
      thisYear: currentFiscalYear(),
      notice: NOTICES[new URL(request.url).searchParams.get('done') ?? ''] ?? null,
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

const TITLE_KEY: Record<string, MessageKey> = {
  district: 'area.plans.title.district',
  province: 'area.plans.title.province',
  region: 'area.plans.title.region',
  country: 'area.plans.title.country',
};

export default function AreaPlansPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { plans, breadcrumbs, children, targetGroups, issues, catalogue, thisYear, notice } = loaderData;
  const { area, fiscalYear: fy, funds } = plans;
  const name = nameOf(area, lang);
  const title = t(TITLE_KEY[area.level] ?? 'area.plans.title.district');
  const isDistrict = area.level === 'district';
  const crumbs = breadcrumbs.map((b) => ({ href: `/areas/${b.code}/plans/${fy}`, label: nameOf(b, lang) }));
  // In lists under a "program" heading: ยาสูบ rather than แผนงานยาสูบ.
  const programName = (code: string) => {
    const program = plans.programs.find((p) => p.code === code) ?? catalogue.find((p) => p.code === code);
    return program ? nameOf(program, lang).replace(/^แผนงาน(?=\S)/, '') : code;
  };
  const indicatorName = (code: string) => {
    const indicator = catalogue.flatMap((p) => p.indicators).find((i) => i.code === code);
    return indicator ? nameOf(indicator, lang) : code;
  };
  const groupName = (code: string) => {
    const group = targetGroups.find((g) => g.code === code);
    return group ? nameOf(group, lang) : code;
  };
  const deadline = formatThaiDate(approvalDeadline(fy), lang);
  const share = (n: number) => (funds.total > 0 ? Math.round((n / funds.total) * 100) : 0);
  return (
    <div className="area-plans">
      <title>{`${title}: ${name} — ${formatFiscalYear(fy, lang)} — kongtun`}</title>
      <Breadcrumbs items={crumbs} current={name} />
      <h1>
        {title}: {name}
        <span className="heading-meta">
          {formatFiscalYear(fy, lang)} · {t(levelKey(area.level))} {area.code !== 'TH' ? area.code : ''}
        </span>
      </h1>
      {notice && (
        <div className="notice" role="status">
          {t(notice)}
        </div>
      )}
      <YearSwitcher base={`/areas/${area.code}/plans`} year={fy} last={thisYear + 1} />
      <p className="area-plans__basis">{plans.includesDrafts ? t('area.plans.basisDrafts') : t('area.plans.basisApproved')}</p>
      {area.level !== 'country' && (
        <p>
          <Link to={`/areas/${area.code}`}>{t('area.plans.areaPage', { name })}</Link>
        </p>
      )}

      <section aria-labelledby="funds-title">
        <h2 id="funds-title" className="visually-hidden">
          {t('area.plans.fundsTitle')}
        </h2>
        <dl className="plan-figures">
          <Detail term={t('area.plans.fundsTotal')}>{formatCount(funds.total)}</Detail>
          <Detail term={t('area.plans.fundsWithPlan')}>
            {formatCount(funds.withPlan)} <span className="plan-figures__share">({t('area.plans.percentOf', { percent: share(funds.withPlan) })})</span>
          </Detail>
          <Detail term={t('area.plans.fundsApproved')}>
            {formatCount(funds.approved)} <span className="plan-figures__share">({t('area.plans.percentOf', { percent: share(funds.approved) })})</span>
          </Detail>
          <Detail term={t('area.plans.fundsOnTime', { date: deadline })}>
            {formatCount(funds.approvedOnTime)} <span className="plan-figures__share">({t('area.plans.percentOf', { percent: share(funds.approvedOnTime) })})</span>
          </Detail>
        </dl>
      </section>

      {issues && <IssuesSection issues={issues} programName={programName} indicatorName={indicatorName} fy={fy} />}

      <section aria-labelledby="programs-title">
        <h2 id="programs-title">{t('area.plans.programsTitle')}</h2>
        {plans.programs.length === 0 ? (
          <p>{t('area.plans.noPrograms')}</p>
        ) : (
          <>
            <AveragesExplained />
            <div className="program-grid">
              {plans.programs.map((program) => (
                <ProgramBlock key={program.code} program={program} areaCode={area.code} fundsTotal={funds.total} />
              ))}
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="coverage-title">
        <h2 id="coverage-title">{t('area.plans.coverageTitle')}</h2>
        <p className="hint">{t('area.plans.coverageLead')}</p>
        <div className="coverage">
          <CoverageList
            title={t('area.plans.coverageReached', { count: plans.coverage.reached.length })}
            codes={plans.coverage.reached}
            tone="reached"
            empty={t('area.plans.none')}
            name={groupName}
          />
          <CoverageList
            title={t('area.plans.coverageMissing', { count: plans.coverage.missing.length })}
            codes={plans.coverage.missing}
            tone="missing"
            empty={t('area.plans.coverageAll')}
            name={groupName}
          />
        </div>
      </section>

      {isDistrict && <FundPlansSection plans={plans} programName={programName} />}
      {isDistrict && <ProjectsSection plans={plans} programName={programName} />}

      {children.length > 0 && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{t(`area.plans.children.${children[0]?.level ?? 'district'}` as MessageKey)}</h2>
          <ul className="area-plans__children">
            {children.map((child) => (
              <li key={child.code}>
                <Link to={`/areas/${child.code}/plans/${fy}`}>{nameOf(child, lang)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** The target groups the plans reach, or those they miss. */
function CoverageList(props: { title: string; codes: string[]; tone: 'reached' | 'missing'; empty: string; name: (code: string) => string }) {
  return (
    <div>
      <h3>{props.title}</h3>
      {props.codes.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <ul className={`coverage__list coverage__list--${props.tone}`}>
          {props.codes.map((code) => (
            <li key={code}>{props.name(code)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Previous and next fiscal year, as plain links. */
function YearSwitcher({ base, year, last }: { base: string; year: number; last: number }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  return (
    <nav className="year-switcher" aria-label={t('area.plans.yearNav')}>
      {year > 2540 && (
        <Link to={`${base}/${year - 1}`} className="year-switcher__step" aria-label={formatFiscalYear(year - 1, lang)}>
          <span aria-hidden="true">← </span>
          {year - 1}
        </Link>
      )}
      <span className="year-switcher__current" aria-current="page">
        {formatFiscalYear(year, lang)}
      </span>
      {year < last && (
        <Link to={`${base}/${year + 1}`} className="year-switcher__step" aria-label={formatFiscalYear(year + 1, lang)}>
          {year + 1}
          <span aria-hidden="true"> →</span>
        </Link>
      )}
    </nav>
  );
}

/** Which average is which, and why the two differ. */
function AveragesExplained() {
  const t = useT();
  return (
    <div className="averages-key">
      <dl>
        <Detail term={t('area.plans.plain')}>{t('area.plans.plainMeaning')}</Detail>
        <Detail term={t('area.plans.weighted')}>{t('area.plans.weightedMeaning')}</Detail>
      </dl>
      <p>{t('area.plans.whyDiffer')}</p>
    </div>
  );
}

function ProgramBlock({ program, areaCode, fundsTotal }: { program: AreaPlans['programs'][number]; areaCode: string; fundsTotal: number }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const headingId = `program-${program.code}`;
  const cell = (figure: Figure | null, which: 'plain' | 'weighted') => figureText(figure ? figure[which] : null, lang);
  return (
    <section className="program-block" aria-labelledby={headingId}>
      <h3 id={headingId}>{nameOf(program, lang)}</h3>
      <p className="program-block__meta">
        {t('area.plans.programFunds', { count: formatCount(program.funds), total: formatCount(fundsTotal) })}
        {' · '}
        {t('area.plans.programProjects', { count: formatCount(program.projects) })}
        {' · '}
        {t('area.plans.programBudget', { amount: moneyText(program.budget, lang) })}
      </p>
      {program.indicators.length === 0 ? (
        <p className="hint">{t('area.plans.noIndicators')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table indicator-table">
            <caption className="visually-hidden">{t('area.plans.indicatorCaption', { program: nameOf(program, lang) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('area.plans.indicator')}</th>
                <th scope="col" className="num">
                  {t('area.plans.plain')}
                </th>
                <th scope="col" className="num">
                  {t('area.plans.weighted')}
                </th>
              </tr>
            </thead>
            {program.indicators.map((indicator) => (
              <tbody key={indicator.code}>
                <tr className="indicator-table__name">
                  <th scope="rowgroup" colSpan={3}>
                    <Link to={`/situation?indicator=${indicator.code}&place=${areaCode}`}>{nameOf(indicator, lang)}</Link>
                    <span className="cell-note">
                      {t(`planning.unit.${indicator.unit}` as MessageKey)} ·{' '}
                      {t('area.plans.reportingFunds', { count: formatCount(indicator.situation?.funds ?? 0) })}
                    </span>
                  </th>
                </tr>
                <tr>
                  <th scope="row">{t('area.plans.situation')}</th>
                  <td className="num">{cell(indicator.situation, 'plain')}</td>
                  <td className="num indicator-table__weighted">{cell(indicator.situation, 'weighted')}</td>
                </tr>
                <tr>
                  <th scope="row">{t('area.plans.target')}</th>
                  <td className="num">{cell(indicator.target, 'plain')}</td>
                  <td className="num indicator-table__weighted">{cell(indicator.target, 'weighted')}</td>
                </tr>
              </tbody>
            ))}
          </table>
        </div>
      )}
    </section>
  );
}

function IssuesSection(props: {
  issues: DistrictIssues;
  programName: (code: string) => string;
  indicatorName: (code: string) => string;
  fy: number;
}) {
  const { issues, programName, indicatorName, fy } = props;
  const t = useT();
  const fundName = (code: string) => shortFundName(issues.funds.find((f) => f.code === code)?.name_th ?? code);
  return (
    <section aria-labelledby="issues" className="district-issues">
      <h2 id="issues" tabIndex={-1}>
        {t('area.plans.issuesTitle')}
      </h2>
      <p className="hint">{t('area.plans.issuesLead')}</p>
      {issues.issues.length === 0 ? (
        <p>{t('area.plans.issuesNone')}</p>
      ) : (
        <ol className="district-issues__list">
          {issues.issues.map((issue) => (
            <li key={`${issue.title}-${issue.program_code}`}>
              <p className="district-issues__title">{issue.title}</p>
              <dl className="district-issues__facts">
                <Detail term={t('area.plans.issueProgram')}>{programName(issue.program_code)}</Detail>
                <Detail term={t('area.plans.issueIndicators')}>
                  {issue.indicators.length === 0 ? (
                    t('area.plans.none')
                  ) : (
                    <ul className="plain-list">
                      {issue.indicators.map((code) => (
                        <li key={code}>
                          <Link to={`/situation?indicator=${code}&place=${issues.district.code}`}>{indicatorName(code)}</Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </Detail>
                <Detail term={t('area.plans.issueFunds', { count: issue.funds.length })}>
                  {issue.funds.length === 0 ? t('area.plans.none') : issue.funds.map(fundName).join(', ')}
                </Detail>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {issues.mayEdit && (
        <p>
          <Link to={`/areas/${issues.district.code}/issues/${fy}`} className="button button--secondary">
            {issues.issues.length === 0 ? t('area.plans.issuesAdd') : t('area.plans.issuesEdit')}
          </Link>
        </p>
      )}
    </section>
  );
}

function statusBadge(status: string | null, includesDrafts: boolean, t: ReturnType<typeof useT>) {
  if (status === null) {
    return <span className="status status--warning">{includesDrafts ? t('area.plans.noPlan') : t('area.plans.noApprovedPlan')}</span>;
  }
  const tone = status === 'approved' ? 'status status--active' : 'status';
  return <span className={tone}>{t(`planning.status.${status}` as MessageKey)}</span>;
}

function FundPlansSection({ plans, programName }: { plans: AreaPlans; programName: (code: string) => string }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const fy = plans.fiscalYear;
  return (
    <section aria-labelledby="fund-plans-title">
      <h2 id="fund-plans-title">{t('area.plans.fundPlansTitle')}</h2>
      {plans.fundPlans.length === 0 ? (
        <p>{t('area.plans.noFunds')}</p>
      ) : (
        <table className="data-table reg-table fund-plan-table">
          <thead>
            <tr>
              <th scope="col">{t('area.plans.col.fund')}</th>
              <th scope="col">{t('area.plans.col.status')}</th>
              <th scope="col">{t('area.plans.col.approvedOn')}</th>
              <th scope="col">{t('area.plans.col.programs')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.fundPlans.map((fund) => (
              <tr key={fund.code}>
                <th scope="row">
                  <Link to={`/funds/${fund.code}/plans/${fy}`}>{shortFundName(fund.name_th)}</Link>
                  <span className="code">{fund.code}</span>
                </th>
                <td data-label={t('area.plans.col.status')}>
                  {statusBadge(fund.status, plans.includesDrafts, t)}
                  {fund.revision !== null && fund.revision > 1 && <span className="cell-note">{t('area.plans.revision', { n: fund.revision })}</span>}
                </td>
                <td data-label={t('area.plans.col.approvedOn')}>
                  {fund.meeting_date ? (
                    <>
                      {formatThaiDate(fund.meeting_date, lang, 'short')}
                      <span className={fund.approvedOnTime ? 'cell-note on-time' : 'cell-note late'}>
                        {fund.approvedOnTime ? t('area.plans.onTime') : t('area.plans.late')}
                      </span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label={t('area.plans.col.programs')}>
                  {fund.programs.length === 0 ? '—' : t('area.plans.programCount', { count: fund.programs.length })}
                  {fund.programs.length > 0 && <span className="cell-note">{fund.programs.map(programName).join(', ')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ProjectsSection({ plans, programName }: { plans: AreaPlans; programName: (code: string) => string }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const total = sumSatang(plans.projects.map((p) => fromNumeric(p.budget)));
  // The projects come ordered by fund: one group per fund, with its subtotal.
  const byFund: { code: string; name: string; projects: AreaPlans['projects']; total: Satang }[] = [];
  for (const project of plans.projects) {
    let group = byFund.at(-1);
    if (group?.code !== project.fund_code) {
      group = { code: project.fund_code, name: project.fund_name_th, projects: [], total: 0 as Satang };
      byFund.push(group);
    }
    group.projects.push(project);
    group.total = sumSatang([group.total, fromNumeric(project.budget)]);
  }
  return (
    <section aria-labelledby="projects-title">
      <h2 id="projects-title">{t('area.plans.projectsTitle', { count: formatCount(plans.projects.length) })}</h2>
      {plans.projects.length === 0 ? (
        <p>{t('area.plans.noProjects')}</p>
      ) : (
        <table className="data-table reg-table project-table">
          <thead>
            <tr>
              <th scope="col">{t('area.plans.col.project')}</th>
              <th scope="col">{t('area.plans.col.program')}</th>
              <th scope="col">{t('area.plans.col.organisation')}</th>
              <th scope="col">{t('area.plans.col.category')}</th>
              <th scope="col" className="num">
                {t('area.plans.col.budget')}
              </th>
            </tr>
          </thead>
          {byFund.map((group) => (
            <tbody key={group.code}>
              <tr className="project-table__fund">
                <th scope="rowgroup" colSpan={5}>
                  {shortFundName(group.name)} <span className="code">{group.code}</span>
                  <span className="project-table__subtotal">
                    {t('area.plans.fundProjects', { count: group.projects.length, amount: formatBaht(group.total, { lang }) })}
                  </span>
                </th>
              </tr>
              {group.projects.map((project, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: planned projects come in their plan's order and have no id here
                <tr key={i}>
                  <th scope="row">{project.title}</th>
                  <td data-label={t('area.plans.col.program')}>{programName(project.program_code)}</td>
                  <td data-label={t('area.plans.col.organisation')}>{project.organisation || '—'}</td>
                  <td data-label={t('area.plans.col.category')}>{`10(${project.support_category})`}</td>
                  <td className="num" data-label={t('area.plans.col.budget')}>
                    {moneyText(project.budget, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {t('area.plans.projectsTotal')}
              </th>
              <td className="num" data-label={t('area.plans.col.budget')}>
                {formatBaht(total, { lang })}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {plans.projects.length > 0 && (
        <details className="category-key">
          <summary>{t('area.plans.categoryKey')}</summary>
          <ul className="plain-list">
            {SUPPORT_CATEGORIES.map((c) => (
              <li key={c}>{t(`planning.category.${c}` as MessageKey)}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
