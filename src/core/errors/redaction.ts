/**
 * What no error may show, wherever it is printed (`message`, `stack`,
 * `util.inspect`, `console.error`, a log line, a job's failure in Redis),
 * and how it is taken out.
 *
 * Redacted in every text: a SharePoint monitor's temporary credential (the
 * value of a `tempauth` query parameter); anything shaped like a JWT (three
 * base64url segments, the first starting `eyJ`, as Entra ID's access tokens
 * are); the value after `Bearer ` (16 or more token characters); and, where
 * the library knows it, the very token a request carried. An opaque token
 * of another shape that a token source quotes in its own error, before the
 * library has any token to compare with, cannot be recognised.
 */

const TEMPAUTH = /([?&]tempauth=)[^&#\s"'<>]*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const BEARER = /(\bbearer\s+)[A-Za-z0-9\-._~+/]{16,}=*/gi;

/** The text with a monitor's `tempauth` value replaced by `redacted`. */
export function withoutTempAuth(text: string): string {
  return text.replace(TEMPAUTH, '$1redacted');
}

/** The text without any secret it could carry (see the module's comment); `known` are tokens to take out wherever they appear. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) if (secret !== '' && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return withoutTempAuth(out).replace(JWT, '[redacted JWT]').replace(BEARER, '$1[redacted]');
}

/** How deep a cause chain (and the objects in it) is looked into. */
const MAX_DEPTH = 8;

/**
 * A failure the library keeps as an error's `cause`, safe to print: the
 * value itself when nothing in it (its message, stack, other own string
 * properties, its own `cause` and `errors`, to {@link MAX_DEPTH} levels)
 * carries a secret; otherwise a copy, of the same prototype (so
 * `instanceof` and `name` still tell what it was), whose strings are
 * redacted. Only errors (anything with a string `message`), plain objects
 * and arrays are looked into and copied; other objects are kept as they are.
 */
export function redactedCause(cause: unknown, known: readonly string[] = []): unknown {
  if (typeof cause === 'string') return redactSecrets(cause, known);
  if (!inspectable(cause) || !carriesSecret(cause, known, 0, new Set())) return cause;
  return copyRedacted(cause, known, 0, new Map());
}

function inspectable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value) || value instanceof Error || typeof (value as { message?: unknown }).message === 'string') return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** An own property's value: a data property's, or what an accessor (`stack` from Node 22 on) gives. */
function ownValue(target: object, key: PropertyKey, descriptor: PropertyDescriptor): unknown {
  if ('value' in descriptor) return descriptor.value;
  if (!descriptor.get) return undefined;
  try {
    return Reflect.get(target, key) as unknown;
  } catch {
    return undefined;
  }
}

function carriesSecret(value: unknown, known: readonly string[], depth: number, seen: Set<object>): boolean {
  if (typeof value === 'string') return redactSecrets(value, known) !== value;
  if (!inspectable(value) || depth > MAX_DEPTH || seen.has(value)) return false;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && carriesSecret(ownValue(value, key, descriptor), known, depth + 1, seen)) return true;
  }
  return false;
}

function copyRedacted(value: unknown, known: readonly string[], depth: number, copies: Map<object, object>): unknown {
  if (typeof value === 'string') return redactSecrets(value, known);
  if (!inspectable(value) || depth > MAX_DEPTH) return value;
  const done = copies.get(value);
  if (done) return done;
  // Registered before its contents are copied, so a cycle leads back to the copy, never to the original.
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    copies.set(value, items);
    for (const item of value as unknown[]) items.push(copyRedacted(item, known, depth + 1, copies));
    return items;
  }
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as object;
  copies.set(value, copy);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor) continue;
    const redacted = copyRedacted(ownValue(value, key, descriptor), known, depth + 1, copies);
    Object.defineProperty(copy, key, { value: redacted, writable: true, enumerable: descriptor.enumerable ?? false, configurable: true });
  }
  return copy;
}
