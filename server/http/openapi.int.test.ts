// /api/openapi.json against the routes: every documented operation is called, for every documented
// status but 429, and each answer must match the document's schema (checked by ajv, a JSON Schema
// 2020-12 validator, not by our own zod shapes); and the server serves no REST route the document
// leaves out.
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { appendApprovalRequest, startTestApi, type TestApi } from '../graphql/api-testkit.ts';
import { sqlTargets } from '../testkit/read-models.ts';

interface Operation {
  responses: Record<string, { content?: { 'application/json'?: { schema: unknown } } }>;
  requestBody?: { content: { 'application/json': { example: Record<string, unknown> } } };
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const DOC_ID = 'https://spark-ops.invalid/api/openapi.json';
const MISSING_RUN = '01930000-0000-7000-8000-00000000ffff';

for (const target of sqlTargets) {
  describe(`the OpenAPI document, tested against the routes (${target.name})`, () => {
    let t: TestApi;
    let drop: () => Promise<void>;
    let doc: OpenApiDocument;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);

    const call = async (method: string, path: string, token: string | null, body?: unknown) => {
      const response = await fetch(`${t.url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    beforeAll(async () => {
      const opened = await target.open();
      drop = opened.drop;
      t = await startTestApi({ db: opened.db });
      const response = await fetch(`${t.url}/api/openapi.json`);
      assert.equal(response.status, 200, 'the document is open: no token needed to read it');
      doc = (await response.json()) as OpenApiDocument;
      // The document's components, addressable by absolute $ref from each response schema.
      ajv.addSchema({ $id: DOC_ID, components: doc.components });
    });
    afterAll(async () => {
      await t?.close();
      await drop?.();
    });

    /** Asserts `body` matches the schema the document gives for (path, method, status). */
    function assertDocumented(path: string, method: string, status: number, body: unknown): void {
      const operation = doc.paths[path]?.[method.toLowerCase()];
      assert.ok(operation, `${method} ${path} is documented`);
      const response = operation.responses[String(status)];
      assert.ok(response, `${method} ${path} documents status ${status} (got ${JSON.stringify(body)})`);
      const schema = response.content?.['application/json']?.schema;
      assert.ok(schema, `${method} ${path} ${status} has a JSON schema`);
      // Relative refs (#/components/...) resolve against the document.
      const id = `${DOC_ID}/${method}${path}/${status}`;
      const validate = ajv.getSchema(id) ?? ajv.compile({ $id: id, ...rewriteRefs(schema) });
      assert.ok(
        validate(body),
        `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`,
      );
    }

    it('is OpenAPI 3.1 with a schema for every response', () => {
      assert.equal(doc.openapi, '3.1.0');
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          for (const [status, response] of Object.entries(operation.responses)) {
            assert.ok(response.content?.['application/json']?.schema, `${method} ${path} ${status}`);
          }
        }
      }
      for (const name of Object.keys(doc.components.schemas)) {
        assert.doesNotThrow(() => ajv.getSchema(`${DOC_ID}#/components/schemas/${name}`), name);
      }
    });

    it('every documented operation answers each documented status with the documented shape', async () => {
      const admin = await t.tokenFor('admin');
      const operator = await t.tokenFor('operator');
      const integrator = await t.tokenFor('integrator');
      const analyst = await t.tokenFor('analyst');
      const example = (path: string, method: string) =>
        doc.paths[path]?.[method]?.requestBody?.content['application/json'].example ?? {};

      // Fixtures made through the documented examples themselves.
      const agent = await call('POST', '/api/agents', admin, example('/api/agents', 'post'));
      const agentId = agent.body.id as string;
      const startBody = { ...example('/api/apa/runs', 'post'), agent_id: agentId };
      const run = await call('POST', '/api/apa/runs', integrator, startBody);
      const runId = run.body.run_id as string;
      const approvalId = '01930000-0000-7000-8000-0000000000aa';
      const appended = await appendApprovalRequest(t.store, runId, { approvalId });
      assert.ok(await t.runner.waitFor(appended.position, 5000));
      const second = await call('POST', '/api/apa/runs', integrator, startBody);
      const rejectId = '01930000-0000-7000-8000-0000000000bb';
      const rejectAppended = await appendApprovalRequest(t.store, second.body.run_id as string, {
        approvalId: rejectId,
      });
      assert.ok(await t.runner.waitFor(rejectAppended.position, 5000));
      const archived = await call('POST', '/api/agents', admin, example('/api/agents', 'post'));
      const archive = await t.gql(
        'mutation($id: ID!) { archiveAgent(id: $id) { id } }',
        { id: archived.body.id },
        {
          token: admin,
        },
      );
      assert.equal(archive.body.errors, undefined);

      const ref = `${runId}:${approvalId}`;
      const rejectRef = `${second.body.run_id}:${rejectId}`;
      type Scenario = [
        method: string,
        path: string,
        status: number,
        url: string,
        token: string | null,
        body?: unknown,
      ];
      const scenarios: Scenario[] = [
        ['GET', '/api/openapi.json', 200, '/api/openapi.json', null],
        ['POST', '/api/agents', 201, '/api/agents', admin, example('/api/agents', 'post')],
        ['POST', '/api/agents', 400, '/api/agents', admin, { name: 'x' }],
        ['POST', '/api/agents', 401, '/api/agents', null, {}],
        ['POST', '/api/agents', 403, '/api/agents', integrator, {}],
        ['GET', '/api/apa/runs', 200, '/api/apa/runs?limit=1', integrator],
        ['GET', '/api/apa/runs', 400, '/api/apa/runs?status=sleeping', integrator],
        ['GET', '/api/apa/runs', 401, '/api/apa/runs', null],
        ['GET', '/api/apa/runs', 401, '/api/apa/runs', 'spk_not-a-real-token'],
        ['POST', '/api/apa/runs', 201, '/api/apa/runs', integrator, startBody],
        ['POST', '/api/apa/runs', 400, '/api/apa/runs', integrator, { agent_id: agentId, inputs: {} }],
        ['POST', '/api/apa/runs', 401, '/api/apa/runs', null, startBody],
        ['POST', '/api/apa/runs', 403, '/api/apa/runs', analyst, startBody],
        ['POST', '/api/apa/runs', 404, '/api/apa/runs', integrator, { ...startBody, agent_id: MISSING_RUN }],
        [
          'POST',
          '/api/apa/runs',
          400,
          '/api/apa/runs',
          integrator,
          { ...startBody, agent_id: archived.body.id },
        ],
        ['GET', '/api/apa/runs/{id}', 200, `/api/apa/runs/${runId}`, integrator],
        ['GET', '/api/apa/runs/{id}', 400, `/api/apa/runs/${'x'.repeat(300)}`, integrator],
        ['GET', '/api/apa/runs/{id}', 401, `/api/apa/runs/${runId}`, null],
        ['GET', '/api/apa/runs/{id}', 404, `/api/apa/runs/${MISSING_RUN}`, integrator],
        ['GET', '/api/apa/hitl', 200, '/api/apa/hitl', integrator],
        ['GET', '/api/apa/hitl', 400, '/api/apa/hitl?cursor=nonsense', integrator],
        ['GET', '/api/apa/hitl', 401, '/api/apa/hitl', null],
        [
          'POST',
          '/api/apa/hitl/{id}/approve',
          200,
          `/api/apa/hitl/${ref}/approve`,
          operator,
          example('/api/apa/hitl/{id}/approve', 'post'),
        ],
        ['POST', '/api/apa/hitl/{id}/approve', 400, `/api/apa/hitl/${approvalId}/approve`, operator, {}],
        ['POST', '/api/apa/hitl/{id}/approve', 401, `/api/apa/hitl/${ref}/approve`, null, {}],
        ['POST', '/api/apa/hitl/{id}/approve', 403, `/api/apa/hitl/${ref}/approve`, integrator, {}],
        [
          'POST',
          '/api/apa/hitl/{id}/approve',
          404,
          `/api/apa/hitl/${MISSING_RUN}:${approvalId}/approve`,
          operator,
          {},
        ],
        ['POST', '/api/apa/hitl/{id}/approve', 409, `/api/apa/hitl/${ref}/approve`, operator, {}],
        [
          'POST',
          '/api/apa/hitl/{id}/reject',
          200,
          `/api/apa/hitl/${rejectRef}/reject`,
          operator,
          example('/api/apa/hitl/{id}/reject', 'post'),
        ],
        ['POST', '/api/apa/hitl/{id}/reject', 400, '/api/apa/hitl/nonsense/reject', operator, {}],
        ['POST', '/api/apa/hitl/{id}/reject', 401, `/api/apa/hitl/${rejectRef}/reject`, null, {}],
        ['POST', '/api/apa/hitl/{id}/reject', 403, `/api/apa/hitl/${rejectRef}/reject`, analyst, {}],
        [
          'POST',
          '/api/apa/hitl/{id}/reject',
          404,
          `/api/apa/hitl/${MISSING_RUN}:${rejectId}/reject`,
          operator,
          {},
        ],
        ['POST', '/api/apa/hitl/{id}/reject', 409, `/api/apa/hitl/${rejectRef}/reject`, operator, {}],
        [
          'POST',
          '/api/apa/runs/{id}/cancel',
          200,
          `/api/apa/runs/${runId}/cancel`,
          operator,
          example('/api/apa/runs/{id}/cancel', 'post'),
        ],
        ['POST', '/api/apa/runs/{id}/cancel', 400, `/api/apa/runs/${runId}/cancel`, operator, { reason: 7 }],
        ['POST', '/api/apa/runs/{id}/cancel', 401, `/api/apa/runs/${runId}/cancel`, null, {}],
        ['POST', '/api/apa/runs/{id}/cancel', 403, `/api/apa/runs/${runId}/cancel`, integrator, {}],
        ['POST', '/api/apa/runs/{id}/cancel', 404, `/api/apa/runs/${MISSING_RUN}/cancel`, operator, {}],
        ['POST', '/api/apa/runs/{id}/cancel', 409, `/api/apa/runs/${runId}/cancel`, operator, {}],
      ];
      for (const [method, path, status, url, token, body] of scenarios) {
        const answer = await call(method, url, token, body);
        assert.equal(answer.status, status, `${method} ${url}: ${JSON.stringify(answer.body)}`);
        assertDocumented(path, method, status, answer.body);
      }
      // Every documented (operation, status) was exercised, but 429 (rate limits have their own test).
      const exercised = new Set(scenarios.map(([m, p, s]) => `${m} ${p} ${s}`));
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          for (const status of Object.keys(operation.responses)) {
            const key = `${method.toUpperCase()} ${path} ${status}`;
            if (status === '429') continue;
            assert.ok(exercised.has(key), `${key} is documented but not exercised`);
          }
        }
      }
    });

    it('serves no REST route the document leaves out', async () => {
      const admin = await t.tokenFor('admin');
      const id = MISSING_RUN;
      const candidates = [
        ...Object.keys(doc.paths).map((path) => path.replace(/\{\w+\}/g, id)),
        '/api',
        '/api/apa',
        `/api/apa/runs/${id}/steps`,
        `/api/apa/runs/${id}/events`,
        '/api/apa/hitl/pending',
        '/api/agents/x',
        '/api/apa/agents',
      ];
      for (const url of candidates) {
        for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
          const documented = Object.entries(doc.paths).some(
            ([path, methods]) =>
              new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`).test(url) && methods[method.toLowerCase()],
          );
          const response = await fetch(`${t.url}${url}`, {
            method,
            headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
            ...(method === 'GET' ? {} : { body: '{}' }),
          });
          const body = (await response.json()) as { message?: string };
          const unrouted = response.status === 404 && /^No route for/.test(body.message ?? '');
          assert.equal(
            !unrouted,
            Boolean(documented),
            `${method} ${url} → ${response.status} ${body.message}`,
          );
        }
      }
    });
  });
}

/** Makes the document's relative `#/components/...` refs absolute, for a schema compiled on its own. */
function rewriteRefs(schema: unknown): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(schema).replaceAll('"$ref":"#/components/', `"$ref":"${DOC_ID}#/components/`),
  ) as Record<string, unknown>;
}
