import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { longRunningOperationStatus } from '../../src/graph/index';
import * as graphEntry from '../../src/graph/index';
import { CENSUS_JOB_SETS, CENSUS_STATUS_MODELS } from '../../src/graph/census';
import type { OperationState, StatusModel } from '../../src/index';
import { toIoDecoder } from '../../src/core/codecs/decoder';
import { decodeOrThrow } from '../../src/core/codecs/decode';

// The census of Graph's asynchronous resources, extracted from Graph's v1.0 CSDL by
// `npm run census` (scripts/census.mjs) into test/fixtures/graph-census.json. CI has
// no internet: this reads only the committed fixture.

interface CensusType {
  readonly type: string;
  readonly shape: 'monitor' | 'job';
  readonly statusProperty: 'status' | 'status/state';
  readonly enum: string;
  readonly abstract?: boolean;
  readonly progress?: Readonly<Record<string, string>>;
  readonly derived?: readonly string[];
}
interface Census {
  readonly source: { readonly repository: string; readonly path: string; readonly commit: string };
  readonly enums: Readonly<Record<string, readonly string[]>>;
  readonly types: readonly CensusType[];
  readonly candidates: readonly string[];
}

const root = resolve(__dirname, '../..');
const fixturePath = join(root, 'test/fixtures/graph-census.json');
const census = JSON.parse(readFileSync(fixturePath, 'utf8')) as Census;

/**
 * What every status word of the census means, decided here by a person reading
 * Graph's reference pages, not by the library. A refresh that brings a new word
 * fails until the word is added here. Partial success is success (the event says
 * which word it was); a cancelled or errored operation failed.
 */
const MEANING: Readonly<Record<string, OperationState>> = {
  // Not ended yet.
  notStarted: 'running',
  NotStarted: 'running',
  running: 'running',
  Running: 'running',
  inProgress: 'running',
  inprogress: 'running', // connectionOperationStatus, accessReviewHistoryStatus spell it so
  unspecified: 'running',
  unknown: 'running', // deviceManagementReportStatus: says nothing, so keep polling within the bounds
  pending: 'running', // cloudPcDeviceImage, threatAssessmentRequest
  requested: 'running', // accessReviewHistoryDefinition
  creating: 'running', // browseSession
  activating: 'running', // restoreSession, after activate
  active: 'running', // restoreSession: restoring
  // A word added to an enum after the client was written: Graph sends unknownFutureValue
  // unless asked otherwise (Prefer: include-unknown-enum-members); not an ending.
  unknownFutureValue: 'running',
  // Ended well.
  succeeded: 'succeeded',
  completed: 'succeeded',
  Completed: 'succeeded',
  complete: 'succeeded', // dataPolicyOperation (exportPersonalData)
  done: 'succeeded', // accessReviewHistoryDefinition
  ready: 'succeeded', // cloudPcDeviceImage
  created: 'succeeded', // browseSession: ready to browse
  // restoreSession before activation: the create call has ended; nothing runs until activate.
  draft: 'succeeded',
  partiallySucceeded: 'succeeded', // caseOperation
  partiallySuccessful: 'succeeded', // configurationSnapshotJob
  completedWithError: 'succeeded', // restoreSession: restored, with some items failed
  // Ended badly.
  failed: 'failed',
  Failed: 'failed',
  error: 'failed', // accessReviewHistoryDefinition
  cancelled: 'failed', // auditLogQuery
  invalid: 'failed', // teamsAsyncOperation
  submissionFailed: 'failed', // caseOperation
};

/** Every type of the census with what it inherits from its root. */
const everyType = census.types.flatMap((t) => [t.type, ...(t.derived ?? [])].map((name) => ({ ...t, type: name })));

/** A status document as the type sends it: the word at `status`, or at `status.state`. */
function documentOf(t: CensusType, word: string): Record<string, unknown> {
  return t.statusProperty === 'status/state' ? { id: 'op', status: { state: word, description: '' } } : { id: 'op', status: word };
}

/** What the default model makes of a document: its state, and the word an event reports; a decode failure by name. */
function read(model: StatusModel<unknown>, body: unknown): { state: OperationState | 'DecodeError'; reported?: string } {
  try {
    const status = decodeOrThrow(toIoDecoder(model.codec), body, {});
    return { state: model.state(status), reported: model.describe(status).status };
  } catch (error) {
    if ((error as Error).name === 'DecodeError') return { state: 'DecodeError' };
    throw error;
  }
}

describe('the census fixture', () => {
  it('names the metadata it was extracted from: a commit of msgraph-metadata and the v1.0 CSDL', () => {
    expect(census.source).toEqual({ repository: 'microsoftgraph/msgraph-metadata', path: 'schemas/v1.0-Prod.csdl', commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
  });

  it('holds every resource the census names, monitors and job resources', () => {
    const names = new Set(everyType.map((t) => t.type.replace(/^microsoft\.graph\./, '')));
    const monitors = ['workbookOperation', 'teamsAsyncOperation', 'onenoteOperation', 'commsOperation', 'longRunningOperation', 'richLongRunningOperation', 'engagementAsyncOperation', 'attackSimulationOperation', 'teamsAdministration.telephoneNumberLongRunningOperation', 'delegatedAdminRelationshipOperation', 'partners.billing.operation', 'externalConnectors.connectionOperation', 'security.caseOperation', 'dataPolicyOperation', 'printerCreateOperation'];
    const jobs = ['deviceManagementExportJob', 'security.auditLogQuery', 'accessReviewHistoryDefinition', 'configurationSnapshotJob', 'cloudPcDeviceImage', 'sharePointBrowseSession', 'oneDriveForBusinessBrowseSession', 'exchangeRestoreSession', 'sharePointRestoreSession', 'oneDriveForBusinessRestoreSession', 'mailAssessmentRequest'];
    expect([...monitors, ...jobs].filter((n) => !names.has(n))).toEqual([]);
  });

  it('is consistent and stable-ordered: each status enum present, types sorted, no type twice', () => {
    const names = everyType.map((t) => t.type);
    expect(new Set(names).size).toBe(names.length);
    expect(census.types.map((t) => t.type)).toEqual([...census.types.map((t) => t.type)].sort());
    expect(Object.keys(census.enums)).toEqual([...Object.keys(census.enums)].sort());
    expect(census.types.filter((t) => (census.enums[t.enum]?.length ?? 0) < 2).map((t) => t.type)).toEqual([]);
    expect(census.types.filter((t) => t.statusProperty !== 'status' && t.statusProperty !== 'status/state').map((t) => t.type)).toEqual([]);
  });

  it('has a meaning for every status word it holds (a refresh that brings a new word fails here until it is decided)', () => {
    const words = [...new Set(Object.values(census.enums).flat())];
    expect(words.filter((w) => MEANING[w] === undefined)).toEqual([]);
  });
});

describe('the default status model (graph.operation({ request }) with no status) reads every word of the census', () => {
  it.each(everyType.map((t) => [t.type, t] as const))('%s: each word ends, or not, as the census says', (_name, t) => {
    const words = census.enums[t.enum]!;
    const actual = Object.fromEntries(words.map((w) => [w, read(longRunningOperationStatus as StatusModel<unknown>, documentOf(t, w)).state]));
    const expected = Object.fromEntries(words.map((w) => [w, MEANING[w]]));
    expect(actual).toEqual(expected);
  });

  // An unknown word also reads as running, so a running word passes the test above
  // by luck. A word the model knows is reported in its canonical spelling whatever
  // the case it came in (LongRunningOperationStatus.status); an unknown one as sent.
  it.each(everyType.map((t) => [t.type, t] as const))('%s: each word is one the model knows, not one it reads as running for want of knowing it', (_name, t) => {
    const words = census.enums[t.enum]!;
    const unknown = words.filter((w) => {
      const shouted = read(longRunningOperationStatus as StatusModel<unknown>, documentOf(t, w.toUpperCase()));
      return shouted.reported?.toLowerCase() !== w.toLowerCase() || shouted.reported === w.toUpperCase();
    });
    expect(unknown).toEqual([]);
  });

});

/** A census type's name as the library's tables key it (no `microsoft.graph.` namespace). */
const short = (type: string) => type.replace(/^microsoft\.graph\./, '');

describe('every type of the census has its own status model', () => {
  it.each(everyType.map((t) => [t.type, t] as const))('%s: its model (or its base type\'s) reads each word as the census says', (_name, t) => {
    const root = census.types.find((r) => r.type === t.type || r.derived?.includes(t.type))!;
    const model = (CENSUS_STATUS_MODELS[short(t.type)] ?? CENSUS_STATUS_MODELS[short(root.type)]) as StatusModel<unknown> | undefined;
    expect(model).toBeDefined();
    const words = census.enums[t.enum]!;
    const actual = Object.fromEntries(words.map((w) => [w, read(model!, documentOf(t, w)).state]));
    expect(actual).toEqual(Object.fromEntries(words.map((w) => [w, MEANING[w]])));
    // And it knows its words: a model's own word lists cover its enum, so no word ends by luck.
    expect(words.filter((w) => !Object.values(model!.words ?? { running: [], succeeded: [], failed: [] }).flat().some((known) => known.toLowerCase() === w.toLowerCase()))).toEqual([]);
  });

  it('each model the census names is exported from rx-graph-lro/graph', () => {
    const exported = new Set(Object.values(graphEntry));
    expect(Object.entries(CENSUS_STATUS_MODELS).filter(([, model]) => !exported.has(model)).map(([type]) => type)).toEqual([]);
  });
});

describe('every job resource of the census says where it is polled', () => {
  const jobs = everyType.filter((t) => t.shape === 'job' && !(t.abstract && t.derived?.length));
  it.each(jobs.map((t) => [t.type, t] as const))('%s: its entity set', (_name, t) => {
    expect(CENSUS_JOB_SETS[short(t.type)]).toMatch(/^[a-zA-Z]+(\/[a-zA-Z]+)+$/);
  });
});

describe('scripts/census.mjs extracts the census from a CSDL', () => {
  const commit = '0123456789abcdef0123456789abcdef01234567';
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'census-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A CSDL with every root of the census, written the way Graph's is: aliases, inheritance across schemas, annotations inside properties. */
  function csdl({ without }: { without?: string } = {}): string {
    const lro = '<EnumType Name="longRunningOperationStatus"><Member Name="notStarted" Value="0" /><Member Name="running" Value="1" /><Member Name="succeeded" Value="2" /><Member Name="failed" Value="3" /></EnumType>';
    const entity = (name: string, body = '<Property Name="status" Type="graph.longRunningOperationStatus" />', base = 'graph.entity', extra = '') => (name === without ? '' : `<EntityType Name="${name}" BaseType="${base}"${extra}>${body}</EntityType>`);
    const graphRoots = ['workbookOperation', 'teamsAsyncOperation', 'operation', 'commsOperation', 'longRunningOperation', 'delegatedAdminRelationshipOperation', 'dataPolicyOperation', 'deviceManagementExportJob', 'accessReviewHistoryDefinition', 'configurationSnapshotJob', 'cloudPcDeviceImage', 'browseSessionBase', 'restoreSessionBase', 'threatAssessmentRequest'];
    return `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  ${lro}
  <EnumType Name="printOperationProcessingState"><Member Name="notStarted" Value="0" /><Member Name="succeeded" Value="2" /></EnumType>
  <EnumType Name="courseStatus"><Member Name="notStarted" Value="0" /><Member Name="inProgress" Value="1" /><Member Name="completed" Value="2" /></EnumType>
  <EnumType Name="color"><Member Name="red" Value="0" /><Member Name="failed" Value="1" /></EnumType>
  <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
  <ComplexType Name="printOperationStatus"><Property Name="description" Type="Edm.String" /><Property Name="state" Type="graph.printOperationProcessingState" Nullable="false" /></ComplexType>
  ${graphRoots.map((n) => entity(n)).join('\n  ')}
  ${entity('richLongRunningOperation', '<Property Name="percentageComplete" Type="Edm.Int32"><Annotation Term="Org.OData.Core.V1.Description" String="0 &lt; p > 100" /></Property>', 'graph.longRunningOperation')}
  ${entity('printOperation', '<Property Name="status" Type="graph.printOperationStatus" Nullable="false" />', 'graph.entity', ' Abstract="true"')}
  ${entity('printerCreateOperation', '<Property Name="certificate" Type="Edm.String" />', 'graph.printOperation')}
  <!-- a type outside the census whose status reads like an operation's, and one whose does not -->
  ${entity('learningAssignment', '<Property Name="status" Type="graph.courseStatus" />')}
  ${entity('crayon', '<Property Name="state" Type="graph.color" />')}
</Schema>
<Schema Namespace="microsoft.graph.security" Alias="self" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  ${entity('caseOperation')}
  ${entity('ediscoveryEstimateOperation', '<Property Name="siteCount" Type="Edm.Int64" />', 'self.caseOperation')}
  ${entity('auditLogQuery')}
</Schema>
<Schema Namespace="microsoft.graph.externalConnectors" xmlns="http://docs.oasis-open.org/odata/ns/edm">${entity('connectionOperation')}</Schema>
<Schema Namespace="microsoft.graph.partners.billing" xmlns="http://docs.oasis-open.org/odata/ns/edm">${entity('operation')}${entity('runningOperation', '', 'microsoft.graph.partners.billing.operation')}</Schema>
<Schema Namespace="microsoft.graph.teamsAdministration" Alias="teamsAdministration" xmlns="http://docs.oasis-open.org/odata/ns/edm">${entity('telephoneNumberLongRunningOperation')}</Schema>
</edmx:DataServices></edmx:Edmx>`;
  }

  function run(xml: string, ...extra: string[]) {
    const file = join(dir, 'v1.0.csdl');
    writeFileSync(file, xml);
    const out = join(dir, 'census.json');
    const r = spawnSync(process.execPath, [join(root, 'scripts/census.mjs'), '--csdl', file, '--commit', commit, '--out', out, ...extra], { encoding: 'utf8', timeout: 10_000 });
    let fixture: Census | undefined;
    try {
      fixture = JSON.parse(readFileSync(out, 'utf8')) as Census;
    } catch {
      fixture = undefined;
    }
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, fixture };
  }

  it('resolves aliases and inheritance: a derived type carries its base\'s status, a nested status.state is found, the commit is named', () => {
    const { status, fixture, stdout } = run(csdl());
    expect(status).toBe(0);
    expect(fixture!.source.commit).toBe(commit);
    const byName = new Map(fixture!.types.map((t) => [t.type, t]));
    expect(byName.get('microsoft.graph.security.caseOperation')).toEqual({ type: 'microsoft.graph.security.caseOperation', shape: 'monitor', statusProperty: 'status', enum: 'microsoft.graph.longRunningOperationStatus', derived: ['microsoft.graph.security.ediscoveryEstimateOperation'] });
    expect(byName.get('microsoft.graph.printOperation')).toEqual({ type: 'microsoft.graph.printOperation', shape: 'monitor', statusProperty: 'status/state', enum: 'microsoft.graph.printOperationProcessingState', abstract: true, derived: ['microsoft.graph.printerCreateOperation'] });
    expect(byName.get('microsoft.graph.longRunningOperation')).toMatchObject({ progress: { percentageComplete: 'microsoft.graph.richLongRunningOperation' }, derived: ['microsoft.graph.richLongRunningOperation'] });
    expect(byName.get('microsoft.graph.partners.billing.operation')).toMatchObject({ derived: ['microsoft.graph.partners.billing.runningOperation'] });
    expect(byName.get('microsoft.graph.deviceManagementExportJob')).toMatchObject({ shape: 'job' });
    expect(fixture!.enums['microsoft.graph.printOperationProcessingState']).toEqual(['notStarted', 'succeeded']);
    // Discovery: a status enum with a running and an ending word, outside the census, is shown for a person to judge.
    expect(fixture!.candidates).toEqual(['microsoft.graph.learningAssignment']);
    expect(stdout).toContain('microsoft.graph.learningAssignment  status: microsoft.graph.courseStatus [notStarted, inProgress, completed]');
  });

  it('writes the same text from the same CSDL: pretty-printed, one entry a line, ending in a newline', () => {
    const first = run(csdl());
    const text = readFileSync(join(dir, 'census.json'), 'utf8');
    const second = run(csdl());
    expect(readFileSync(join(dir, 'census.json'), 'utf8')).toBe(text);
    expect(first.fixture).toEqual(second.fixture);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n').length).toBeGreaterThan(20);
  });

  it('refuses a CSDL that lost a root of the census, naming it, and writes nothing', () => {
    const { status, stderr, fixture } = run(csdl({ without: 'dataPolicyOperation' }));
    expect(status).toBe(1);
    expect(stderr).toContain('microsoft.graph.dataPolicyOperation: no such entity type in this CSDL');
    expect(fixture).toBeUndefined();
  });

  it('refuses a commit that is not 40 hex digits before reading anything', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/census.mjs'), '--csdl', join(dir, 'absent.csdl'), '--commit', 'master'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--commit must be the 40-hex commit');
  });
});
