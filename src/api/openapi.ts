import { FUND_ACTIONS } from '../use-cases/registry-read.ts';
import { DECISION_OUTCOMES, EXPENSE_GROUPS, ORGANISATION_TYPES, PROPOSAL_STATES, PROPOSAL_TRANSITION_NAMES, PUBLIC_STATE } from '../domain/proposals.ts';
import { PROJECT_ORIGINS } from '../domain/outside-projects.ts';
import { SUPPORT_CATEGORIES } from '../domain/planning.ts';
import { HISTORY_KINDS, ROW_OUTCOMES } from '../domain/import-history.ts';

// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Kept by hand beside
// the handlers in app/routes/api.v1.*.ts; tests/db/registry-read-api.test.ts and
// tests/db/proposals-api.test.ts check that the documented paths answer.

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const money = (description: string) => nullable('string', { pattern: '^-?[0-9]+\\.[0-9]{2}$', description: `${description} Baht as exact decimal text.` });

const AREA_LEVELS = ['country', 'region', 'province', 'district', 'subdistrict'];
const projectOrigin = {
  type: 'string',
  enum: [...PROJECT_ORIGINS],
  description: 'Where it comes from: developed here (system), recorded by the officer from a paper decision (paper), or imported from the old program (imported).',
};

const areaItem = {
  type: 'object',
  required: ['code', 'name_th', 'name_en', 'level', 'parent_code'],
  properties: {
    code: { type: 'string', description: 'TH, R1–R13, or the 2-, 4- or 6-digit Interior Ministry (DOPA) code.', examples: ['3306'] },
    name_th: { type: 'string', examples: ['กันทรลักษ์'] },
    name_en: nullable('string', { description: 'English name, where known.' }),
    level: { type: 'string', enum: AREA_LEVELS },
    parent_code: nullable('string', { description: 'null only for the country.' }),
  },
};

const fundListItem = {
  type: 'object',
  required: ['code', 'name_th', 'lao_type', 'lao_name', 'status', 'district_code', 'province_code', 'region_code'],
  properties: {
    code: { type: 'string', pattern: '^(L[0-9]{4}|[0-9]{5})$', examples: ['L5432'] },
    name_th: { type: 'string' },
    name_en: nullable('string'),
    lao_type: { type: 'string', enum: ['pao', 'city_municipality', 'town_municipality', 'subdistrict_municipality', 'sao'] },
    lao_name: { type: 'string', description: 'The local government (อปท.) that holds the fund.' },
    status: { type: 'string', enum: ['active', 'closed'] },
    district_code: { type: 'string' },
    district_name_th: { type: 'string' },
    district_name_en: nullable('string'),
    province_code: { type: 'string' },
    province_name_th: { type: 'string' },
    province_name_en: nullable('string'),
    region_code: { type: 'string' },
    region_name_th: { type: 'string' },
    region_name_en: nullable('string'),
    population: nullable('integer', { description: 'Population of the latest fiscal year with a figure.' }),
    population_year: nullable('integer', { description: 'That fiscal year (Buddhist era).' }),
  },
};

const committeeMember = {
  type: 'object',
  description: 'Names and roles only; no contact details.',
  properties: {
    position: { type: 'string', enum: ['chair', 'vice_chair', 'member', 'secretary', 'assistant_secretary'] },
    composition_slot: { type: 'string', description: 'The seat under the 2561 announcement, e.g. lao_executive, village_health_volunteer.' },
    title: { type: 'string' },
    first_name: { type: 'string' },
    last_name: { type: 'string' },
    organisation: nullable('string'),
    term_start: { type: 'string', format: 'date' },
    term_end: nullable('string', { format: 'date' }),
  },
};

const fundYear = {
  type: 'object',
  properties: {
    fiscal_year: { type: 'integer', description: 'Buddhist-era fiscal year (1 Oct – 30 Sep), e.g. 2570.' },
    population: nullable('integer', { description: 'Civil registry, 1 April of the year before.' }),
    population_as_of: nullable('string', { format: 'date' }),
    income_band: nullable('string', { description: "The local government's income band code." }),
    income_band_label_th: nullable('string'),
    income_band_label_en: nullable('string'),
    min_rate_percent: nullable('string', { description: 'Minimum co-funding rate of the band under the rules in force that year, e.g. "30.00".' }),
    rule_set_year: nullable('integer', { description: 'First fiscal year of the rule set in force.' }),
    nhso_per_capita: money('NHSO rate per person under those rules.'),
    nhso_estimate: money('population × nhso_per_capita.'),
    minimum_cofunding: money('nhso_estimate × min_rate_percent, rounded up to the satang.'),
    cofunding_budget: money('Co-funding the local government budgeted.'),
    meets_minimum: nullable('boolean', { description: 'cofunding_budget ≥ minimum_cofunding; null when either is unknown.' }),
  },
};

const fundActions = {
  type: 'array',
  description: 'What the caller may do with this fund; a client shows only these.',
  items: { type: 'string', enum: [...FUND_ACTIONS] },
};

const parameters = {
  format: {
    name: 'format',
    in: 'query',
    description: 'json (default) or csv. CSV is UTF-8 with a byte-order mark, RFC 4180, with a header row of the JSON field names.',
    schema: { type: 'string', enum: ['json', 'csv'], default: 'json' },
  },
  fiscalYear: {
    name: 'fiscal_year',
    in: 'query',
    required: true,
    description: 'The Buddhist-era fiscal year, e.g. 2569 (1 Oct 2025 – 30 Sep 2026).',
    schema: { type: 'integer', minimum: 2540, maximum: 2700 },
  },
  lang: {
    name: 'lang',
    in: 'query',
    description: 'Language of error messages; otherwise Accept-Language, otherwise Thai.',
    schema: { type: 'string', enum: ['th', 'en'] },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

const listResponses = (schema: unknown) => ({
  '200': {
    description: 'The list',
    content: {
      'application/json': { schema },
      'text/csv': { schema: { type: 'string' } },
    },
  },
});

// --- Proposals, meetings and projects: the write side ----------------------------------------

const text = (description?: string) => ({ type: ['string', 'number'], ...(description ? { description } : {}) });
/** A repeating group: an array, or an object keyed by position ("0", "1", …) as the pages' forms send it. */
const rows = (item: unknown, description: string) => ({
  description: `${description} An array, or an object keyed by position ("0", "1", …); a row left wholly empty is dropped.`,
  oneOf: [
    { type: 'array', items: item },
    { type: 'object', additionalProperties: item },
  ],
});
/** Ticked boxes: an array of codes, or an object of code → true. */
const codeSet = (description: string) => ({
  description: `${description} An array of codes, or an object of code → true.`,
  oneOf: [
    { type: 'array', items: { type: 'string' } },
    { type: 'object', additionalProperties: { type: 'boolean' } },
  ],
});
const version = { type: 'integer', minimum: 1, description: 'The version last read; a stale one is refused with 409 and nothing is changed.' };
const step = (name: string, properties: Record<string, unknown>, description: string) => ({
  type: 'object',
  description,
  required: ['version', 'step'],
  properties: { version, step: { const: name }, ...properties },
});

const proposalSteps = [
  step(
    'organisation',
    {
      organisation_name: text(),
      organisation_type: { type: ['integer', 'string'], enum: [...ORGANISATION_TYPES, ...ORGANISATION_TYPES.map(String), ''], description: 'Form กปท.7: 1 health unit … 5 people\'s group (needs 5 members) … 6 fund secretariat.' },
      coordinator_name: text(),
      coordinator_phone: text('9–10 digits starting with 0; spaces and dashes are ignored.'),
      members: rows({ type: 'object', properties: { title: text(), first_name: text(), last_name: text() } }, 'The group\'s members.'),
    },
    'Who proposes.',
  ),
  step(
    'problem',
    {
      title: text(),
      rationale: text(),
      programs: codeSet('Plan programs (catalogue codes) the project serves.'),
      situations: codeSet("Indicator codes of the situation rows taken from the fund's approved plan."),
    },
    'The project title, the problem and the plan programs.',
  ),
  step(
    'objectives',
    { objectives: rows({ type: 'object', properties: { objective: text(), indicator: text(), target: text() } }, 'Objectives with their indicator and target.') },
    'Objectives.',
  ),
  step(
    'targets',
    { target_groups: { type: 'object', description: 'Target group code → number of people; an empty count leaves the group out.', additionalProperties: { type: ['integer', 'string'] } } },
    'Target groups.',
  ),
  step(
    'activities',
    {
      activities: rows(
        {
          type: 'object',
          properties: {
            title: text(),
            detail: text(),
            expenses: rows(
              {
                type: 'object',
                properties: {
                  group: { type: 'string', enum: EXPENSE_GROUPS },
                  item: text(),
                  unit_cost: text('Baht, e.g. "60" or "1250.50".'),
                  units: text('Whole number, at least 1.'),
                  times: text('Whole number, at least 1.'),
                },
              },
              'Expense lines; each amount is unit_cost × units × times, worked out by the server.',
            ),
          },
        },
        'Activities; they replace the ones saved. The proposal\'s budget is the exact sum of the lines.',
      ),
    },
    'Activities and their budget.',
  ),
  step(
    'period',
    { period_start: text('yyyy-mm-dd (CE) or d/m/yyyy (BE), within the fiscal year.'), period_end: text('As period_start, not before it.'), place: text() },
    'When and where.',
  ),
  step(
    'results',
    { expected_results: text(), support_category: { type: ['integer', 'string'], enum: [...SUPPORT_CATEGORIES, ...SUPPORT_CATEGORIES.map(String), ''], description: 'Support category 10(1)–10(5).' } },
    'Expected results and the support category.',
  ),
];

const moneyText = (description: string) => ({ type: 'string', pattern: '^-?[0-9]+\\.[0-9]{2}$', description: `${description} Baht as exact decimal text.` });
const proposalActions = {
  type: 'array',
  description: 'The workflow steps the caller may take now (POST them to /proposals/{id}/transitions); a client shows only these.',
  items: { type: 'string', enum: PROPOSAL_TRANSITION_NAMES },
};
const proposalState = { type: 'string', enum: PROPOSAL_STATES };

const proposalSchema = {
  type: 'object',
  required: ['id', 'fund', 'fiscal_year', 'state', 'state_label', 'public_state', 'version', 'budget', 'problems', 'budget_check', 'project_code', 'actions'],
  properties: {
    id: { type: 'integer' },
    fund: { type: 'object', properties: { code: { type: 'string' }, name_th: { type: 'string' }, name_en: nullable('string') } },
    fiscal_year: { type: 'integer', description: 'Buddhist era.' },
    state: proposalState,
    state_label: { type: 'string', description: 'The state in the language asked for.' },
    public_state: { type: 'string', enum: [...new Set(Object.values(PUBLIC_STATE))], description: 'What the public is told.' },
    public_state_label: { type: 'string' },
    version: { type: 'integer', description: 'Send it back with every change.' },
    content_revision: { type: 'integer' },
    organisation: {
      type: 'object',
      properties: { id: nullable('integer'), name: { type: 'string' }, type: nullable('integer', { enum: [...ORGANISATION_TYPES, null] }), type_label: nullable('string') },
    },
    coordinator: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string', description: 'Empty for those not handling the proposal.' } } },
    members: { type: 'array', items: { type: 'object', properties: { position: { type: 'integer' }, title: { type: 'string' }, first_name: { type: 'string' }, last_name: { type: 'string' } } } },
    title: { type: 'string' },
    rationale: { type: 'string' },
    programs: { type: 'array', items: { type: 'string' } },
    situations: { type: 'array', items: { type: 'object', properties: { indicator_code: { type: 'string' }, value: nullable('string'), target: nullable('string') } } },
    objectives: { type: 'array', items: { type: 'object', properties: { position: { type: 'integer' }, objective: { type: 'string' }, indicator: { type: 'string' }, target: { type: 'string' } } } },
    target_groups: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, people: { type: 'integer' } } } },
    activities: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          position: { type: 'integer' },
          title: { type: 'string' },
          detail: { type: 'string' },
          total: moneyText('Sum of the lines.'),
          expenses: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                position: { type: 'integer' },
                group: { type: 'string', enum: EXPENSE_GROUPS },
                group_label: { type: 'string' },
                item: { type: 'string' },
                unit_cost: moneyText('Per unit.'),
                units: { type: 'integer' },
                times: { type: 'integer' },
                amount: moneyText('unit_cost × units × times.'),
              },
            },
          },
        },
      },
    },
    period_start: nullable('string', { format: 'date' }),
    period_end: nullable('string', { format: 'date' }),
    place: { type: 'string' },
    expected_results: { type: 'string' },
    support_category: nullable('integer', { enum: [...SUPPORT_CATEGORIES, null] }),
    suggested_category: nullable('integer', { description: 'The category the organisation type usually falls under.' }),
    budget: moneyText('The sum of every expense line, worked out by the server.'),
    review_checklist: { type: 'object', additionalProperties: { type: 'boolean' } },
    decision: {
      type: 'object',
      properties: {
        approved_amount: money('Approved by the committee.'),
        conditions: nullable('string'),
        reason: nullable('string'),
        decided_at: nullable('string', { format: 'date-time' }),
        meeting_ref: nullable('string', { description: 'A project decided outside the system: its meeting as the minutes name it.', examples: ['ครั้งที่ 2/2569'] }),
        meeting_date: nullable('string', { format: 'date', description: "That meeting's date, when given." }),
      },
    },
    project_code: nullable('string', { description: 'Once approved: YY-Lxxxx-C-NN (fiscal year, fund, support category, running number).', examples: ['70-L1978-2-01'] }),
    origin: projectOrigin,
    origin_label: { type: 'string' },
    agenda: {
      description: 'The meeting it waits on for a decision.',
      oneOf: [
        { type: 'null' },
        { type: 'object', properties: { meeting_id: { type: 'integer' }, number: { type: 'integer' }, fiscal_year: { type: 'integer' }, date: { type: 'string', format: 'date' }, item_id: { type: 'integer' } } },
      ],
    },
    submitted_at: nullable('string', { format: 'date-time' }),
    updated_at: { type: 'string', format: 'date-time' },
    problems: {
      type: 'array',
      description: 'What keeps it from being sent, by step of the guided flow; empty when complete.',
      items: {
        type: 'object',
        properties: {
          step: { type: 'string' },
          field: { type: 'string', description: 'Dotted path, e.g. activities.0.expenses.' },
          problem: { type: 'string' },
          message: { type: 'string' },
          limit: moneyText('For equipment_over_limit.'),
        },
      },
    },
    budget_check: {
      description: "The amount against what is left of its category in the fund's approved financial plan; null until a category is chosen.",
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          properties: {
            category: { type: 'integer' },
            allocation: money('The category\'s allocation.'),
            committed: moneyText('Already approved in the category.'),
            remaining: money('allocation − committed.'),
            problems: {
              type: 'array',
              items: { type: 'object', properties: { problem: { type: 'string', enum: ['no_financial_plan', 'over_allocation', 'over_admin_cap'] }, remaining: moneyText('What is left.'), message: { type: 'string' } } },
            },
          },
        },
      ],
    },
    hats: { type: 'array', description: "The caller's part in it.", items: { type: 'string', enum: ['owner', 'mentor', 'officer', 'committee'] } },
    may_edit: { type: 'boolean', description: 'Whether the caller may PATCH it now.' },
    actions: proposalActions,
  },
};

const proposalSummarySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    fund_code: { type: 'string' },
    fiscal_year: { type: 'integer' },
    state: proposalState,
    state_label: { type: 'string' },
    title: { type: 'string' },
    organisation_name: { type: 'string' },
    support_category: nullable('integer'),
    budget: moneyText('Asked for.'),
    approved_amount: money('Approved.'),
    project_code: nullable('string'),
    origin: projectOrigin,
    updated_at: { type: 'string', format: 'date-time' },
  },
};

const meetingSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    fund: { type: 'object', properties: { code: { type: 'string' }, name_th: { type: 'string' }, name_en: nullable('string') } },
    fiscal_year: { type: 'integer' },
    number: { type: 'integer', description: 'Meeting n of the fiscal year.' },
    date: { type: 'string', format: 'date' },
    place: { type: 'string' },
    minutes: { type: 'string' },
    version: { type: 'integer', description: 'Send it back when recording attendance.' },
    members: {
      type: 'array',
      description: 'Committee members serving on the date.',
      items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, position: { type: 'string' }, organisation: nullable('string'), present: nullable('boolean', { description: 'null until attendance is recorded.' }) } },
    },
    quorum: { type: 'object', properties: { present: { type: 'integer' }, serving: { type: 'integer' }, met: { type: 'boolean', description: 'At least half of those serving present.' } } },
    items: {
      type: 'array',
      description: 'The agenda.',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          position: { type: 'integer' },
          proposal_id: { type: 'integer' },
          proposal_version: { type: 'integer' },
          title: { type: 'string' },
          organisation_name: { type: 'string' },
          budget: moneyText('Asked for.'),
          support_category: nullable('integer'),
          state: proposalState,
          state_label: { type: 'string' },
          changed_since_agenda: { type: 'boolean' },
          decision: nullable('string', { enum: [...Object.values(DECISION_OUTCOMES), null] }),
          approved_amount: money('Approved.'),
          conditions: nullable('string'),
          reason: nullable('string'),
          project_code: nullable('string'),
          budget_problems: { type: 'array', items: { type: 'object', properties: { problem: { type: 'string' }, remaining: { type: 'string' } } } },
        },
      },
    },
    candidates: {
      type: 'array',
      description: 'Reviewed or deferred proposals of the fund that may go on the agenda (for its officers).',
      items: { type: 'object', properties: { proposal_id: { type: 'integer' }, proposal_version: { type: 'integer' }, title: { type: 'string' }, organisation_name: { type: 'string' }, budget: moneyText('Asked for.'), state: proposalState, state_label: { type: 'string' } } },
    },
    actions: { type: 'array', items: { type: 'string', enum: ['meeting.manage', 'meeting.decide'] } },
  },
};

const jsonBody = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
const idParam = (description: string) => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'integer', minimum: 1 } });
const fundCodeParam = { name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: 'L1978' };
const proposalResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Proposal') } } });
const meetingResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Meeting') } } });
const writeErrors = {
  '400': errorResponse('Input that breaks a rule (error.fields names each field by its dotted path), or a body that is not valid JSON'),
  '401': errorResponse('No bearer token (writes need one), or one not valid or revoked'),
  '403': errorResponse("Outside the caller's part or area"),
  '404': errorResponse('Not found, or not visible to the caller'),
  '409': errorResponse('Changed since the version sent, or a step the state does not allow: nothing was changed'),
  '413': errorResponse('Body larger than 256 KB'),
  '415': errorResponse('Body not sent as application/json'),
};
const writeSecurity = [{ bearerAuth: [] }];

const proposalPaths = {
  '/proposals': {
    post: {
      operationId: 'startProposal',
      tags: ['proposals'],
      summary: "Start a draft proposal for the caller's organisation",
      description: 'Blank, from an example project, or as a copy of one of the organisation\'s earlier proposals (its content only).',
      security: writeSecurity,
      parameters: [parameters.lang],
      requestBody: jsonBody({
        type: 'object',
        required: ['fund_code'],
        properties: {
          fund_code: { type: 'string', examples: ['L1978'] },
          fiscal_year: { type: ['integer', 'string'], description: 'Buddhist era; the current fiscal year when left out.' },
          example: { type: ['integer', 'string'], description: 'Id of an example project to start from.' },
          copy_of: { type: ['integer', 'string'], description: "Id of one of the organisation's proposals to copy." },
        },
      }),
      responses: { '201': proposalResponse('The new draft (its address in Location)'), ...writeErrors },
    },
  },
  '/proposals/{id}': {
    get: {
      operationId: 'getProposal',
      tags: ['proposals'],
      summary: 'A proposal, its problems, its budget check and the steps the caller may take',
      description: "For its organisation, the area's staff and, once on an agenda, the fund's committee; once approved, for everyone. A draft is 404 to the public and 403 to others signed in.",
      parameters: [idParam('Proposal id'), parameters.lang],
      responses: {
        '200': proposalResponse('The proposal'),
        '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
        '403': errorResponse('Not the caller\'s to see'),
        '404': errorResponse('No such proposal, or not visible to the public'),
      },
    },
    patch: {
      operationId: 'saveProposalStep',
      tags: ['proposals'],
      summary: 'Save one step (page) of the guided flow',
      description:
        'The fields of one step, in the nested shape its form sends (`activities.0.expenses.1.unit_cost` becomes `{"activities": {"0": {"expenses": {"1": {"unit_cost": "60"}}}}}`). ' +
        'Arrays may stand for position-keyed objects and numbers for numeric text. Every amount and the budget are worked out by the server from the lines. ' +
        'The proposer edits a draft or a returned proposal; the mentor one under review.',
      security: writeSecurity,
      parameters: [idParam('Proposal id'), parameters.lang],
      requestBody: jsonBody({ oneOf: proposalSteps, discriminator: { propertyName: 'step' } }),
      responses: { '200': proposalResponse('The proposal as saved'), ...writeErrors },
    },
  },
  '/proposals/{id}/transitions': {
    post: {
      operationId: 'transitionProposal',
      tags: ['proposals'],
      summary: 'Take a step of the workflow',
      description:
        'submit, start_review, return (reason), resubmit, pass_review, add_to_agenda (meeting_id), remove_from_agenda, withdraw, cancel (reason), ' +
        'and the committee\'s approve (approved_amount, at most the budget; the whole budget when left out; conditions), reject (reason) and defer on the meeting the proposal waits on, which needs its quorum. ' +
        'A step outside the caller\'s part is 403; one the state does not allow, 409 with the steps that are open.',
      security: writeSecurity,
      parameters: [idParam('Proposal id'), parameters.lang],
      requestBody: jsonBody({
        type: 'object',
        required: ['action', 'version'],
        properties: {
          action: { type: 'string', enum: PROPOSAL_TRANSITION_NAMES },
          version,
          reason: { type: 'string', maxLength: 2000, description: 'Needed to return, cancel or reject; kept as a comment.' },
          meeting_id: { type: ['integer', 'string'], description: 'For add_to_agenda: a meeting of the same fund.' },
          approved_amount: { type: ['string', 'number'], description: 'For approve: baht.' },
          conditions: { type: 'string', maxLength: 2000, description: 'For approve.' },
        },
      }),
      responses: { '200': proposalResponse('The proposal after the step'), ...writeErrors },
    },
  },
  '/funds/{code}/proposals': {
    get: {
      operationId: 'listFundProposals',
      tags: ['proposals'],
      summary: "A fund's proposals",
      description: "All of them for the area's staff; the approved projects and the caller's own for others. CSV: the same fields.",
      parameters: [
        fundCodeParam,
        { ...parameters.fiscalYear, required: false },
        { name: 'state', in: 'query', schema: proposalState },
        { name: 'origin', in: 'query', schema: projectOrigin },
        parameters.format,
        parameters.lang,
      ],
      responses: {
        ...listResponses({
          type: 'object',
          properties: {
            fund: { type: 'object', properties: { code: { type: 'string' }, name_th: { type: 'string' } } },
            fiscal_year: nullable('integer'),
            scope: { type: 'string', enum: ['all', 'approved_and_own'] },
            items: { type: 'array', items: ref('ProposalSummary') },
            count: { type: 'integer' },
          },
        }),
        '400': errorResponse('Bad fiscal_year, state, origin or format'),
        '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
        '404': errorResponse('Unknown fund'),
      },
    },
  },
  '/funds/{code}/projects': {
    post: {
      operationId: 'recordPaperProject',
      tags: ['proposals'],
      summary: 'Record a project the committee approved on paper',
      description:
        "For the fund's officer. The project is approved at once with origin paper, its code (the next one, or project_code when it already has one: of its fiscal year, fund and category, not taken), " +
        'its target groups and its periods, and is followed like any other. The approval date is not in the future and lies between the start of the fiscal year before and the end of its own; ' +
        'the period starts in the fiscal year and ends by the end of the next. The scanned proposal is attached on the page.',
      security: writeSecurity,
      parameters: [fundCodeParam, parameters.lang],
      requestBody: jsonBody({
        type: 'object',
        required: [
          'fiscal_year',
          'title',
          'organisation_name',
          'organisation_type',
          'support_category',
          'approved_amount',
          'approval_date',
          'meeting_ref',
          'period_start',
          'period_end',
          'coordinator_name',
          'coordinator_phone',
          'target_groups',
        ],
        properties: {
          fiscal_year: { type: ['integer', 'string'], description: 'Buddhist era.', examples: [2569] },
          title: { type: 'string', maxLength: 500 },
          organisation_name: { type: 'string', maxLength: 200 },
          organisation_type: { type: ['integer', 'string'], enum: [...ORGANISATION_TYPES, ...ORGANISATION_TYPES.map(String)] },
          support_category: { type: ['integer', 'string'], enum: [...SUPPORT_CATEGORIES, ...SUPPORT_CATEGORIES.map(String)] },
          approved_amount: { type: ['string', 'number'], description: 'Baht, more than 0; also the budget.' },
          approval_date: { type: 'string', description: 'yyyy-mm-dd (CE) or d/m/yyyy (BE).' },
          meeting_ref: { type: 'string', maxLength: 100, examples: ['ครั้งที่ 2/2569'] },
          meeting_date: { type: 'string', description: 'Optional; not after the approval date.' },
          period_start: { type: 'string' },
          period_end: { type: 'string' },
          place: { type: 'string', maxLength: 1000 },
          coordinator_name: { type: 'string', maxLength: 200 },
          coordinator_phone: { type: 'string', description: '9–10 digits starting with 0.' },
          target_groups: { type: 'object', additionalProperties: { type: ['integer', 'string'] }, description: 'People per target group code, at least one: {"1004": 40}.' },
          project_code: { type: 'string', description: 'The code it already has, YY-Lxxxx-T-NN.', examples: ['69-L1976-2-07'] },
        },
      }),
      responses: { '201': proposalResponse('The project (its address in Location)'), ...writeErrors },
    },
  },
  '/funds/{code}/meetings': {
    get: {
      operationId: 'listMeetings',
      tags: ['meetings'],
      summary: "A fund's committee meetings, latest first",
      description: "For the area's staff and the fund's committee. CSV: the same fields.",
      parameters: [fundCodeParam, { ...parameters.fiscalYear, required: false }, parameters.format, parameters.lang],
      responses: {
        ...listResponses({
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'integer' }, fiscal_year: { type: 'integer' }, number: { type: 'integer' }, date: { type: 'string', format: 'date' }, place: { type: 'string' }, items: { type: 'integer' }, open: { type: 'integer', description: 'Agenda items without a decision.' } } },
            },
            count: { type: 'integer' },
            actions: { type: 'array', items: { type: 'string' } },
          },
        }),
        '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
        '403': errorResponse("Outside the caller's area"),
        '404': errorResponse('Unknown fund'),
      },
    },
    post: {
      operationId: 'createMeeting',
      tags: ['meetings'],
      summary: 'Call a committee meeting',
      description: 'Numbered n/year within the fiscal year of its date. For the fund\'s officers.',
      security: writeSecurity,
      parameters: [fundCodeParam, parameters.lang],
      requestBody: jsonBody({
        type: 'object',
        required: ['meeting_date'],
        properties: { meeting_date: { type: 'string', description: 'yyyy-mm-dd (CE) or d/m/yyyy (BE).' }, place: { type: 'string', maxLength: 300 }, fiscal_year: { type: ['integer', 'string'] } },
      }),
      responses: { '201': meetingResponse('The meeting (its address in Location)'), ...writeErrors },
    },
  },
  '/meetings/{id}': {
    get: {
      operationId: 'getMeeting',
      tags: ['meetings'],
      summary: 'A meeting: attendance and quorum, the agenda, and what may go on it',
      parameters: [idParam('Meeting id'), parameters.lang],
      responses: {
        '200': meetingResponse('The meeting'),
        '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
        '403': errorResponse("Outside the caller's area"),
        '404': errorResponse('No such meeting'),
      },
    },
    ...Object.fromEntries(
      ['put', 'patch'].map((method) => [
        method,
        {
          operationId: method === 'put' ? 'saveAttendance' : 'saveAttendancePatch',
          tags: ['meetings'],
          summary: 'Record who attended',
          description: 'The committee members present; every other member serving on the date is recorded absent. Decisions need at least half present.',
          security: writeSecurity,
          parameters: [idParam('Meeting id'), parameters.lang],
          requestBody: jsonBody({
            type: 'object',
            required: ['version', 'present'],
            properties: { version: { ...version, description: "The meeting's version last read." }, present: codeSet('Committee member ids (members[].id).') },
          }),
          responses: { '200': meetingResponse('The meeting with its quorum'), ...writeErrors },
        },
      ]),
    ),
  },
  '/projects/{code}': {
    get: {
      operationId: 'getProject',
      tags: ['proposals'],
      summary: 'An approved project by its code, for anyone',
      parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: '70-L1978-2-01' }, parameters.lang],
      responses: { '200': proposalResponse('The project'), '404': errorResponse('No project with this code') },
    },
  },
  '/projects/{code}/reports': {
    get: {
      operationId: 'listProjectReports',
      tags: ['reports'],
      summary: "A project's reports: ส.1 and ง.1 per period, ง.2 and ส.3 at the end",
      description:
        'Every report the project owes, in the order they fall due, with its state (null: not started), due date and timeliness (on_time, late, overdue, due_soon, pending). ' +
        'A started report carries its figures (generated from the activity records while a draft or returned, as frozen when submitted; amounts as exact decimal baht text), ' +
        'its text, the review history and, for the final report, indicator results and the six-dimension value assessment. For the project\'s group and the area\'s people.',
      parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: '70-L1978-2-01' }, parameters.lang],
      responses: {
        '200': {
          description: 'The reports',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  code: { type: 'string' },
                  title: { type: 'string' },
                  fund_code: { type: 'string' },
                  reports: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        id: { type: ['integer', 'null'] },
                        kind: { type: 'string', enum: ['progress', 'financial', 'closing_financial', 'final'] },
                        period: { type: ['integer', 'null'] },
                        state: { type: ['string', 'null'], enum: ['draft', 'submitted', 'checked', 'accepted', 'returned', null] },
                        due_date: { type: 'string', format: 'date' },
                        submitted_on: { type: ['string', 'null'], format: 'date' },
                        timeliness: { type: 'string', enum: ['on_time', 'late', 'overdue', 'due_soon', 'pending'] },
                        figures: { type: ['object', 'null'] },
                        text: { type: ['object', 'null'], additionalProperties: { type: 'string' } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        '401': errorResponse('Bearer token not valid or revoked'),
        '403': errorResponse("Not the caller's to see"),
        '404': errorResponse('No project with this code'),
      },
    },
  },
};

// --- The fund's books -------------------------------------------------------------------------

const amount = (description: string) => ({ type: 'string', pattern: '^-?\\d+\\.\\d{2}$', description: `${description} Baht as exact decimal text.` });
const accountAmount = { type: 'object', properties: { account: { type: 'string', example: '40100' }, account_name: { type: 'string' }, amount: amount('') } };
const ledgerEntry = {
  type: 'object',
  properties: {
    reference: { type: 'string', example: 'RCV2570-0001', description: 'RCV receipts, PAY payments, RET refunds, ADJ corrections; numbered without gaps per fund and year.' },
    date: { type: 'string', format: 'date' },
    kind: { type: 'string', enum: ['receipt', 'payment', 'refund', 'correction'] },
    document_no: { type: 'string' },
    description: { type: 'string' },
    project_code: { type: ['string', 'null'] },
    lines: { type: 'array', items: { type: 'object', properties: { account: { type: 'string' }, account_name: { type: 'string' }, debit: amount(''), credit: amount('') } } },
    bank_change: amount('Into (+) or out of (−) the bank account.'),
    balance: amount('The bank balance after this posting.'),
  },
};

const ledgerPaths = {
  '/funds/{code}/ledger': {
    get: {
      operationId: 'getLedger',
      tags: ['books'],
      summary: "A fund's postings of a fiscal year, as its cash book",
      description: "For the fund's people and those overseeing it. Every posting balances (its debits equal its credits). CSV: the cash book's columns.",
      parameters: [fundCodeParam, { ...parameters.fiscalYear, required: false, description: 'The Buddhist-era fiscal year; the running one when left out.' }, parameters.format, parameters.lang],
      responses: {
        ...listResponses({
          type: 'object',
          properties: {
            fiscal_year: { type: 'integer' },
            carried_forward: amount('The bank balance at the start of the year.'),
            balance: amount('The bank balance now.'),
            items: { type: 'array', items: ledgerEntry },
            count: { type: 'integer' },
            months: { type: 'array', items: { type: 'object', properties: { month: { type: 'string', format: 'date' }, closed: { type: 'boolean' } } } },
            actions: { type: 'array', items: { type: 'string', enum: ['ledger.post', 'ledger.close_month', 'ledger.reopen_month'] } },
          },
        }),
        '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
        '403': errorResponse("Outside the caller's area"),
        '404': errorResponse('Unknown fund'),
      },
    },
  },
  '/funds/{code}/statements/{kind}': {
    get: {
      operationId: 'getStatement',
      tags: ['books'],
      summary: 'A receipts-and-payments statement for a month, a quarter or a fiscal year',
      description: 'Anyone may read a statement whose months are all closed (`published`); the fund\'s people any statement.',
      parameters: [
        fundCodeParam,
        { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['month', 'quarter', 'year'] } },
        { ...parameters.fiscalYear, required: false },
        { name: 'number', in: 'query', description: 'month: the calendar month 1–12 inside the fiscal year; quarter: the fiscal quarter 1–4.', schema: { type: 'integer', minimum: 1, maximum: 12 } },
        parameters.format,
        parameters.lang,
      ],
      responses: {
        ...listResponses({
          type: 'object',
          properties: {
            period: { type: 'object', properties: { kind: { type: 'string' }, fiscal_year: { type: 'integer' }, number: { type: 'integer' }, start: { type: 'string', format: 'date' }, end: { type: 'string', format: 'date' } } },
            published: { type: 'boolean' },
            carried_forward: amount(''),
            receipts: { type: 'array', items: accountAmount },
            payments: { type: 'array', items: accountAmount },
            total_receipts: amount(''),
            total_payments: amount(''),
            balance: amount('carried_forward + total_receipts − total_payments.'),
          },
        }),
        '400': errorResponse('Not a statement period'),
        '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
        '403': errorResponse("A statement not yet closed, for someone outside the fund's area"),
        '404': errorResponse('Unknown fund'),
      },
    },
  },
  '/funds/{code}/receipts': {
    post: {
      operationId: 'recordReceipt',
      tags: ['books'],
      summary: 'Record money in: a receipt, or a refund from a project',
      description: 'For the fund\'s finance officer. Refused for an amount not above zero, a date in a closed month, before the books were opened or after today, and for a refund larger than the project was paid.',
      security: writeSecurity,
      parameters: [fundCodeParam, parameters.lang],
      requestBody: jsonBody({
        type: 'object',
        required: ['source', 'entry_date', 'amount'],
        properties: {
          source: { type: 'string', enum: ['nhso', 'local', 'interest', 'other', 'refund'] },
          project_code: { type: 'string', description: 'The project refunding (source refund only).' },
          entry_date: { type: 'string', description: 'yyyy-mm-dd (CE) or d/m/yyyy (BE).' },
          amount: { type: ['string', 'number'], description: 'Baht, e.g. "125,000.50".' },
          document_no: { type: 'string', maxLength: 100 },
          description: { type: 'string', maxLength: 1000 },
        },
      }),
      responses: { '201': { description: 'The posting as the ledger lists it', content: { 'application/json': { schema: ledgerEntry } } }, ...writeErrors },
    },
  },
};

// --- Following a project ----------------------------------------------------------------------

const projectCodeParam = { name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: '70-L1978-2-01' };
const followReadErrors = {
  '401': errorResponse('Bearer token not valid or revoked'),
  '403': errorResponse("Neither the project's group nor the fund's area's people (the public reads /projects/{code} only)"),
  '404': errorResponse('No project with this code'),
};
const expenseGroups = ['compensation', 'wages', 'services', 'materials', 'utilities', 'travel', 'equipment', 'other'];
const activityRecord = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    version: { type: 'integer' },
    activity_date: { type: 'string', format: 'date' },
    title: { type: 'string' },
    activity_position: { type: ['integer', 'null'], description: "Which activity of the project's plan (proposal activities[].position), or null." },
    period_number: { type: ['integer', 'null'], description: 'The period the date falls in, null between or outside them.' },
    done: { type: 'string' },
    outputs: { type: 'string' },
    outcomes: { type: 'string' },
    problems: { type: 'string' },
    fixes: { type: 'string' },
    participants: { type: 'array', items: { type: 'object', properties: { target_group_code: { type: 'string' }, planned: { type: 'integer' }, actual: { type: 'integer' } } } },
    expenses: { type: 'array', items: { type: 'object', properties: { group: { type: 'string', enum: expenseGroups }, amount: amount('') } } },
    total: amount('The sum of the expenses.'),
    files: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          kind: { type: 'string', enum: ['photo', 'receipt'] },
          file_name: { type: 'string' },
          media_type: { type: 'string', enum: ['application/pdf', 'image/jpeg', 'image/png'] },
          size_bytes: { type: 'integer' },
          href: { type: 'string', description: 'The file itself (for a signed-in browser).' },
        },
      },
    },
  },
};
const okJson = (schema: unknown) => ({ description: 'OK', content: { 'application/json': { schema } } });
const followupPaths = {
  '/projects/{code}/periods': {
    get: {
      operationId: 'listProjectPeriods',
      tags: ['followup'],
      summary: "A project's reporting periods (งวด) with their report due dates and instalments",
      description: "For the project's group and the fund's area's people. The instalments add up to the approved amount.",
      parameters: [projectCodeParam, parameters.lang],
      responses: {
        '200': okJson({
          type: 'object',
          properties: {
            project_code: { type: 'string' },
            status: { type: 'string', enum: ['running', 'completed', 'terminated', 'suspended'] },
            period_start: { type: 'string', format: 'date' },
            period_end: { type: 'string', format: 'date' },
            approved: amount(''),
            stamp: { type: 'string', description: 'What the periods were when read.' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  number: { type: 'integer' },
                  period_start: { type: 'string', format: 'date' },
                  period_end: { type: 'string', format: 'date' },
                  report_due: { type: 'string', format: 'date' },
                  instalment: amount(''),
                },
              },
            },
            count: { type: 'integer' },
          },
        }),
        ...followReadErrors,
      },
    },
  },
  '/projects/{code}/activities': {
    get: {
      operationId: 'listProjectActivities',
      tags: ['followup'],
      summary: "A project's activity records with participants, expenses and files, in date order",
      description: "For the project's group and the fund's area's people. actions is ['project.record'] when the caller may record.",
      parameters: [projectCodeParam, parameters.lang],
      responses: {
        '200': okJson({
          type: 'object',
          properties: {
            project_code: { type: 'string' },
            status: { type: 'string' },
            items: { type: 'array', items: activityRecord },
            count: { type: 'integer' },
            actions: { type: 'array', items: { type: 'string' } },
          },
        }),
        ...followReadErrors,
      },
    },
    post: {
      operationId: 'recordProjectActivity',
      tags: ['followup'],
      summary: 'Record an activity',
      description:
        "For the project's group and the fund's officer while the project runs (or once completed). The same rules as the activity page: the date inside the project's period and not after today, " +
        "a planned activity, known target groups once each, each expense group once with an amount above zero. Rows with nothing in them are left out; a problem is named by the row's position as sent (expenses.2.amount). Photos and receipts are added on the activity page.",
      security: writeSecurity,
      parameters: [projectCodeParam, parameters.lang],
      requestBody: jsonBody({
        type: 'object',
        required: ['activity_date', 'title'],
        properties: {
          activity_date: { type: 'string', description: 'yyyy-mm-dd (CE) or d/m/yyyy (BE).' },
          title: { type: 'string', maxLength: 500 },
          activity_position: { type: ['integer', 'null'] },
          done: { type: 'string', maxLength: 5000 },
          outputs: { type: 'string', maxLength: 5000 },
          outcomes: { type: 'string', maxLength: 5000 },
          problems: { type: 'string', maxLength: 5000 },
          fixes: { type: 'string', maxLength: 5000 },
          participants: {
            type: 'array',
            items: { type: 'object', required: ['target_group_code'], properties: { target_group_code: { type: 'string' }, planned: { type: ['integer', 'string'] }, actual: { type: ['integer', 'string'] } } },
          },
          expenses: { type: 'array', items: { type: 'object', required: ['group', 'amount'], properties: { group: { type: 'string', enum: expenseGroups }, amount: { type: ['string', 'number'], description: 'Baht, e.g. "1,250.50".' } } } },
        },
      }),
      responses: { '201': { description: 'The record as the list gives it', content: { 'application/json': { schema: activityRecord } } }, ...writeErrors },
    },
  },
};


// --- History imports ------------------------------------------------------------------------

const importRunId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const importCounts = {
  type: 'object',
  required: ['created', 'updated', 'unchanged', 'rejected'],
  properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, rejected: { type: 'integer' } },
};
const importRunHead = {
  id: { type: 'integer' },
  kind: { type: 'string', enum: [...HISTORY_KINDS] },
  file_name: { type: 'string' },
  status: { type: 'string', enum: ['checked', 'rejected', 'applied'], description: 'checked: a dry run with nothing rejected, not yet applied; rejected: rows (or the file) refused, nothing applied; applied.' },
  fund_code: nullable('string', { description: 'The one fund the run was limited to (`fund`), or null.' }),
  counts: importCounts,
  file_problem: {
    description: 'What is wrong with the file as a whole (truncated JSON, missing or unknown columns …); then nothing was read.',
    oneOf: [{ type: 'null' }, { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } }],
  },
  created_at: { type: 'string', format: 'date-time' },
  applied_at: nullable('string', { format: 'date-time' }),
  actions: { type: 'array', items: { type: 'string', enum: ['apply'] }, description: "['apply'] for the importer of a checked run." },
  href: { type: 'string' },
};
const importRun = {
  type: 'object',
  properties: {
    ...importRunHead,
    rows: {
      type: 'array',
      description: 'The rows worth reading: every rejected one first (up to 1,000), then created and updated ones (up to 200); unchanged rows are only counted.',
      items: {
        type: 'object',
        properties: {
          row: { type: 'integer', description: 'The row of the sheet (the header is row 1) or the position of the JSON item (from 1).' },
          fund_code: { type: 'string' },
          key: { type: 'string', description: 'projectId, the fiscal year of a plan, or a ledger reference.' },
          outcome: { type: 'string', enum: [...ROW_OUTCOMES] },
          problems: {
            type: 'array',
            items: { type: 'object', properties: { column: nullable('string'), code: { type: 'string', examples: ['history.error.dateCe', 'admin.error.negative'] }, message: { type: 'string' } } },
          },
          changed: { type: 'array', items: { type: 'string' }, description: 'The columns an update changes.' },
        },
      },
    },
    rows_not_listed: { type: 'integer' },
  },
};
const importErrors = {
  '400': errorResponse('No file, an unknown kind or dry_run, or a body that is not well-formed multipart'),
  '401': errorResponse('No bearer token (writes need one), or one not valid or revoked'),
  '403': errorResponse('Not an importer, or `fund` outside the caller\'s area'),
  '404': errorResponse('Unknown fund, or a run that is not the caller\'s'),
};
const importPaths = {
  '/imports': {
    get: {
      operationId: 'listImports',
      tags: ['imports'],
      summary: "The caller's history imports, newest first",
      description: "A fund's, region's or province's officer sees their own runs, an admin everyone's. `fund` keeps those limited to that fund.",
      parameters: [{ name: 'fund', in: 'query', schema: { type: 'string' } }, parameters.lang],
      responses: {
        '200': okJson({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: importRunHead } }, count: { type: 'integer' } } }),
        '401': errorResponse('Not for the public'),
        '403': errorResponse('Not an importer'),
        '404': errorResponse('Unknown fund'),
      },
    },
    post: {
      operationId: 'importHistory',
      tags: ['imports'],
      summary: 'Import history from the current program (localfund): projects, financial plans or ledger transactions',
      description:
        'The file is the old program\'s published JSON (`{"items": [...]}` or an array) or a CSV/XLSX with the same column names. It is streamed to disk, so tens of MB are fine (XLSX up to 30 MB). ' +
        'Every row is checked: funds by code and within the caller\'s area (an officer their fund, a provincial or regional officer their area, an admin anywhere), dates ISO (CE) or Thai (BE) with a year of the wrong era refused, categories by label or number, exact money, ledger transactions balanced. ' +
        'With `dry_run=true` (the default) nothing is written and the run can be applied later (`/imports/{id}/apply`); with `dry_run=false` it is applied at once when nothing is rejected. Either way all or nothing: one rejected row and nothing is applied. ' +
        'Rows match on projectId, fund and year, or fund and reference: the same file again changes nothing, a corrected file updates what it matched. The answer is the run (201) whatever its outcome; read `status`.',
      security: writeSecurity,
      parameters: [parameters.lang],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file', 'kind'],
              properties: {
                file: { type: 'string', contentMediaType: 'application/octet-stream', description: '.json, .csv or .xlsx' },
                kind: { type: 'string', enum: [...HISTORY_KINDS] },
                dry_run: { type: 'string', enum: ['true', 'false'], default: 'true' },
                fund: { type: 'string', description: 'Limit the run to this fund: rows of other funds are rejected.' },
              },
            },
          },
        },
      },
      responses: {
        '201': { description: 'The run', content: { 'application/json': { schema: importRun } } },
        ...importErrors,
        '413': errorResponse('File larger than 256 MB'),
        '415': errorResponse('Body not sent as multipart/form-data'),
      },
    },
  },
  '/imports/{id}': {
    get: {
      operationId: 'getImport',
      tags: ['imports'],
      summary: "A run's summary",
      parameters: [importRunId, parameters.lang],
      responses: { '200': okJson(importRun), '401': errorResponse('Not for the public'), '403': errorResponse('Not an importer'), '404': errorResponse('No such run, or not the caller\'s') },
    },
  },
  '/imports/{id}/apply': {
    post: {
      operationId: 'applyImport',
      tags: ['imports'],
      summary: 'Apply a checked dry run, all or nothing',
      description: 'For the run\'s importer. The stored file is checked again inside the one transaction: if a row is now rejected (say a project code was taken meanwhile), nothing is applied and the run says why.',
      security: writeSecurity,
      parameters: [importRunId, parameters.lang],
      responses: { '200': okJson(importRun), ...importErrors, '400': errorResponse('The run is not a checked dry run (already applied or rejected)') },
    },
  },
};

/** The document, with the server URL of the request that asked for it. */
export function openApiDocument(origin: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'kongtun API',
      version: '1.0.0',
      summary: "Open data of Thailand's local health security funds (กองทุนหลักประกันสุขภาพระดับท้องถิ่น).",
      description:
        'Read the registry: NHSO regions, provinces, districts and subdistricts; funds, their yearly figures and committees; ' +
          'the funds\' plans, combined for any area, the situation indicators over the years, and the planning catalogues. ' +
        'Anyone may read without signing in. Send a personal API token (made on the account page) as `Authorization: Bearer kt_…`, ' +
        'or use the session cookie of a signed-in browser, to also get what your role allows (for example `internal` details and more `actions`). ' +
        'A bearer token that is unknown or revoked is refused with 401. Errors are `{ "error": { "code", "message" } }`, ' +
        'with the message in Thai or English (`?lang=` or Accept-Language); for invalid input `error.fields` gives the message for each field by its dotted path. ' +
        'Proposals, committee meetings and projects can also be written: start a proposal, save it step by step, take it through review to the committee\'s decision. ' +
        'Writes take a JSON body (at most 256 KB) and need a bearer token; each sends back the `version` it last read, and a stale one is refused with 409.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'registry', description: 'Areas, funds and their committees.' },
      { name: 'plans', description: "The funds' plans, the situation over the years and the planning catalogues." },
      { name: 'overview', description: 'Figures for any area and fiscal year, from the country down to one fund, never stale.' },
      { name: 'proposals', description: 'Project proposals from start to decision, and the approved projects.' },
      { name: 'meetings', description: "The fund committee's meetings: attendance and the agenda." },
      { name: 'books', description: "The fund's books: its ledger, statements and receipts." },
      { name: 'followup', description: "Following an approved project: its periods and activity records, for its group and the area's people." },
      { name: 'reports', description: "Approved projects' reports: progress, financial, closing financial summary and final." },
      { name: 'imports', description: 'History from the current program (localfund): followed projects, annual financial plans and ledger transactions, checked (a dry run) then applied all or nothing.' },
    ],
    servers: [{ url: `${origin}/api/v1` }],
    security: [{}, { bearerAuth: [] }, { sessionCookie: [] }],
    paths: {
      '/areas': {
        get: {
          operationId: 'listAreas',
          tags: ['registry'],
          summary: 'Areas of the country',
          description:
            'Without parameters, every area. `parent` alone: its direct children. `parent` with `level`: its descendants at that level (every district of region R10). `level` alone: every area at that level.',
          parameters: [
            { name: 'level', in: 'query', schema: { type: 'string', enum: AREA_LEVELS } },
            { name: 'parent', in: 'query', schema: { type: 'string' }, examples: { region: { value: 'R10' }, province: { value: '33' } } },
            parameters.format,
            parameters.lang,
          ],
          responses: {
            ...listResponses({
              type: 'object',
              required: ['items', 'count'],
              properties: { items: { type: 'array', items: ref('Area') }, count: { type: 'integer' } },
            }),
            '400': errorResponse('Unknown level or format'),
            '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
            '404': errorResponse('Unknown parent area'),
          },
        },
      },
      '/areas/{code}': {
        get: {
          operationId: 'getArea',
          tags: ['registry'],
          summary: 'One area, the way up and the way down',
          description: 'Breadcrumbs from the country, child areas with counts, and for a district or subdistrict its funds. CSV: the child areas.',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, parameters.format, parameters.lang],
          responses: {
            '200': {
              description: 'The area',
              content: { 'application/json': { schema: ref('AreaDetail') }, 'text/csv': { schema: { type: 'string' } } },
            },
            '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
            '404': errorResponse('Unknown area'),
          },
        },
      },
      '/funds': {
        get: {
          operationId: 'listFunds',
          tags: ['registry'],
          summary: 'Find funds',
          description:
            'By code (exact or prefix, e.g. L54) or by part of the Thai or English name of the fund or its local government, within an area of any level. Without `q`, every fund of the area, by code.',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 } },
            { name: 'area', in: 'query', description: 'Any area code: R10, 33, 3306, 330601.', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
            parameters.format,
            parameters.lang,
          ],
          responses: {
            ...listResponses({
              type: 'object',
              required: ['items', 'total', 'limit', 'offset'],
              properties: {
                items: { type: 'array', items: ref('FundSummary') },
                total: { type: 'integer', description: 'How many funds match in all.' },
                limit: { type: 'integer' },
                offset: { type: 'integer' },
                area: { oneOf: [ref('Area'), { type: 'null' }] },
              },
            }),
            '400': errorResponse('Bad limit, offset, q or format'),
            '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
            '404': errorResponse('Unknown area'),
          },
        },
      },
      '/funds/{code}': {
        get: {
          operationId: 'getFund',
          tags: ['registry'],
          summary: "A fund's profile",
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: 'L0001' }, parameters.lang],
          responses: {
            '200': { description: 'The fund', content: { 'application/json': { schema: ref('FundProfile') } } },
            '400': errorResponse('format=csv asked for (a profile is not a list)'),
            '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
            '404': errorResponse('Unknown fund'),
          },
        },
      },
      '/funds/{code}/plans': {
        get: {
          operationId: 'getFundPlan',
          tags: ['plans'],
          summary: "A fund's plan for a fiscal year",
          description:
            'The plan revision in force (the public sees approved revisions only; the area\'s staff also see the draft being worked on): ' +
            'every program with its situation values (counts, rate, target, source), the district/province/region/national figures beside them, ' +
            'objectives, approaches, target groups, planned projects, and the annual financial plan. CSV: one row per situation value.',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: 'L1976' },
            parameters.fiscalYear,
            parameters.format,
            parameters.lang,
          ],
          responses: {
            '200': { description: 'The plan (plan is null when there is none the caller may see)', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } } },
            '400': errorResponse('Bad fiscal_year or format'),
            '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
            '404': errorResponse('Unknown fund'),
          },
        },
      },
      '/areas/{code}/plans': {
        get: {
          operationId: 'getAreaPlans',
          tags: ['plans'],
          summary: 'The plans of every fund in a district, province, region or the country, combined',
          description:
            'Per program: how many funds plan for it; per indicator: the situation and target as a plain average (every fund counts the same) ' +
            'and a population-weighted average. At district level also each fund\'s plan status and every planned project. ' +
            'The public gets approved plans; the area\'s staff get drafts too (`includesDrafts`). CSV: one row per program indicator.',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: '3304' },
            parameters.fiscalYear,
            parameters.format,
            parameters.lang,
          ],
          responses: {
            '200': { description: 'The combined plans', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } } },
            '400': errorResponse('Bad fiscal_year or format'),
            '401': errorResponse('Not for the public without a token (authentication_required), or a bearer token not valid or revoked'),
            '404': errorResponse('Unknown area, or a subdistrict'),
          },
        },
      },
      '/situation': {
        get: {
          operationId: 'getSituationSeries',
          tags: ['plans'],
          summary: 'An indicator by fiscal year, from the country down to an area or a fund',
          description: 'From approved plans. CSV: one row per level and year.',
          parameters: [
            { name: 'indicator', in: 'query', required: true, schema: { type: 'string' }, example: 'NCD01' },
            { name: 'place', in: 'query', required: true, description: 'TH, a region, province or district code, or a fund code.', schema: { type: 'string' }, example: 'L1976' },
            parameters.format,
            parameters.lang,
          ],
          responses: {
            '200': { description: 'The series', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } } },
            '400': errorResponse('Bad indicator or place'),
            '404': errorResponse('Unknown indicator or place'),
          },
        },
      },
      '/overview': {
        get: {
          operationId: 'getOverview',
          tags: ['overview'],
          summary: 'The overview of an area for a fiscal year, with each child area',
          description:
            'funds, active_funds, funds_with_plan, plan_programs, proposals_developed, projects_followed, approved_budget, money received by source, ' +
            'paid (by category 10(1)–10(5)), refunded, balance, spending_rate and the cumulative rate by quarter, shares to people\'s groups and 10(4), ' +
            'reports due / on time / late, and how many funds miss each expected entry; the previous year\'s figures under previous_year and every ' +
            'child area (regions of TH, provinces of a region, districts of a province, funds of a district) under children. Money is baht as decimal ' +
            'text with two places; rates are percent as text with two places, null without a base. CSV: the area, then one row per child area.',
          parameters: [
            { name: 'area', in: 'query', required: true, description: 'TH, R1…R13, or a province, district or fund code.', schema: { type: 'string' }, example: 'R10' },
            { name: 'fiscal_year', in: 'query', required: true, description: 'Buddhist era.', schema: { type: 'integer' }, example: 2569 },
            parameters.format,
            parameters.lang,
          ],
          responses: {
            '200': { description: 'The overview', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } } },
            '400': errorResponse('Bad area code or fiscal_year'),
            '404': errorResponse('Unknown area'),
          },
        },
      },
      '/catalogue/programs': {
        get: {
          operationId: 'listPrograms',
          tags: ['plans'],
          summary: 'Plan programs with their situation indicators and approaches',
          description: 'CSV: the indicators.',
          parameters: [parameters.format, parameters.lang],
          responses: { ...listResponses({ type: 'object', properties: { items: { type: 'array', items: { type: 'object' } }, count: { type: 'integer' } } }) },
        },
      },
      '/catalogue/target-groups': {
        get: {
          operationId: 'listTargetGroups',
          tags: ['plans'],
          summary: "NHSO's target groups; in_coverage marks the eight a year's plans should reach",
          parameters: [parameters.format, parameters.lang],
          responses: { ...listResponses({ type: 'object', properties: { items: { type: 'array', items: { type: 'object' } }, count: { type: 'integer' } } }) },
        },
      },
      ...proposalPaths,
      ...ledgerPaths,
      ...followupPaths,
      ...importPaths,
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          tags: ['registry'],
          summary: 'This document',
          security: [{}],
          responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A personal API token, kt_…' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'kt_session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: {
                  type: 'string',
                  examples: ['invalid_input', 'invalid_token', 'invalid_authorization', 'area_not_found', 'fund_not_found', 'not_found', 'forbidden', 'server_error'],
                },
                message: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'string' }, description: 'For invalid_input: the message for each parameter.' },
              },
            },
          },
        },
        Area: areaItem,
        AreaStats: {
          allOf: [
            ref('Area'),
            {
              type: 'object',
              properties: {
                sub_areas: { type: 'integer', description: 'Areas directly under this one.' },
                funds: { type: 'integer' },
                active_funds: { type: 'integer' },
                population: nullable('integer', { description: 'Sum over its funds for population_year; null for subdistricts.' }),
              },
            },
          ],
        },
        AreaDetail: {
          type: 'object',
          properties: {
            area: { allOf: [ref('Area'), { type: 'object', properties: { path: { type: 'string', examples: ['TH/R10/33/3306'] } } }] },
            breadcrumbs: { type: 'array', items: ref('Area') },
            children: { type: 'array', items: ref('AreaStats') },
            funds: { type: 'array', items: ref('FundSummary') },
            population_year: nullable('integer'),
            actions: { type: 'array', items: { type: 'string' } },
          },
        },
        Proposal: proposalSchema,
        ProposalSummary: proposalSummarySchema,
        Meeting: meetingSchema,
        FundSummary: fundListItem,
        FundYear: fundYear,
        CommitteeMember: committeeMember,
        FundProfile: {
          type: 'object',
          properties: {
            code: { type: 'string' },
            name_th: { type: 'string' },
            name_en: nullable('string'),
            lao_type: fundListItem.properties.lao_type,
            lao_name: { type: 'string' },
            status: { type: 'string', enum: ['active', 'closed'] },
            established_fiscal_year: nullable('integer'),
            address: nullable('string', { description: 'Office address (public contact).' }),
            phone: nullable('string', { description: 'Office phone (public contact).' }),
            email: nullable('string'),
            region: ref('Area'),
            province: ref('Area'),
            district: ref('Area'),
            subdistricts: { type: 'array', items: ref('Area') },
            years: { type: 'array', items: ref('FundYear'), description: 'Latest fiscal year first.' },
            committee: {
              type: 'object',
              properties: {
                current: { type: 'array', items: ref('CommitteeMember') },
                upcoming: { type: 'array', items: ref('CommitteeMember') },
                ended: { type: 'array', items: ref('CommitteeMember') },
                as_of: { type: 'string', format: 'date' },
              },
            },
            internal: {
              description: "Bank account and opening balance; null unless the caller may see the fund's internal details.",
              oneOf: [
                { type: 'null' },
                {
                  type: 'object',
                  properties: {
                    bank_name: nullable('string'),
                    bank_branch: nullable('string'),
                    bank_account_name: nullable('string'),
                    bank_account_number: nullable('string'),
                    opening_balance: money('Opening balance.'),
                    opening_balance_date: nullable('string', { format: 'date' }),
                  },
                },
              ],
            },
            actions: fundActions,
          },
        },
      },
    },
  };
}
