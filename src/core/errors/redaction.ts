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
  let changed = false;
  // Each object is copied once, and registered before its contents are, so a cycle leads back to the copy, never to the original.
  const copies = new Map<object, object>();
  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') {
      const redacted = redactSecrets(value, known);
      changed ||= redacted !== value;
      return redacted;
    }
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
    const proto = Object.getPrototypeOf(value) as object | null;
    const array = Array.isArray(value);
    if (!array && typeof (value as { message?: unknown }).message !== 'string' && proto !== Object.prototype && proto !== null) return value;
    let out = copies.get(value);
    if (!out) {
      copies.set(value, (out = array ? [] : (Object.create(proto) as object)));
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
        if (array && key === 'length') continue;
        // An accessor (`stack` from Node 22 on) is read, and copied as the value it gives.
        let own: unknown;
        try {
          own = 'value' in descriptor ? descriptor.value : Reflect.get(value, key);
        } catch {
          continue;
        }
        Object.defineProperty(out, key, { value: copy(own, depth + 1), writable: true, enumerable: descriptor.enumerable ?? false, configurable: true });
      }
    }
    return out;
  };
  const redacted = copy(cause, 0);
  return changed ? redacted : cause;
}
