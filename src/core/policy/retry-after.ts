/**
 * `Retry-After` in milliseconds, from delta-seconds (fractional allowed:
 * Graph's throttling sample sends `2.128`) or an HTTP date relative to
 * `nowMs`. A date in the past means "now" (0). Anything else (`-1`, `abc`,
 * empty) is `undefined`, so the caller falls back to its own backoff.
 * Enormous values are returned as they are; the policy caps them.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isFinite(ms) ? ms : Number.MAX_SAFE_INTEGER;
  }
  // An HTTP date has letters and a comma or spaces; reject bare numbers like "-1".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
