import { lastValueFrom } from 'rxjs';
import { OperationFailedError } from '../../src/core/errors/operation-failed-error';
import { OperationTimeoutError } from '../../src/core/errors/operation-timeout-error';
import type { OperationEvent } from '../../src/lro/operation-event';
import type { OperationOptions } from '../../src/lro/operation-types';
import { result } from '../../src/lro/operators/result';
import type { GraphSimulator, SimulatorWarning } from '../../src/testing';
import { collect, failure, startSimulator, TOKEN } from '../helpers/simulator';

// Every asynchronous resource of Graph v1.0's census (test/fixtures/graph-census.json),
// run end to end over loopback HTTP against the simulator through
// graph.operation({ request }) alone: no status model, no result rule.

let sim: GraphSimulator;
let graph: Awaited<ReturnType<typeof startSimulator>>['graph'];
let warnings: SimulatorWarning[];
// Quick polls; a documented Retry-After (exportPersonalData's 60 s) capped so the table runs in real time.
const quick: OperationOptions = { poll: { intervalMs: 5, maxIntervalMs: 5, backoffFactor: 1, maxRetryAfterMs: 5 }, retry: { baseDelayMs: 5, maxDelayMs: 20 } };

beforeEach(async () => {
  warnings = [];
  ({ sim, graph } = await startSimulator({ onWarning: (w) => warnings.push(w) }));
});
afterEach(async () => {
  await sim.stop();
  // Every default script speaks its kind's own words.
  expect(warnings).toEqual([]);
});

type Start = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT'; url: string; body?: unknown; headers?: Record<string, string> };

interface Row {
  /** The census type. */
  readonly type: string;
  /** How the start is answered and where the status is read. */
  readonly shape: '202 monitor' | '201 job' | '200 job' | 'done at once';
  readonly start: (sim: GraphSimulator) => Start | Promise<Start>;
  /** The status words the events report, in order. */
  readonly words: readonly string[];
  /** What the polls GET (none for an operation that ends at once). */
  readonly polled?: RegExp;
  /** Progress the events report, where the resource has some. */
  readonly progress?: readonly number[];
  /** What the result holds. */
  readonly result: Record<string, unknown>;
}

const printer = { displayName: 'Floor 3', manufacturer: 'Contoso', model: 'LX-9', certificateSigningRequest: { content: 'MIIC…', transportKey: 'MIIB…' } };

const ROWS: readonly Row[] = [
  // Monitors: 202 with Location or Operation-Location.
  {
    type: 'workbookOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/me/drive/items/01BOOK/workbook/createSession', body: { persistChanges: true } }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/workbook\/operations\/op-\d+$/,
    result: { persistChanges: true },
  },
  {
    type: 'teamsAsyncOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/teams', body: { displayName: 'Census' } }),
    words: ['notStarted', 'inProgress', 'succeeded'],
    polled: /\/teams\('team-\d+'\)\/operations\('op-\d+'\)$/,
    result: { displayName: 'Census' },
  },
  {
    type: 'onenoteOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/me/onenote/notebooks/1-nb/copyNotebook', body: { renameAs: 'Census' } }),
    // Graph sends NotStarted, Running, Completed; the default model reports them canonically.
    words: ['notStarted', 'running', 'completed'],
    polled: /\/me\/onenote\/operations\/op-\d+$/,
    progress: [0, 50, 100],
    result: { displayName: 'Census' },
  },
  {
    type: 'richLongRunningOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/sites/s1/contentTypes/addCopyFromContentTypeHub', body: { contentTypeId: '0x0101AB' } }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/sites\/s1\/operations\/op-\d+$/,
    progress: [0, 50, 100],
    result: { id: '0x0101AB' },
  },
  {
    type: 'engagementAsyncOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/employeeExperience/communities', body: { displayName: 'Census' } }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/employeeExperience\/engagementAsyncOperations\/op-\d+$/,
    result: { displayName: 'Census' },
  },
  {
    type: 'externalConnectors.connectionOperation',
    shape: '202 monitor',
    start: () => ({ method: 'PATCH', url: '/external/connections/census/schema', body: { baseType: 'microsoft.graph.externalItem', properties: [] } }),
    words: ['inProgress', 'completed'],
    polled: /\/external\/connections\/census\/operations\/op-\d+$/,
    result: { status: 'completed' },
  },
  {
    type: 'security.caseOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/security/cases/ediscoveryCases/c1/searches/s1/estimateStatistics' }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/ediscoveryCases\/c1\/operations\/op-\d+$/,
    progress: [0, 50, 100],
    result: { action: 'estimateStatistics', indexedItemCount: 1200 },
  },
  {
    type: 'dataPolicyOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/users/adele@contoso.com/exportPersonalData', body: { storageLocation: 'https://contoso.blob.core.windows.net/exports?sv=1&sig=x' } }),
    words: ['notStarted', 'running', 'complete'],
    polled: /\/dataPolicyOperations\/[0-9a-f-]{36}$/,
    progress: [0, 50, 100],
    result: { status: 'complete', userId: 'adele@contoso.com', completedDateTime: expect.any(String) },
  },
  {
    type: 'printOperation (printerCreateOperation)',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/print/printers/create', body: printer }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/print\/operations\/[0-9a-f-]{36}$/,
    result: { status: { state: 'succeeded', description: expect.any(String) }, printer: { displayName: 'Floor 3', status: { state: 'unknown' } } },
  },
  {
    type: 'attackSimulationOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/security/attackSimulation/simulations', body: { displayName: 'Phish drill', attackTechnique: 'credentialHarvesting' } }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/security\/attackSimulation\/operations\/[0-9a-f-]{36}$/,
    progress: [0, 50, 100],
    // Read from the operation's resourceLocation.
    result: { displayName: 'Phish drill', status: 'scheduled' },
  },
  {
    type: 'teamsAdministration.telephoneNumberLongRunningOperation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/admin/teams/telephoneNumberManagement/numberAssignments/assignNumber', body: { telephoneNumber: '+14255550100', assignmentTargetId: 'u1', numberType: 'callingPlan' } }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/telephoneNumberManagement\/operations\('[A-Za-z0-9_-]+'\)$/,
    result: { numbers: [{ telephoneNumber: '+14255550100', status: 'succeeded', resourceLocation: expect.stringContaining('/numberAssignments(') }] },
  },
  {
    type: 'delegatedAdminRelationshipOperation',
    shape: '202 monitor',
    start: () => ({
      method: 'PATCH',
      url: '/tenantRelationships/delegatedAdminRelationships/rel-1/accessAssignments/aa-1',
      body: { accessDetails: { unifiedRoles: [{ roleDefinitionId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451' }] } },
      headers: { 'If-Match': 'W/"1"' },
    }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/delegatedAdminRelationships\/rel-1\/operations\/[0-9a-f-]{36}$/,
    result: { operationType: 'delegatedAdminAccessAssignmentUpdate', status: 'succeeded' },
  },
  {
    type: 'partners.billing.operation',
    shape: '202 monitor',
    start: () => ({ method: 'POST', url: '/reports/partners/billing/usage/billed/export', body: { invoiceId: 'G000024135', attributeSet: 'full' } }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/reports\/partners\/billing\/operations\/[0-9a-f-]{36}$/,
    result: { '@odata.type': '#microsoft.graph.partners.billing.exportSuccessOperation', 'resourceLocation@odata.navigationLink': expect.stringMatching(/\/billing\/manifests\//) },
  },
  // Job resources: the start answers with the job, polled where it lives.
  {
    type: 'deviceManagementExportJob',
    shape: '201 job',
    start: () => ({ method: 'POST', url: '/deviceManagement/reports/exportJobs', body: { reportName: 'Devices', format: 'csv' } }),
    words: ['notStarted', 'inProgress', 'completed'],
    polled: /\/deviceManagement\/reports\/exportJobs\/Devices_[0-9a-f-]{36}$/,
    result: { status: 'completed', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/blobs\/reports\/Devices_.+\.zip\?.*sig=/) },
  },
  {
    type: 'security.auditLogQuery',
    shape: '201 job',
    start: () => ({ method: 'POST', url: '/security/auditLog/queries', body: { displayName: 'q', filterStartDateTime: '2026-11-01T00:00:00Z', filterEndDateTime: '2026-11-02T00:00:00Z' } }),
    words: ['notStarted', 'running', 'succeeded'],
    polled: /\/security\/auditLog\/queries\/[0-9a-f-]{36}$/,
    result: { '@odata.type': '#microsoft.graph.security.auditLogQuery', status: 'succeeded' },
  },
  {
    type: 'accessReviewHistoryDefinition',
    shape: '201 job',
    start: () => ({ method: 'POST', url: '/identityGovernance/accessReviews/historyDefinitions', body: { displayName: 'Last quarter', scopes: [] } }),
    // Graph spells it inprogress; the default model reports the canonical spelling.
    words: ['requested', 'inProgress', 'done'],
    polled: /\/identityGovernance\/accessReviews\/historyDefinitions\/[0-9a-f-]{36}$/,
    result: { displayName: 'Last quarter', status: 'done' },
  },
  {
    type: 'configurationSnapshotJob',
    shape: '200 job',
    start: () => ({ method: 'POST', url: '/admin/configurationManagement/configurationSnapshots/createSnapshot', body: { displayName: 'Snapshot Demo', resources: ['microsoft.exchange.sharedmailbox'] } }),
    words: ['notStarted', 'running', 'succeeded'],
    // Not under the configurationSnapshots it was posted to.
    polled: /\/admin\/configurationManagement\/configurationSnapshotJobs\/[0-9a-f-]{36}$/,
    result: { displayName: 'Snapshot Demo', status: 'succeeded', completedDateTime: expect.not.stringMatching(/^0001/) },
  },
  {
    type: 'cloudPcDeviceImage',
    shape: '201 job',
    start: () => ({ method: 'POST', url: '/deviceManagement/virtualEndpoint/deviceImages', body: { displayName: 'ImageForDev', version: '0.0.1', sourceImageResourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/images/i' } }),
    words: ['pending', 'ready'],
    polled: /\/deviceManagement\/virtualEndpoint\/deviceImages\/[0-9a-f-]{36}$/,
    result: { status: 'ready', osStatus: 'supported', errorCode: null },
  },
  {
    type: 'browseSessionBase (sharePointBrowseSession)',
    shape: '201 job',
    start: () => ({ method: 'POST', url: '/solutions/backupRestore/sharePointBrowseSessions', body: { restorePointId: 'rp-1' } }),
    words: ['creating', 'created'],
    polled: /\/solutions\/backupRestore\/sharePointBrowseSessions\/m_[A-Za-z0-9_-]+$/,
    result: { '@odata.type': '#microsoft.graph.sharePointBrowseSession', status: 'created' },
  },
  {
    type: 'restoreSessionBase (activate)',
    shape: '200 job',
    start: async (s) => ({ method: 'POST', url: `/solutions/backupRestore/restoreSessions/${await draftSession(s)}/activate` }),
    words: ['activating', 'active', 'completed'],
    polled: /\/solutions\/backupRestore\/restoreSessions\/[0-9a-f-]{36}$/,
    result: { status: 'completed', restoreSessionArtifactCount: { total: 2, completed: 2, failed: 0, inProgress: 0 } },
  },
  {
    type: 'restoreSessionBase (create: a draft, done at once)',
    shape: 'done at once',
    start: () => ({ method: 'POST', url: '/solutions/backupRestore/oneDriveForBusinessRestoreSessions', body: { driveRestoreArtifacts: [{ restorePoint: { id: 'rp-1' } }] } }),
    words: [],
    result: { '@odata.type': '#microsoft.graph.oneDriveForBusinessRestoreSession', status: 'draft' },
  },
  {
    type: 'threatAssessmentRequest (mailAssessmentRequest)',
    shape: '201 job',
    start: () => ({ method: 'POST', url: '/informationProtection/threatAssessmentRequests', body: { '@odata.type': '#microsoft.graph.mailAssessmentRequest', recipientEmail: 'a@contoso.com', messageUri: 'https://graph.microsoft.com/v1.0/users/a/messages/m1', expectedAssessment: 'block', category: 'spam' } }),
    words: ['pending', 'completed'],
    polled: /\/informationProtection\/threatAssessmentRequests\/[0-9a-f-]{36}$/,
    result: { '@odata.type': '#microsoft.graph.mailAssessmentRequest', status: 'completed', contentType: 'mail' },
  },
  {
    type: 'threatAssessmentRequest (fileAssessmentRequest: completed at once)',
    shape: 'done at once',
    start: () => ({ method: 'POST', url: '/informationProtection/threatAssessmentRequests', body: { '@odata.type': '#microsoft.graph.fileAssessmentRequest', fileName: 'test.txt', contentData: 'VGhpcyBpcyBhIHRlc3Q=', expectedAssessment: 'block', category: 'malware' } }),
    words: [],
    result: { status: 'completed', contentType: 'file' },
  },
  {
    type: 'commsOperation (playPromptOperation: not polled)',
    shape: 'done at once',
    start: () => ({ method: 'POST', url: '/communications/calls/call-1/playPrompt', body: { clientContext: 'ctx-1', prompts: [] } }),
    words: [],
    result: { '@odata.type': '#microsoft.graph.playPromptOperation', status: 'running', clientContext: 'ctx-1' },
  },
];

/** A draft restore session of two sites, made as a user would before activating it. */
async function draftSession(s: GraphSimulator): Promise<string> {
  const created = await fetch(`${s.baseUrl}/solutions/backupRestore/sharePointRestoreSessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ siteRestoreArtifacts: [{ restorePoint: { id: 'rp-1' } }, { restorePoint: { id: 'rp-2' } }] }),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

const statuses = (events: OperationEvent<unknown>[]) => events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status);

describe('every census type runs through graph.operation({ request }) with no status model', () => {
  it.each(ROWS.map((row) => [row.type, row.shape, row] as const))('%s (%s)', async (_type, shape, row) => {
    const request = await row.start(sim);
    const before = sim.requestCount;
    const events = await collect(graph.operation({ request }, quick));
    const log = sim.requests.filter((r) => r.seq >= before);

    const start = log[0]!;
    expect({ method: start.method, status: start.status }).toEqual({ method: request.method, status: { '202 monitor': 202, '201 job': 201, '200 job': 200, 'done at once': shape === 'done at once' && /playPrompt/.test(request.url) ? 200 : 201 }[shape] });
    expect(statuses(events)).toEqual(row.words);
    expect(events.map((e) => e.type)).toEqual(shape === 'done at once' ? ['succeeded'] : ['accepted', ...row.words.map(() => 'status'), 'succeeded']);
    if (row.progress) expect(events.filter((e) => e.type === 'status').map((e) => (e as { percentageComplete?: number }).percentageComplete)).toEqual(row.progress);
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', result: row.result });
    expect(events.at(-1)).not.toHaveProperty('partial');

    const polls = log.slice(1).filter((r) => r.method === 'GET');
    if (row.polled) {
      expect(polls.length).toBeGreaterThan(0);
      const statusPolls = polls.filter((r) => row.polled!.test(decodeURIComponent(r.path.replace(/\?.*$/, ''))));
      expect(statusPolls.length).toBeGreaterThanOrEqual(row.words.length - (shape === '202 monitor' ? 0 : 1));
      // Each poll asks for the enum members Graph would otherwise hide.
      expect(statusPolls.every((r) => /include-unknown-enum-members/.test(r.prefer ?? ''))).toBe(true);
    } else {
      expect(polls).toEqual([]);
    }
    // Every Graph request carried the token, and only Graph's origin was asked.
    expect(log.every((r) => r.origin === 'graph' && r.authorization === 'valid')).toBe(true);
  });

  it('covers every root type of the census fixture', () => {
    const census = require('../fixtures/graph-census.json') as { types: { type: string }[] };
    const covered = ROWS.map((row) => row.type.split(' ')[0]);
    // commsOperation is covered above; onenoteOperation is the root `operation`'s derived type.
    const roots = census.types.map((t) => t.type.replace(/^microsoft\.graph\./, '')).map((t) => (t === 'operation' ? 'onenoteOperation' : t === 'longRunningOperation' ? 'richLongRunningOperation' : t));
    expect(roots.filter((t) => !covered.includes(t))).toEqual([]);
  });
});

describe('what Graph documents for each, over HTTP', () => {
  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sim.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const get = (url: string, headers: Record<string, string> = {}) => fetch(url.startsWith('http') ? url : `${sim.baseUrl}${url}`, { headers: { authorization: `Bearer ${TOKEN}`, ...headers } });

  it('every census route checks the token: none is a 401, and the log says so', async () => {
    const answer = await fetch(`${sim.baseUrl}/deviceManagement/reports/exportJobs`, { method: 'POST', body: JSON.stringify({ reportName: 'Devices' }) });
    expect(answer.status).toBe(401);
    expect(sim.requests.at(-1)).toMatchObject({ authorization: 'none', status: 401 });
  });

  it("exportPersonalData: 202 with Location and Graph's Retry-After of 60 s, which a script shortens", async () => {
    const body = { storageLocation: 'https://contoso.blob.core.windows.net/exports?sv=1&sig=x' };
    const first = await post('/users/u1/exportPersonalData', body);
    expect(first.status).toBe(202);
    expect(first.headers.get('location')).toMatch(new RegExp(`^${sim.baseUrl}/dataPolicyOperations/[0-9a-f-]{36}$`));
    expect(first.headers.get('retry-after')).toBe('60');
    sim.setScript('user.exportPersonalData', { statuses: ['running', 'complete'], retryAfter: '1' });
    expect((await post('/users/u1/exportPersonalData', body)).headers.get('retry-after')).toBe('1');
    expect((await post('/users/u1/exportPersonalData', {})).status).toBe(400);
  });

  it('printer creation: Operation-Location and Retry-After 5; a failure says why in status.description', async () => {
    const answer = await post('/print/printers/create', printer);
    expect(answer.headers.get('operation-location')).toMatch(/\/print\/operations\/[0-9a-f-]{36}$/);
    expect(answer.headers.get('retry-after')).toBe('5');
    sim.setScript('print.createPrinter', { statuses: ['running', 'failed'], error: { code: 'badCsr', message: 'The CSR is not valid.' } });
    const error = await failure(graph.operation({ request: { method: 'POST', url: '/print/printers/create', body: printer } }, quick));
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error).toMatchObject({ operationStatus: 'failed' });
    // The typed shortcut reads printOperation's own model: the description is the error.
    const typed = await failure(graph.print.createPrinter(printer, quick));
    expect(typed).toMatchObject({ operationStatus: 'failed', error: { code: 'printOperationFailed', message: 'The CSR is not valid.' } });
  });

  it('a telephone number operation is read at its OData-key Location, which is also served with a slash', async () => {
    const answer = await post('/admin/teams/telephoneNumberManagement/numberAssignments/assignNumber', { telephoneNumber: '+14255550100', assignmentTargetId: 'u1', numberType: 'callingPlan' });
    const location = answer.headers.get('location')!;
    expect(location).toMatch(/\/operations\('[A-Za-z0-9_-]+'\)$/);
    const key = /\('([^']+)'\)$/.exec(location)![1]!;
    expect((await get(`/admin/teams/telephoneNumberManagement/operations/${key}`)).status).toBe(200);
  });

  it('a delegated admin access assignment: If-Match is required and checked; an unchanged PATCH is a 200 with the assignment, not followed', async () => {
    const url = '/tenantRelationships/delegatedAdminRelationships/rel-1/accessAssignments/aa-2';
    const current = (await (await get(url)).json()) as Record<string, unknown>;
    const patch = (headers: Record<string, string>, body: unknown) => fetch(`${sim.baseUrl}${url}`, { method: 'PATCH', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const change = { accessDetails: { unifiedRoles: [{ roleDefinitionId: 'new-role' }] } };
    expect((await patch({}, change)).status).toBe(400);
    expect((await patch({ 'if-match': 'W/"9"' }, change)).status).toBe(412);
    const accepted = await patch({ 'if-match': String(current['@odata.etag']) }, change);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('retry-after')).toBe('10');

    const before = sim.requestCount;
    const events = await collect(graph.operation({ request: { method: 'PATCH', url, body: { accessDetails: current['accessDetails'] }, headers: { 'If-Match': String(current['@odata.etag']) } } }, quick));
    expect(events).toEqual([{ type: 'succeeded', result: expect.objectContaining({ id: 'aa-2', status: 'active' }) }]);
    expect(sim.requestCount - before).toBe(1);
  });

  it('partner billing: the manifest at the navigation link names blobs read with its SAS token, not the Graph token', async () => {
    const final = (await lastValueFrom(graph.operation({ request: { method: 'POST', url: '/reports/partners/billing/usage/unbilled/export', body: { currencyCode: 'USD', billingPeriod: 'current', attributeSet: 'full' } } }, quick).pipe(result<unknown>()))) as Record<string, string>;
    const manifest = (await (await get(final['resourceLocation@odata.navigationLink']!)).json()) as { rootDirectory: string; sasToken: string; blobs: { name: string }[] };
    const blob = await fetch(`${manifest.rootDirectory}/${manifest.blobs[0]!.name}?${manifest.sasToken}`);
    expect(blob.status).toBe(200);
    expect(sim.requests.at(-1)).toMatchObject({ origin: 'monitor', authorization: 'none' });
  });

  it('createSnapshot: 200 with the job (its type in @odata.context); resourceLocation only with $select; partiallySuccessful only with the Prefer header', async () => {
    sim.setScript('configurationSnapshotJob', { statuses: ['notStarted', 'partiallySuccessful'] });
    const answer = await post('/admin/configurationManagement/configurationSnapshots/createSnapshot', { displayName: 'Snapshot Demo', resources: ['microsoft.exchange.sharedmailbox'] });
    expect(answer.status).toBe(200);
    const job = (await answer.json()) as Record<string, unknown>;
    expect(job).toMatchObject({ '@odata.context': `${sim.baseUrl}/$metadata#microsoft.graph.configurationSnapshotJob`, status: 'notStarted', resourceLocation: '', completedDateTime: '0001-01-01T00:00:00Z' });
    expect(job).not.toHaveProperty('@odata.type');
    const url = `/admin/configurationManagement/configurationSnapshotJobs/${job['id'] as string}`;
    const plain = (await (await get(url)).json()) as Record<string, unknown>;
    expect(plain['status']).toBe('unknownFutureValue');
    expect(plain).not.toHaveProperty('resourceLocation');
    const selected = (await (await get(`${url}?$select=id,status,resourceLocation,errorDetails`, { prefer: 'include-unknown-enum-members' })).json()) as Record<string, unknown>;
    expect(selected).toEqual({
      '@odata.context': expect.any(String),
      id: job['id'],
      status: 'partiallySuccessful',
      resourceLocation: expect.stringMatching(/\/configurationSnapshots\/[0-9a-f-]{36}$/),
      errorDetails: [expect.any(String)],
    });
  });

  it('createSnapshot through graph.operation: a partial success, said so in the succeeded event', async () => {
    sim.setScript('configurationSnapshotJob', { statuses: ['notStarted', 'running', 'partiallySuccessful'] });
    const events = await collect(graph.operation({ request: { method: 'POST', url: '/admin/configurationManagement/configurationSnapshots/createSnapshot', body: { displayName: 'Demo', resources: ['microsoft.exchange.transportrule'] } } }, quick));
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', partial: true, result: { status: 'partiallySuccessful' } });
  });

  it('restore session activation: a partial success (completedWithError) is succeeded with partial: true, its error and counts in the result', async () => {
    sim.setScript('backupRestore.activateRestoreSession', { statuses: ['activating', 'active', 'completedWithError'] });
    const id = await draftSession(sim);
    const events = await collect(graph.operation({ request: { method: 'POST', url: `/solutions/backupRestore/restoreSessions/${id}/activate` } }, quick));
    expect(statuses(events)).toEqual(['activating', 'active', 'completedWithError']);
    expect(events.at(-1)).toMatchObject({
      type: 'succeeded',
      partial: true,
      result: { status: 'completedWithError', error: { code: expect.any(String) }, restoreSessionArtifactCount: { total: 2, completed: 1, failed: 1 } },
    });
  });

  it('restore session activation: a failure Graph hides as unknownFutureValue is seen only with Prefer: include-unknown-enum-members', async () => {
    sim.setScript('backupRestore.activateRestoreSession', { statuses: ['activating', 'failed'] });
    const failed = await failure(graph.operation({ request: { method: 'POST', url: `/solutions/backupRestore/restoreSessions/${await draftSession(sim)}/activate` } }, quick));
    expect(failed).toBeInstanceOf(OperationFailedError);
    expect(failed).toMatchObject({ operationStatus: 'failed', error: { code: expect.any(String) } });

    // A spec that sends its own poll headers, without the Prefer: the failure reads as running until the bound.
    const hidden = await failure(graph.operation({ request: { method: 'POST', url: `/solutions/backupRestore/restoreSessions/${await draftSession(sim)}/activate` }, pollHeaders: { 'x-trace': '1' } }, { ...quick, timeoutMs: 300 }));
    expect(hidden).toBeInstanceOf(OperationTimeoutError);
    expect((hidden as OperationTimeoutError).lastStatus).toBe('unknownFutureValue');
  });

  it('activate answers 200 with a relative @odata.id (unquoted key, odd casing), which is also served; a second activate is refused', async () => {
    const id = await draftSession(sim);
    const activated = (await (await post(`/solutions/backupRestore/restoreSessions/${id}/activate`)).json()) as Record<string, unknown>;
    expect(activated).toMatchObject({ '@odata.id': `/solutions/backupRestore/sharepointRestoreSessions(${id})`, status: 'activating' });
    expect((await get(activated['@odata.id'] as string)).status).toBe(200);
    expect((await post(`/solutions/backupRestore/restoreSessions/${id}/activate`)).status).toBe(400);
    expect((await post('/solutions/backupRestore/restoreSessions/nope/activate')).status).toBe(404);
  });

  it('commsOperation: answered 200 running, never polled; a GET of a call operation is a 404 the log would show', async () => {
    const before = sim.requestCount;
    const op = await lastValueFrom(graph.operation({ request: { method: 'POST', url: '/communications/calls/call-7/recordResponse', body: {} } }, quick).pipe(result()));
    expect(op).toMatchObject({ '@odata.type': '#microsoft.graph.recordOperation', status: 'running' });
    expect(sim.requests.filter((r) => r.seq >= before).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1.0/communications/calls/call-7/recordResponse']);
    expect((await get(`/communications/calls/call-7/operations/${(op as { id: string }).id}`)).status).toBe(404);
    expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', status: 404 });
  });

  it('a threat assessment: results with $expand=results, once completed', async () => {
    const created = (await (await post('/informationProtection/threatAssessmentRequests', { '@odata.type': '#microsoft.graph.urlAssessmentRequest', url: 'http://test.com', expectedAssessment: 'block', category: 'phishing' })).json()) as { id: string; status: string };
    expect(created.status).toBe('pending');
    const url = `/informationProtection/threatAssessmentRequests/${created.id}?$expand=results`;
    expect(await (await get(url)).json()).toMatchObject({ status: 'completed', results: [{ resultType: 'checkPolicy' }] });
    expect((await post('/informationProtection/threatAssessmentRequests', { url: 'http://test.com' })).status).toBe(400);
  });

  it('an access review history: once done, its instance gives a download URI on blob storage', async () => {
    const done = (await lastValueFrom(graph.operation({ request: { method: 'POST', url: '/identityGovernance/accessReviews/historyDefinitions', body: { displayName: 'Q3' } } }, quick).pipe(result<unknown>()))) as { id: string };
    const instances = (await (await get(`/identityGovernance/accessReviews/historyDefinitions/${done.id}/instances`)).json()) as { value: { id: string; status: string }[] };
    expect(instances.value).toEqual([expect.objectContaining({ status: 'done', downloadUri: null })]);
    const instance = (await (await post(`/identityGovernance/accessReviews/historyDefinitions/${done.id}/instances/${instances.value[0]!.id}/generateDownloadUri`)).json()) as { downloadUri: string };
    const csv = await fetch(instance.downloadUri);
    expect(await csv.text()).toMatch(/^ReviewName,/);
    expect(sim.requests.at(-1)).toMatchObject({ origin: 'monitor', authorization: 'none' });
  });

  it('a Cloud PC image that fails carries its errorCode: an OperationFailedError', async () => {
    sim.setScript('cloudPcDeviceImage', { statuses: ['pending', 'failed'], error: { code: 'sourceImageNotGeneralized', message: 'not generalized' } });
    const error = await failure(graph.operation({ request: { method: 'POST', url: '/deviceManagement/virtualEndpoint/deviceImages', body: { displayName: 'x', version: '1', sourceImageResourceId: '/s' } } }, quick));
    expect(error).toBeInstanceOf(OperationFailedError);
    const image = (await (await get(`/deviceManagement/virtualEndpoint/deviceImages/${/deviceImages\/([^/?]+)/.exec(sim.requests.at(-1)!.path)![1]!}`)).json()) as Record<string, unknown>;
    expect(image['errorCode']).toBe('sourceImageNotGeneralized');
  });

  it('an export job is read at the key form exportJobs(\'…\') too', async () => {
    const job = (await (await post('/deviceManagement/reports/exportJobs', { reportName: 'DeviceCompliance' })).json()) as { id: string };
    expect(job.id).toMatch(/^DeviceCompliance_[0-9a-f-]{36}$/);
    expect(await (await get(`/deviceManagement/reports/exportJobs('${job.id}')`)).json()).toMatchObject({ id: job.id, status: 'inProgress' });
  });
});

describe('the typed shortcuts against the simulator', () => {
  it('deviceManagement.exportReport ends with the download url, a zip on blob storage fetched without the Graph token', async () => {
    const events = await collect(graph.deviceManagement.exportReport({ reportName: 'Devices', format: 'csv' }, quick));
    expect(statuses(events)).toEqual(['notStarted', 'inProgress', 'completed']);
    const url = (events.at(-1) as { result: string }).result;
    expect(new URL(url).origin).toBe(sim.monitorOrigin);
    const zip = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(zip.toString('latin1')).toContain('Devices.csv');
    expect(sim.requests.at(-1)).toMatchObject({ origin: 'monitor', authorization: 'none', status: 200 });
    // Without its signature the blob is refused, as a SAS URL would be.
    expect((await fetch(url.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(403);
  });

  it('security.queryAuditLog reads every record, page after page (@odata.nextLink), up to maxRecords', async () => {
    sim.setScript('security.queryAuditLog', { statuses: ['notStarted', 'running', 'succeeded'], records: 250, pageSize: 100 });
    const query = { filterStartDateTime: '2026-11-01T00:00:00Z', filterEndDateTime: '2026-11-02T00:00:00Z', operationFilters: ['FileAccessed'] };
    const records = await lastValueFrom(graph.security.queryAuditLog(query, quick).pipe(result()));
    expect(records).toHaveLength(250);
    expect(new Set(records.map((r) => r.id)).size).toBe(250);
    const pages = sim.requests.filter((r) => r.method === 'GET' && /\/records(\?|$)/.test(r.path));
    expect(pages.map((r) => r.path.includes('$skiptoken='))).toEqual([false, true, true]);
    expect(pages.every((r) => r.authorization === 'valid')).toBe(true);

    const bounded = await lastValueFrom(graph.security.queryAuditLog(query, { ...quick, maxRecords: 150 }).pipe(result()));
    expect(bounded).toHaveLength(150);
    expect(sim.requests.filter((r) => r.method === 'GET' && /\/records(\?|$)/.test(r.path))).toHaveLength(3 + 2);
  });

  it('user.exportPersonalData waits the Retry-After Graph sends (shortened by the script), then ends with the final dataPolicyOperation', async () => {
    sim.setScript('user.exportPersonalData', { statuses: ['notStarted', 'running', 'complete'], retryAfter: '0.05' });
    const events = await collect(graph.user('adele@contoso.com').exportPersonalData('https://contoso.blob.core.windows.net/exports?sv=1&sig=x', { poll: { intervalMs: 5, backoffFactor: 1 } }));
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', result: { status: 'complete', progress: 100, userId: 'adele@contoso.com' } });
    const [start, firstPoll] = sim.requests.filter((r) => /exportPersonalData|dataPolicyOperations/.test(r.path));
    expect(firstPoll!.at - start!.at).toBeGreaterThanOrEqual(45);
  });

  it('print.createPrinter ends with the printer the operation carries', async () => {
    const created = await lastValueFrom(graph.print.createPrinter(printer, quick).pipe(result()));
    expect(created).toMatchObject({ displayName: 'Floor 3', manufacturer: 'Contoso', status: { state: 'unknown' } });
    expect(sim.requests.filter((r) => r.method === 'GET').every((r) => /\/print\/operations\//.test(r.path))).toBe(true);
  });

  it('backupRestore.activateRestoreSession: progress from the artifact counts; completedWithError is a partial success', async () => {
    sim.setScript('backupRestore.activateRestoreSession', { statuses: ['activating', 'active', 'active', 'completedWithError'], percentages: [0, 25, 50, 100] });
    const events = await collect(graph.backupRestore.activateRestoreSession(await draftSession(sim), quick));
    // Two artifacts: a quarter of the way, none is finished yet; the failed one counts as finished.
    expect(events.filter((e) => e.type === 'status').map((e) => [(e as { status: string }).status, (e as { percentageComplete?: number }).percentageComplete])).toEqual([
      ['activating', 0],
      ['active', 0],
      ['active', 50],
      ['completedWithError', 100],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'succeeded', partial: true, result: { status: 'completedWithError', restoreSessionArtifactCount: { failed: 1, completed: 1 } } });
  });
});
