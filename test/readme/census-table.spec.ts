import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CENSUS_STATUS_MODELS } from '../../src/graph/census';
import type { OperationState, StatusModel } from '../../src/index';
import { toIoDecoder } from '../../src/core/codecs/decoder';
import { decodeOrThrow } from '../../src/core/codecs/decode';

// The Graph families guide's table (docs/guide/graph-families.md) of every asynchronous resource of Graph v1.0 (its census,
// test/fixtures/graph-census.json). Its words column is generated here from the
// fixture's enums, read by each type's own status model (CENSUS_STATUS_MODELS);
// the other columns are written below, one row per resource, and every type of the
// fixture must have its row. When the fixture or a model changes, this test fails
// until the guide says the same: `UPDATE_README=1 npx jest test/readme/census-table.spec.ts`
// rewrites the table.

interface CensusType {
  readonly type: string;
  readonly shape: 'monitor' | 'job';
  readonly statusProperty: 'status' | 'status/state';
  readonly enum: string;
  readonly derived?: readonly string[];
}
const root = join(__dirname, '..', '..');
const census = JSON.parse(readFileSync(join(root, 'test/fixtures/graph-census.json'), 'utf8')) as { enums: Record<string, string[]>; types: CensusType[] };
const short = (type: string) => type.replace(/^microsoft\.graph\./, '');

interface Row {
  /** The census type the row is about (a root of the fixture, or one of its derived types). */
  readonly type: string;
  /** Derived types the row also stands for. @defaultValue the fixture's, when `type` is a root */
  readonly also?: readonly string[];
  /** The census root a derived type's row stands for too, when no row of its own has it (OneNote's `operation`). */
  readonly base?: string;
  /** How the start is answered and where the status is read: begins with `monitor` or `job` as the fixture says (or `not polled`). */
  readonly shape: string;
  readonly result: string;
  readonly call: string;
}

const op = (method: string, url: string, extra = '') => `\`graph.operation({ request: { method: '${method}', url: '${url}'${extra} } })\``;

const ROWS: readonly Row[] = [
  { type: 'workbookOperation', shape: 'monitor: `202` + `Location` (with `Prefer: respond-async`), or `201` at once', result: 'the session or row, read from `resourceLocation`', call: '`graph.workbook(ref).createSession(…)`, `.addTableRow(…)`, `.deleteTableRow(…)`' },
  { type: 'teamsAsyncOperation', shape: "monitor: `202` + `Location: /teams('…')/operations('…')`", result: 'the team (or channel)', call: '`graph.teams.create(…)`, `.clone(…)`, `.archive(…)`, `.unarchive(…)`' },
  { type: 'onenoteOperation', base: 'operation', shape: 'monitor: `202` + `Operation-Location`', result: 'the copied notebook or section; progress from `percentComplete`', call: '`graph.onenote(owner).copyNotebook(…)`, `.copySection(…)`' },
  {
    type: 'commsOperation',
    shape: 'not polled: a call action answers `200` with it; later states go to the call\'s callback only',
    result: 'the `200` body, at once (no GET is documented)',
    call: op('POST', '/communications/calls/{id}/playPrompt', ', body'),
  },
  { type: 'richLongRunningOperation', shape: 'monitor: `202` + `Location`, or `200` at once', result: 'the content type; progress from `percentageComplete`', call: '`graph.site(id).copyContentTypeFromHub(contentTypeId)`' },
  { type: 'engagementAsyncOperation', shape: 'monitor: `202` + `Operation-Location`', result: 'the community', call: '`graph.engage.createCommunity(…)`' },
  { type: 'attackSimulationOperation', shape: 'monitor: `202` + `Location`', result: 'the simulation, read from `resourceLocation`; progress from `percentageCompleted`', call: op('POST', '/security/attackSimulation/simulations', ', body') },
  { type: 'longRunningOperation', also: [], shape: 'monitor: `202` + `Location` or `Operation-Location`', result: 'the resource at `resourceLocation`, else the final status', call: op('POST', '…') },
  {
    type: 'teamsAdministration.telephoneNumberLongRunningOperation',
    shape: "monitor: `202` + `Location: …/operations('…')`",
    result: "the final operation: each number's `resourceLocation` in `numbers`",
    call: op('POST', '/admin/teams/telephoneNumberManagement/numberAssignments/assignNumber', ', body'),
  },
  {
    type: 'delegatedAdminRelationshipOperation',
    shape: 'monitor: `202` + `Location` + `Retry-After: 10` (a PATCH that changes nothing: `200` with the assignment, at once)',
    result: 'the final operation (read the access assignment again)',
    call: op('PATCH', '/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{id}', ", body, headers: { 'If-Match': etag }"),
  },
  {
    type: 'partners.billing.operation',
    shape: 'monitor: `202` + `Location`',
    result: 'the final operation; its manifest at `resourceLocation@odata.navigationLink` names files read with the manifest\'s SAS token',
    call: op('POST', '/reports/partners/billing/usage/billed/export', ', body'),
  },
  { type: 'externalConnectors.connectionOperation', shape: 'monitor: `202` + `Location`', result: 'the schema, as Graph now has it', call: '`graph.externalConnection(id).updateSchema({ properties })`' },
  { type: 'security.caseOperation', shape: 'monitor: `202` + `Location`', result: 'the final operation; progress from `percentProgress`', call: '`graph.ediscoveryCase(id).estimateStatistics(searchId)`, `.purgeData(…)`, `.exportResult(…)`, `.exportReport(…)`, `.addToReviewSet(…)`' },
  { type: 'dataPolicyOperation', shape: 'monitor: `202` + `Location` + `Retry-After: 60`', result: 'the final operation; the data is in your storage container', call: '`graph.user(id).exportPersonalData(sasUrl)`' },
  { type: 'printOperation', shape: 'monitor: `202` + `Operation-Location` + `Retry-After: 5`; the word in `status.state`', result: 'the printer', call: '`graph.print.createPrinter(request)`' },
  { type: 'deviceManagementExportJob', shape: 'job: `201`, polled at `exportJobs/{id}`', result: 'the download `url` (a zip on blob storage: no Graph token); the file: `downloadReport(url)`', call: "`graph.deviceManagement.exportReport({ reportName })`" },
  { type: 'security.auditLogQuery', shape: 'job: `201`, polled at `queries/{id}`', result: 'its records, page after page (`@odata.nextLink`)', call: '`graph.security.queryAuditLog(query, { maxRecords? })`' },
  {
    type: 'accessReviewHistoryDefinition',
    shape: 'job: `201`, polled at `historyDefinitions/{id}`',
    result: 'the definition (its instance\'s `generateDownloadUri` then gives the CSV)',
    call: op('POST', '/identityGovernance/accessReviews/historyDefinitions', ', body'),
  },
  {
    type: 'configurationSnapshotJob',
    shape: 'job: `200` from `configurationSnapshots/createSnapshot`, polled at `configurationSnapshotJobs/{id}`',
    result: 'the final job (`resourceLocation` only with `$select`)',
    call: op('POST', '/admin/configurationManagement/configurationSnapshots/createSnapshot', ', body'),
  },
  { type: 'cloudPcDeviceImage', shape: 'job: `201`, polled at `deviceImages/{id}`', result: 'the image (a failure: its `errorCode`)', call: op('POST', '/deviceManagement/virtualEndpoint/deviceImages', ', body') },
  { type: 'browseSessionBase', shape: 'job: `201`, polled at `…BrowseSessions/{id}`', result: 'the session, ready to browse', call: op('POST', '/solutions/backupRestore/sharePointBrowseSessions', ', body') },
  {
    type: 'restoreSessionBase',
    shape: 'job: created `201` as a `draft` (ends at once); `activate` answers `200`, polled at `restoreSessions/{id}` (`failed` hides as `unknownFutureValue` without `Prefer: include-unknown-enum-members`, which polls send)',
    result: 'the final session; progress from `restoreSessionArtifactCount`',
    call: '`graph.backupRestore.activateRestoreSession(id)`',
  },
  {
    type: 'threatAssessmentRequest',
    shape: 'job: `201`, polled at `threatAssessmentRequests/{id}`; file assessments come `completed` (no poll)',
    result: 'the request (`$expand=results` for its results)',
    call: op('POST', '/informationProtection/threatAssessmentRequests', ', body'),
  },
];

/** The fixture's entry for a type: its own (a root) or its root's (a derived type). */
function entryOf(type: string): CensusType {
  const entry = census.types.find((t) => short(t.type) === type || t.derived?.some((d) => short(d) === type));
  if (!entry) throw new Error(`${type} is not in the census fixture`);
  return entry;
}

/** The enum's words by what the type's own model makes of them, in the enum's order. */
function wordsCell(type: string): string {
  const entry = entryOf(type);
  const model = (CENSUS_STATUS_MODELS[type] ?? CENSUS_STATUS_MODELS[short(entry.type)]) as StatusModel<unknown>;
  const by: Record<OperationState, string[]> = { running: [], succeeded: [], failed: [] };
  for (const word of census.enums[entry.enum]!) {
    const document = entry.statusProperty === 'status/state' ? { id: 'x', status: { state: word, description: '' } } : { id: 'x', status: word };
    const status = decodeOrThrow(toIoDecoder(model.codec), document, {});
    const state = model.state(status);
    by[state].push(state === 'succeeded' && model.partial?.(status) ? `\`${word}\` (partial)` : `\`${word}\``);
  }
  return `${by.running.join(', ')} → ${by.succeeded.join(', ')}; ${by.failed.length > 0 ? `fails: ${by.failed.join(', ')}` : 'no failure word'}`;
}

function resourceCell(row: Row): string {
  const entry = entryOf(row.type);
  const isRoot = short(entry.type) === row.type;
  const also = row.also ?? (isRoot ? (entry.derived ?? []).map(short) : []);
  const shown = also.length > 4 ? [...also.slice(0, 3).map((d) => `\`${d}\``), `${also.length - 3} more`] : also.map((d) => `\`${d}\``);
  const base = row.base !== undefined ? [`base type \`${row.base}\``] : [];
  return `\`${row.type}\`${shown.length + base.length > 0 ? ` (${[...base, ...shown].join(', ')})` : ''}`;
}

function censusTable(): string {
  const lines = ['| resource | shape | status words: running → succeeded; failed | result | call |', '|---|---|---|---|---|'];
  for (const row of ROWS) lines.push(`| ${resourceCell(row)} | ${row.shape} | ${wordsCell(row.type)} | ${row.result} | ${row.call} |`);
  return lines.join('\n');
}

const MARK = '<!-- census-table: generated by test/readme/census-table.spec.ts -->';
const readmePath = join(root, 'docs', 'guide', 'graph-families.md');

describe('the census table of the Graph families guide', () => {
  it('has a row for every type of the census fixture (roots and derived), each once', () => {
    const everyType = census.types.flatMap((t) => [t.type, ...(t.derived ?? [])].map(short));
    const covered = ROWS.flatMap((row) => {
      const entry = entryOf(row.type);
      const isRoot = short(entry.type) === row.type;
      return [row.type, ...(row.base !== undefined ? [row.base] : []), ...(row.also ?? (isRoot ? (entry.derived ?? []).map(short) : []))];
    });
    // A root whose derived types have rows of their own (longRunningOperation) stands for itself only.
    expect(everyType.filter((t) => !covered.includes(t))).toEqual([]);
    expect(covered.filter((t, i) => covered.indexOf(t) !== i)).toEqual([]);
  });

  it('says of each resource what the fixture says: a job is a job, a monitor a monitor', () => {
    expect(ROWS.filter((row) => !(row.shape.startsWith(entryOf(row.type).shape) || row.shape.startsWith('not polled'))).map((row) => row.type)).toEqual([]);
  });

  /** The guide, and where its table is (from after the mark to the blank line that ends it). */
  const located = () => {
    const readme = readFileSync(readmePath, 'utf8');
    const at = readme.indexOf(MARK);
    const start = at + MARK.length + 1;
    return { readme, found: at > -1, start, end: readme.indexOf('\n\n', start) };
  };

  it('is in the guide as generated from the fixture and the status models', () => {
    const table = censusTable();
    const { readme, found, start, end } = located();
    expect(found).toBe(true);
    if (process.env['UPDATE_README'] === '1' && readme.slice(start, end) !== table) writeFileSync(readmePath, readme.slice(0, start) + table + readme.slice(end));
    const now = located();
    expect(now.readme.slice(now.start, now.end)).toBe(table);
  });
});
