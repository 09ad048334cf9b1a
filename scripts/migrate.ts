import { ConfigError, loadConfig } from '../src/config.ts';
import { openConfiguredDatabase } from '../src/db/boot.ts';
import { createLogger } from '../src/logger.ts';
import { currentMigrationVersion, migrate } from '../src/db/migrate.ts';
import { ensureReferenceAreas } from '../src/db/reference/areas.ts';

/** npm run db:migrate — applies pending migrations to the configured database. */
try {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, createLogger(config.logLevel));
  try {
    const applied = await migrate(database);
    await ensureReferenceAreas(database.db);
    const version = await currentMigrationVersion(database);
    console.log(applied.length ? `applied ${applied.join(', ')}; now at ${version}` : `up to date at ${version}`);
  } finally {
    await database.close();
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`kongtun: ${error.message}\n`);
  process.exitCode = 1;
}
