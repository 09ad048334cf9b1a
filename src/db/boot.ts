import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { type Database, openDatabase, pgliteDataDir } from './database.ts';
import { migrate } from './migrate.ts';
import { ensureReferenceAreas } from './reference/areas.ts';
import { isDatabaseEmpty, seedDemo } from './seed/demo.ts';

/** Opens the configured engine and brings its schema up to date. */
export async function openConfiguredDatabase(config: Config, logger: Logger): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({
        engine: 'postgres',
        url: config.databaseUrl,
        onConnectionLost: (error) => logger.warn({ err: error }, 'database connection lost; the pool reopens it'),
      })
    : openDatabase({ engine: 'pglite', dataDir: pgliteDataDir(config.dataDir) });
}

/** What start-up does to the database: migrate, then demo data on a first start if allowed. */
export async function prepareDatabase(config: Config, logger: Logger): Promise<Database> {
  const database = await openConfiguredDatabase(config, logger);
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    const areas = await ensureReferenceAreas(database.db);
    if (areas > 0) logger.info({ areas }, 'reference areas loaded');
    if (config.demoData === 'auto' && config.env !== 'production' && (await isDatabaseEmpty(database.db))) {
      await seedDemo(database.db);
      logger.info('demo data loaded into the empty database');
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
