import * as t from 'io-ts';

/**
 * A string enum that Graph does not spell consistently: known values are
 * matched case-insensitively and returned in their canonical spelling
 * (aliases map other words onto them), unknown values pass through as sent,
 * because a new status must not break polling.
 */
export function openEnum<K extends string>(
  name: string,
  known: readonly K[],
  aliases: Readonly<Record<string, K>> = {},
): t.Type<K | (string & {}), string, unknown> {
  const byLower = new Map<string, K>();
  for (const k of known) byLower.set(k.toLowerCase(), k);
  for (const [alias, k] of Object.entries(aliases)) byLower.set(alias.toLowerCase(), k);
  return new t.Type<K | (string & {}), string, unknown>(
    name,
    (u): u is K | (string & {}) => typeof u === 'string',
    (u, c) => (typeof u === 'string' ? t.success(byLower.get(u.toLowerCase()) ?? u) : t.failure(u, c)),
    (a) => a,
  );
}

/** An optional property that Graph may also send as `null`: null decodes as absent. */
export function optional<C extends t.Mixed>(codec: C): t.Type<t.TypeOf<C> | undefined, unknown, unknown> {
  return new t.Type<t.TypeOf<C> | undefined, unknown, unknown>(
    codec.name,
    (u): u is t.TypeOf<C> | undefined => u === undefined || codec.is(u),
    (u, c) => (u === null || u === undefined ? t.success(undefined) : codec.validate(u, c)),
    (a) => (a === undefined ? a : codec.encode(a)),
  );
}

/** A finite JSON number (io-ts' `t.number` also admits NaN and Infinity). */
export const finiteNumber = new t.Type<number, number, unknown>(
  'finite number',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u) : t.failure(u, c)),
  (a) => a,
);
