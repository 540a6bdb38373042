import fc from 'fast-check';
import { config, type Observable, of, throwError } from 'rxjs';
import * as t from 'io-ts';
import { GraphLroError } from '../../src/core/errors/graph-lro-error';
import type { HttpResponse } from '../../src/http/transport';
import type { OperationEvent } from '../../src/lro/operation-event';
import type { GraphClient } from '../../src/client';
import { bodies, headerValues, locations, statusDocuments } from './arbitraries';
import { ROOT, runVirtual, TOKEN, virtualClient } from '../helpers/virtual-client';

// The whole pipeline, every user-facing operation, against a server that
// answers anything at all: every run ends (value or typed error) within its
// bound, emits only well-formed events, sends nothing after it ends, never
// lets an exception escape, and never puts the token in an error or in a
// request to an origin other than Graph's.

type Answer = { kind: 'response'; response: HttpResponse } | { kind: 'network' };

const statuses = fc.oneof(
  fc.constantFrom(200, 201, 202, 204, 301, 302, 303, 307, 308, 400, 401, 403, 404, 409, 423, 429, 500, 502, 503, 504),
  fc.integer({ min: 100, max: 599 }),
);
const answer: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ status: statuses, location: fc.option(locations), retryAfter: fc.option(headerValues), body: fc.oneof(bodies, statusDocuments) }).map(
    ({ status, location, retryAfter, body }): Answer => ({
      kind: 'response',
      response: { status, headers: { ...(location !== null ? { location } : {}), ...(retryAfter !== null ? { 'retry-after': retryAfter } : {}) }, body },
    }),
  ) },
  { weight: 1, arbitrary: fc.constant<Answer>({ kind: 'network' }) },
);

const Status = t.type({ status: t.string });
const operations: [string, (graph: GraphClient) => Observable<OperationEvent<unknown>>][] = [
  ['createSession', (g) => g.workbook('/me/drive/items/A').createSession({ persistChanges: true }, { timeoutMs: 120_000 })],
  ['addTableRow', (g) => g.workbook('/me/drive/root:/Q1.xlsx:').addTableRow('Table1', [[1, 'a']], { timeoutMs: 120_000 })],
  ['deleteTableRow', (g) => g.workbook('/drives/d/items/B').deleteTableRow('Table1', 3, { timeoutMs: 120_000 })],
  ['copy', (g) => g.driveItem('/me/drive/items/F').copy({ name: 'Copy' }, { timeoutMs: 120_000 })],
  [
    'custom operation',
    (g) =>
      g.operation(
        {
          request: { method: 'POST', url: '/teams/T/clone', body: {} },
          status: { codec: Status, describe: (s) => ({ status: s.status }), state: (s) => (s.status === 'succeeded' ? 'succeeded' : s.status === 'failed' ? 'failed' : 'running') },
          resultUrl: () => 'https://graph.microsoft.com/v1.0/teams/T2',
          resultCodec: t.unknown,
        },
        { timeoutMs: 120_000 },
      ),
  ],
];

const unhandled: unknown[] = [];
beforeAll(() => (config.onUnhandledError = (error) => unhandled.push(error)));
afterAll(() => (config.onUnhandledError = null));

describe.each(operations)('%s against any server', (_, start) => {
  it('ends, typed and well-formed, and keeps the token where it belongs', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 12 }), (answers) => {
        unhandled.length = 0;
        const { scheduler, graph, transport } = virtualClient(
          (_req, i) => {
            const next = answers[Math.min(i, answers.length - 1)]!;
            return next.kind === 'network' ? throwError(() => new TypeError('socket hang up')) : of(next.response);
          },
          { poll: { intervalMs: 1000, backoffFactor: 2, maxIntervalMs: 20_000 }, retry: { maxRetries: 2, baseDelayMs: 100, random: () => 1 } },
        );
        const out = runVirtual(scheduler, start(graph));
        // It ended: completed after `succeeded`, or failed with a typed error.
        expect(out.error !== undefined || out.completedAt !== undefined).toBe(true);
        if (out.error !== undefined) {
          expect(out.error).toBeInstanceOf(GraphLroError);
          const e = out.error as Error;
          expect(`${e.message}${e.stack}${String((e as { cause?: unknown }).cause)}`).not.toContain(TOKEN);
        } else {
          expect(out.values[out.values.length - 1]?.type).toBe('succeeded');
        }
        const end = out.completedAt ?? scheduler.now();
        expect(end).toBeLessThanOrEqual(120_000);
        for (const event of out.values) {
          expect(['accepted', 'status', 'succeeded']).toContain(event.type);
          if (event.type === 'status') {
            expect(typeof event.status).toBe('string');
            if (event.percentageComplete !== undefined) expect(Number.isFinite(event.percentageComplete)).toBe(true);
          }
          if (event.type === 'accepted') expect(() => new URL(event.location)).not.toThrow();
        }
        for (const request of transport.log) {
          expect(request.at).toBeLessThanOrEqual(end);
          if (request.headers['authorization'] !== undefined) expect(new URL(request.url).origin).toBe(new URL(ROOT).origin);
        }
        expect(unhandled).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('graph.resume against any handle (a handle comes back from storage)', () => {
  it('follows it, or fails typed, within its bound; the token never leaves for another origin', () => {
    const handle = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          version: fc.oneof(fc.constant(1), fc.jsonValue()),
          kind: fc.oneof(fc.constantFrom('workbook.createSession', 'workbook.addTableRow', 'workbook.deleteTableRow', 'driveItem.copy', 'custom'), fc.string()),
          location: locations,
          apiRoot: fc.oneof(fc.constant(ROOT), fc.string()),
          drive: fc.oneof(fc.constant(`${ROOT}/me/drive`), fc.constant('https://evil.example/v1.0/me/drive'), fc.string()),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(handle, fc.array(answer, { minLength: 1, maxLength: 6 }), (raw, answers) => {
        unhandled.length = 0;
        const { scheduler, graph, transport } = virtualClient((_req, i) => {
          const next = answers[Math.min(i, answers.length - 1)]!;
          return next.kind === 'network' ? throwError(() => new TypeError('socket hang up')) : of(next.response);
        });
        const out = runVirtual(scheduler, graph.resume(raw as never, undefined, { timeoutMs: 60_000 }));
        expect(out.error !== undefined || out.completedAt !== undefined).toBe(true);
        if (out.error !== undefined) expect(out.error).toBeInstanceOf(GraphLroError);
        for (const request of transport.log) {
          if (request.headers['authorization'] !== undefined) expect(new URL(request.url).origin).toBe(new URL(ROOT).origin);
        }
        expect(unhandled).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
