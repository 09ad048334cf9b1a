import { openApiDocument } from '../../src/api/openapi.ts';
import type { Route } from './+types/api.v1.openapi';

/** GET /api/v1/openapi.json: the API described in OpenAPI 3.1. */
export function loader({ request }: Route.LoaderArgs) {
  const origin = new URL(request.url).origin;
  return Response.json(openApiDocument(origin), { headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' } });
}
