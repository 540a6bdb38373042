import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { FaultAction } from './faults.js';
import type { FamilyHost } from './simulator-families.js';
import type { ScriptedOperation, ScriptStep } from './operation-script.js';
import { stateOf } from './kind-words.js';

// The rest of Graph v1.0's census of asynchronous resources (test/fixtures/graph-census.json),
// as Graph answers them: the monitors a 202 names (dataPolicyOperation, printOperation,
// attackSimulationOperation, telephone number, delegated admin and partner billing
// operations) and the job resources a POST answers with (201, or 200 for createSnapshot and
// activate), each polled where Graph keeps it. What the docs show is copied; their
// artefacts are not (a `{ "value": {…} }` wrapper around one entity, dates that are not ISO).

/** What the census routes need of the simulator, beyond the families'. */
export interface CensusHost extends FamilyHost {
  send(entry: { status?: number }, res: ServerResponse, status: number, body: string | Buffer, headers?: Record<string, string>): void;
}

type Entry = { status?: number; readonly method: string; readonly prefer?: string };

interface CensusOp {
  readonly id: string;
  readonly kind: string;
  /** The census type whose words it speaks. */
  readonly type: string;
  readonly played: ScriptedOperation;
  readonly createdDateTime: string;
  /** What the start sent, and what the route keeps of it. */
  readonly data: Record<string, unknown>;
  step?: ScriptStep;
  state: 'running' | 'succeeded' | 'failed';
  endedDateTime?: string;
  /** Applied once, when it first reads as succeeded (the printer exists, the assignment changed). */
  onSuccess?: () => void;
}

/** A file served on the monitor origin as blob storage would: only with its signature, never with a token needed. */
interface Blob {
  readonly body: Buffer;
  readonly contentType: string;
  readonly sig: string;
}

const NEVER = '0001-01-01T00:00:00Z';
const HOUR = 3_600_000;
const PREFER_UNKNOWN = /include-unknown-enum-members/i;

/** A call action's commsOperation type, by the action. */
const CALL_ACTIONS: Readonly<Record<string, string>> = {
  playPrompt: 'playPromptOperation',
  recordResponse: 'recordOperation',
  subscribeToTone: 'subscribeToToneOperation',
  sendDtmfTones: 'sendDtmfTonesOperation',
  mute: 'muteParticipantOperation',
  unmute: 'unmuteParticipantOperation',
  startHoldMusic: 'startHoldMusicOperation',
  stopHoldMusic: 'stopHoldMusicOperation',
  cancelMediaProcessing: 'cancelMediaProcessingOperation',
  updateRecordingStatus: 'updateRecordingStatusOperation',
  addLargeGalleryView: 'addLargeGalleryViewOperation',
};

const BROWSE_SETS: Readonly<Record<string, string>> = { oneDriveForBusinessBrowseSessions: 'oneDriveForBusinessBrowseSession', sharePointBrowseSessions: 'sharePointBrowseSession' };
const RESTORE_SETS: Readonly<Record<string, { readonly type: string; readonly artifacts: string }>> = {
  exchangeRestoreSessions: { type: 'exchangeRestoreSession', artifacts: 'mailboxRestoreArtifacts' },
  oneDriveForBusinessRestoreSessions: { type: 'oneDriveForBusinessRestoreSession', artifacts: 'driveRestoreArtifacts' },
  sharePointRestoreSessions: { type: 'sharePointRestoreSession', artifacts: 'siteRestoreArtifacts' },
};
const THREAT_TYPES: Readonly<Record<string, string>> = { mailAssessmentRequest: 'mail', emailFileAssessmentRequest: 'mail', fileAssessmentRequest: 'file', urlAssessmentRequest: 'url' };

interface RestoreSession {
  readonly id: string;
  readonly set: string;
  readonly type: string;
  readonly total: number;
  readonly createdDateTime: string;
  op?: CensusOp;
}

/**
 * The census resources the families do not cover. Each start checks its
 * body as Graph would (a 400 naming what is missing), plays its script, and
 * is read where Graph keeps it; every request went through the token check
 * and the log before it reaches here.
 */
export class CensusRoutes {
  private readonly ops = new Map<string, CensusOp>();
  private readonly resources = new Map<string, Record<string, unknown>>();
  private readonly restores = new Map<string, RestoreSession>();
  private readonly blobs = new Map<string, Blob>();
  private guids = 0;

  constructor(private readonly host: CensusHost) {}

  /** Answers a request on the monitor origin for a blob this simulator made (an export's zip); false for any other. */
  blob(entry: Entry, url: URL, res: ServerResponse): boolean {
    if (!url.pathname.startsWith('/blobs/')) return false;
    const found = this.blobs.get(url.pathname);
    if (!found || entry.method !== 'GET') {
      this.host.sendError(entry, res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    } else if (url.searchParams.get('sig') !== found.sig) {
      this.host.sendError(entry, res, 403, 'AuthenticationFailed', 'Server failed to authenticate the request: the signature does not match.');
    } else {
      this.host.send(entry, res, 200, found.body, { 'content-type': found.contentType });
    }
    return true;
  }

  /** Answers the request if it is one of the census's; false leaves it to the drive routes. */
  route(entry: Entry, version: string, rawPath: string, query: URLSearchParams, json: Record<string, unknown> | undefined, headers: IncomingHttpHeaders, res: ServerResponse, fault: FaultAction | undefined): boolean {
    const root = `${this.host.graphOrigin}/${version}`;
    // OData keys as Graph writes them in its URLs: exportJobs('Devices_…'), operations('QXNz…'), sharepointRestoreSessions(6163…).
    const path = rawPath.replace(/\/([A-Za-z]+)\('([^']*)'\)/g, '/$1/$2').replace(/\/([A-Za-z]+)\(([0-9a-fA-F-]{36})\)/g, '/$1/$2');
    const { method } = entry;
    const get = method === 'GET';
    const post = method === 'POST';
    let m: RegExpExecArray | null;

    // dataPolicyOperation: a user's personal data export
    if (post && (m = /^\/users\/([^/]+)\/exportPersonalData$/.exec(path))) return this.exportPersonalData(entry, root, m[1]!, json, res, fault);
    if (get && (m = /^\/dataPolicyOperations\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'dataPolicyOperation', res, (op) => this.dataPolicyOperation(op));

    // printOperation: printer creation
    if (post && path === '/print/printers/create') return this.createPrinter(entry, root, json, res, fault);
    if (get && (m = /^\/print\/operations\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'printOperation', res, (op) => this.printOperation(root, op));
    if (get && /^\/print\/printers\/[^/]+$/.test(path)) return this.resource(entry, path, res);

    // attackSimulationOperation
    if (post && path === '/security/attackSimulation/simulations') return this.createSimulation(entry, root, json, res, fault);
    if (get && (m = /^\/security\/attackSimulation\/operations\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'attackSimulationOperation', res, (op) => this.simulationOperation(root, op));
    if (get && /^\/security\/attackSimulation\/simulations\/[^/]+$/.test(path)) return this.resource(entry, path, res);

    // telephoneNumberLongRunningOperation
    if (post && (m = /^\/admin\/teams\/telephoneNumberManagement\/numberAssignments\/(assignNumber|unassignNumber)$/.exec(path))) return this.numberAssignment(entry, root, m[1]!, json, res, fault);
    if (get && (m = /^\/admin\/teams\/telephoneNumberManagement\/operations\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'teamsAdministration.telephoneNumberLongRunningOperation', res, (op) => this.numberOperation(root, op));

    // delegatedAdminRelationshipOperation: an access assignment changed
    if ((m = /^\/tenantRelationships\/delegatedAdminRelationships\/([^/]+)\/accessAssignments\/([^/]+)$/.exec(path))) {
      if (get) return this.json(entry, res, 200, this.assignment(root, m[1]!, m[2]!));
      if (method === 'PATCH') return this.patchAssignment(entry, root, m[1]!, m[2]!, json, headers, res, fault);
    }
    if (get && (m = /^\/tenantRelationships\/delegatedAdminRelationships\/[^/]+\/operations\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'delegatedAdminRelationshipOperation', res, (op) => this.delegatedAdminOperation(op));

    // partners.billing.operation: usage and reconciliation exports
    if (post && (m = /^\/reports\/partners\/billing\/(usage|reconciliation)\/(billed|unbilled)\/export$/.exec(path))) return this.billingExport(entry, root, m[2]!, json, res, fault);
    if (get && (m = /^\/reports\/partners\/billing\/operations\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'partners.billing.operation', res, (op) => this.billingOperation(root, op));
    if (get && /^\/reports\/partners\/billing\/manifests\/[^/]+$/.test(path)) return this.resource(entry, path, res);

    // deviceManagementExportJob
    if (post && path === '/deviceManagement/reports/exportJobs') return this.createExportJob(entry, root, json, res);
    if (get && (m = /^\/deviceManagement\/reports\/exportJobs\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'deviceManagementExportJob', res, (op) => this.exportJob(root, op));

    // security.auditLogQuery and its records
    if (post && path === '/security/auditLog/queries') return this.createAuditQuery(entry, root, json, res);
    if (get && (m = /^\/security\/auditLog\/queries\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'security.auditLogQuery', res, (op) => this.auditQuery(root, op));
    if (get && (m = /^\/security\/auditLog\/queries\/([^/]+)\/records$/.exec(path))) return this.auditRecords(entry, root, m[1]!, query, res);

    // accessReviewHistoryDefinition, its instances and their download URI
    if (post && path === '/identityGovernance/accessReviews/historyDefinitions') return this.createHistoryDefinition(entry, root, json, res);
    if (get && (m = /^\/identityGovernance\/accessReviews\/historyDefinitions\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'accessReviewHistoryDefinition', res, (op) => this.historyDefinition(root, op));
    if (get && (m = /^\/identityGovernance\/accessReviews\/historyDefinitions\/([^/]+)\/instances$/.exec(path))) return this.historyInstances(entry, m[1]!, res);
    if (post && (m = /^\/identityGovernance\/accessReviews\/historyDefinitions\/([^/]+)\/instances\/([^/]+)\/generateDownloadUri$/.exec(path))) return this.generateDownloadUri(entry, m[1]!, m[2]!, res);

    // configurationSnapshotJob: posted to configurationSnapshots, polled at configurationSnapshotJobs
    if (post && path === '/admin/configurationManagement/configurationSnapshots/createSnapshot') return this.createSnapshot(entry, root, json, res);
    if (get && (m = /^\/admin\/configurationManagement\/configurationSnapshotJobs\/([^/]+)$/.exec(path))) {
      return this.read(entry, m[1]!, 'configurationSnapshotJob', res, (op) => this.snapshotJob(root, op, entry.prefer, query.get('$select')));
    }
    if (get && /^\/admin\/configurationManagement\/configurationSnapshots\/[^/]+$/.test(path)) return this.resource(entry, path, res);

    // cloudPcDeviceImage
    if (post && path === '/deviceManagement/virtualEndpoint/deviceImages') return this.createDeviceImage(entry, root, json, res);
    if (get && (m = /^\/deviceManagement\/virtualEndpoint\/deviceImages\/([^/]+)$/.exec(path))) return this.read(entry, m[1]!, 'cloudPcDeviceImage', res, (op) => this.deviceImage(root, op));

    // backup browse sessions
    if (post && (m = /^\/solutions\/backupRestore\/(oneDriveForBusinessBrowseSessions|sharePointBrowseSessions)$/.exec(path))) return this.createBrowseSession(entry, root, m[1]!, json, res);
    if (get && (m = /^\/solutions\/backupRestore\/(?:oneDriveForBusinessBrowseSessions|sharePointBrowseSessions|browseSessions)\/([^/]+)$/.exec(path))) {
      return this.read(entry, m[1]!, 'browseSessionBase', res, (op) => this.browseSession(root, op));
    }

    // backup restore sessions: created as drafts, activated, then polled
    if (post && (m = /^\/solutions\/backupRestore\/(exchangeRestoreSessions|oneDriveForBusinessRestoreSessions|sharePointRestoreSessions)$/.exec(path))) return this.createRestoreSession(entry, root, m[1]!, json, res);
    if ((m = /^\/solutions\/backupRestore\/([A-Za-z]*RestoreSessions)\/([^/]+)(\/activate)?$/i.exec(path))) {
      const set = m[1]!.toLowerCase() === 'restoresessions' ? 'restoreSessions' : Object.keys(RESTORE_SETS).find((s) => s.toLowerCase() === m![1]!.toLowerCase());
      if (set && post && m[3]) return this.activate(entry, root, m[2]!, res);
      if (set && get && !m[3]) return this.restoreSession(entry, root, m[2]!, res);
    }

    // threatAssessmentRequest
    if (post && path === '/informationProtection/threatAssessmentRequests') return this.createThreatAssessment(entry, root, json, res);
    if (get && (m = /^\/informationProtection\/threatAssessmentRequests\/([^/]+)$/.exec(path))) {
      return this.read(entry, m[1]!, 'threatAssessmentRequest', res, (op) => this.threatAssessment(root, op, /(^|,)\s*results\s*(,|$)/.test(query.get('$expand') ?? '')));
    }

    // commsOperation: answered 200 running, its updates sent only to the call's callback
    if (post && (m = /^\/communications\/calls\/([^/]+)\/([A-Za-z]+)$/.exec(path)) && CALL_ACTIONS[m[2]!]) return this.callAction(entry, root, m[2]!, json, res);
    // Graph documents no GET of a call's operation: a client that polls one gets this 404 (and the log shows it).
    if (get && /^\/communications\/calls\/[^/]+\/operations\/[^/]+$/.test(path)) {
      this.host.sendError(entry, res, 404, 'itemNotFound', 'Resource not found: a call operation is reported to the callback URI, not read.');
      return true;
    }
    return false;
  }

  // ----- monitors (202)

  private exportPersonalData(entry: Entry, root: string, user: string, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultAction | undefined): boolean {
    const storageLocation = json?.['storageLocation'];
    if (typeof storageLocation !== 'string' || !/^https:\/\//i.test(storageLocation)) return this.badRequest(entry, res, 'storageLocation must be the SAS URL of an Azure Storage container.');
    const op = this.start('user.exportPersonalData', 'dataPolicyOperation', { storageLocation, userId: user });
    this.host.accepted(entry, res, fault, `${root}/dataPolicyOperations/${op.id}`, 'location', { 'retry-after': op.played.script.retryAfter ?? '60' });
    return true;
  }

  private dataPolicyOperation(op: CensusOp): Record<string, unknown> {
    // No error field: a failed export says only `failed`.
    return {
      id: op.id,
      status: op.step!.word,
      progress: this.progress(op),
      storageLocation: op.data['storageLocation'],
      userId: op.data['userId'],
      submittedDateTime: op.createdDateTime,
      completedDateTime: op.endedDateTime ?? null,
    };
  }

  private createPrinter(entry: Entry, root: string, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultAction | undefined): boolean {
    for (const key of ['displayName', 'manufacturer', 'model']) {
      if (typeof json?.[key] !== 'string' || json[key] === '') return this.badRequest(entry, res, `${key} is required.`);
    }
    const csr = json!['certificateSigningRequest'] as Record<string, unknown> | undefined;
    if (typeof csr?.['content'] !== 'string' || typeof csr['transportKey'] !== 'string') return this.badRequest(entry, res, 'certificateSigningRequest needs content and transportKey.');
    const printerId = this.guid();
    const printer = {
      id: printerId,
      displayName: json!['displayName'],
      manufacturer: json!['manufacturer'],
      model: json!['model'],
      registeredDateTime: new Date().toISOString(),
      isShared: false,
      hasPhysicalDevice: json!['hasPhysicalDevice'] ?? true,
      // The printer's own status, not the operation's.
      status: { state: 'unknown', details: [], description: '' },
    };
    const op = this.start('print.createPrinter', 'printOperation', { printer });
    op.onSuccess = () => this.resources.set(`/print/printers/${printerId}`, printer);
    this.host.accepted(entry, res, fault, `${root}/print/operations/${op.id}`, 'operation-location', { 'retry-after': op.played.script.retryAfter ?? '5' });
    return true;
  }

  private printOperation(root: string, op: CensusOp): Record<string, unknown> {
    const description =
      op.state === 'succeeded' ? 'The operation has completed successfully.' : op.state === 'failed' ? this.errorOf(op, { code: 'printerRegistrationFailed', message: 'The certificate signing request was not valid.' }).message : '';
    return {
      '@odata.context': `${root}/$metadata#print/operations/$entity`,
      '@odata.type': '#microsoft.graph.printerCreateOperation',
      id: op.id,
      createdDateTime: op.createdDateTime,
      status: { state: op.step!.word, description },
      ...(op.state === 'succeeded' ? { certificate: '{certificate}', printer: op.data['printer'] } : {}),
    };
  }

  private createSimulation(entry: Entry, root: string, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultAction | undefined): boolean {
    if (typeof json?.['displayName'] !== 'string') return this.badRequest(entry, res, 'displayName is required.');
    const simulationId = this.guid();
    const simulation = { ...json, id: simulationId, status: 'scheduled', createdDateTime: new Date().toISOString() };
    const op = this.start('attackSimulationOperation', 'attackSimulationOperation', { simulationId, displayName: json['displayName'] });
    op.onSuccess = () => this.resources.set(`/security/attackSimulation/simulations/${simulationId}`, simulation);
    this.host.accepted(entry, res, fault, `${root}/security/attackSimulation/operations/${op.id}`, 'location');
    return true;
  }

  private simulationOperation(root: string, op: CensusOp): Record<string, unknown> {
    return {
      id: op.id,
      displayName: op.data['displayName'],
      createdDateTime: op.createdDateTime,
      lastActionDateTime: op.endedDateTime ?? op.createdDateTime,
      // The CSDL's own spelling.
      type: 'createSimualation',
      tenantId: 'contoso-tenant',
      status: op.step!.word,
      percentageCompleted: this.progress(op),
      statusDetail: op.state === 'failed' ? this.errorOf(op, { code: 'simulationFailed', message: 'The simulation could not be created.' }).message : null,
      ...(op.state === 'succeeded' ? { resourceLocation: `${root}/security/attackSimulation/simulations/${op.data['simulationId'] as string}` } : {}),
    };
  }

  private numberAssignment(entry: Entry, root: string, action: string, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultAction | undefined): boolean {
    const telephoneNumber = json?.['telephoneNumber'];
    if (typeof telephoneNumber !== 'string' || telephoneNumber === '') return this.badRequest(entry, res, 'telephoneNumber is required.');
    if (action === 'assignNumber' && typeof json!['assignmentTargetId'] !== 'string') return this.badRequest(entry, res, 'assignmentTargetId is required.');
    // Graph's operation ids here are opaque base64 (QXNz…): one path segment, quoted as an OData key.
    const id = Buffer.from(`${action}:${this.guid()}`).toString('base64url');
    this.start('teamsAdministration.telephoneNumberLongRunningOperation', 'teamsAdministration.telephoneNumberLongRunningOperation', { telephoneNumber, action }, id);
    this.host.accepted(entry, res, fault, `${root}/admin/teams/telephoneNumberManagement/operations('${id}')`, 'location');
    return true;
  }

  private numberOperation(root: string, op: CensusOp): Record<string, unknown> {
    const detail = op.state === 'failed' ? this.errorOf(op, { code: 'numberNotAvailable', message: 'The telephone number is not available.' }).message : null;
    const number = op.data['telephoneNumber'] as string;
    return {
      id: op.id,
      // A string in the CSDL, not a DateTimeOffset.
      createdDateTime: op.createdDateTime,
      status: op.step!.word,
      statusDetail: detail,
      numbers: [
        {
          telephoneNumber: number,
          status: op.step!.word,
          statusDetail: detail,
          resourceLocation: op.state === 'succeeded' ? `${root}/admin/teams/telephoneNumberManagement/numberAssignments('${encodeURIComponent(number)}')` : null,
        },
      ],
    };
  }

  /** An access assignment, made on first use: Graph's would exist before anyone changes it. */
  private assignment(root: string, relationship: string, id: string): Record<string, unknown> {
    const path = `/tenantRelationships/delegatedAdminRelationships/${relationship}/accessAssignments/${id}`;
    let found = this.resources.get(path);
    if (!found) {
      const at = new Date().toISOString();
      found = {
        '@odata.context': `${root}/$metadata#tenantRelationships/delegatedAdminRelationships('${relationship}')/accessAssignments/$entity`,
        '@odata.etag': 'W/"1"',
        id,
        status: 'active',
        createdDateTime: at,
        lastModifiedDateTime: at,
        accessContainer: { accessContainerId: 'f0c2aa34-0000-4000-8000-000000000001', accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' }] },
      };
      this.resources.set(path, found);
    }
    return found;
  }

  private patchAssignment(
    entry: Entry,
    root: string,
    relationship: string,
    id: string,
    json: Record<string, unknown> | undefined,
    headers: IncomingHttpHeaders,
    res: ServerResponse,
    fault: FaultAction | undefined,
  ): boolean {
    const assignment = this.assignment(root, relationship, id);
    const ifMatch = headers['if-match'];
    if (typeof ifMatch !== 'string' || ifMatch === '') return this.badRequest(entry, res, 'The If-Match header is required.');
    if (ifMatch !== '*' && ifMatch !== assignment['@odata.etag']) {
      this.host.sendError(entry, res, 412, 'PreconditionFailed', 'The If-Match etag does not match the access assignment.');
      return true;
    }
    const patch = { ...(json ?? {}) };
    // Nothing would change: Graph answers 200 with the assignment as it is.
    if (Object.entries(patch).every(([key, value]) => JSON.stringify(assignment[key]) === JSON.stringify(value))) return this.json(entry, res, 200, assignment);
    const op = this.start('delegatedAdminRelationshipOperation', 'delegatedAdminRelationshipOperation', { data: JSON.stringify(patch) });
    op.onSuccess = () => {
      const version = Number(/\d+/.exec(String(assignment['@odata.etag']))?.[0] ?? '1') + 1;
      Object.assign(assignment, patch, { '@odata.etag': `W/"${version}"`, lastModifiedDateTime: new Date().toISOString() });
    };
    this.host.accepted(entry, res, fault, `${root}/tenantRelationships/delegatedAdminRelationships/${relationship}/operations/${op.id}`, 'location', { 'retry-after': op.played.script.retryAfter ?? '10' });
    return true;
  }

  private delegatedAdminOperation(op: CensusOp): Record<string, unknown> {
    return {
      '@odata.type': '#microsoft.graph.delegatedAdminRelationshipOperation',
      id: op.id,
      operationType: 'delegatedAdminAccessAssignmentUpdate',
      data: op.data['data'],
      status: op.step!.word,
      createdDateTime: op.createdDateTime,
      lastModifiedDateTime: op.endedDateTime ?? op.createdDateTime,
    };
  }

  private billingExport(entry: Entry, root: string, which: string, json: Record<string, unknown> | undefined, res: ServerResponse, fault: FaultAction | undefined): boolean {
    if (which === 'billed' && typeof json?.['invoiceId'] !== 'string') return this.badRequest(entry, res, 'invoiceId is required.');
    if (which === 'unbilled' && (typeof json?.['currencyCode'] !== 'string' || typeof json['billingPeriod'] !== 'string')) return this.badRequest(entry, res, 'currencyCode and billingPeriod are required.');
    const manifestId = this.guid();
    const op = this.start('partners.billing.operation', 'partners.billing.operation', { manifestId });
    op.onSuccess = () => {
      const sig = randomBytes(16).toString('hex');
      const directory = `/blobs/billing/${manifestId}`;
      const lines = Array.from({ length: 3 }, (_, i) => JSON.stringify({ PartnerId: 'partner-1', CustomerId: `customer-${i + 1}`, ProductId: 'DZH318Z0BQ3Q', Quantity: i + 1 })).join('\n');
      this.blobs.set(`${directory}/part-0.json.gz`, { body: gzipSync(lines), contentType: 'application/octet-stream', sig });
      this.resources.set(`/reports/partners/billing/manifests/${manifestId}`, {
        id: manifestId,
        schemaVersion: '2',
        dataFormat: 'compressedJSON',
        partitionType: 'default',
        partnerTenantId: 'partner-tenant',
        createdDateTime: new Date().toISOString(),
        eTag: 'eTag-1',
        blobCount: 1,
        // The files are read from blob storage with the SAS token, not Graph's.
        rootDirectory: `${this.host.monitorOrigin}${directory}`,
        sasToken: `sv=2024-11-04&sr=c&sp=r&sig=${sig}`,
        blobs: [{ name: 'part-0.json.gz', partitionValue: 'default' }],
      });
    };
    this.host.accepted(entry, res, fault, `${root}/reports/partners/billing/operations/${op.id}`, 'location');
    return true;
  }

  private billingOperation(root: string, op: CensusOp): Record<string, unknown> {
    const derived = op.state === 'succeeded' ? 'exportSuccessOperation' : op.state === 'failed' ? 'failedOperation' : 'runningOperation';
    return {
      '@odata.type': `#microsoft.graph.partners.billing.${derived}`,
      id: op.id,
      createdDateTime: op.createdDateTime,
      lastActionDateTime: op.endedDateTime ?? op.createdDateTime,
      status: op.step!.word,
      ...(op.state === 'succeeded' ? { 'resourceLocation@odata.navigationLink': `${root}/reports/partners/billing/manifests/${op.data['manifestId'] as string}` } : {}),
      ...(op.state === 'failed' ? { error: this.errorOf(op, { code: '5000', message: 'No data available' }) } : {}),
    };
  }

  // ----- job resources (the start answers with the job)

  private createExportJob(entry: Entry, root: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    const reportName = json?.['reportName'];
    if (typeof reportName !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(reportName)) return this.badRequest(entry, res, 'reportName is required.');
    // Not a GUID: <ReportName>_<guid>.
    const op = this.start('deviceManagement.exportReport', 'deviceManagementExportJob', { ...json, reportName }, `${reportName}_${this.guid()}`);
    op.onSuccess = () => {
      const sig = randomBytes(16).toString('hex');
      const expires = new Date(Date.now() + 6 * HOUR).toISOString();
      const path = `/blobs/reports/${encodeURIComponent(op.id)}.zip`;
      const csv = `DeviceName,OS,ComplianceState\nLAPTOP-01,Windows,Compliant\nPHONE-02,iOS,Noncompliant\n`;
      this.blobs.set(path, { body: storedZip(`${reportName}.csv`, Buffer.from(csv)), contentType: 'application/zip', sig });
      op.data['url'] = `${this.host.monitorOrigin}${path}?sv=2024-11-04&sr=b&sp=r&se=${encodeURIComponent(expires)}&sig=${sig}`;
      op.data['expirationDateTime'] = expires;
    };
    return this.json(entry, res, 201, this.exportJob(root, this.advance(op)));
  }

  private exportJob(root: string, op: CensusOp): Record<string, unknown> {
    const d = op.data;
    return {
      '@odata.context': `${root}/$metadata#deviceManagement/reports/exportJobs/$entity`,
      id: op.id,
      reportName: d['reportName'],
      filter: d['filter'] ?? '',
      select: d['select'] ?? [],
      format: d['format'] ?? 'csv',
      snapshotId: d['snapshotId'] ?? null,
      localizationType: d['localizationType'] ?? 'localizedValuesAsAdditionalColumn',
      status: op.step!.word,
      url: d['url'] ?? null,
      requestDateTime: op.createdDateTime,
      expirationDateTime: d['expirationDateTime'] ?? NEVER,
    };
  }

  private createAuditQuery(entry: Entry, root: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    for (const key of ['filterStartDateTime', 'filterEndDateTime']) {
      if (typeof json?.[key] !== 'string') return this.badRequest(entry, res, `${key} is required.`);
    }
    const op = this.start('security.queryAuditLog', 'security.auditLogQuery', { ...json });
    return this.json(entry, res, 201, this.auditQuery(root, this.advance(op)));
  }

  private auditQuery(root: string, op: CensusOp): Record<string, unknown> {
    const d = op.data;
    const list = (key: string) => (Array.isArray(d[key]) ? d[key] : []);
    return {
      '@odata.context': `${root}/$metadata#security/auditLog/queries/$entity`,
      '@odata.type': '#microsoft.graph.security.auditLogQuery',
      id: op.id,
      displayName: d['displayName'] ?? null,
      filterStartDateTime: d['filterStartDateTime'],
      filterEndDateTime: d['filterEndDateTime'],
      recordTypeFilters: list('recordTypeFilters'),
      keywordFilter: d['keywordFilter'] ?? null,
      serviceFilters: list('serviceFilters'),
      operationFilters: list('operationFilters'),
      userPrincipalNameFilters: list('userPrincipalNameFilters'),
      ipAddressFilters: list('ipAddressFilters'),
      objectIdFilters: list('objectIdFilters'),
      administrativeUnitIdFilters: list('administrativeUnitIdFilters'),
      status: op.step!.word,
    };
  }

  /** A succeeded query's records, `pageSize` at a time, each page naming the next in `@odata.nextLink`. */
  private auditRecords(entry: Entry, root: string, id: string, query: URLSearchParams, res: ServerResponse): boolean {
    const op = this.ops.get(id);
    if (!op || op.type !== 'security.auditLogQuery') return this.notFound(entry, res);
    // Docs silent on records read before the query succeeded: the simulator refuses them.
    if (op.state !== 'succeeded') return this.badRequest(entry, res, 'The query has not succeeded: it has no records to read.');
    const total = op.played.script.records ?? 10;
    const pageSize = op.played.script.pageSize ?? 100;
    const token = query.get('$skiptoken');
    const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(offset) || offset < 0) return this.badRequest(entry, res, 'The skip token is not valid.');
    const value = Array.from({ length: Math.max(0, Math.min(pageSize, total - offset)) }, (_, i) => auditRecord(op.id, offset + i));
    const next = offset + pageSize < total ? `${root}/security/auditLog/queries/${encodeURIComponent(id)}/records?$skiptoken=${Buffer.from(String(offset + pageSize)).toString('base64url')}` : undefined;
    return this.json(entry, res, 200, { '@odata.context': `${root}/$metadata#security/auditLog/queries('${id}')/records`, value, ...(next ? { '@odata.nextLink': next } : {}) });
  }

  private createHistoryDefinition(entry: Entry, root: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    if (typeof json?.['displayName'] !== 'string') return this.badRequest(entry, res, 'displayName is required.');
    const op = this.start('accessReviewHistoryDefinition', 'accessReviewHistoryDefinition', { ...json, instanceId: this.guid() });
    return this.json(entry, res, 201, this.historyDefinition(root, this.advance(op)));
  }

  private historyDefinition(root: string, op: CensusOp): Record<string, unknown> {
    const d = op.data;
    return {
      '@odata.context': `${root}/$metadata#identityGovernance/accessReviews/historyDefinitions/$entity`,
      id: op.id,
      displayName: d['displayName'],
      reviewHistoryPeriodStartDateTime: d['reviewHistoryPeriodStartDateTime'] ?? null,
      reviewHistoryPeriodEndDateTime: d['reviewHistoryPeriodEndDateTime'] ?? null,
      decisions: d['decisions'] ?? ['approve', 'deny', 'dontKnow', 'notReviewed', 'notNotified'],
      status: op.step!.word,
      createdDateTime: op.createdDateTime,
      createdBy: { id: 'admin-1', displayName: 'Admin', userPrincipalName: 'admin@contoso.com' },
      scopes: d['scopes'] ?? [],
    };
  }

  /** A one-time definition has one instance, in the definition's state (not read again: the definition is what is polled). */
  private historyInstance(op: CensusOp): Record<string, unknown> {
    return {
      id: op.data['instanceId'],
      status: op.step?.word ?? 'requested',
      reviewHistoryPeriodStartDateTime: op.data['reviewHistoryPeriodStartDateTime'] ?? null,
      reviewHistoryPeriodEndDateTime: op.data['reviewHistoryPeriodEndDateTime'] ?? null,
      fulfilledDateTime: op.state === 'succeeded' ? op.endedDateTime : null,
      downloadUri: op.data['downloadUri'] ?? null,
      expirationDateTime: op.data['downloadExpiration'] ?? null,
    };
  }

  private historyInstances(entry: Entry, id: string, res: ServerResponse): boolean {
    const op = this.ops.get(id);
    if (!op || op.type !== 'accessReviewHistoryDefinition') return this.notFound(entry, res);
    return this.json(entry, res, 200, { value: [this.historyInstance(op)] });
  }

  private generateDownloadUri(entry: Entry, id: string, instanceId: string, res: ServerResponse): boolean {
    const op = this.ops.get(id);
    if (!op || op.type !== 'accessReviewHistoryDefinition' || op.data['instanceId'] !== instanceId) return this.notFound(entry, res);
    if (op.state !== 'succeeded') return this.badRequest(entry, res, 'The history instance is not done.');
    const sig = randomBytes(16).toString('hex');
    const path = `/blobs/accessReviews/${instanceId}.csv`;
    this.blobs.set(path, { body: Buffer.from('ReviewName,Reviewer,Decision\nQuarterly guests,admin@contoso.com,Approve\n'), contentType: 'text/csv', sig });
    const expires = new Date(Date.now() + 24 * HOUR).toISOString();
    op.data['downloadUri'] = `${this.host.monitorOrigin}${path}?sv=2024-11-04&sr=b&sp=r&se=${encodeURIComponent(expires)}&sig=${sig}`;
    op.data['downloadExpiration'] = expires;
    return this.json(entry, res, 200, this.historyInstance(op));
  }

  private createSnapshot(entry: Entry, root: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    if (typeof json?.['displayName'] !== 'string') return this.badRequest(entry, res, 'displayName is required.');
    if (!Array.isArray(json['resources']) || json['resources'].length === 0) return this.badRequest(entry, res, 'resources is required.');
    const snapshotId = this.guid();
    const op = this.start('configurationSnapshotJob', 'configurationSnapshotJob', { ...json, snapshotId });
    op.onSuccess = () =>
      this.resources.set(`/admin/configurationManagement/configurationSnapshots/${snapshotId}`, { id: snapshotId, displayName: json['displayName'], resources: json['resources'], parameters: [] });
    this.advance(op);
    // 200, not 201; an action's answer names its type in @odata.context, with no @odata.type. All the job's
    // properties come with it, resourceLocation empty, as the docs show.
    const job = this.snapshotJob(root, op, entry.prefer, null, true);
    return this.json(entry, res, 200, { ...job, '@odata.context': `${root}/$metadata#microsoft.graph.configurationSnapshotJob` });
  }

  /**
   * A snapshot job as Graph reads it: `resourceLocation`, `errorDetails` and
   * `createdBy` only when `$select` names them (then only what it names);
   * `partiallySuccessful` as `unknownFutureValue` unless the request asks
   * for unknown enum members.
   */
  private snapshotJob(root: string, op: CensusOp, prefer: string | undefined, select: string | null, all = false): Record<string, unknown> {
    const word = hidden(op.step!.word, ['partiallySuccessful'], prefer);
    const full: Record<string, unknown> = {
      '@odata.context': `${root}/$metadata#admin/configurationManagement/configurationSnapshotJobs/$entity`,
      id: op.id,
      displayName: op.data['displayName'],
      description: op.data['description'] ?? '',
      tenantId: 'contoso-tenant',
      status: word,
      resources: op.data['resources'],
      createdDateTime: op.createdDateTime,
      completedDateTime: op.endedDateTime ?? NEVER,
    };
    const selectOnly: Record<string, unknown> = {
      resourceLocation: op.state === 'succeeded' ? `${root}/admin/configurationManagement/configurationSnapshots/${op.data['snapshotId'] as string}` : '',
      errorDetails: op.state === 'failed' || /^partiallySuccessful$/i.test(op.step!.word) ? [this.errorOf(op, { code: 'resourceNotRead', message: 'microsoft.exchange.transportrule could not be read.' }).message] : [],
      createdBy: { user: { id: 'admin-1', displayName: 'Admin' } },
    };
    if (all) return { ...full, ...selectOnly, errorDetails: undefined };
    if (select === null) return full;
    const picked = new Set(select.split(',').map((s) => s.trim()));
    const both = { ...full, ...selectOnly };
    return Object.fromEntries(Object.entries(both).filter(([key]) => key === '@odata.context' || picked.has(key)));
  }

  private createDeviceImage(entry: Entry, root: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    for (const key of ['displayName', 'version', 'sourceImageResourceId']) {
      if (typeof json?.[key] !== 'string') return this.badRequest(entry, res, `${key} is required.`);
    }
    const op = this.start('cloudPcDeviceImage', 'cloudPcDeviceImage', { ...json });
    return this.json(entry, res, 201, this.deviceImage(root, this.advance(op)));
  }

  private deviceImage(root: string, op: CensusOp): Record<string, unknown> {
    const ready = op.state === 'succeeded';
    return {
      '@odata.context': `${root}/$metadata#deviceManagement/virtualEndpoint/deviceImages/$entity`,
      '@odata.type': '#microsoft.graph.cloudPcDeviceImage',
      id: op.id,
      displayName: op.data['displayName'],
      version: op.data['version'],
      sourceImageResourceId: op.data['sourceImageResourceId'],
      status: op.step!.word,
      // An enum word, not a publicError.
      errorCode: op.state === 'failed' ? this.errorOf(op, { code: 'sourceImageNotFound', message: '' }).code : null,
      osStatus: ready ? 'supported' : null,
      operatingSystem: ready ? 'Windows 11 Enterprise' : null,
      osBuildNumber: ready ? '22631' : null,
      osVersionNumber: ready ? '10.0.22631.4037' : null,
      expirationDate: ready ? '2027-01-31' : null,
      lastModifiedDateTime: op.endedDateTime ?? op.createdDateTime,
    };
  }

  private createBrowseSession(entry: Entry, root: string, set: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    if (typeof json?.['restorePointId'] !== 'string') return this.badRequest(entry, res, 'restorePointId is required.');
    const type = BROWSE_SETS[set]!;
    // Graph's browse session ids are opaque, not GUIDs.
    const op = this.start(type, 'browseSessionBase', { set, type, restorePointId: json['restorePointId'] }, `m_${Buffer.from(this.guid()).toString('base64url').slice(0, 24)}`);
    return this.json(entry, res, 201, this.browseSession(root, this.advance(op)));
  }

  private browseSession(root: string, op: CensusOp): Record<string, unknown> {
    const created = Date.parse(op.createdDateTime);
    return {
      '@odata.context': `${root}/$metadata#solutions/backupRestore/${op.data['set'] as string}/$entity`,
      '@odata.type': `#microsoft.graph.${op.data['type'] as string}`,
      id: op.id,
      restorePointId: op.data['restorePointId'],
      restorePointDateTime: new Date(created - 2 * 24 * HOUR).toISOString(),
      status: op.step!.word,
      createdDateTime: op.createdDateTime,
      expirationDateTime: new Date(created + 3 * 24 * HOUR).toISOString(),
      backupSizeInBytes: '584316',
      ...(op.state === 'failed' ? { error: this.errorOf(op, { code: 'browseSessionFailed', message: 'The restore point could not be mounted.' }) } : {}),
    };
  }

  private createRestoreSession(entry: Entry, root: string, set: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    const { type, artifacts } = RESTORE_SETS[set]!;
    const list = json?.[artifacts];
    if (!Array.isArray(list) || list.length === 0) return this.badRequest(entry, res, `${artifacts} is required.`);
    const session: RestoreSession = { id: this.guid(), set, type, total: list.length, createdDateTime: new Date().toISOString() };
    this.restores.set(session.id, session);
    // A new session is a draft (all artifacts added) until activate, whatever the create example shows.
    return this.json(entry, res, 201, this.restoreBody(session, `${root}/$metadata#solutions/backupRestore/${set}/$entity`, entry.prefer));
  }

  private activate(entry: Entry, root: string, id: string, res: ServerResponse): boolean {
    const session = this.restores.get(id);
    if (!session) return this.notFound(entry, res);
    if (session.op) return this.badRequest(entry, res, 'The restore session is not a draft: it was activated already.');
    session.op = this.start('backupRestore.activateRestoreSession', 'restoreSessionBase', { session: id });
    this.advance(session.op);
    // 200, with a relative @odata.id whose key is unquoted and whose set name is cased otherwise.
    const body = this.restoreBody(session, `${root}/$metadata#solutions/backupRestore/restoreSessions/$entity`, entry.prefer);
    return this.json(entry, res, 200, { ...body, '@odata.id': `/solutions/backupRestore/${session.set.replace(/^(sharePoint|oneDriveForBusiness)/, (s) => s.toLowerCase())}(${id})` });
  }

  private restoreSession(entry: Entry, root: string, id: string, res: ServerResponse): boolean {
    const session = this.restores.get(id);
    if (!session) return this.notFound(entry, res);
    if (session.op) this.advance(session.op);
    return this.json(entry, res, 200, this.restoreBody(session, `${root}/$metadata#solutions/backupRestore/restoreSessions/$entity`, entry.prefer));
  }

  /** A restore session: a draft, or where its activation stands; its `failed` hidden as `unknownFutureValue` unless asked for. */
  private restoreBody(session: RestoreSession, context: string, prefer: string | undefined): Record<string, unknown> {
    const op = session.op;
    const total = session.total;
    let count = { total, completed: 0, failed: 0, inProgress: 0 };
    let error: unknown = null;
    if (op) {
      const word = op.step!.word;
      if (op.state === 'failed') count = { total, completed: 0, failed: total, inProgress: 0 };
      else if (/^completedWithError$/i.test(word)) {
        const failed = Math.max(1, Math.floor(total / 4));
        count = { total, completed: total - failed, failed, inProgress: 0 };
      } else if (op.state === 'succeeded') count = { total, completed: total, failed: 0, inProgress: 0 };
      else {
        const completed = Math.min(total, Math.floor((total * this.progress(op)) / 100));
        count = { total, completed, failed: 0, inProgress: total - completed };
      }
      if (op.state === 'failed' || /^completedWithError$/i.test(word)) error = this.errorOf(op, { code: 'artifactsFailed', message: `${count.failed} of ${total} artifacts could not be restored.` });
    }
    return {
      '@odata.context': context,
      '@odata.type': `#microsoft.graph.${session.type}`,
      id: session.id,
      status: op ? hidden(op.step!.word, ['failed'], prefer) : 'draft',
      createdDateTime: session.createdDateTime,
      lastModifiedDateTime: op?.endedDateTime ?? op?.createdDateTime ?? session.createdDateTime,
      createdBy: { user: { id: 'admin-1', displayName: 'Admin' } },
      restoreSessionArtifactCount: count,
      error,
    };
  }

  private createThreatAssessment(entry: Entry, root: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    const type = String(json?.['@odata.type'] ?? '').replace(/^#?microsoft\.graph\./, '');
    const contentType = THREAT_TYPES[type];
    if (!contentType) return this.badRequest(entry, res, '@odata.type must name a mailAssessmentRequest, emailFileAssessmentRequest, fileAssessmentRequest or urlAssessmentRequest.');
    // As the docs' examples show: a file or an .eml is assessed at once; a mail or a URL is pending first.
    const atOnce = type === 'fileAssessmentRequest' || type === 'emailFileAssessmentRequest';
    const op = this.start(type, 'threatAssessmentRequest', { ...json, type, contentType }, undefined, atOnce ? { statuses: ['completed'] } : undefined);
    return this.json(entry, res, 201, this.threatAssessment(root, this.advance(op), false));
  }

  private threatAssessment(root: string, op: CensusOp, expandResults: boolean): Record<string, unknown> {
    const { contentData: _content, ...fields } = op.data;
    return {
      '@odata.context': `${root}/$metadata#informationProtection/threatAssessmentRequests/$entity`,
      ...fields,
      '@odata.type': `#microsoft.graph.${op.data['type'] as string}`,
      type: undefined,
      id: op.id,
      createdDateTime: op.createdDateTime,
      contentType: op.data['contentType'],
      expectedAssessment: op.data['expectedAssessment'] ?? 'block',
      category: op.data['category'] ?? 'spam',
      status: op.step!.word,
      requestSource: 'administrator',
      createdBy: { user: { id: 'admin-1', displayName: 'Admin' } },
      ...(expandResults ? { results: op.state === 'succeeded' ? [{ id: `${op.id}-result-1`, createdDateTime: op.endedDateTime, resultType: 'checkPolicy', message: 'No policy action was taken.' }] : [] } : {}),
    };
  }

  private callAction(entry: Entry, root: string, action: string, json: Record<string, unknown> | undefined, res: ServerResponse): boolean {
    const type = CALL_ACTIONS[action]!;
    return this.json(entry, res, 200, {
      '@odata.context': `${root}/$metadata#microsoft.graph.${type}`,
      '@odata.type': `#microsoft.graph.${type}`,
      id: this.guid(),
      // The docs' spelling; later states go to the call's callback, never to a GET.
      status: 'running',
      clientContext: json?.['clientContext'] ?? null,
      resultInfo: null,
    });
  }

  // ----- shared

  private start(kind: string, type: string, data: Record<string, unknown>, id = this.guid(), routeDefault?: { readonly statuses: readonly string[] }): CensusOp {
    const op: CensusOp = { id, kind, type, played: this.host.play({ kind, item: kind, type }, routeDefault), createdDateTime: new Date().toISOString(), data, state: 'running' };
    this.ops.set(id, op);
    return op;
  }

  /** One read of the operation: its word now, what that means, and what it made once it succeeded. */
  private advance(op: CensusOp): CensusOp {
    op.step = op.played.read();
    op.state = stateOf(op, op.step.word);
    if (op.state !== 'running' && op.endedDateTime === undefined) {
      op.endedDateTime = new Date().toISOString();
      if (op.state === 'succeeded') op.onSuccess?.();
    }
    return op;
  }

  private read(entry: Entry, id: string, type: string, res: ServerResponse, body: (op: CensusOp) => Record<string, unknown>): boolean {
    const op = this.ops.get(id);
    if (!op || op.type !== type) return this.notFound(entry, res);
    return this.json(entry, res, 200, body(this.advance(op)));
  }

  /** Progress now: the script's (by word or by time), else the word's place among the script's. */
  private progress(op: CensusOp): number {
    const step = op.step!;
    if (step.percentage !== undefined) return step.percentage;
    if (op.state === 'succeeded') return 100;
    const n = op.played.script.statuses.length;
    return n <= 1 ? 0 : Math.round((100 * step.index) / (n - 1));
  }

  private errorOf(op: CensusOp, fallback: { code: string; message: string }): { code: string; message: string } {
    const error = op.played.script.error as { code?: unknown; message?: unknown } | undefined;
    return typeof error?.code === 'string' && typeof error.message === 'string' ? { code: error.code, message: error.message } : fallback;
  }

  private resource(entry: Entry, path: string, res: ServerResponse): boolean {
    const found = this.resources.get(path);
    return found ? this.json(entry, res, 200, found) : this.notFound(entry, res);
  }

  private json(entry: Entry, res: ServerResponse, status: number, body: unknown): boolean {
    this.host.sendJson(entry, res, status, body);
    return true;
  }

  private badRequest(entry: Entry, res: ServerResponse, message: string): boolean {
    this.host.sendError(entry, res, 400, 'BadRequest', message);
    return true;
  }

  private notFound(entry: Entry, res: ServerResponse): boolean {
    this.host.sendError(entry, res, 404, 'itemNotFound', 'The resource could not be found.');
    return true;
  }

  private guid(): string {
    const n = ++this.guids;
    return `${(0x5eed0000 + n).toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  }
}

/**
 * A word Graph hides behind `unknownFutureValue` (a member added to the
 * enum after it shipped) unless the request says
 * `Prefer: include-unknown-enum-members`.
 */
function hidden(word: string, hiddenWords: readonly string[], prefer: string | undefined): string {
  return hiddenWords.some((w) => w.toLowerCase() === word.toLowerCase()) && !PREFER_UNKNOWN.test(prefer ?? '') ? 'unknownFutureValue' : word;
}

function auditRecord(queryId: string, index: number): Record<string, unknown> {
  const user = `user${(index % 7) + 1}@contoso.com`;
  return {
    id: `${queryId}-record-${index + 1}`,
    createdDateTime: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString(),
    auditLogRecordType: 'sharePointFileOperation',
    operation: index % 3 === 0 ? 'FileModified' : 'FileAccessed',
    organizationId: 'contoso-tenant',
    userType: 'regular',
    userId: user,
    service: 'SharePoint',
    objectId: `https://contoso.sharepoint.com/sites/finance/Shared Documents/report-${index + 1}.xlsx`,
    userPrincipalName: user,
    clientIp: `10.0.0.${(index % 250) + 1}`,
    administrativeUnits: [],
    auditData: { '@odata.type': '#microsoft.graph.security.sharePointFileOperationAuditRecord' },
  };
}

/** A zip with one file, stored (not deflated): what an Intune export is, small. */
function storedZip(name: string, data: Buffer): Buffer {
  const fileName = Buffer.from(name, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x21, 12); // 1980-01-01
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x21, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
