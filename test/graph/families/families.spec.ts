import { of } from 'rxjs';
import { accepted, graphError, json } from '../../helpers/fake-transport';
import { ROOT, runVirtual, virtualClient } from '../../helpers/virtual-client';

// Each family's documented timing rules, in virtual time: the client's own
// poll policy is 100 ms steady and its retries 50 ms, so every wait below
// comes from the family.

describe('family timing rules (virtual time)', () => {
  it('Teams: polls at least 30 s apart, asking for newer enum members; the call can still override', () => {
    const { scheduler, graph, transport } = virtualClient((req) => {
      if (req.method === 'POST') return of(accepted("/teams('t1')/operations('o1')"));
      if (req.url.endsWith("operations('o1')")) {
        const polls = transport.log.filter((r) => r.url.endsWith("operations('o1')")).length;
        return of(json(200, { id: 'o1', status: polls < 3 ? 'inProgress' : 'succeeded', targetResourceId: 't1', targetResourceLocation: "/teams('t1')" }));
      }
      return of(json(200, { id: 't1', isArchived: true }));
    });
    const run = runVirtual(scheduler, graph.teams.archive('t1'));
    expect(run.error).toBeUndefined();
    const polls = transport.log.filter((r) => r.url.includes('/operations('));
    expect(polls[0]!.at).toBe(31_000);
    const gaps = polls.slice(1).map((r, i) => r.at - polls[i]!.at);
    expect(gaps.every((gap) => gap > 30_000)).toBe(true);
    expect(polls.every((r) => r.headers['prefer'] === 'include-unknown-enum-members')).toBe(true);
    expect(transport.log.at(-1)!.url).toBe(`${ROOT}/teams('t1')`);

    const quick = virtualClient((req) => (req.method === 'POST' ? of(accepted("/teams('t1')/operations('o1')")) : of(json(200, { status: 'succeeded', targetResourceLocation: "/teams('t1')", id: 't1' }))));
    runVirtual(quick.scheduler, quick.graph.teams.unarchive('t1', { poll: { intervalMs: 1_000 } }));
    expect(quick.transport.log[1]!.at).toBe(1_000);
  });

  it('Viva Engage: the same 30 s floor, from Operation-Location', () => {
    const { scheduler, graph, transport } = virtualClient((req) =>
      req.method === 'POST'
        ? of(accepted('', { 'operation-location': `${ROOT}/employeeExperience/engagementAsyncOperations/e1` }))
        : req.url.endsWith('/e1')
          ? of(json(200, { id: 'e1', status: 'succeeded', resourceLocation: `${ROOT}/employeeExperience/communities/c1` }))
          : of(json(200, { id: 'c1' })),
    );
    const run = runVirtual(scheduler, graph.engage.createCommunity({ displayName: 'x' }));
    expect(run.values.at(-1)).toEqual({ type: 'succeeded', result: { id: 'c1' } });
    expect(transport.log[1]).toMatchObject({ at: 31_000, url: `${ROOT}/employeeExperience/engagementAsyncOperations/e1` });
  });

  it("OneNote: a 429 without Retry-After backs off from 5 s, not the client's 50 ms", () => {
    const { scheduler, graph, transport } = virtualClient((req, i) => {
      if (req.method === 'POST') return i < 2 ? of(graphError(429, 'TooManyRequests')) : of(accepted('', { 'operation-location': `${ROOT}/me/onenote/operations/n1` }));
      if (req.url.endsWith('/n1')) return of(json(200, { status: 'Completed', resourceLocation: `${ROOT}/me/onenote/notebooks/nb2`, percentComplete: '100.0' }));
      return of(json(200, { id: 'nb2' }));
    });
    const run = runVirtual(scheduler, graph.onenote().copyNotebook('nb1'));
    expect(run.values.at(-1)).toEqual({ type: 'succeeded', result: { id: 'nb2' } });
    // Equal jitter at its top (random = 1): 5 s, then 10 s.
    expect(transport.log.filter((r) => r.method === 'POST').map((r) => r.at)).toEqual([0, 5_000, 15_000]);
  });

  it('Teams create: a 404 (a group Teams cannot see yet) is retried from 10 s; other starts are not', () => {
    const { scheduler, graph, transport } = virtualClient((req, i) =>
      req.method === 'POST' ? (i < 1 ? of(graphError(404, 'NotFound')) : of(accepted("/teams('t9')/operations('o9')"))) : of(json(200, { status: 'succeeded', targetResourceId: 't9', id: 't9' })),
    );
    runVirtual(scheduler, graph.teams.create({ 'group@odata.bind': `${ROOT}/groups('g')` }));
    expect(transport.log.filter((r) => r.method === 'POST').map((r) => r.at)).toEqual([0, 10_000]);
    // Without a template, the standard one, under the client's own API root.
    expect(JSON.parse(transport.log[0]!.body!)).toEqual({ 'template@odata.bind': `${ROOT}/teamsTemplates('standard')`, 'group@odata.bind': `${ROOT}/groups('g')` });
    // Without a targetResourceLocation, the team is read by its id.
    expect(transport.log.at(-1)!.url).toBe(`${ROOT}/teams/t9`);

    const clone = virtualClient(() => of(graphError(404, 'NotFound')));
    expect(runVirtual(clone.scheduler, clone.graph.teams.clone('t1', { displayName: 'c', partsToClone: 'apps' })).error).toMatchObject({ status: 404 });
    expect(clone.transport.log).toHaveLength(1);
  });

  it('assignSensitivityLabel: 423 Locked is sent again; the monitor gets no token', () => {
    const monitor = 'https://contoso.sharepoint.com/_api/v2.0/monitor/m1?tempAuth=abc';
    const { scheduler, graph, transport } = virtualClient((req, i) => {
      if (req.method === 'POST') return i < 1 ? of(graphError(423, 'resourceLocked')) : of(accepted(monitor));
      if (req.url === monitor) return of(json(202, { status: 'completed' }));
      return of(json(200, { id: '01A', sensitivityLabel: { id: 'L' } }));
    });
    const run = runVirtual(scheduler, graph.driveItem('/me/drive/items/01A').assignSensitivityLabel({ sensitivityLabelId: 'L' }));
    expect(run.values.at(-1)).toEqual({ type: 'succeeded', result: { id: '01A', sensitivityLabel: { id: 'L' } } });
    expect(transport.log.map((r) => r.url)).toEqual([
      `${ROOT}/me/drive/items/01A/assignSensitivityLabel`,
      `${ROOT}/me/drive/items/01A/assignSensitivityLabel`,
      monitor,
      `${ROOT}/me/drive/items/01A`,
    ]);
    expect(transport.log[2]!.headers['authorization']).toBeUndefined();
  });

  it('unsubscribing during a 30 s Teams wait leaves no timer and sends nothing more', () => {
    const { scheduler, graph, transport } = virtualClient(() => of(accepted("/teams('t1')/operations('o1')")));
    const run = runVirtual(scheduler, graph.teams.archive('t1'), 10_000);
    expect(run.values).toHaveLength(1);
    expect(transport.log).toHaveLength(1);
  });
});

describe('family shortcuts check their arguments before anything is sent', () => {
  const { graph, transport } = virtualClient(() => of(json(500, {})));
  it.each([
    ['a team id with a slash is still one segment', () => graph.teams.archive('a/../b'), null],
    ['an empty team id', () => graph.teams.unarchive(''), /teamId must be a non-empty id/],
    ['clone without parts', () => graph.teams.clone('t', { displayName: 'x', partsToClone: [] as never }), /partsToClone must name some of/],
    ['clone with a typo in parts', () => graph.teams.clone('t', { displayName: 'x', partsToClone: 'apps,tab' }), /partsToClone/],
    ['archive with a string flag', () => graph.teams.archive('t', { shouldSetSpoSiteReadOnlyForMembers: 'yes' as never }), /must be a boolean/],
    ['a channel without a name', () => graph.teams.createChannel('t', {} as never), /channel.displayName/],
    ['a OneNote owner that is not one', () => graph.onenote('/drives/x').copyNotebook('n'), /onenote\(\) takes whose notebooks/],
    ['a OneNote owner with encoded dot segments', () => graph.onenote('/users/%2e%2e').copyNotebook('n'), /onenote\(\) takes whose notebooks/],
    ['a OneNote owner with an encoded slash', () => graph.onenote('/users/a%2F..').copyNotebook('n'), /onenote\(\) takes whose notebooks/],
    ['a section copy with two targets', () => graph.onenote().copySection('s', { toNotebook: 'a', toSectionGroup: 'b' }), /exactly one of/],
    ['a section copy with no target', () => graph.onenote().copySection('s', {}), /exactly one of/],
    ['a content type id that is a number', () => graph.site('s').copyContentTypeFromHub(7 as never), /contentTypeId/],
    ['a schema without properties', () => graph.externalConnection('c').updateSchema({ properties: [] }), /non-empty properties/],
    ['an export without a body', () => graph.ediscoveryCase('c').exportResult('s', undefined as never), /exportResult request must be an object/],
    ['a community without a name', () => graph.engage.createCommunity({} as never), /displayName/],
    ['a label without an id', () => graph.driveItem('/me/drive/items/1').assignSensitivityLabel({} as never), /sensitivityLabelId/],
    ['a label with an unknown method', () => graph.driveItem('/me/drive/items/1').assignSensitivityLabel({ sensitivityLabelId: 'l', assignmentMethod: 'manual' as never }), /assignmentMethod/],
    ['an unknown option', () => graph.teams.unarchive('t', { timeout: 5 } as never), /unknown option|timeout/],
  ])('%s', (_name, call, message) => {
    if (message === null) {
      // Encoded, not refused: the id cannot move the request.
      expect(() => call()).not.toThrow();
      return;
    }
    expect(() => call()).toThrow(message);
    expect(transport.log).toHaveLength(0);
  });

  it('a team id with a slash or dot segments is encoded into one segment', () => {
    const { scheduler, graph: g, transport: log } = virtualClient(() => of(graphError(400, 'bad')));
    runVirtual(scheduler, g.teams.archive('a/../b'));
    expect(log.log[0]!.url).toBe(`${ROOT}/teams/a%2F..%2Fb/archive`);
  });
});
