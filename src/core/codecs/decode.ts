import * as t from 'io-ts';
import { DecodeError } from '../errors/decode-error.js';
import type { RequestContext } from '../errors/graph-lro-error.js';

/**
 * The one place where a payload that does not match its codec becomes a
 * `DecodeError`. Every decode in the library goes through here.
 */
export function decodeOrThrow<A>(codec: t.Decoder<unknown, A>, input: unknown, context: RequestContext): A {
  let result: t.Validation<A>;
  try {
    result = codec.decode(input);
  } catch (error) {
    // A codec that throws (a caller's own, or one driven past the stack by a hostile body) is still a DecodeError.
    const reason = error instanceof Error ? error.message : String(error);
    throw new DecodeError(context, { path: '$', problems: [`$: could not be decoded: ${reason.slice(0, 200)}`] });
  }
  if (result._tag === 'Left') {
    const problems = result.left.map(describeProblem);
    throw new DecodeError(context, { path: pathOf(result.left[0]), problems: problems.length ? problems : ['$: invalid'] });
  }
  return result.right;
}

/** Parses a response body as JSON and decodes it; both failures are `DecodeError`s. */
export function decodeJson<A>(codec: t.Decoder<unknown, A>, body: string, context: RequestContext): A {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const what = body.trim() === '' ? 'an empty body' : `not JSON (starts with ${preview(body)})`;
    throw new DecodeError(context, { path: '$', problems: [`$: expected a JSON body, got ${what}`], unparsable: true });
  }
  return decodeOrThrow(codec, parsed, context);
}

/**
 * A body that is not JSON at all, on a GET: most likely cut off or replaced
 * on the way (a proxy, a reset mid-body), so worth reading again. JSON of the
 * wrong shape is a real mismatch and is not.
 */
export function isUnparsableBody(error: unknown): boolean {
  return error instanceof DecodeError && error.unparsable;
}

/** Parses JSON without throwing: for bodies that are only a hint (error bodies). */
export function tryParseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

// Combinators that wrap a codec without adding a property name contribute
// a key of their own to io-ts' context (the index of the member); skip those.
const TRANSPARENT = new Set(['IntersectionType', 'UnionType', 'RefinementType', 'RecursiveType', 'ExactType']);

function pathOf(error: t.ValidationError | undefined): string {
  if (!error) return '$';
  let path = '$';
  const entries = error.context;
  for (let i = 1; i < entries.length; i++) {
    const parent = entries[i - 1]!.type as unknown as { _tag?: string };
    if (parent._tag !== undefined && TRANSPARENT.has(parent._tag)) continue;
    const key = entries[i]!.key;
    if (key === '') continue;
    path += /^\d+$/.test(key) && parent._tag === 'ArrayType' ? `[${key}]` : `.${key}`;
  }
  return path;
}

function describeProblem(error: t.ValidationError): string {
  // A decoder that says what is wrong in words (a Standard Schema issue, a function's exception) is quoted.
  if (error.message !== undefined) return `${pathOf(error)}: ${error.message.slice(0, 200)}`;
  const expected = error.context[error.context.length - 1]?.type.name ?? 'a value';
  return `${pathOf(error)}: expected ${expected}, got ${preview(error.value)}`;
}

function preview(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (typeof value === 'string') text = JSON.stringify(value);
  else {
    // Both JSON.stringify and String() recurse: a hostile, deeply nested value must not overflow here.
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Array.isArray(value) ? 'a deeply nested array' : 'a deeply nested value';
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
