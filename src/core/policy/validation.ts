import { isObservable } from 'rxjs';

/**
 * Argument checks for every public call, run before anything is sent. A
 * caller's mistake is a `TypeError` (wrong kind of value) or a `RangeError`
 * (right kind, wrong size) whose message names the option by its path
 * (`poll.intervalMs`), so a typo or an unset environment variable fails at
 * once instead of becoming a request storm, an instant timeout or a
 * silently ignored setting.
 */

/** The longest delay a platform timer holds: browsers and Node turn anything longer into ~1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

type Plain = Record<string, unknown>;

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `value` is a plain object (or absent when `optional`) whose keys are all known. */
export function checkObject(name: string, value: unknown, known: readonly string[], optional = true): Plain | undefined {
  if (value === undefined && optional) return undefined;
  if (!isPlainObject(value)) throw new TypeError(`${name} must be an object with ${known.map((k) => `'${k}'`).join(', ')}, not ${describeValue(value)}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new TypeError(`${name} has no option '${key}' (known: ${known.join(', ')})`);
    }
  }
  return value;
}

/** A delay or bound in milliseconds: finite, > 0 (or ≥ 0 when `allowZero`), and within a platform timer. */
export function checkDuration(name: string, value: unknown, allowZero = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0) || value > MAX_TIMER_MS) {
    throw new RangeError(`${name} must be a number of milliseconds ${allowZero ? 'from 0' : 'above 0'} up to ${MAX_TIMER_MS}, not ${describeValue(value)}`);
  }
}

export function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, not ${describeValue(value)}`);
  }
}

export function checkBoolean(name: string, value: unknown, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be true or false, not ${describeValue(value)}`);
}

export function checkFunction(name: string, value: unknown, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function, not ${describeValue(value)}`);
}

export function checkOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, not ${describeValue(value)}`);
  }
}

/** A value that goes into an HTTP header: a string without line breaks or other control characters. */
export function checkHeaderValue(name: string, value: unknown, optional = true): void {
  if (value === undefined && optional) return;
  if (typeof value !== 'string' || value === '' || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new TypeError(`${name} must be a non-empty string without control characters, not ${describeValue(value)}`);
  }
}

export function checkHeaders(name: string, value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw new TypeError(`${name} must be an object of header names to strings, not ${describeValue(value)}`);
  for (const [header, text] of Object.entries(value)) {
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(header)) throw new TypeError(`${name} has a header name that HTTP does not allow: ${describeValue(header)}`);
    checkHeaderValue(`${name}['${header}']`, text, false);
  }
}

const POLL_KEYS = ['intervalMs', 'maxIntervalMs', 'backoffFactor', 'maxRetryAfterMs', 'strategy'] as const;
const RETRY_KEYS = ['maxRetries', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs', 'statuses', 'random'] as const;

/** A (partial) poll policy: every time a real delay; the factor at least 1. */
export function checkPollPolicy(name: string, value: unknown): void {
  const poll = checkObject(name, value, POLL_KEYS);
  if (!poll) return;
  checkDuration(`${name}.intervalMs`, poll['intervalMs']);
  checkDuration(`${name}.maxIntervalMs`, poll['maxIntervalMs']);
  checkDuration(`${name}.maxRetryAfterMs`, poll['maxRetryAfterMs']);
  const strategy = poll['strategy'] as { plan?: unknown } | undefined;
  if (strategy !== undefined && (typeof strategy !== 'object' || strategy === null || typeof strategy.plan !== 'function')) {
    throw new TypeError(`${name}.strategy must be a poll strategy such as adaptivePolling(), not ${describeValue(strategy)}`);
  }
  const factor = poll['backoffFactor'];
  if (factor !== undefined && (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 1 || factor > 100)) {
    throw new RangeError(`${name}.backoffFactor must be a number from 1 to 100, not ${describeValue(factor)}`);
  }
}

/** A (partial) retry policy. `maxRetries: 0` is allowed: it turns retrying off. */
export function checkRetryPolicy(name: string, value: unknown): void {
  const retry = checkObject(name, value, RETRY_KEYS);
  if (!retry) return;
  checkInteger(`${name}.maxRetries`, retry['maxRetries'], 0, 100);
  checkDuration(`${name}.baseDelayMs`, retry['baseDelayMs']);
  checkDuration(`${name}.maxDelayMs`, retry['maxDelayMs']);
  checkDuration(`${name}.maxRetryAfterMs`, retry['maxRetryAfterMs']);
  checkFunction(`${name}.random`, retry['random']);
  const statuses = retry['statuses'];
  if (statuses !== undefined && (!Array.isArray(statuses) || !statuses.every((s) => Number.isInteger(s) && s >= 400 && s <= 599))) {
    throw new TypeError(`${name}.statuses must be an array of HTTP error statuses (400-599), not ${describeValue(statuses)}`);
  }
}

export const OPERATION_OPTION_KEYS = ['timeoutMs', 'poll', 'retry', 'idempotent', 'signal'] as const;

/** Per-call options of every operation; `extra` names the call's own options besides these. */
export function checkOperationOptions(name: string, value: unknown, extra: readonly string[] = []): void {
  const options = checkObject(name, value, [...OPERATION_OPTION_KEYS, ...extra]);
  if (!options) return;
  checkDuration(`${name}.timeoutMs`, options['timeoutMs']);
  checkPollPolicy(`${name}.poll`, options['poll']);
  checkRetryPolicy(`${name}.retry`, options['retry']);
  checkBoolean(`${name}.idempotent`, options['idempotent']);
  checkAbortSignal(`${name}.signal`, options['signal']);
}

/** `value` is an AbortSignal (by shape: one from another realm or a polyfill passes too), or absent. */
export function checkAbortSignal(name: string, value: unknown): void {
  const signal = value as { aborted?: unknown; addEventListener?: unknown } | undefined;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function')) {
    throw new TypeError(`${name} must be an AbortSignal, not ${describeValue(signal)}`);
  }
}

/** The token source shapes, for the message that refuses anything else. */
export const TOKEN_SOURCE_SHAPES =
  'a token string; a function ({ scopes, forceRefresh }) => string | Promise<string> | Observable<string>; an Observable<string> (e.g. a BehaviorSubject); or an Azure TokenCredential ({ getToken(scopes) })';

export function checkTokenSource(name: string, value: unknown): void {
  if (value === undefined || typeof value === 'string' || typeof value === 'function' || isObservable(value)) return;
  if (typeof value === 'object' && value !== null && typeof (value as { getToken?: unknown }).getToken === 'function') return;
  throw new TypeError(`${name} must be ${TOKEN_SOURCE_SHAPES}, not ${describeValue(value)}`);
}
