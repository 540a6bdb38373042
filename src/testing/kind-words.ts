import type { StatusModel, StatusWords } from '../lro/operation-types.js';
import { KINDS_BY_NAME } from '../graph/kinds.js';
import { CENSUS_STATUS_MODELS } from '../graph/census.js';
import { longRunningOperationStatus } from '../graph/models/long-running-operation.js';
import { richLongRunningOperationStatus } from '../graph/models/rich-long-running-operation.js';
import type { OperationScript } from './operation-script.js';

// What the simulator knows of each operation's words comes from the library's
// own tables: the kind table (src/graph/kinds.ts) for kinds with a shortcut,
// Graph's census (src/graph/census.ts) for every other asynchronous resource.
// Its default scripts are read from them, and scripts are checked against them.

/** The names the simulator's drive and workbook operations had before the kind table: what `OperationInfo.kind` still says. */
const LEGACY: Readonly<Record<string, string>> = {
  createSession: 'workbook.createSession',
  addTableRow: 'workbook.addTableRow',
  deleteTableRow: 'workbook.deleteTableRow',
  copy: 'driveItem.copy',
  assignSensitivityLabel: 'driveItem.assignSensitivityLabel',
};

/**
 * Words a normal run never passes through, left out of a default script:
 * placeholders (`unknownFutureValue`, `unknown`, `unspecified`), a drive
 * monitor's side states, and a restore session's `draft`, which comes
 * before activation, not at its end.
 */
const OFF_THE_PATH = new Set(['unknownFutureValue', 'unknown', 'unspecified', 'updating', 'waiting', 'deletePending', 'draft']);

/**
 * Kinds that report their running word over several polls, with rising
 * progress, in Graph's own docs: a drive copy's monitor says `inProgress`
 * with 25, 50, 75 before `completed`.
 */
const RUNNING_POLLS: Readonly<Record<string, number>> = { 'driveItem.copy': 3 };

/**
 * The census types the simulator's routes answer with, by the census root
 * whose status model reads them (`@odata.type` names the derived one).
 */
const ROOT_OF: Readonly<Record<string, string>> = {
  oneDriveForBusinessBrowseSession: 'browseSessionBase',
  sharePointBrowseSession: 'browseSessionBase',
  exchangeRestoreSession: 'restoreSessionBase',
  oneDriveForBusinessRestoreSession: 'restoreSessionBase',
  sharePointRestoreSession: 'restoreSessionBase',
  mailAssessmentRequest: 'threatAssessmentRequest',
  emailFileAssessmentRequest: 'threatAssessmentRequest',
  fileAssessmentRequest: 'threatAssessmentRequest',
  urlAssessmentRequest: 'threatAssessmentRequest',
  printerCreateOperation: 'printOperation',
};

/** What an operation is, for its words. */
export interface KindRef {
  readonly kind: string;
  readonly type?: string;
}

/** The status model whose words an operation speaks: its kind's, else its census type's. */
export function modelOf(ref: KindRef): StatusModel<unknown> | undefined {
  const kind = KINDS_BY_NAME.get(LEGACY[ref.kind] ?? ref.kind);
  if (kind) return kind.status as StatusModel<unknown>;
  for (const name of [ref.type, ref.kind, ROOT_OF[ref.kind]]) {
    const model = name === undefined ? undefined : CENSUS_STATUS_MODELS[name];
    // The census reads longRunningOperation's kin with the default model, which knows
    // every word of every resource: their own enum is richLongRunningOperation's.
    if (model) return (model === longRunningOperationStatus ? richLongRunningOperationStatus : model) as StatusModel<unknown>;
  }
  return undefined;
}

/** The words an operation's model knows, by meaning. */
export function wordsOf(ref: KindRef): StatusWords | undefined {
  return modelOf(ref)?.words;
}

/**
 * An operation's default script, read from its status model: its running
 * words in order (placeholders left out), then its first succeeded word;
 * progress rising evenly from 0 to 100 over them (shown by the resources
 * that report progress). The words are spelled as the model spells them,
 * which is as Graph sends them (OneNote's `Running`, connectors'
 * `inprogress`).
 */
export function defaultScriptOf(ref: KindRef): OperationScript {
  const words = wordsOf(ref);
  if (!words) return { statuses: ['notStarted', 'running', 'succeeded'], percentages: [0, 50, 100] };
  const running = words.running.filter((w) => !OFF_THE_PATH.has(w));
  const repeat = RUNNING_POLLS[LEGACY[ref.kind] ?? ref.kind] ?? 1;
  const path = [...running.slice(0, -1), ...(running.length > 0 ? Array<string>(repeat).fill(running.at(-1)!) : [])];
  const statuses = [...path, words.succeeded.find((w) => !OFF_THE_PATH.has(w)) ?? words.succeeded[0] ?? 'succeeded'];
  const last = statuses.length - 1;
  return { statuses, percentages: statuses.map((_, i) => (last === 0 ? 100 : Math.round((100 * i) / last))) };
}

/**
 * What a word means to an operation's model (any case), for the simulator
 * to act on it: a resource it made appears, an error is attached. A word
 * the model does not know is running, as it is to a client.
 */
export function stateOf(ref: KindRef, word: string): 'running' | 'succeeded' | 'failed' {
  const words = wordsOf(ref) ?? longRunningOperationStatus.words!;
  const lower = word.toLowerCase();
  if (words.succeeded.some((w) => w.toLowerCase() === lower)) return 'succeeded';
  if (words.failed.some((w) => w.toLowerCase() === lower)) return 'failed';
  return 'running';
}

/** One word of a script its kind does not know, or spells otherwise. */
export interface UnknownWord {
  readonly word: string;
  /** The model's spelling, when the word differs only by case. */
  readonly spelled?: string;
}

/** The words of a script that its kind's model does not know (or spells otherwise), each once. */
export function unknownWordsOf(words: StatusWords, statuses: readonly string[]): UnknownWord[] {
  const known = [...words.running, ...words.succeeded, ...words.failed];
  const found: UnknownWord[] = [];
  for (const word of new Set(statuses)) {
    if (known.includes(word)) continue;
    const spelled = known.find((k) => k.toLowerCase() === word.toLowerCase());
    found.push(spelled === undefined ? { word } : { word, spelled });
  }
  return found;
}

/** Whether the simulator can name this kind or type (for `setScript(kind, …)`). */
export function isKnownKind(name: string): boolean {
  return KINDS_BY_NAME.has(name) || LEGACY[name] !== undefined || CENSUS_STATUS_MODELS[name] !== undefined || ROOT_OF[name] !== undefined;
}

/** Every kind and type a per-kind script can name, for an error message. */
export function knownKinds(): string[] {
  return [...KINDS_BY_NAME.keys(), ...Object.keys(LEGACY), ...Object.keys(CENSUS_STATUS_MODELS), ...Object.keys(ROOT_OF)];
}
