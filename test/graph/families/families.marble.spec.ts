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

describe('every other family in marbles: accepted, its statuses, its result', () => {
  const cases: [string, (g: ReturnType<typeof createGraphClient>) => import('rxjs').Observable<unknown>, Record<string, { marble: string; values: Record<string, unknown> }[]>, Record<string, unknown>][] = [
    [
      'SharePoint content type from the hub',
      (g) => g.site('s1').copyContentTypeFromHub('0x01'),
      {
        'POST /contentTypes/addCopyFromContentTypeHub': [{ marble: '-(a|)', values: { a: graphAccepted(`${ROOT}/sites/s1/operations/o`) } }],
        'GET /sites/s1/operations/o': [{ marble: '-(s|)', values: { s: graphJson({ status: 'succeeded', percentageComplete: 100, resourceLocation: `${ROOT}/sites/s1/contentTypes/0x01` }) } }],
        'GET /contentTypes/0x01': [{ marble: '-(r|)', values: { r: graphJson({ id: '0x01' }) } }],
      },
      { s: { type: 'status', status: 'succeeded', percentageComplete: 100 }, d: { type: 'succeeded', result: { id: '0x01' } } },
    ],
    [
      'Search connector schema',
      (g) => g.externalConnection('c1').updateSchema({ properties: [{ name: 't', type: 'string' }] }),
      {
        'PATCH /external/connections/c1/schema': [{ marble: '-(a|)', values: { a: graphAccepted(`${ROOT}/external/connections/c1/operations/o`) } }],
        'GET /connections/c1/operations/o': [{ marble: '-(s|)', values: { s: graphJson({ id: 'o', status: 'completed' }) } }],
        'GET /external/connections/c1/schema': [{ marble: '-(r|)', values: { r: graphJson({ properties: [] }) } }],
      },
      { s: { type: 'status', status: 'completed' }, d: { type: 'succeeded', result: { properties: [] } } },
    ],
    [
      'eDiscovery estimate (partial success ends well; no result read)',
      (g) => g.ediscoveryCase('c').estimateStatistics('s'),
      {
        'POST /searches/s/estimateStatistics': [{ marble: '-(a|)', values: { a: graphAccepted(`${ROOT}/security/cases/ediscoveryCases/c/operations/o`) } }],
        'GET /ediscoveryCases/c/operations/o': [{ marble: '-(s|)', values: { s: graphJson({ status: 'partiallySucceeded', percentProgress: 100, indexedItemCount: 5 }) } }],
      },
      { s: { type: 'status', status: 'partiallySucceeded', percentageComplete: 100 }, d: { type: 'succeeded', result: { status: 'partiallySucceeded', percentProgress: 100, indexedItemCount: 5 }, partial: true } },
    ],
    [
      'assignSensitivityLabel (monitor without the token, then the item from Graph)',
      (g) => g.driveItem('/me/drive/items/01A').assignSensitivityLabel({ sensitivityLabelId: 'L' }),
      {
        'POST /items/01A/assignSensitivityLabel': [{ marble: '-(a|)', values: { a: graphAccepted('https://contoso.sharepoint.com/monitor/m?tempAuth=x') } }],
        'GET /monitor/m': [{ marble: '-(s|)', values: { s: graphJson({ status: 'completed' }, 202) } }],
        'GET /me/drive/items/01A': [{ marble: '-(r|)', values: { r: graphJson({ id: '01A' }) } }],
      },
      { s: { type: 'status', status: 'completed' }, d: { type: 'succeeded', result: { id: '01A' } } },
    ],
  ];

  it.each(cases)('%s', (_name, start, routes, values) => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const transport = marbleTransport(scheduler, cold, routes as never);
      const graph = createGraphClient({ token: 'tok', transport, scheduler, poll: { intervalMs: 100 } });
      const reads = Object.keys(routes).filter((r) => r.startsWith('GET')).length;
      // accepted at 1; one poll at 101, answered 102; the resource (if any) read at 102, answered 103.
      expectObservable(start(graph)).toBe(reads === 2 ? '-a 100ms s (d|)' : '-a 100ms (sd|)', { a: expect.objectContaining({ type: 'accepted' }), ...values });
      scheduler.flush();
      expect(transport.requests.every((r) => !r.aborted)).toBe(true);
      const monitor = transport.requests.find((r) => r.url.includes('sharepoint.com'));
      if (monitor) expect(monitor.headers['authorization']).toBeUndefined();
    });
  });
});
