/**
 * A named distribution of operation durations, drawn from the simulator's
 * seeded generator (`durationSeed`), so a run replays exactly.
 *
 * - `uniform`: any duration from `minMs` to `maxMs`, equally likely.
 * - `logNormal`: durations around `medianMs`, with a long right tail
 *   (`sigma`, the spread of the logarithm: 0.6 makes a tenth of them under
 *   half the median and a tenth over twice it): how real jobs behave.
 *
 * @example
 * ```ts
 * sim.setScript('deviceManagement.exportReport', { statuses: ['notStarted', 'inProgress', 'completed'], durationMs: { distribution: 'logNormal', medianMs: 30_000, sigma: 0.6 } });
 * ```
 * @public
 */
export type DurationDistribution =
  | { readonly distribution: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | {
      readonly distribution: 'logNormal';
      readonly medianMs: number;
      /** @defaultValue 0.6 */
      readonly sigma?: number;
    };

/**
 * How one operation plays out: its status words in order, the last one
 * final (a non-final last word makes an operation that never finishes).
 *
 * By default each read of the operation (a poll, or the answer that
 * created a job) gets the next word. With `durationMs` the operation plays
 * by the simulator's clock instead: it ends once that much time has passed
 * since it started, and the words before the last share the time equally
 * (three words over 9 s: the first until 4.5 s, the second until 9 s, then
 * the last), however often it is polled. Progress follows the same rule:
 * `percentages` by word, or, with a duration and no `percentages`, the
 * share of the duration elapsed (0–100).
 *
 * @example
 * ```ts
 * sim.setScript('teams.clone', { statuses: ['notStarted', 'inProgress', 'succeeded'], durationMs: 90_000 });
 * sim.setScript('security.queryAuditLog', { statuses: ['notStarted', 'running', 'succeeded'], records: 250, pageSize: 100 });
 * ```
 * @public
 */
export interface OperationScript {
  /** The status words, in the kind's own spelling (`Completed` for OneNote, `inprogress` for connectors). */
  readonly statuses: readonly string[];
  /** Progress per word (the last repeats), where the resource reports progress. @defaultValue by time with `durationMs`, else none */
  readonly percentages?: readonly number[];
  /** The error a failed operation carries, where the resource has one. @defaultValue the resource's own sample error */
  readonly error?: unknown;
  /**
   * Plays the operation by time rather than by polls: a number of
   * milliseconds, a function drawn once per operation, or a named seeded
   * distribution. @defaultValue none: one word per read
   */
  readonly durationMs?: number | (() => number) | DurationDistribution;
  /**
   * The `Retry-After` (seconds, as sent) of the start's answer, for the
   * resources whose start Graph answers with one (`exportPersonalData`: 60,
   * `print/printers/create`: 5, a delegated admin access assignment: 10).
   * @defaultValue Graph's
   */
  readonly retryAfter?: string;
  /** How many records a succeeded audit log query holds. @defaultValue 10 */
  readonly records?: number;
  /** How many records one page of them holds (`@odata.nextLink` to the next). @defaultValue 100 */
  readonly pageSize?: number;
}

/** What an operation is, for choosing its script. @public */
export interface OperationInfo {
  /**
   * The operation's kind as its handle records it, from the kind table
   * (`teams.clone`, `onenote.copyNotebook`, `deviceManagement.exportReport`,
   * `backupRestore.activateRestoreSession`, …); `createSession`,
   * `addTableRow`, `deleteTableRow`, `copy`, `assignSensitivityLabel` for the
   * workbook and drive ones; for a census resource with no kind of its own,
   * its entity type (`attackSimulationOperation`, `cloudPcDeviceImage`,
   * `sharePointBrowseSession`, `mailAssessmentRequest`, …).
   */
  readonly kind: 'createSession' | 'addTableRow' | 'deleteTableRow' | 'copy' | 'assignSensitivityLabel' | (string & {});
  /** The drive item's address as the client sent it (`/me/drive/items/X`, …), or a family operation's resource URL. */
  readonly item: string;
  /** The census entity type whose status model the operation speaks (`teamsAsyncOperation`, `restoreSessionBase`, …). @defaultValue absent for the drive and workbook operations */
  readonly type?: string;
}

/** Where an operation stands when it is read. */
export interface Reading {
  /** Which word (or step) of the script. */
  readonly index: number;
  /** The share of its duration elapsed (0–1), when it plays by time. */
  readonly fraction?: number;
  /** True for the last word. */
  readonly last: boolean;
}

/**
 * One operation's progress through its script: by reads (each read the
 * next word) or by the clock (words spread over its duration).
 */
export class Playback {
  private readonly startedAt: number;
  private readonly length: number;
  reads = 0;

  constructor(
    length: number,
    private readonly clock: () => number,
    /** Undefined: by reads. */
    readonly durationMs: number | undefined,
  ) {
    this.length = Math.max(1, length);
    this.startedAt = clock();
  }

  /** Where it stands now; each call counts as a read. */
  read(): Reading {
    const n = this.length;
    this.reads++;
    if (this.durationMs === undefined) {
      const index = Math.min(this.reads - 1, n - 1);
      return { index, last: index === n - 1 };
    }
    const elapsed = Math.max(0, this.clock() - this.startedAt);
    const fraction = this.durationMs <= 0 ? 1 : Math.min(1, elapsed / this.durationMs);
    const index = fraction >= 1 || n === 1 ? n - 1 : Math.min(n - 2, Math.floor(fraction * (n - 1)));
    return { index, fraction, last: index === n - 1 };
  }
}

/** The progress a reading shows: the script's figure for its word, else the share of the duration elapsed. */
export function percentageAt(script: OperationScript, reading: Reading): number | undefined {
  const percentages = script.percentages;
  if (percentages && percentages.length > 0) return percentages[Math.min(reading.index, percentages.length - 1)];
  return reading.fraction === undefined ? undefined : Math.floor(100 * reading.fraction);
}

/**
 * One draw of a script's duration: undefined when it plays by polls. A
 * function or distribution that gives something other than a finite number
 * of at least 0 is refused (the caller warns and plays by polls).
 */
export function drawDuration(durationMs: OperationScript['durationMs'], random: () => number): number | undefined {
  if (durationMs === undefined) return undefined;
  let drawn: unknown;
  if (typeof durationMs === 'number') drawn = durationMs;
  else if (typeof durationMs === 'function') drawn = durationMs();
  else if (durationMs.distribution === 'uniform') drawn = durationMs.minMs + (durationMs.maxMs - durationMs.minMs) * random();
  else {
    // Box–Muller: one standard normal from two uniforms (1 - u keeps the logarithm finite).
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    drawn = durationMs.medianMs * Math.exp((durationMs.sigma ?? 0.6) * normal);
  }
  if (typeof drawn !== 'number' || !Number.isFinite(drawn) || drawn < 0) {
    throw new RangeError(`a script's durationMs must give a finite number of milliseconds of at least 0, not ${String(drawn)}`);
  }
  return drawn;
}

/**
 * Checks a script's shape, naming the mistake: what a `setScript` or a
 * `scripts` entry is refused with before any operation plays it.
 */
export function checkScript(where: string, script: unknown): OperationScript {
  if (typeof script !== 'object' || script === null || Array.isArray(script)) throw new TypeError(`${where} must be an object with statuses, not ${String(script)}`);
  const s = script as Record<string, unknown>;
  const statuses = s['statuses'];
  if (!Array.isArray(statuses) || statuses.length === 0 || !statuses.every((w) => typeof w === 'string' && w !== '')) {
    throw new TypeError(`${where}.statuses must be a non-empty array of status words`);
  }
  const percentages = s['percentages'];
  if (percentages !== undefined && (!Array.isArray(percentages) || !percentages.every((p) => typeof p === 'number'))) {
    throw new TypeError(`${where}.percentages must be an array of numbers`);
  }
  checkDuration(`${where}.durationMs`, s['durationMs']);
  if (s['retryAfter'] !== undefined && typeof s['retryAfter'] !== 'string') throw new TypeError(`${where}.retryAfter must be a string (seconds, as sent)`);
  for (const key of ['records', 'pageSize'] as const) {
    const value = s[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= (key === 'pageSize' ? 1 : 0))) {
      throw new RangeError(`${where}.${key} must be a whole number of at least ${key === 'pageSize' ? 1 : 0}, not ${String(value)}`);
    }
  }
  return script as OperationScript;
}

function checkDuration(where: string, value: unknown): void {
  if (value === undefined || typeof value === 'function') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${where} must be a finite number of milliseconds of at least 0, not ${value}`);
    return;
  }
  const d = value as Record<string, unknown> | null;
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  if (d?.['distribution'] === 'uniform') {
    if (!finite(d['minMs']) || !finite(d['maxMs']) || (d['minMs'] as number) > (d['maxMs'] as number)) {
      throw new RangeError(`${where} uniform needs 0 <= minMs <= maxMs, not ${String(d['minMs'])} and ${String(d['maxMs'])}`);
    }
    return;
  }
  if (d?.['distribution'] === 'logNormal') {
    if (!finite(d['medianMs']) || (d['sigma'] !== undefined && !finite(d['sigma']))) {
      throw new RangeError(`${where} logNormal needs a medianMs and a sigma of at least 0, not ${String(d['medianMs'])} and ${String(d['sigma'])}`);
    }
    return;
  }
  throw new TypeError(`${where} must be milliseconds, a function giving them, or { distribution: 'uniform' | 'logNormal', … }`);
}

/** What one read of a scripted operation shows. */
export interface ScriptStep extends Reading {
  readonly word: string;
  readonly percentage?: number;
}

/** An operation as it plays: its script and where it stands. */
export class ScriptedOperation {
  constructor(
    readonly script: OperationScript,
    readonly playback: Playback,
  ) {}

  /** The word now (each call is a read). */
  read(): ScriptStep {
    const reading = this.playback.read();
    const percentage = percentageAt(this.script, reading);
    return { ...reading, word: this.script.statuses[reading.index]!, ...(percentage !== undefined ? { percentage } : {}) };
  }
}
