import type * as t from 'io-ts';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { OperationState, StatusModel, StatusWords } from 'rx-graph-lro';

/**
 * A status model from a codec and the words of its enum: the codec spells
 * each known word canonically (`openEnum`), `words` says what each means,
 * and any word not among them (one Graph adds later) is still running.
 *
 * @example
 * ```ts
 * const model = statusModelOf(Codec, { running: ['notStarted', 'inProgress'], succeeded: ['completed'], failed: ['failed'] });
 * ```
 */
export function statusModelOf<S extends { readonly status: string }>(
  codec: t.Decoder<unknown, S>,
  words: StatusWords,
  read: {
    readonly progress?: (status: S) => number | undefined;
    readonly error?: (status: S) => GraphErrorChain | undefined;
    /** Succeeded words that mean a partial success. */
    readonly partial?: readonly string[];
  } = {},
): StatusModel<S> {
  const { progress, error, partial } = read;
  const states = new Map<string, OperationState>();
  for (const word of words.succeeded) states.set(word, 'succeeded');
  for (const word of words.failed) states.set(word, 'failed');
  return {
    codec,
    describe: (s) => {
      const pct = progress?.(s);
      return pct === undefined ? { status: s.status } : { status: s.status, percentageComplete: pct };
    },
    state: (s) => states.get(s.status) ?? 'running',
    words,
    ...(error ? { error } : {}),
    ...(partial ? { partial: (s: S) => partial.includes(s.status) } : {}),
  };
}

/** A progress figure as Graph sends one: a finite number, or a numeric string (OneNote's `"50.0"`). */
export function percentage(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}
