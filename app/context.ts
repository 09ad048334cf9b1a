import { createContext } from 'react-router';
import type { Config } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import type { Logger } from '../src/logger.ts';

/** What the server hands every request: built once at boot by server/main.ts. */
export interface AppServices {
  config: Config;
  database: Database;
  logger: Logger;
  /** Served through Vite's dev server (npm run dev) rather than the built bundle. */
  devServer: boolean;
}

// Defined inside the server bundle and re-exported by entry.server, so the server sets the
// very key the routes read (a second copy of this module would be a different key).
export const appServicesContext = createContext<AppServices>();
