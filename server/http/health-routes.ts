import { checkReadiness, type ReadinessDependencies } from './health.ts';
import { type Route, sendJson } from './http-server.ts';

/** GET /health (liveness: the process answers) and GET /ready (dependencies answer). */
export function createHealthRoutes(deps: ReadinessDependencies): Route[] {
  return [
    (request, response) => {
      if (request.method !== 'GET' || request.url !== '/health') return false;
      sendJson(response, 200, { status: 'ok' });
      return true;
    },
    async (request, response) => {
      if (request.method !== 'GET' || request.url !== '/ready') return false;
      const readiness = await checkReadiness(deps);
      sendJson(response, readiness.ready ? 200 : 503, readiness);
      return true;
    },
  ];
}
