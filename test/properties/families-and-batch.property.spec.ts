import fc from 'fast-check';
import { filter, materialize, merge, of, tap, type Observable } from 'rxjs';
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
// items, repeat ids, or give statuses of any kind. Whatever it says, every
// operation ends exactly once (its items fall back to single requests), and
// nothing escapes as an untyped exception.
const itemAnswer = fc.oneof(
  fc.record({ status: fc.constantFrom(200, 200, 200, 404, 429, 500, 503, 504, 0, -1), body: fc.oneof(fc.constant({ status: 'succeeded' }), fc.constant({ status: 'running' }), fc.anything()) }),
  fc.anything(),
);
const batchBody = fc.oneof(
  fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 6 }).map(String), fc.anything()), itemAnswer), { maxLength: 8 }).map((items) =>
    JSON.stringify({ responses: items.map(([id, answer]) => (typeof answer === 'object' && answer !== null ? { id, ...answer } : answer)) }),
  ),
  bodies,
);

it('every batched operation ends exactly once, whatever the $batch answers', () => {
  fc.assert(
    fc.property(batchBody, fc.integer({ min: 2, max: 5 }), (body, count) => {
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
      expect(run.error).toBeUndefined();
      // Each ended once: completed, or with a typed error of the library.
      for (const how of ends.values()) expect(how).toHaveLength(1);
      for (const [how] of ends.values()) expect(how).toMatch(/^(completed|GraphHttpError|DecodeError|NetworkError|ProtocolError|OperationTimeoutError)$/);
      expect(ends.size).toBe(count);
    }),
    {
      numRuns: 150,
      // Always tried too: a batch that says 'running' for every item, forever (bounded by the operation's timeout).
      examples: [[JSON.stringify({ responses: [1, 2, 3, 4, 5].map((id) => ({ id: String(id), status: 200, body: { status: 'running' } })) }), 3]],
    },
  );
});
