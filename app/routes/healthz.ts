import { currentMigrationVersion } from '../../src/db/migrate.ts';
import { services } from '../lib/request.server.ts';
import type { Route } from './+types/healthz';

/** For load balancers and operators: which engine, which schema, and that the database answers. */
export async function loader({ context }: Route.LoaderArgs) {
  const { database } = services(context);
  const migrationVersion = await currentMigrationVersion(database);
  return Response.json({ status: 'ok', engine: database.engine, migrationVersion }, { headers: { 'Cache-Control': 'no-store' } });
}
