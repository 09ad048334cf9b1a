import { ConfigError, loadConfig } from '../src/config.ts';
import { openConfiguredDatabase } from '../src/db/boot.ts';
import { createLogger } from '../src/logger.ts';
import { migrate } from '../src/db/migrate.ts';
import { ensureReferenceAreas } from '../src/db/reference/areas.ts';
import { seedDemo } from '../src/db/seed/demo.ts';

/** npm run seed:demo — (re)loads the demo data; refuses in production. */
try {
  const config = loadConfig();
  if (config.env === 'production') {
    process.stderr.write("kongtun: demo data is never loaded in production (NODE_ENV=production)\n");
    process.exitCode = 1;
  } else {
    const database = await openConfiguredDatabase(config, createLogger(config.logLevel));
    try {
      await migrate(database);
      await ensureReferenceAreas(database.db);
      await seedDemo(database.db);
      console.log('demo data loaded');
    } finally {
      await database.close();
    }
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`kongtun: ${error.message}\n`);
  process.exitCode = 1;
}
