import { filter, lastValueFrom, take, toArray } from 'rxjs';
import { result } from '../../src/lro/operators/result';
import { progress } from '../../src/lro/operators/progress';
import { OperationFailedError } from '../../src/core/errors/operation-failed-error';
import type { OperationHandle } from '../../src/lro/operation-handle';
import type { OperationOptions } from '../../src/lro/operation-types';
import type { GraphSimulator } from '../../src/testing';
import { collect, failure, startSimulator } from '../helpers/simulator';

let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];
// The families' own poll defaults (31 s for Teams and Engage) give way to the call's: quick polls over loopback.
const quick: OperationOptions = { poll: { intervalMs: 5, maxIntervalMs: 5, backoffFactor: 1 }, retry: { baseDelayMs: 5, maxDelayMs: 20 } };

beforeEach(async () => ({ sim, graph } = await startSimulator({ newGroupNotFound: 2 })));
afterEach(async () => sim.stop());

const api = () => sim.requests.filter((r) => r.origin === 'graph');
const pollsOf = (fragment: string) => sim.requests.filter((r) => r.method === 'GET' && r.path.includes(fragment));

describe('Teams (teamsAsyncOperation) over HTTP', () => {
  it('create follows the relative OData-key Location and ends with the new team', async () => {
    const events = await collect(graph.teams.create({ displayName: 'Launch' }, quick));
    expect(events.map((e) => e.type)).toEqual(['accepted', 'status', 'status', 'status', 'succeeded']);
    const team = events.at(-1)!.type === 'succeeded' ? (events.at(-1) as { result: Record<string, unknown> }).result : undefined;
    expect(team).toMatchObject({ displayName: 'Launch', isArchived: false });
    expect(events[0]).toMatchObject({ type: 'accepted', location: expect.stringMatching(/\/v1\.0\/teams\('team-\d+'\)\/operations\('op-\d+'\)$/) });
    expect(pollsOf('/operations(')).not.toHaveLength(0);
  });

  it('a team from a new group: its 404s are retried (bounded), then the team is followed', async () => {
    const team = await lastValueFrom(graph.teams.create({ 'group@odata.bind': "https://graph.microsoft.com/v1.0/groups('g1')" }, quick).pipe(result()));
    expect(team).toMatchObject({ id: expect.stringMatching(/^team-/) });
    expect(api().filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([404, 404, 202]);
  });

  it('a 404 that lasts past the retry policy fails as the 404', async () => {
    const error = await failure(graph.teams.create({ 'group@odata.bind': "https://graph.microsoft.com/v1.0/groups('g2')" }, { ...quick, retry: { ...quick.retry, maxRetries: 1 } }));
    expect(error).toMatchObject({ name: 'GraphHttpError', status: 404 });
  });

  it('clone, archive, unarchive end with the team; a channel answered 201 is the result at once', async () => {
    const original = await lastValueFrom(graph.teams.create({ displayName: 'Original' }, quick).pipe(result()));
    const id = original['id'] as string;
    const clone = await lastValueFrom(graph.teams.clone(id, { displayName: 'Copy', partsToClone: ['apps', 'tabs'] }, quick).pipe(result()));
    expect(clone).toMatchObject({ displayName: 'Copy', clonedFrom: id, parts: 'apps,tabs' });
    expect(await lastValueFrom(graph.teams.archive(id, { shouldSetSpoSiteReadOnlyForMembers: true }, quick).pipe(result()))).toMatchObject({ id, isArchived: true });
    expect(await lastValueFrom(graph.teams.unarchive(id, quick).pipe(result()))).toMatchObject({ id, isArchived: false });
    expect(await lastValueFrom(graph.teams.createChannel(id, { displayName: 'General 2' }, quick).pipe(result()))).toMatchObject({ displayName: 'General 2' });
    const teamPolls = sim.requests.filter((r) => r.method === 'GET' && r.path.includes('/operations'));
    expect(teamPolls.length).toBeGreaterThan(0);
  });

  it('graph.operation({ request }) alone follows the same Teams operation to the team', async () => {
    const original = await lastValueFrom(graph.teams.create({ displayName: 'Plain' }, quick).pipe(result()));
    const events = await collect(graph.operation({ request: { method: 'POST', url: `/teams/${original['id'] as string}/archive`, body: {} } }, quick));
    expect(events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status)).toEqual(['notStarted', 'inProgress', 'succeeded']);
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', result: { isArchived: true } });
  });
});

describe('OneNote (onenoteOperation, Operation-Location) over HTTP', () => {
  it('copyNotebook reports the string progress as numbers and ends with the copied notebook', async () => {
    const events = await collect(graph.onenote().copyNotebook('1-nb', { renameAs: 'Archive' }, quick));
    expect(events.filter((e) => e.type === 'status').map((e) => (e as { percentageComplete?: number }).percentageComplete)).toEqual([0, 50, 100]);
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', result: { displayName: 'Archive' } });
    expect(pollsOf('/me/onenote/operations/')).not.toHaveLength(0);
  });

  it('copySection into a section group, for a group owner', async () => {
    const section = await lastValueFrom(graph.onenote('/groups/g7').copySection('1-s', { toSectionGroup: '1-sg' }, quick).pipe(result()));
    expect(section).toMatchObject({ id: expect.stringMatching(/^1-section/) });
    expect(sim.requests.find((r) => r.method === 'POST')!.path).toBe('/v1.0/groups/g7/onenote/sections/1-s/copyToSectionGroup');
  });

  it("OneNote's 429 without Retry-After is retried", async () => {
    sim.inject({ method: 'POST', path: '/copyNotebook', times: 2, action: { kind: 'status', status: 429 } });
    // The waits themselves (from 5 s) are asserted in virtual time: test/graph/families/families.spec.ts.
    await lastValueFrom(graph.onenote().copyNotebook('1-nb', {}, quick).pipe(result()));
    const posts = sim.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([429, 429, 202]);
  });

  it('graph.operation({ request }) alone follows Operation-Location to the notebook', async () => {
    const notebook = await lastValueFrom(graph.operation({ request: { method: 'POST', url: '/me/onenote/notebooks/1-nb/copyNotebook', body: { renameAs: 'Plain' } } }, quick).pipe(result()));
    expect(notebook).toMatchObject({ displayName: 'Plain' });
  });
});

describe('SharePoint (richLongRunningOperation) over HTTP', () => {
  const SITE = 'contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE';
  it('copyContentTypeFromHub follows to the content type; a second copy answers 200 at once', async () => {
    const first = await collect(graph.site(SITE).copyContentTypeFromHub('0x0101', quick));
    expect(first.map((e) => e.type)).toEqual(['accepted', 'status', 'status', 'status', 'succeeded']);
    expect(first.at(-1)).toMatchObject({ result: { id: '0x0101' } });
    const second = await collect(graph.site(SITE).copyContentTypeFromHub('0x0101', quick));
    expect(second).toEqual([{ type: 'succeeded', result: expect.objectContaining({ id: '0x0101' }) }]);
    expect(sim.requests[0]!.path).toContain(`/sites/${SITE}/contentTypes/addCopyFromContentTypeHub`);
  });

  it('graph.operation({ request }) alone: progress from percentageComplete, then the content type', async () => {
    const percents = await collect(graph.operation({ request: { method: 'POST', url: `/sites/${SITE}/contentTypes/addCopyFromContentTypeHub`, body: { contentTypeId: '0x0102' } } }, quick).pipe(progress()));
    expect(percents).toEqual([0, 50, 100]);
  });
});

describe('Search connectors (connectionOperation) over HTTP', () => {
  const schema = { properties: [{ name: 'title', type: 'string', isSearchable: true, isRetrievable: true, labels: ['title'] }] };
  it('updateSchema follows the lowercase words and ends with the schema Graph now has', async () => {
    const events = await collect(graph.externalConnection('contosohr').updateSchema(schema, quick));
    expect(events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status)).toEqual(['inprogress', 'completed']);
    expect(events.at(-1)).toMatchObject({ result: { baseType: 'microsoft.graph.externalItem', properties: schema.properties } });
    expect(sim.requests[0]).toMatchObject({ method: 'PATCH', path: '/v1.0/external/connections/contosohr/schema' });
  });

  it('a failed schema update is an OperationFailedError with Graph\'s error', async () => {
    sim.setScript(() => ({ statuses: ['inprogress', 'failed'], error: { code: 'InvalidSchema', message: 'title is reserved' } }));
    const error = await failure(graph.externalConnection('contosohr').updateSchema(schema, quick));
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error).toMatchObject({ code: 'InvalidSchema' });
  });

  it('graph.operation({ request }) alone ends with the final status document (there is no resource to read)', async () => {
    const final = await lastValueFrom(graph.operation({ request: { method: 'PATCH', url: '/external/connections/c2/schema', body: schema } }, quick).pipe(result()));
    expect(final).toMatchObject({ status: 'completed' });
  });
});

describe('eDiscovery (caseOperation) over HTTP', () => {
  it('estimateStatistics ends with the final operation, its derived fields included', async () => {
    const estimate = await lastValueFrom(graph.ediscoveryCase('case1').estimateStatistics('search1', quick).pipe(result()));
    expect(estimate).toMatchObject({ status: 'succeeded', action: 'estimateStatistics', indexedItemCount: 1200 });
  });

  it('partiallySucceeded ends well and says so; submissionFailed fails', async () => {
    sim.setScript(() => ({ statuses: ['running', 'partiallySucceeded'] }));
    const partial = await lastValueFrom(graph.ediscoveryCase('case1').exportResult('search1', { displayName: 'Export' }, quick).pipe(result()));
    expect(partial).toMatchObject({ status: 'partiallySucceeded', resultInfo: { message: expect.any(String) } });
    sim.setScript(() => ({ statuses: ['submissionFailed'], error: { message: 'Search is still running' } }));
    const error = await failure(graph.ediscoveryCase('case1').addToReviewSet('rs1', { search: { id: 'search1' } }, quick));
    expect(error).toBeInstanceOf(OperationFailedError);
    expect((error as OperationFailedError).message).toContain('submissionFailed');
  });

  it('graph.operation({ request }) alone: partial success is the final document', async () => {
    sim.setScript(() => ({ statuses: ['running', 'partiallySucceeded'] }));
    const final = await lastValueFrom(graph.operation({ request: { method: 'POST', url: '/security/cases/ediscoveryCases/c/searches/s/purgeData' } }, quick).pipe(result()));
    expect(final).toMatchObject({ status: 'partiallySucceeded', action: 'purgeData' });
  });
});

describe('Viva Engage (engagementAsyncOperation, Operation-Location) over HTTP', () => {
  it('createCommunity ends with the community; polls carry the token', async () => {
    const community = await lastValueFrom(graph.engage.createCommunity({ displayName: 'Launch crew' }, quick).pipe(result()));
    expect(community).toMatchObject({ displayName: 'Launch crew' });
    expect(pollsOf('/engagementAsyncOperations/').every((r) => r.authorization === 'valid')).toBe(true);
  });

  it('graph.operation({ request }) alone', async () => {
    const community = await lastValueFrom(graph.operation({ request: { method: 'POST', url: '/employeeExperience/communities', body: { displayName: 'Plain' } } }, quick).pipe(result()));
    expect(community).toMatchObject({ displayName: 'Plain' });
  });
});

describe('assignSensitivityLabel (a SharePoint monitor) over HTTP', () => {
  it('no token to the monitor; 423 Locked is retried; ends with the labelled item read from Graph', async () => {
    sim.inject({ method: 'POST', path: '/assignSensitivityLabel', times: 1, action: { kind: 'status', status: 423, code: 'resourceLocked' } });
    const item = await lastValueFrom(graph.driveItem('/me/drive/items/01DOC').assignSensitivityLabel({ sensitivityLabelId: 'label-1' }, quick).pipe(result()));
    expect(item).toMatchObject({ id: '01DOC', sensitivityLabel: { id: 'label-1' } });
    expect(sim.requests.filter((r) => r.origin === 'monitor').every((r) => r.authorization === 'none')).toBe(true);
    expect(sim.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([423, 202]);
  });
});

describe('resume, for every family', () => {
  const handleOf = async (source: ReturnType<typeof graph.teams.create>) =>
    (await lastValueFrom(source.pipe(filter((e) => e.type === 'accepted'), take(1)))) as { handle: OperationHandle };

  it.each([
    ['teams.create', () => graph.teams.create({ displayName: 'R' }, quick)],
    ['onenote.copyNotebook', () => graph.onenote().copyNotebook('1-nb', {}, quick)],
    ['site.copyContentTypeFromHub', () => graph.site('s1').copyContentTypeFromHub('0x0199', quick)],
    ['externalConnection.updateSchema', () => graph.externalConnection('c9').updateSchema({ properties: [{ name: 'a', type: 'string' }] }, quick)],
    ['ediscovery.estimateStatistics', () => graph.ediscoveryCase('c').estimateStatistics('s', quick)],
    ['engage.createCommunity', () => graph.engage.createCommunity({ displayName: 'R' }, quick)],
    ['driveItem.assignSensitivityLabel', () => graph.driveItem('/me/drive/items/01R').assignSensitivityLabel({ sensitivityLabelId: 'l' }, quick)],
  ])('%s: the handle alone finishes it in another client', async (kind, start) => {
    const { handle } = await handleOf(start() as ReturnType<typeof graph.teams.create>);
    expect(handle.kind).toBe(kind);
    const stored = JSON.parse(JSON.stringify(handle)) as OperationHandle;
    const other = (await startSimulatorClient()).graph;
    const events = await lastValueFrom(other.resume(stored, undefined, quick).pipe(toArray()));
    expect(events.at(-1)).toMatchObject({ type: 'succeeded' });
  });

  it('a handle whose params were tampered with to leave the API root is refused', async () => {
    const { handle } = await handleOf(graph.teams.archive((await lastValueFrom(graph.teams.create({ displayName: 'T' }, quick).pipe(result())))['id'] as string, {}, quick));
    const variants: Record<string, string>[] = [{ team: '//evil.example/steal' }, { team: '/teams/t1/../../me' }, { ...handle.params, extra: 'https://evil.example/' }];
    for (const params of variants) {
      const before = sim.requests.length;
      expect(await failure(graph.resume({ ...handle, params }, undefined, quick))).toMatchObject({ name: 'ProtocolError' });
      expect(sim.requests.length).toBe(before); // refused before anything is sent
    }
  });
});

/** A second client on the same simulator: what another process would be. */
async function startSimulatorClient() {
  const { createGraphClient } = await import('../../src/client');
  return { graph: createGraphClient({ baseUrl: sim.baseUrl, token: 'integration-token-7f3a9c' }) };
}
