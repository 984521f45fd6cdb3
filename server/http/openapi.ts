// The OpenAPI 3.1 document served at /api/openapi.json, printed from the REST route table itself
// (each route carries its operation) and the zod shapes of rest-schemas.ts: a route cannot exist
// without its documentation. Pure: no I/O.
import { z } from 'zod';
import { can, type Permission, ROLES } from '../auth/roles.ts';
import { restSchemas } from './rest-schemas.ts';

export interface QueryParameterDoc {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

export interface OperationDoc {
  operationId: string;
  summary: string;
  description?: string;
  /** The permission the route enforces; null for an open route. */
  permission: Permission | null;
  query?: QueryParameterDoc[];
  /** The request body and an example the route accepts. */
  body?: { schema: z.ZodType; example: Record<string, unknown> };
  /** Success and route-specific failures; 401, 403, 429 (and 400 with any input) are added. */
  responses: Record<number, { description: string; schema: z.ZodType }>;
}

export interface DocumentedRoute {
  method: 'GET' | 'POST';
  /** The path template, `{name}` for a path parameter. */
  path: string;
  /** false: open (no token). */
  authenticated: boolean;
  doc: OperationDoc;
}

const COMPONENT = '#/components/schemas/';

/** The `$ref` of a registered shape, or the shape itself inline. */
function schemaRef(schema: z.ZodType): Record<string, unknown> {
  const meta = restSchemas.get(schema);
  if (meta) return { $ref: `${COMPONENT}${meta.id}` };
  return z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}

function components(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(restSchemas, { uri: (id) => `${COMPONENT}${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  // Each is a component of this document, not a document of its own.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema]),
  );
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `${COMPONENT}Error` } } },
});

function operation(route: DocumentedRoute): Record<string, unknown> {
  const { doc } = route;
  const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParameters = (doc.query ?? []).map((q) => ({
    name: q.name,
    in: 'query',
    required: false,
    description: q.description,
    schema: q.schema,
  }));
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(doc.responses)) {
    responses[status] = {
      description: response.description,
      content: { 'application/json': { schema: schemaRef(response.schema) } },
    };
  }
  const takesInput = pathParameters.length + queryParameters.length > 0 || doc.body !== undefined;
  if (takesInput && !responses[400]) responses[400] = errorResponse('Bad input; `field` names it');
  const permission = doc.permission;
  const allowed = permission === null ? ROLES : ROLES.filter((role) => can(role, permission));
  if (route.authenticated) {
    responses[401] ??= errorResponse('No token, or an invalid, expired or revoked one');
    // Documented only where some role is refused: every role may read.
    if (allowed.length < ROLES.length) {
      responses[403] ??= errorResponse(`The token's role is not one of: ${allowed.join(', ')}`);
    }
    responses[429] ??= errorResponse('Too many requests for this token');
  }
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    description: [
      doc.description,
      route.authenticated ? `Roles: ${allowed.join(', ')}.` : 'Open: no token needed.',
    ]
      .filter(Boolean)
      .join(' '),
    ...(route.authenticated ? {} : { security: [] }),
    ...(pathParameters.length + queryParameters.length > 0
      ? { parameters: [...pathParameters, ...queryParameters] }
      : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: schemaRef(doc.body.schema), example: doc.body.example },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of `routes`. */
export function openApiDocument(
  routes: readonly DocumentedRoute[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Spark-Ops REST API',
      version,
      description:
        'The REST routes beside the GraphQL API at /graphql: same tokens, same roles, same services. ' +
        'Send `Authorization: Bearer <token>`: a session token from the GraphQL `login` mutation, or an ' +
        'API token (`spk_…`) an admin creates with `createApiToken` or on the console’s Integrations page.',
    },
    paths,
    components: {
      schemas: components(),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearer: [] }],
  };
}
