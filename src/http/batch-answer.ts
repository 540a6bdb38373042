import * as t from 'io-ts';
import type { HttpResponse } from './transport.js';
import type { RequestSpec } from './request-spec.js';
import { tryParseJson } from '../core/codecs/decode.js';
import { ProtocolError } from '../core/errors/protocol-error.js';
import { parseRetryAfter } from '../core/policy/retry-after.js';
import { retryDelay, type RetryPolicy } from '../core/policy/retry-policy.js';

// Reading a `$batch` answer, item by item. The answer comes from the network
// (Graph, or a proxy in between): any part of it may be missing, repeated,
// of the wrong type or nested without end, and what one item's entry says
// must never reach another item.

/** What one item of a batch answer comes to. */
export type ItemVerdict =
  /** A 2xx: the item's response, as a single request would have had it. */
  | { readonly kind: 'answered'; readonly response: HttpResponse }
  /** Any other status: the item is sent again alone after `delayMs` (its `Retry-After` or the back-off, when the retry policy calls the status transient; 0 otherwise). */
  | { readonly kind: 'status'; readonly status: number; readonly delayMs: number }
  /** The answer cannot be taken as this item's (missing, repeated, malformed): a protocol error for this item, which is sent again alone at once. */
  | { readonly kind: 'malformed'; readonly problem: ProtocolError };

const isHttpStatus = (u: unknown): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 100 && u <= 599;
const HttpStatus = new t.Type<number, number, unknown>('HttpStatus', isHttpStatus, (u, c) => (isHttpStatus(u) ? t.success(u) : t.failure(u, c)), (a) => a);

/** One entry of `responses`, as far as the library reads it (its body is re-encoded separately). */
const BatchItemAnswer = t.type({ status: HttpStatus, headers: t.union([t.undefined, t.record(t.string, t.string)]) });

/**
 * The entries of a `$batch` answer, grouped by the request they name: the
 * request at position i was sent with id `String(i + 1)`. Entries that are
 * not objects, have no string id, or name a request that was never asked
 * are left out. `undefined` when the body is not a batch answer at all (not
 * JSON, or no `responses` array).
 */
export function answersByItem(body: string, count: number): (unknown[] | undefined)[] | undefined {
  // JSON.parse reads nesting of any depth without recursing; nothing below walks a body.
  const responses = (tryParseJson(body) as { responses?: unknown } | null | undefined)?.responses;
  if (!Array.isArray(responses)) return undefined;
  const byItem: (unknown[] | undefined)[] = new Array<unknown[] | undefined>(count);
  for (const entry of responses as unknown[]) {
    const id = (entry as { id?: unknown } | null | undefined)?.id;
    if (typeof id !== 'string') continue;
    const index = Number(id) - 1;
    if (index >= 0 && index < count && String(index + 1) === id) (byItem[index] ??= []).push(entry);
  }
  return byItem;
}

/**
 * How deep an item's body may nest and still be handed on in the batch: far
 * past any Graph payload, well short of where writing it back as text
 * overflows the stack on any Node line.
 */
export const MAX_ITEM_BODY_DEPTH = 1000;

/** Whether a JSON value nests deeper than `max` (arrays and objects), found without recursing. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * What the entries naming one request come to, decided for that request
 * alone: exactly one entry, with a whole-number status from 100 to 599 and
 * headers that are strings, or the item is malformed. A 2xx body is handed
 * on as text, as a single request would get it; a body nested deeper than
 * {@link MAX_ITEM_BODY_DEPTH} is malformed too (writing it back as text
 * could overflow the stack, on some Node lines and not others), so the item
 * is sent alone and its own response (the same body, the single request's
 * checks) decides. Never throws.
 */
export function itemVerdict(entries: readonly unknown[] | undefined, spec: RequestSpec, policy: RetryPolicy, nowMs: number): ItemVerdict {
  const malformed = (reason: string): ItemVerdict => ({ kind: 'malformed', problem: new ProtocolError({ method: spec.method, url: spec.url }, { reason: `its $batch answer ${reason}` }) });
  if (!entries) return malformed('is missing');
  if (entries.length > 1) return malformed(`came ${entries.length} times`);
  const decoded = BatchItemAnswer.decode(entries[0]);
  if (decoded._tag === 'Left') return malformed('has no status from 100 to 599, or headers that are not strings');
  const { status } = decoded.right;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(decoded.right.headers ?? {})) headers[name.toLowerCase()] = value;
  if (status < 200 || status > 299) {
    // The retry rule of every request: its first retry's wait, when the status is transient for it.
    const retryAfterMs = parseRetryAfter(headers['retry-after'], nowMs);
    const failure = retryAfterMs === undefined ? { kind: 'status' as const, status } : { kind: 'status' as const, status, retryAfterMs };
    return { kind: 'status', status, delayMs: retryDelay(failure, 0, spec, policy) ?? 0 };
  }
  const body = (entries[0] as { body?: unknown }).body;
  if (nestedDeeperThan(body, MAX_ITEM_BODY_DEPTH)) return malformed('has a body nested too deep to read');
  let text: string;
  try {
    text = body === undefined || body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  } catch {
    return malformed('has a body nested too deep to read');
  }
  return { kind: 'answered', response: { status, headers, body: text } };
}
