import fc from 'fast-check';
import { config, filter, materialize, merge, of, tap, type Observable } from 'rxjs';
import { decodeJson } from '../../src/core/codecs/decode';
import { toIoDecoder } from '../../src/core/codecs/decoder';
import { DecodeError } from '../../src/core/errors/decode-error';
import { teamsAsyncOperationStatus } from '../../src/graph/teams/teams-async-operation';
import { richLongRunningOperationStatus } from '../../src/graph/models/rich-long-running-operation';
import { onenoteOperationStatus } from '../../src/graph/onenote/onenote-operation';
import { connectionOperationStatus } from '../../src/graph/search/connection-operation';
import { caseOperationStatus } from '../../src/graph/ediscovery/case-operation';
import { longRunningOperationStatus } from '../../src/graph/models/long-running-operation';
import type { StatusModel } from '../../src/lro/operation-types';
import type { HttpRequest, HttpResponse } from '../../src/http/transport';
import { accepted, json } from '../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../helpers/virtual-client';
import { bodies, statusDocuments } from './arbitraries';

const models = {
  teamsAsyncOperationStatus,
  richLongRunningOperationStatus,
  onenoteOperationStatus,
  connectionOperationStatus,
  caseOperationStatus,
  longRunningOperationStatus,
} as Record<string, StatusModel<unknown>>;

describe.each(Object.entries(models))('the %s model, fed hostile bodies', (_name, model) => {
  it('gives a status whose state and report are well-formed, or a DecodeError', () => {
    fc.assert(
      fc.property(fc.oneof(bodies, statusDocuments.map((d) => JSON.stringify(d))), (body) => {
        let status: unknown;
        try {
          status = decodeJson(toIoDecoder(model.codec), body, { method: 'GET', url: ROOT });
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
          return;
        }
        expect(['running', 'succeeded', 'failed']).toContain(model.state(status));
        const report = model.describe(status);
        expect(typeof report.status).toBe('string');
        if (report.percentageComplete !== undefined) expect(Number.isFinite(report.percentageComplete)).toBe(true);
      }),
    );
  });
});

// A $batch answer is a document like any other: it may be malformed, lose
// items, repeat ids, give statuses and headers of any kind, or nest bodies
// deeper than JSON.stringify can write. Whatever it says, every operation
// ends exactly once (its items fall back to single requests), and nothing
// escapes as an untyped exception or an unhandled error. Answers are
// written as text: a parsed value could not hold what a hostile one can.
const deep = fc
  .tuple(fc.integer({ min: 1, max: 6000 }), fc.boolean())
  .map(([depth, array]) => (array ? '['.repeat(depth) + ']'.repeat(depth) : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
const jsonText = fc.jsonValue().map((v) => JSON.stringify(v));
const idText = fc.oneof(fc.integer({ min: 0, max: 6 }).map((n) => `"${n}"`), fc.constantFrom('1', 'null', '"01"', '" 1"', '"__proto__"'), jsonText);
const statusText = fc.oneof(
  fc.constantFrom(200, 200, 200, 202, 204, 301, 400, 404, 429, 500, 503, 504).map(String),
  fc.constantFrom('0', '-1', '99', '600', '200.5', '"200"', 'null', '1e400', '[]'),
  jsonText,
);
const headersText = fc.oneof(
  fc.constantFrom('{}', '{"Retry-After":"0.01"}', '{"retry-after":"abc"}', '{"Content-Type":"application/json"}', '[]', '"x"', 'null', '{"retry-after":5}', '{"__proto__":"x"}'),
  deep,
  jsonText,
);
const bodyText = fc.oneof(
  fc.constantFrom('{"status":"succeeded"}', '{"status":"running"}', '{"status":"failed","error":{"code":"x"}}', 'null', '"<html>"', '""'),
  deep.map((d) => `{"status":"succeeded","x":${d}}`),
  deep,
  bodies.map((b) => JSON.stringify(b)),
  jsonText,
);
const entryText = fc.oneof(
  fc
    .record({ id: idText, status: statusText, headers: headersText, body: bodyText }, { requiredKeys: ['id'] })
    .map((e) => `{${Object.entries(e).map(([k, v]) => `"${k}":${v}`).join(',')}}`),
  fc.constantFrom('1', 'null', '"1"', '[]', '{}'),
  deep,
);
const batchBody = fc.oneof(
  { weight: 4, arbitrary: fc.array(entryText, { maxLength: 8 }).map((entries) => `{"responses":[${entries.join(',')}]}`) },
  { weight: 1, arbitrary: fc.oneof(bodies, deep.map((d) => `{"responses":${d}}`), fc.constantFrom('{"responses":{}}', '{"responses":null}', '')) },
);

const unhandled: unknown[] = [];
beforeAll(() => (config.onUnhandledError = (error) => unhandled.push(error)));
afterAll(() => (config.onUnhandledError = null));

it('every batched operation ends exactly once, whatever the $batch answers', () => {
  fc.assert(
    fc.property(batchBody, fc.integer({ min: 2, max: 5 }), (body, count) => {
      unhandled.length = 0;
      const transport = (req: HttpRequest): Observable<HttpResponse> => {
        if (req.url.endsWith('/$batch')) return of({ status: 200, headers: { 'content-type': 'application/json' }, body });
        if (req.method === 'POST') return of(accepted(`${ROOT}/ops${req.url.slice(ROOT.length)}`));
        return of(json(200, { status: 'succeeded' }));
      };
      const { scheduler, graph } = virtualClient(transport, { batch: { windowMs: 10 }, retry: { maxRetries: 1, baseDelayMs: 10, random: () => 1 } });
      const ends = new Map<number, string[]>();
      const end = (i: number, how: string) => ends.set(i, [...(ends.get(i) ?? []), how]);
      const ops = Array.from({ length: count }, (_, i) =>
        // Bounded: an answer that says 'running' forever would otherwise poll for the default hour of virtual time.
        graph.operation({ request: { method: 'POST', url: `/op${i}` } }, { timeoutMs: 2_000 }).pipe(
          materialize(),
          tap((n) => n.kind !== 'N' && end(i, n.kind === 'E' ? (n.error as Error).name : 'completed')),
          filter(() => false),
        ),
      );
      const run = runVirtual(scheduler, merge(...ops));
      expect(unhandled).toEqual([]);
      expect(run.error).toBeUndefined();
      // Each ended once: completed, or with a typed error of the library (an
      // item that says "failed", even as a JSON string body, fails its operation).
      for (const how of ends.values()) expect(how).toHaveLength(1);
      for (const [how] of ends.values()) expect(how).toMatch(/^(completed|GraphHttpError|DecodeError|NetworkError|ProtocolError|OperationTimeoutError|OperationFailedError)$/);
      expect(ends.size).toBe(count);
    }),
    {
      numRuns: 150,
      examples: [
        // Always tried too: a batch that says 'running' for every item, forever (bounded by the operation's timeout).
        [JSON.stringify({ responses: [1, 2, 3, 4, 5].map((id) => ({ id: String(id), status: 200, body: { status: 'running' } })) }), 3],
        // An id repeated, an item nested 5,000 deep, an id left out.
        [`{"responses":[{"id":"1","status":200,"body":{"status":"succeeded"}},{"id":"1","status":200,"body":{"status":"running"}},{"id":"2","status":200,"body":${'['.repeat(5000)}${']'.repeat(5000)}}]}`, 3],
      ],
    },
  );
});
