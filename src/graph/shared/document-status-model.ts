import type * as t from 'io-ts';
import type { GraphErrorChain } from 'rx-graph-lro';
import type { OperationState, StatusModel, StatusWords } from 'rx-graph-lro';
import { percentage } from './status-model.js';
import { GraphErrorChainCodec } from '../../core/codecs/graph-error-chain.js';

/** A status document as Graph sends it: every property kept, the status word where its type puts it. */
export type StatusDocument = Readonly<Record<string, unknown>>;

/**
 * The status model of a resource whose document is kept whole (a job
 * resource is its own result): its status word is read where the type puts
 * it (`status`, or `status.state` for a print operation), matched in any
 * case and reported in the enum's own spelling; a word not among `words`
 * (one Graph added later) still runs.
 */
export function documentStatusModel<D extends StatusDocument>(
  name: string,
  words: StatusWords,
  read: {
    /** Where the word is. @defaultValue the `status` property */
    readonly word?: (document: D) => unknown;
    readonly progress?: (document: D) => number | undefined;
    readonly error?: (document: D) => GraphErrorChain | undefined;
    /** Succeeded words that mean a partial success. */
    readonly partial?: readonly string[];
  } = {},
): StatusModel<D> {
  const wordOf = read.word ?? ((d: D) => d['status']);
  const canonical = new Map<string, string>();
  const states = new Map<string, OperationState>();
  for (const state of ['running', 'succeeded', 'failed'] as const) {
    for (const word of words[state]) {
      canonical.set(word.toLowerCase(), word);
      states.set(word, state);
    }
  }
  const spelled = (d: D): string => {
    const word = wordOf(d) as string;
    return canonical.get(word.toLowerCase()) ?? word;
  };
  const codec: t.Decoder<unknown, D> = {
    name,
    validate: (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return { _tag: 'Left', left: [{ value: u, context: c, message: `a ${name} (an object)` }] };
      const word = wordOf(u as D);
      return typeof word === 'string' ? { _tag: 'Right', right: u as D } : { _tag: 'Left', left: [{ value: word, context: c, message: `a ${name} with a status word` }] };
    },
    decode: (u) => codec.validate(u, []),
  };
  const { progress, error, partial } = read;
  return {
    codec,
    describe: (d) => {
      const pct = progress?.(d);
      return pct === undefined ? { status: spelled(d) } : { status: spelled(d), percentageComplete: pct };
    },
    state: (d) => states.get(spelled(d)) ?? 'running',
    words,
    ...(error ? { error } : {}),
    ...(partial ? { partial: (d: D) => partial.includes(spelled(d)) } : {}),
  };
}

/** A progress field read as a percentage (a number or a numeric string). */
export const progressAt =
  (field: string) =>
  (d: StatusDocument): number | undefined =>
    percentage(d[field]);

/** Graph's `publicError` (or any error object) at `field`, as an error chain: bounded, as every chain is read. */
export const errorAt =
  (field: string) =>
  (d: StatusDocument): GraphErrorChain | undefined => {
    const value = d[field];
    if (value === undefined || value === null) return undefined;
    const chain = GraphErrorChainCodec.decode(value);
    return chain._tag === 'Right' ? chain.right : undefined;
  };
