import { TestScheduler } from 'rxjs/testing';
import { catchError, map, of, timeout } from 'rxjs';
import { createGraphClient, result } from 'rx-graph-lro';
import { graphAccepted, graphError, graphJson, marbleTransport } from 'rx-graph-lro/testing';

const OP = 'https://graph.microsoft.com/v1.0/me/drive/items/01ABC/workbook/operations/op-1';
const RESULT = "https://graph.microsoft.com/v1.0/me/drive/items/01ABC/workbook/sessionInfoResource(key='op-1')";

// My service: open a session, or say 'unavailable' if Graph takes too long.
function openSession(graph: ReturnType<typeof createGraphClient>) {
  return graph.workbook('/me/drive/items/01ABC').createSession({ persistChanges: true }).pipe(
    result(),
    map((session) => session.id),
    timeout({ first: 5000 }),
    catchError(() => of('unavailable')),
  );
}

describe('openSession, in virtual time', () => {
  let scheduler: TestScheduler;
  beforeEach(() => (scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))));

  it('retries a 504, polls until succeeded, and returns the session id', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, {
        'POST /workbook/createSession': [
          { marble: '-(e|)', values: { e: graphError(504, 'gatewayTimeout') } },
          { marble: '-(a|)', values: { a: graphAccepted(OP) } },
        ],
        'GET /operations/op-1': [
          { marble: '-(r|)', values: { r: graphJson({ status: 'running' }) } },
          { marble: '-(s|)', values: { s: graphJson({ status: 'succeeded', resourceLocation: RESULT }) } },
        ],
        "GET /sessionInfoResource(key='op-1')": [{ marble: '-(i|)', values: { i: graphJson({ id: 'session-42', persistChanges: true }) } }],
      });
      const graph = createGraphClient({
        token: 'test-token',
        transport,
        scheduler,
        poll: { intervalMs: 1000, backoffFactor: 1 },
        retry: { baseDelayMs: 500, random: () => 1 },
      });

      // POST fails at 1 ms, is repeated at 501 ms and accepted at 502 ms;
      // polls at 1502 and 2503 ms; the result is read at 2504 ms.
      expectObservable(openSession(graph)).toBe('2505ms (x|)', { x: 'session-42' });
      scheduler.flush();
      expect(transport.requests.map((r) => `${r.at} ${r.method}`)).toEqual(['0 POST', '501 POST', '1502 GET', '2503 GET', '2504 GET']);
    });
  });

  it('gives up at its timeout and cancels the poll in flight', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, {
        'POST /workbook/createSession': [{ marble: '-(a|)', values: { a: graphAccepted(OP) } }],
        'GET /operations/op-1': [{ marble: '10s (r|)', values: { r: graphJson({ status: 'running' }) } }],
      });
      const graph = createGraphClient({ token: 'test-token', transport, scheduler, poll: { intervalMs: 1000 } });

      expectObservable(openSession(graph)).toBe('5000ms (x|)', { x: 'unavailable' });
      scheduler.flush();
      expect(transport.requests.map((r) => [r.method, r.aborted])).toEqual([
        ['POST', false],
        ['GET', true],
      ]);
    });
  });
});
