import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';
import { COMPLETE_DISTRICTS, DEMO_FISCAL_YEARS } from './demo-registry.ts';

// Demo plans for the whole country, so the district, province, region and national figures
// beside a fund's values are never empty. Built in SQL from hashes of the codes (hashtext is the
// same function on PostgreSQL and PGlite), so every run builds the same plans in a few seconds.
//
// FY 2568 and 2569: every demo fund has an approved plan (most approved by 31 December, some
// late). FY 2570, the year now running: four funds in ten have a plan under way, and in the
// complete districts each fund's plan is at a different step (draft, submitted, approved).

/** The fiscal year the demo treats as running now: plans under way rather than approved. */
const CURRENT_DEMO_YEAR = DEMO_FISCAL_YEARS[DEMO_FISCAL_YEARS.length - 1] as number;

/** A stable pseudo-random number 0…n-1 from text. */
const pick = (text: RawBuilder<unknown>, n: number) => sql`(abs(hashtext(${text})::bigint) % ${sql.lit(n)})`;

// What each program's demo project is called, who runs it, and its support category.
const PROGRAM_PROJECTS = sql`(values
  ('alcohol', 'โครงการงดเหล้าเข้าพรรษาและงานบุญปลอดเหล้า', 'ชมรม อสม.', 2),
  ('tobacco', 'โครงการชุมชนและวัดปลอดบุหรี่', 'แกนนำเยาวชน', 2),
  ('drugs', 'โครงการเยาวชนรู้ทันยาเสพติด', 'สภาเด็กและเยาวชนตำบล', 2),
  ('food_nutrition', 'โครงการอาหารปลอดภัย ผักปลอดสารในครัวเรือน', 'กลุ่มแม่บ้าน', 2),
  ('physical_activity', 'โครงการขยับกายสบายชีวี ออกกำลังกายทุกหมู่บ้าน', 'ชมรมแอโรบิก', 2),
  ('ncd', 'โครงการคัดกรองและปรับพฤติกรรมกลุ่มเสี่ยงเบาหวานความดันโลหิตสูง', 'โรงพยาบาลส่งเสริมสุขภาพตำบล', 1),
  ('elderly', 'โครงการอาสาดูแลผู้สูงอายุติดบ้านติดเตียง', 'ชมรมผู้สูงอายุ', 2),
  ('children_youth_family', 'โครงการส่งเสริมพัฒนาการเด็กปฐมวัย', 'ศูนย์พัฒนาเด็กเล็ก', 3),
  ('mental_health', 'โครงการคัดกรองภาวะซึมเศร้าและดูแลใจในชุมชน', 'โรงพยาบาลส่งเสริมสุขภาพตำบล', 1),
  ('maternal_child', 'โครงการฝากครรภ์เร็ว แม่และลูกแข็งแรง', 'โรงพยาบาลส่งเสริมสุขภาพตำบล', 1),
  ('communicable', 'โครงการบ้านสะอาด ลูกน้ำยุงลายเป็นศูนย์ ป้องกันไข้เลือดออก', 'ชมรม อสม.', 2),
  ('environment', 'โครงการคัดแยกขยะต้นทางในครัวเรือน', 'กลุ่มธนาคารขยะ', 2),
  ('road_safety', 'โครงการด่านชุมชนลดอุบัติเหตุช่วงเทศกาล', 'อาสาสมัครป้องกันภัยฝ่ายพลเรือน', 2),
  ('fund_admin', 'โครงการบริหารจัดการกองทุนหลักประกันสุขภาพ', 'กองทุนหลักประกันสุขภาพ', 4)
) as pp(program_code, title, organisation, category)`;

/** How likely each program is in a demo plan (percent); fund administration is always there. */
const PROGRAM_SHARE = sql`(values
  ('alcohol', 25), ('tobacco', 25), ('drugs', 20), ('food_nutrition', 25), ('physical_activity', 20), ('ncd', 45),
  ('elderly', 45), ('children_youth_family', 20), ('mental_health', 10), ('maternal_child', 30), ('communicable', 30),
  ('environment', 15), ('road_safety', 10), ('fund_admin', 100)
) as ps(program_code, share)`;

export async function seedDemoPlans(tx: Transaction<DB>): Promise<void> {
  await tx.deleteFrom('district_year').where('is_demo', '=', true).execute();
  await seedDemoPlanYears(tx, [...DEMO_FISCAL_YEARS]);
  await seedDistrictIssues(tx);
}

/** Plans for every demo fund in the given years (each needs the funds' year profiles). */
export async function seedDemoPlanYears(tx: Transaction<DB>, fiscalYears: number[]): Promise<void> {
  const years = sql.join(fiscalYears.map((fy) => sql`(${sql.lit(fy)})`));
  const plans = sql`
    insert into fund_plan (fund_id, fiscal_year, revision, status, submitted_at, approved_at, meeting_number, meeting_date, carry_over, other_income, is_demo)
    select f.id, y.fy, 1, s.status,
      case when s.status <> 'draft' then make_date(y.fy - 544, 11, 2)::timestamptz end,
      case when s.status = 'approved' then m.meeting_date::timestamptz end,
      case when s.status = 'approved' then '1/' || y.fy end,
      case when s.status = 'approved' then m.meeting_date end,
      (50000 + ${pick(sql`f.code || y.fy || 'carry'`, 250000)}),
      (1000 + ${pick(sql`f.code || y.fy || 'interest'`, 4000)}),
      true
    from fund f
    cross join (values ${years}) as y(fy)
    cross join lateral (select case
      when y.fy < ${sql.lit(CURRENT_DEMO_YEAR)} then 'approved'
      -- The complete districts' first three funds: one plan at each step.
      when f.district_code in (${sql.join([...COMPLETE_DISTRICTS])}) then (array['draft', 'submitted', 'approved', 'draft', 'approved'])[1 + least(4,
        (select count(*)::int from fund o where o.district_code = f.district_code and o.code < f.code))]
      when ${pick(sql`f.code || 'open2570'`, 10)} < 4 then (array['draft', 'draft', 'submitted'])[1 + ${pick(sql`f.code || 's'`, 3)}]
    end as status) s
    -- Most committees approve in December; some only in January. The year now running: November.
    cross join lateral (select case
      when y.fy = ${sql.lit(CURRENT_DEMO_YEAR)} then make_date(y.fy - 544, 11, 5) + ${pick(sql`f.code || 'day'`, 10)}::int
      when ${pick(sql`f.code || y.fy || 'late'`, 100)} < 15 then make_date(y.fy - 543, 1, 5) + ${pick(sql`f.code || y.fy || 'day'`, 40)}::int
      else make_date(y.fy - 544, 12, 1) + ${pick(sql`f.code || y.fy || 'day'`, 28)}::int
    end as meeting_date) m
    where f.is_demo and s.status is not null`;
  await plans.execute(tx);

  await sql`
    insert into plan_entry (plan_id, program_code, score_size, score_severity, score_awareness, score_difficulty)
    select p.id, ps.program_code,
      case when ${pick(sql`f.code || 'scored'`, 2)} = 0 then 1 + ${pick(sql`f.code || ps.program_code || 'a'`, 4)} end,
      case when ${pick(sql`f.code || 'scored'`, 2)} = 0 then 1 + ${pick(sql`f.code || ps.program_code || 'b'`, 4)} end,
      case when ${pick(sql`f.code || 'scored'`, 2)} = 0 then 1 + ${pick(sql`f.code || ps.program_code || 'c'`, 4)} end,
      case when ${pick(sql`f.code || 'scored'`, 2)} = 0 then 1 + ${pick(sql`f.code || ps.program_code || 'd'`, 4)} end
    from fund_plan p join fund f on f.id = p.fund_id cross join ${PROGRAM_SHARE}
    where p.is_demo and p.fiscal_year in (${sql.join(fiscalYears)}) and ${pick(sql`f.code || ps.program_code`, 100)} < ps.share`.execute(tx);

  // Situation: the first two rate indicators of each program, counted in a share of the
  // population; each fund's rate varies around the indicator's own level and improves a little
  // each year in the indicator's direction. Targets aim 10 % better.
  await sql`
    with first_indicators as (
      select code, program_code, unit, direction, row_number() over (partition by program_code order by sort_order, code) as rank
      from situation_indicator where unit in ('percent', 'per_100000') and is_active
    ), rows as (
      select e.id as entry_id, i.code, i.unit, i.direction, fy.population, p.fiscal_year, f.code as fund_code,
        case when i.unit = 'percent' then 5 + ${pick(sql`i.code`, 50)} else 20 + ${pick(sql`i.code`, 150)} end as level,
        (70 + ${pick(sql`f.code || i.code`, 61)})::float8 / 100 as spread,
        case when i.unit = 'percent' then (10 + ${pick(sql`i.code || 'share'`, 30)})::float8 / 100 else 1.0::float8 end as share
      from plan_entry e
      join fund_plan p on p.id = e.plan_id and p.is_demo and p.fiscal_year in (${sql.join(fiscalYears)})
      join fund f on f.id = p.fund_id
      join fund_year fy on fy.fund_id = p.fund_id and fy.fiscal_year = p.fiscal_year
      join first_indicators i on i.program_code = e.program_code and i.rank <= 2
    ), counted as (
      select *, greatest(20, round(population * share))::bigint as denominator,
        least(level * spread * power(case when direction = 'decrease' then 0.95::float8 else 1.05::float8 end, fiscal_year - 2568), case when unit = 'percent' then 95 else 100000 end) as rate
      from rows
    ), values_ as (
      select *, round(denominator * rate / case when unit = 'percent' then 100 else 100000 end)::bigint as numerator from counted
    )
    insert into plan_situation (entry_id, indicator_code, numerator, denominator, value, target, source, data_date)
    select entry_id, code, numerator, denominator,
      round(numerator::numeric * case when unit = 'percent' then 100 else 100000 end / denominator, 2),
      round(least(case when unit = 'percent' then 100 else 1000000 end,
        numerator::numeric * case when unit = 'percent' then 100 else 100000 end / denominator * case when direction = 'decrease' then 0.9 else 1.1 end), 2),
      case when unit = 'percent' then 'สำรวจโดย อสม. ในพื้นที่' else 'ข้อมูล HDC กระทรวงสาธารณสุข' end,
      make_date(fiscal_year - 544, 8, 31)
    from values_`.execute(tx);

  // Objectives and approaches only where people work on the plans: the figures do not need them.
  await sql`
    insert into plan_objective (entry_id, position, objective, indicator, target)
    select distinct on (e.id) e.id, 0, i.default_objective_th, i.default_indicator_th, coalesce(s.target::text, '')
    from plan_entry e join fund_plan p on p.id = e.plan_id and p.is_demo and p.fiscal_year in (${sql.join(fiscalYears)})
    join fund f on f.id = p.fund_id and f.district_code in (${sql.join([...COMPLETE_DISTRICTS])})
    join situation_indicator i on i.program_code = e.program_code
    left join plan_situation s on s.entry_id = e.id and s.indicator_code = i.code
    where i.default_objective_th <> ''
    order by e.id, i.sort_order, i.code`.execute(tx);

  await sql`
    insert into plan_entry_approach (entry_id, approach_id)
    select e.id, a.id from plan_entry e join fund_plan p on p.id = e.plan_id and p.is_demo and p.fiscal_year in (${sql.join(fiscalYears)})
    join fund f on f.id = p.fund_id and f.district_code in (${sql.join([...COMPLETE_DISTRICTS])})
    join plan_approach a on a.program_code = e.program_code
    where ${pick(sql`e.id::text || a.id::text`, 100)} < 50`.execute(tx);

  // Target groups by program, so a year's plans reach some groups and miss others.
  await sql`
    insert into plan_entry_target_group (entry_id, target_group_code)
    select e.id, g.code from plan_entry e join fund_plan p on p.id = e.plan_id and p.is_demo and p.fiscal_year in (${sql.join(fiscalYears)})
    join (values
      ('alcohol', '1003'), ('alcohol', '2004'), ('tobacco', '1002'), ('tobacco', '1003'), ('drugs', '1002'),
      ('food_nutrition', '1001'), ('food_nutrition', '2004'), ('physical_activity', '1003'), ('physical_activity', '1004'),
      ('ncd', '2002'), ('ncd', '2004'), ('elderly', '1004'), ('elderly', '2003'), ('children_youth_family', '1001'),
      ('children_youth_family', '1002'), ('mental_health', '1003'), ('maternal_child', '2001'), ('maternal_child', '1001'),
      ('communicable', '2004'), ('environment', '2004'), ('road_safety', '1003'), ('fund_admin', '2005')
    ) as g(program_code, code) on g.program_code = e.program_code`.execute(tx);

  // One planned project per program; administration stays within 10 % of the year's income.
  await sql`
    insert into planned_project (entry_id, position, title, organisation, budget, support_category)
    select e.id, 0, pp.title || 'ปี ' || p.fiscal_year, pp.organisation,
      case when pp.category = 4
        then least(20000 + ${pick(sql`f.code || p.fiscal_year || 'adm'`, 20)} * 1000, floor((fy.population * 45 + coalesce(fy.cofunding_budget, 0)) * 0.10 / 100) * 100)
        else 15000 + ${pick(sql`f.code || e.program_code || p.fiscal_year`, 90)} * 500 end,
      pp.category
    from plan_entry e join fund_plan p on p.id = e.plan_id and p.is_demo and p.fiscal_year in (${sql.join(fiscalYears)})
    join fund f on f.id = p.fund_id
    join fund_year fy on fy.fund_id = p.fund_id and fy.fiscal_year = p.fiscal_year
    join ${PROGRAM_PROJECTS} on pp.program_code = e.program_code`.execute(tx);

  // The financial plan: receipts from the year profile, allocations the projects' sums. Where the
  // projects need more than the year's income, the carry-over covers it (nothing over receipts).
  await sql`
    update fund_plan p set
      nhso_transfer = fy.population * 45,
      lao_cofunding = fy.cofunding_budget,
      carry_over = greatest(p.carry_over, coalesce(c.c1, 0) + coalesce(c.c2, 0) + coalesce(c.c3, 0) + coalesce(c.c4, 0) + 20000
        - fy.population * 45 - coalesce(fy.cofunding_budget, 0) - coalesce(p.other_income, 0)),
      allocation_1 = coalesce(c.c1, 0), allocation_2 = coalesce(c.c2, 0), allocation_3 = coalesce(c.c3, 0),
      allocation_4 = coalesce(c.c4, 0), allocation_5 = 20000
    from fund_year fy, (
      select e.plan_id,
        sum(pp.budget) filter (where pp.support_category = 1) as c1, sum(pp.budget) filter (where pp.support_category = 2) as c2,
        sum(pp.budget) filter (where pp.support_category = 3) as c3, sum(pp.budget) filter (where pp.support_category = 4) as c4
      from planned_project pp join plan_entry e on e.id = pp.entry_id group by e.plan_id
    ) c
    where p.is_demo and p.fiscal_year in (${sql.join(fiscalYears)}) and fy.fund_id = p.fund_id and fy.fiscal_year = p.fiscal_year and c.plan_id = p.id`.execute(tx);

  // The plans went in approved, so their facts are added here rather than by the status trigger.
  await sql`select situation_fact_add(array(
    select id from fund_plan where is_demo and status = 'approved' and fiscal_year in (${sql.join(fiscalYears)})))`.execute(tx);
}

/** The district health boards' issues in the complete districts, with the funds that contribute. */
async function seedDistrictIssues(tx: Transaction<DB>): Promise<void> {
  const ISSUES: Record<string, [title: string, program: string][]> = {
    '3304': [
      ['ลดโรคเบาหวานและความดันโลหิตสูงรายใหม่', 'ncd'],
      ['ผู้สูงอายุติดบ้านติดเตียงได้รับการดูแลต่อเนื่อง', 'elderly'],
      ['ป้องกันไข้เลือดออกก่อนฤดูฝน', 'communicable'],
    ],
    '5601': [
      ['อาหารปลอดภัยและโภชนาการสมวัย', 'food_nutrition'],
      ['ลดการดื่มสุราในงานบุญประเพณี', 'alcohol'],
    ],
  };
  for (const [district, issues] of Object.entries(ISSUES)) {
    for (const fiscalYear of [2569, 2570]) {
      await tx.insertInto('district_year').values({ district_code: district, fiscal_year: fiscalYear, is_demo: true }).execute();
      for (const [position, [title, program]] of issues.entries()) {
        const { id } = await tx
          .insertInto('district_issue')
          .values({ district_code: district, fiscal_year: fiscalYear, position, title, program_code: program })
          .returning('id')
          .executeTakeFirstOrThrow();
        await sql`insert into district_issue_indicator (issue_id, indicator_code)
          select ${id}::bigint, code from situation_indicator where program_code = ${program} order by sort_order, code limit 1`.execute(tx);
        // The funds whose plan that year holds the program contribute.
        await sql`insert into district_issue_fund (issue_id, fund_id)
          select distinct ${id}::bigint, p.fund_id from fund_plan p join fund f on f.id = p.fund_id join plan_entry e on e.plan_id = p.id
          where f.district_code = ${district} and p.fiscal_year = ${fiscalYear} and e.program_code = ${program}`.execute(tx);
      }
    }
  }
}
