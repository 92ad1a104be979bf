/**
 * The OpenAPI document at /docs-json is a contract a client generator or a fuzzer (npm run test:api-fuzz) holds the
 * API to: every operation documents what it answers, its errors in the one error shape, and ids, dates and closed
 * sets by their formats and enums. This walks the served document and names every gap.
 */
import request from 'supertest';
import { callerFor, useTestStack } from '../support/test-app';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const ID_NAME = /(^id|Id)$/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const ERROR_SCHEMA = '#/components/schemas/ErrorResponseDto';
/** Error responses that are not in the error shape, each with the reason. */
const OTHER_ERROR_SHAPES: Record<string, string> = {
  'GET /health/ready 503': 'a readiness probe answers with its report (terminus), naming the part that is down',
};
/** Success responses that are not JSON, each with its media type and the reason. */
const NOT_JSON_SUCCESSES: Record<string, { mediaType: string; reason: string }> = {
  'GET /metrics 200': { mediaType: 'text/plain', reason: "Prometheus's text exposition format, what a Prometheus server scrapes" },
};
/** Properties named like ids that are not UUIDs, each with the reason. */
const NOT_UUID_IDS: Record<string, string> = {
  workflowId: 'a Temporal workflow id, derived from the case id (discharge-handover-<uuid>)',
  requestId: "the caller's X-Request-Id when it sends a well-formed one, else a UUID",
  personId: "the token's subject",
  'AuditEntryDto.id': 'the audit chain is numbered (bigint), oldest first',
  'AuthConfigDto.clientId': "the web app's OIDC client id at the issuer (AUTH_WEB_CLIENT_ID), whatever the issuer calls it",
  'PatientDataReadDto.auditId': "the read's row in the audit chain (bigint), as AuditEntryDto.id",
};

/** Every named schema reached from `schema`, with the path to it, for rules on its properties. */
function* propertiesOf(schema: Schema | undefined, owner: string): Generator<{ owner: string; name: string; schema: Schema }> {
  if (!schema) return;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    yield { owner, name, schema: property };
    yield* propertiesOf(property, `${owner}.${name}`);
  }
  if (schema.items) yield* propertiesOf(schema.items, `${owner}[]`);
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) yield* propertiesOf(part, owner);
}

/** The schema's own format, or that of the one member of an allOf/anyOf wrapper (a nullable $ref). */
const formatOf = (s: Schema): string | undefined => s.format ?? s.items?.format;
const isStringLike = (s: Schema) => s.type === 'string' || s.items?.type === 'string';

/** Every `$ref` anywhere in the document. */
function* refsIn(node: unknown): Generator<string> {
  if (Array.isArray(node)) for (const item of node) yield* refsIn(item);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') yield value;
      else yield* refsIn(value);
    }
  }
}

export function openApiGaps(doc: Document): string[] {
  const gaps: string[] = [];
  const schemas = doc.components?.schemas ?? {};
  if (!schemas.ErrorResponseDto) gaps.push('components.schemas.ErrorResponseDto is missing');

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const responses = Object.entries(op.responses ?? {});
      const successes = responses.filter(([status]) => /^2\d\d$/.test(status));
      const errors = responses.filter(([status]) => /^[45]\d\d$/.test(status));
      if (successes.length === 0) gaps.push(`${name}: no success response`);
      for (const [status, response] of successes) {
        const mediaType = NOT_JSON_SUCCESSES[`${name} ${status}`]?.mediaType ?? 'application/json';
        if (!response.content?.[mediaType]?.schema) gaps.push(`${name}: ${status} has no ${mediaType} response schema`);
      }
      // Only a public route without input (liveness) has no error to answer.
      if (errors.length === 0 && ((op.security ?? []).length > 0 || (op.parameters ?? []).length > 0 || op.requestBody)) {
        gaps.push(`${name}: no error response documented`);
      }
      for (const [status, response] of errors) {
        const schema = response.content?.['application/json']?.schema;
        if (schema?.$ref !== ERROR_SCHEMA && !OTHER_ERROR_SHAPES[`${name} ${status}`]) gaps.push(`${name}: ${status} does not point to ErrorResponseDto`);
      }
      const authenticated = (op.security ?? []).length > 0;
      if (authenticated && !op.responses?.['401']) gaps.push(`${name}: authenticated but 401 is not documented`);
      // A free-text path segment (an area or organisation code) is only ever not found; anything the API checks can be invalid.
      const checked = (p: Parameter) => p.in !== 'path' || ID_NAME.test(p.name) || !!(p.schema?.format || p.schema?.pattern || p.schema?.type === 'integer');
      const hasInput = (op.parameters ?? []).some(checked) || !!op.requestBody;
      if (hasInput && !op.responses?.['400']) gaps.push(`${name}: takes input but 400 is not documented`);
      const body = op.requestBody?.content?.['application/json']?.schema?.$ref?.replace('#/components/schemas/', '');
      // The validation pipe refuses a field the class does not declare: the schema says so, or a client sends one.
      if (body && schemas[body]?.additionalProperties !== false) gaps.push(`${name}: body ${body} does not say additionalProperties: false`);
      if (op.requestBody && !op.responses?.['415']) gaps.push(`${name}: takes a body but 415 is not documented`);
      const headers = (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
      for (const twice of new Set(headers.filter((h, i) => headers.indexOf(h) !== i))) gaps.push(`${name}: header ${twice} is documented twice`);
      for (const p of op.parameters ?? []) {
        if (ID_NAME.test(p.name) && p.schema?.format !== 'uuid') gaps.push(`${name}: ${p.in} parameter ${p.name} lacks format: uuid`);
      }
    }
  }

  for (const ref of new Set(refsIn(doc))) {
    if (!schemas[ref.replace('#/components/schemas/', '')]) gaps.push(`${ref} does not resolve`);
  }

  for (const [component, schema] of Object.entries(schemas)) {
    for (const { owner, name, schema: property } of propertiesOf(schema, component)) {
      const where = `${owner}.${name}`;
      if (!isStringLike(property) && !property.allOf && !property.$ref) {
        if (!property.type) gaps.push(`${where} has no type`);
        continue;
      }
      if (!isStringLike(property)) continue;
      const format = formatOf(property);
      if (/(^id|Id|Ids)$/.test(name) && !NOT_UUID_IDS[name] && !NOT_UUID_IDS[where] && format !== 'uuid') gaps.push(`${where} lacks format: uuid`);
      if (/(^at|At)$/.test(name) && format !== 'date-time') gaps.push(`${where} lacks format: date-time`);
      if (/(Date|On|^date|^periodFrom|^periodTo|^validFrom|^validTo)$/.test(name) && format !== 'date') gaps.push(`${where} lacks format: date`);
    }
  }
  return gaps;
}

describe('the OpenAPI document', () => {
  const stack = useTestStack({}, { worker: false });

  it('documents every response with its schema, errors in one shape, and ids, dates and closed sets by format and enum', async () => {
    const res = await request(stack.app.getHttpServer()).get('/docs-json').expect(200);
    expect(openApiGaps(res.body as Document)).toEqual([]);
  });

  it('answers a method a path does not serve with 405, Allow and the error shape; an unknown path stays 404', async () => {
    const server = stack.app.getHttpServer();
    const res = await request(server).delete('/cases/7f6bc636-9093-4952-8f8f-8af41d024226').expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body).toEqual({ statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: expect.stringContaining('DELETE') });
    expect((await request(server).patch('/tasks').expect(405)).headers.allow).toBe('GET, HEAD');
    expect((await request(server).get('/discharge-handovers').expect(405)).headers.allow).toBe('POST');
    await request(server).delete('/no-such-thing').expect(404);
  });

  it('refuses a year that is not a number with a 400 naming it', async () => {
    const admin = await callerFor(stack.app, stack.config, 'HSF', ['reference_admin']);
    const res = await admin.put('/payment-liability/daily-amounts/twenty').send({ amountOre: 930_000 }).expect(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', field: 'year' });
  });

  it('refuses a forged cursor of the right encoding with a 400 naming it, on every list (the fuzzer found 500s)', async () => {
    const forged = Buffer.from(JSON.stringify(['Z', 'e6c3']), 'utf8').toString('base64url');
    const handler = await callerFor(stack.app, stack.config, 'KS', ['case_handler']);
    const auditor = await callerFor(stack.app, stack.config, 'HSF', ['platform_auditor']);
    for (const [caller, path] of [[handler, '/cases'], [handler, '/tasks'], [handler, '/claims'], [auditor, '/audit']] as const) {
      const res = await caller.get(`${path}?cursor=${forged}`);
      expect({ path, status: res.status, field: res.body.field }).toEqual({ path, status: 400, field: 'cursor' });
    }
  });

  it('finds a gap in a document that has one (the walk itself works)', () => {
    const doc: Document = {
      paths: {
        '/things/{thingId}': {
          get: {
            parameters: [{ name: 'thingId', in: 'path', schema: { type: 'string' } }],
            security: [{ bearer: [] }],
            responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
          },
        },
      },
      components: {
        schemas: {
          Thing: {
            type: 'object',
            properties: { id: { type: 'string' }, createdAt: { type: 'string' }, dueDate: { type: 'string', format: 'date' }, part: { $ref: '#/components/schemas/' } },
          },
        },
      },
    };
    expect(openApiGaps(doc)).toEqual([
      'components.schemas.ErrorResponseDto is missing',
      'GET /things/{thingId}: no error response documented',
      'GET /things/{thingId}: authenticated but 401 is not documented',
      'GET /things/{thingId}: takes input but 400 is not documented',
      'GET /things/{thingId}: path parameter thingId lacks format: uuid',
      '#/components/schemas/ does not resolve',
      'Thing.id lacks format: uuid',
      'Thing.createdAt lacks format: date-time',
    ]);
  });
});
