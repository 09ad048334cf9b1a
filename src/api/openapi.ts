// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Kept by hand beside
// the handlers in app/routes/api.v1.*.ts; tests/db/registry-read-api.test.ts checks that the
// documented paths answer.

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const money = (description: string) => nullable('string', { pattern: '^-?[0-9]+\\.[0-9]{2}$', description: `${description} Baht as exact decimal text.` });

const AREA_LEVELS = ['country', 'region', 'province', 'district', 'subdistrict'];

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
  items: { type: 'string', enum: ['fund.view_internal', 'fund.edit', 'fund_year.edit', 'committee.edit'] },
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
        'with the message in Thai or English (`?lang=` or Accept-Language).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: `${origin}/api/v1` }],
    security: [{}, { bearerAuth: [] }, { sessionCookie: [] }],
    paths: {
      '/areas': {
        get: {
          operationId: 'listAreas',
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
            '401': errorResponse('Bearer token not valid or revoked'),
            '404': errorResponse('Unknown parent area'),
          },
        },
      },
      '/areas/{code}': {
        get: {
          operationId: 'getArea',
          summary: 'One area, the way up and the way down',
          description: 'Breadcrumbs from the country, child areas with counts, and for a district or subdistrict its funds. CSV: the child areas.',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, parameters.format, parameters.lang],
          responses: {
            '200': {
              description: 'The area',
              content: { 'application/json': { schema: ref('AreaDetail') }, 'text/csv': { schema: { type: 'string' } } },
            },
            '401': errorResponse('Bearer token not valid or revoked'),
            '404': errorResponse('Unknown area'),
          },
        },
      },
      '/funds': {
        get: {
          operationId: 'listFunds',
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
            '401': errorResponse('Bearer token not valid or revoked'),
            '404': errorResponse('Unknown area'),
          },
        },
      },
      '/funds/{code}': {
        get: {
          operationId: 'getFund',
          summary: "A fund's profile",
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' }, example: 'L0001' }, parameters.lang],
          responses: {
            '200': { description: 'The fund', content: { 'application/json': { schema: ref('FundProfile') } } },
            '400': errorResponse('format=csv asked for (a profile is not a list)'),
            '401': errorResponse('Bearer token not valid or revoked'),
            '404': errorResponse('Unknown fund'),
          },
        },
      },
      '/funds/{code}/plans': {
        get: {
          operationId: 'getFundPlan',
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
            '401': errorResponse('Bearer token not valid or revoked'),
            '404': errorResponse('Unknown fund'),
          },
        },
      },
      '/areas/{code}/plans': {
        get: {
          operationId: 'getAreaPlans',
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
            '401': errorResponse('Bearer token not valid or revoked'),
            '404': errorResponse('Unknown area, or a subdistrict'),
          },
        },
      },
      '/situation': {
        get: {
          operationId: 'getSituationSeries',
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
      '/catalogue/programs': {
        get: {
          operationId: 'listPrograms',
          summary: 'Plan programs with their situation indicators and approaches',
          description: 'CSV: the indicators.',
          parameters: [parameters.format, parameters.lang],
          responses: { ...listResponses({ type: 'object', properties: { items: { type: 'array', items: { type: 'object' } }, count: { type: 'integer' } } }) },
        },
      },
      '/catalogue/target-groups': {
        get: {
          operationId: 'listTargetGroups',
          summary: "NHSO's target groups; in_coverage marks the eight a year's plans should reach",
          parameters: [parameters.format, parameters.lang],
          responses: { ...listResponses({ type: 'object', properties: { items: { type: 'array', items: { type: 'object' } }, count: { type: 'integer' } } }) },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApi',
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
