// Open data: each public dataset described with the metadata of Thailand's government data
// catalogue (CKAN with the `thai_gdc` extension), so a province or the NHSO can harvest it
// unchanged. The rows themselves come from src/use-cases/open-data.ts, whose one registry
// entry per dataset names this metadata, its columns and its query.

/** thai_gdc update frequencies (update_frequency_unit). */
export const UPDATE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'] as const;
/** thai_gdc geographic coverage codes used here. */
export const GEO_COVERAGES = ['country', 'region', 'province', 'district', 'subdistrict'] as const;
/** thai_gdc data categories (ข้อมูลสาธารณะ / ส่วนบุคคล / ความมั่นคง / ความลับทางราชการ). */
export const DATA_CLASSIFICATIONS = ['public', 'private', 'security', 'secret'] as const;

export interface DatasetColumn {
  name: string;
  type: 'text' | 'integer' | 'numeric' | 'date';
  description_th: string;
  description_en: string;
}

export interface DatasetMetadata {
  /** The dataset's name in its addresses: /open-data/{id}.csv. */
  id: string;
  title_th: string;
  title_en: string;
  notes_th: string;
  notes_en: string;
  owner_org: string;
  maintainer: string;
  maintainer_email: string;
  objective: string;
  update_frequency_unit: (typeof UPDATE_FREQUENCIES)[number];
  update_frequency_interval: number;
  geo_coverage: (typeof GEO_COVERAGES)[number];
  /** The finest area a row describes (a fund is a subdistrict-level body). */
  data_category: string;
  data_classification: (typeof DATA_CLASSIFICATIONS)[number];
  data_type: 'ข้อมูลระเบียน' | 'ข้อมูลสถิติ';
  license_id: string;
  tags: string[];
  created: string;
  modified: string;
  /** Whether ?fiscal_year= applies. */
  by_year: boolean;
  columns: DatasetColumn[];
}

/** Column names that would be personal data; no public dataset may carry one. */
export const PERSONAL_COLUMN = /phone|email|mail|national_id|citizen|id_card|address|bank|account_number|first_name|last_name|coordinator|password|token/i;

/** What a dataset's metadata lacks for the catalogue (empty: complete). */
export function metadataProblems(meta: DatasetMetadata): string[] {
  const problems: string[] = [];
  const required = ['id', 'title_th', 'title_en', 'notes_th', 'notes_en', 'owner_org', 'maintainer', 'maintainer_email', 'objective', 'data_category', 'license_id', 'created', 'modified'] as const;
  for (const key of required) if (meta[key].trim() === '') problems.push(`${key} is empty`);
  if (!/^[a-z0-9-]+$/.test(meta.id)) problems.push('id must be lower-case letters, digits and dashes');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(meta.maintainer_email)) problems.push('maintainer_email is not an address');
  if (!UPDATE_FREQUENCIES.includes(meta.update_frequency_unit)) problems.push('update_frequency_unit');
  if (!(meta.update_frequency_interval >= 1)) problems.push('update_frequency_interval');
  if (meta.data_classification !== 'public') problems.push('data_classification must be public');
  if (meta.tags.length === 0) problems.push('tags are empty');
  for (const date of [meta.created, meta.modified]) if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push(`date ${date}`);
  if (meta.columns.length === 0) problems.push('no columns');
  for (const column of meta.columns) {
    if (PERSONAL_COLUMN.test(column.name)) problems.push(`column ${column.name} looks personal`);
    if (!column.description_th || !column.description_en) problems.push(`column ${column.name} is not described`);
  }
  if (new Set(meta.columns.map((c) => c.name)).size !== meta.columns.length) problems.push('duplicate columns');
  return problems;
}

/**
 * A CKAN package_show result with the thai_gdc fields, for one dataset at a site. The two
 * resources are the CSV and JSON addresses; harvesters read `resources[].url`.
 */
export function packageShow(meta: DatasetMetadata, siteUrl: string) {
  const base = siteUrl.replace(/\/$/, '');
  const resource = (format: 'CSV' | 'JSON') => ({
    id: `${meta.id}-${format.toLowerCase()}`,
    name: `${meta.title_th} (${format})`,
    url: `${base}/open-data/${meta.id}.${format.toLowerCase()}`,
    format,
    mimetype: format === 'CSV' ? 'text/csv' : 'application/json',
    description: meta.notes_th,
    created: meta.created,
    last_modified: meta.modified,
  });
  return {
    help: `${base}/open-data`,
    success: true,
    result: {
      name: meta.id,
      title: meta.title_th,
      title_en: meta.title_en,
      notes: meta.notes_th,
      notes_en: meta.notes_en,
      type: 'dataset',
      owner_org: meta.owner_org,
      organization: { name: meta.owner_org, title: meta.owner_org },
      maintainer: meta.maintainer,
      maintainer_email: meta.maintainer_email,
      author: meta.maintainer,
      author_email: meta.maintainer_email,
      objective: meta.objective,
      update_frequency_unit: meta.update_frequency_unit,
      update_frequency_interval: String(meta.update_frequency_interval),
      geo_coverage: meta.geo_coverage,
      data_category: meta.data_category,
      data_classification: meta.data_classification,
      data_type: meta.data_type,
      license_id: meta.license_id,
      data_language: ['ไทย', 'อังกฤษ'],
      data_source: 'kongtun',
      tags: meta.tags.map((name) => ({ name })),
      metadata_created: meta.created,
      metadata_modified: meta.modified,
      url: `${base}/open-data#${meta.id}`,
      resources: [resource('CSV'), resource('JSON')],
      data_dictionary: meta.columns,
    },
  };
}
