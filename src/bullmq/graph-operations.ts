import type { Observable } from 'rxjs';
import type { GraphClient } from '../client.js';
import type { OperationEvent } from '../lro/operation-event.js';
import type { OperationOptions } from '../lro/run-operation.js';
import type { OperationSpec } from '../lro/operation-spec.js';

/** How a job's operation is started from its JSON arguments. */
type Starter = (graph: GraphClient, args: readonly unknown[], options: OperationOptions) => Observable<OperationEvent<unknown>>;

const a = (args: readonly unknown[], i: number) => args[i] as never;
/** A table row call's own arguments from its options object; its OperationOptions come, vetted, in `o`. */
const own = (args: readonly unknown[], i: number, keys: readonly string[]) => {
  const given = (args[i] ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => given[k] !== undefined).map((k) => [k, given[k]]));
};

/**
 * Every operation the client knows, by the name a job records, with its
 * arguments as the client method takes them (JSON only).
 */
export const GRAPH_OPERATIONS: Readonly<Record<string, Starter>> = {
  'workbook.createSession': (g, x, o) => g.workbook(a(x, 0)).createSession(a(x, 1), o),
  'workbook.addTableRow': (g, x, o) => g.workbook(a(x, 0)).addTableRow(a(x, 1), a(x, 2), { ...own(x, 3, ['index', 'sessionId']), ...o }),
  'workbook.deleteTableRow': (g, x, o) => g.workbook(a(x, 0)).deleteTableRow(a(x, 1), a(x, 2), { ...own(x, 3, ['sessionId']), ...o }),
  'driveItem.copy': (g, x, o) => g.driveItem(a(x, 0)).copy(a(x, 1), o),
  'driveItem.assignSensitivityLabel': (g, x, o) => g.driveItem(a(x, 0)).assignSensitivityLabel(a(x, 1), o),
  'teams.create': (g, x, o) => g.teams.create(a(x, 0), o),
  'teams.clone': (g, x, o) => g.teams.clone(a(x, 0), a(x, 1), o),
  'teams.archive': (g, x, o) => g.teams.archive(a(x, 0), a(x, 1), o),
  'teams.unarchive': (g, x, o) => g.teams.unarchive(a(x, 0), o),
  'teams.createChannel': (g, x, o) => g.teams.createChannel(a(x, 0), a(x, 1), o),
  'onenote.copyNotebook': (g, x, o) => g.onenote(a(x, 0)).copyNotebook(a(x, 1), a(x, 2), o),
  'onenote.copySection': (g, x, o) => g.onenote(a(x, 0)).copySection(a(x, 1), a(x, 2), o),
  'site.copyContentTypeFromHub': (g, x, o) => g.site(a(x, 0)).copyContentTypeFromHub(a(x, 1), o),
  'externalConnection.updateSchema': (g, x, o) => g.externalConnection(a(x, 0)).updateSchema(a(x, 1), o),
  'ediscovery.estimateStatistics': (g, x, o) => g.ediscoveryCase(a(x, 0)).estimateStatistics(a(x, 1), o),
  'ediscovery.purgeData': (g, x, o) => g.ediscoveryCase(a(x, 0)).purgeData(a(x, 1), a(x, 2), o),
  'ediscovery.exportResult': (g, x, o) => g.ediscoveryCase(a(x, 0)).exportResult(a(x, 1), a(x, 2), o),
  'ediscovery.exportReport': (g, x, o) => g.ediscoveryCase(a(x, 0)).exportReport(a(x, 1), a(x, 2), o),
  'ediscovery.addToReviewSet': (g, x, o) => g.ediscoveryCase(a(x, 0)).addToReviewSet(a(x, 1), a(x, 2), o),
  'engage.createCommunity': (g, x, o) => g.engage.createCommunity(a(x, 0), o),
};

/**
 * Where each operation's per-call options are in a job's arguments: the
 * client method's last parameter (`at`), and the keys of that object that are
 * the call's own arguments rather than OperationOptions (`own`: a table row's
 * index and session). A job's options are vetted against the worker's limits
 * (job-limits.ts) before they reach the client; nothing else in the
 * arguments is read as an option.
 */
export const OPTIONS_ARGUMENT: Readonly<Record<string, { readonly at: number; readonly own?: readonly string[] }>> = {
  'workbook.createSession': { at: 2 },
  'workbook.addTableRow': { at: 3, own: ['index', 'sessionId'] },
  'workbook.deleteTableRow': { at: 3, own: ['sessionId'] },
  'driveItem.copy': { at: 2 },
  'driveItem.assignSensitivityLabel': { at: 2 },
  'teams.create': { at: 1 },
  'teams.clone': { at: 2 },
  'teams.archive': { at: 2 },
  'teams.unarchive': { at: 1 },
  'teams.createChannel': { at: 2 },
  'onenote.copyNotebook': { at: 3 },
  'onenote.copySection': { at: 3 },
  'site.copyContentTypeFromHub': { at: 2 },
  'externalConnection.updateSchema': { at: 2 },
  'ediscovery.estimateStatistics': { at: 2 },
  'ediscovery.purgeData': { at: 3 },
  'ediscovery.exportResult': { at: 3 },
  'ediscovery.exportReport': { at: 3 },
  'ediscovery.addToReviewSet': { at: 3 },
  'engage.createCommunity': { at: 1 },
};

/** Starts whose repeat is harmless (Graph's createSession documentation says to repeat it). */
export const IDEMPOTENT_STARTS: ReadonlySet<string> = new Set(['workbook.createSession']);

/** A custom operation a worker knows by name: its spec from the job's arguments. */
export type CustomOperation = (args: readonly unknown[]) => OperationSpec<unknown, unknown>;
