import type { OperationOptions } from 'rx-graph-lro';
import { checkDuration, checkObject, checkOperationOptions, describeValue, isPlainObject } from '../core/policy/validation.js';
import { optionsArgument } from './graph-operations.js';

/** A per-call option a job may carry in its arguments, if the worker allows it. @public */
export type GraphJobOption = 'timeoutMs' | 'poll' | 'retry' | 'idempotent';

/**
 * What a job may ask of the worker that runs it. A producer can put per-call
 * options in a job's arguments (the client method's last one:
 * `['/me/drive/items/01A', { name: 'Copy' }, { timeoutMs: 7_200_000 }]`) and
 * declare its start idempotent (`addGraphJob(…, { idempotent: true })`); the
 * worker decides what it accepts. A job that asks for more is failed before
 * anything is sent, with a `RangeError` or `TypeError` naming the option.
 *
 * @example
 * ```ts
 * createGraphWorker({ queueName, connection, graph, jobLimits: { allowedOptions: ['timeoutMs'], maxTimeoutMs: 3_600_000 } });
 * ```
 * @public
 */
export interface GraphJobLimits {
  /**
   * The options a job may set at all; any other is refused. `signal` never
   * (cancel with `cancelGraphJob`); `poll.strategy` never (not JSON).
   * `idempotent` covers both `addGraphJob(…, { idempotent })` and the option.
   * @defaultValue ['timeoutMs', 'poll', 'idempotent']
   */
  readonly allowedOptions?: readonly GraphJobOption[];
  /** The shortest `poll.intervalMs`, and `poll.maxIntervalMs`, a job may ask for. @defaultValue 1000 */
  readonly minPollIntervalMs?: number;
  /** The longest `timeoutMs` a job may ask for (a copy's own default bound is 24 h). @defaultValue 86400000 */
  readonly maxTimeoutMs?: number;
}

/** The defaults of {@link GraphJobLimits}. @public */
export const DEFAULT_JOB_LIMITS: Required<GraphJobLimits> = Object.freeze({
  allowedOptions: Object.freeze(['timeoutMs', 'poll', 'idempotent'] as GraphJobOption[]),
  minPollIntervalMs: 1000,
  maxTimeoutMs: 24 * 3_600_000,
});

const JOB_OPTIONS: readonly GraphJobOption[] = ['timeoutMs', 'poll', 'retry', 'idempotent'];

/** The worker's `jobLimits`, checked when it is created, with the defaults filled in. */
export function checkJobLimits(value: unknown): Required<GraphJobLimits> {
  const limits = checkObject('jobLimits', value, ['allowedOptions', 'minPollIntervalMs', 'maxTimeoutMs']);
  if (!limits) return DEFAULT_JOB_LIMITS;
  const allowed = limits['allowedOptions'];
  if (allowed !== undefined && (!Array.isArray(allowed) || !allowed.every((o) => (JOB_OPTIONS as unknown[]).includes(o)))) {
    throw new TypeError(`jobLimits.allowedOptions must be an array of ${JOB_OPTIONS.map((o) => `'${o}'`).join(', ')}, not ${describeValue(allowed)}`);
  }
  checkDuration('jobLimits.minPollIntervalMs', limits['minPollIntervalMs']);
  checkDuration('jobLimits.maxTimeoutMs', limits['maxTimeoutMs']);
  return { ...DEFAULT_JOB_LIMITS, ...(limits as GraphJobLimits) };
}

/**
 * The per-call options a job asks for, within the worker's limits: the
 * options argument of its operation (the only place one is read), checked
 * as the client checks them and then against the limits. Throws a
 * `TypeError` or `RangeError` naming what is refused; nothing has been sent.
 * A custom operation's arguments are its own: it carries no options.
 */
export function jobOptions(operation: string, args: readonly unknown[], idempotent: boolean | undefined, limits: Required<GraphJobLimits>): OperationOptions {
  const allowed = limits.allowedOptions;
  if (idempotent !== undefined && !allowed.includes('idempotent')) throw new TypeError(`${operation}: this worker does not let a job declare its start idempotent`);
  const place = optionsArgument(operation);
  if (!place) return {};
  if (args.length > place.at + 1) {
    throw new RangeError(`${operation} takes ${place.at + 1} arguments at most (the last, its options), not ${args.length}`);
  }
  const given = args[place.at];
  if (given === undefined) return {};
  const name = `${operation} options`;
  if (!isPlainObject(given)) throw new TypeError(`${name} must be an object, not ${describeValue(given)}`);
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (place.own?.includes(key)) continue;
    if (!(JOB_OPTIONS as string[]).includes(key) && key !== 'signal') continue; // unknown keys: refused by the check below
    if (!(allowed as string[]).includes(key)) {
      throw new TypeError(`${name}.${key} is not an option a job may set on this worker (it allows ${allowed.length ? allowed.join(', ') : 'none'})`);
    }
    options[key] = value;
  }
  // Everything else must be the call's own: an unknown key is refused, not ignored.
  checkObject(name, given, [...allowed, ...(place.own ?? [])]);
  checkOperationOptions(name, options);
  const timeoutMs = options['timeoutMs'] as number | undefined;
  if (timeoutMs !== undefined && timeoutMs > limits.maxTimeoutMs) {
    throw new RangeError(`${name}.timeoutMs must be at most this worker's jobLimits.maxTimeoutMs (${limits.maxTimeoutMs}), not ${timeoutMs}`);
  }
  const poll = options['poll'] as Record<string, unknown> | undefined;
  if (poll?.['strategy'] !== undefined) throw new TypeError(`${name}.poll.strategy is the worker's to choose, not a job's`);
  for (const key of ['intervalMs', 'maxIntervalMs'] as const) {
    const ms = poll?.[key] as number | undefined;
    if (ms !== undefined && ms < limits.minPollIntervalMs) {
      throw new RangeError(`${name}.poll.${key} must be at least this worker's jobLimits.minPollIntervalMs (${limits.minPollIntervalMs}), not ${ms}`);
    }
  }
  return options as OperationOptions;
}
