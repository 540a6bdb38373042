import { TestScheduler } from 'rxjs/testing';
import { createGraphClient } from '../../../src/client';
import { graphAccepted, graphError, graphJson, marbleTransport } from '../../../src/testing';

const ROOT = 'https://graph.microsoft.com/v1.0';

describe('family operations in marbles', () => {
  let scheduler: TestScheduler;
  beforeEach(() => (scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))));

  it('Teams archive: accepted at 1 ms, polls 31 s then 46.5 s apart (x1.5), the team read last', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, {
        'POST /teams/t1/archive': [{ marble: '-(a|)', values: { a: graphAccepted("/teams('t1')/operations('o1')") } }],
        "GET /operations('o1')": [
          { marble: '-(r|)', values: { r: graphJson({ id: 'o1', status: 'inProgress' }) } },
          { marble: '-(s|)', values: { s: graphJson({ id: 'o1', status: 'succeeded', targetResourceLocation: "/teams('t1')" }) } },
        ],
        "GET /teams('t1')": [{ marble: '-(t|)', values: { t: graphJson({ id: 't1', isArchived: true }) } }],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler });
      expectObservable(graph.teams.archive('t1')).toBe('-a 31000ms b 46500ms c (d|)', {
        a: { type: 'accepted', location: `${ROOT}/teams('t1')/operations('o1')`, handle: { version: 2, kind: 'teams.archive', location: `${ROOT}/teams('t1')/operations('o1')`, apiRoot: ROOT, params: { team: '/teams/t1' } } },
        b: { type: 'status', status: 'inProgress' },
        c: { type: 'status', status: 'succeeded' },
        d: { type: 'succeeded', result: { id: 't1', isArchived: true } },
      });
      scheduler.flush();
      expect(transport.requests.map((r) => `${r.at} ${r.method}`)).toEqual(['0 POST', '31001 GET', '77502 GET', '77503 GET']);
      expect(transport.requests.every((r) => !r.aborted)).toBe(true);
    });
  });

  it('OneNote copy: Operation-Location, string progress, a bare 429 on the start backed off 5 s', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const op = `${ROOT}/me/onenote/operations/n1`;
      const transport = marbleTransport(scheduler, cold, {
        'POST /copyNotebook': [
          { marble: '-(e|)', values: { e: graphError(429, 'TooManyRequests') } },
          { marble: '-(a|)', values: { a: { status: 202, headers: { 'operation-location': op }, body: '' } } },
        ],
        'GET /operations/n1': [
          { marble: '-(r|)', values: { r: graphJson({ status: 'Running', percentComplete: '40.0' }) } },
          { marble: '-(c|)', values: { c: graphJson({ status: 'Completed', percentComplete: '100.0', resourceLocation: `${ROOT}/me/onenote/notebooks/nb2` }) } },
        ],
        'GET /notebooks/nb2': [{ marble: '-(n|)', values: { n: graphJson({ id: 'nb2' }) } }],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 1000, backoffFactor: 1 }, retry: { random: () => 1 } });
      expectObservable(graph.onenote().copyNotebook('nb1')).toBe('5002ms a 1000ms b 1000ms c (d|)', {
        a: expect.objectContaining({ type: 'accepted', location: op }),
        b: { type: 'status', status: 'Running', percentageComplete: 40 },
        c: { type: 'status', status: 'Completed', percentageComplete: 100 },
        d: { type: 'succeeded', result: { id: 'nb2' } },
      });
    });
  });

  it('unsubscribing while a Teams poll is in flight aborts it and sends nothing more', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, {
        'POST /teams/t1/unarchive': [{ marble: '-(a|)', values: { a: graphAccepted("/teams('t1')/operations('o1')") } }],
        "GET /operations('o1')": [{ marble: '10s (r|)', values: { r: graphJson({ status: 'inProgress' }) } }],
      });
      const graph = createGraphClient({ token: 'tok', transport, scheduler });
      expectObservable(graph.teams.unarchive('t1'), '^ 35s !').toBe('-a', { a: expect.objectContaining({ type: 'accepted' }) });
      scheduler.flush();
      expect(transport.requests.map((r) => [r.at, r.method, r.aborted])).toEqual([
        [0, 'POST', false],
        [31001, 'GET', true],
      ]);
    });
  });
});
