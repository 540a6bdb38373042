import type * as t from 'io-ts';
import type { GraphErrorChain } from '../../core/errors/error-chain.js';
import type { OperationState, StatusModel } from '../../lro/run-operation.js';

/**
 * A family's status model from its codec and its words: the codec spells
 * each known word canonically (`openEnum`), this table says what it means,
 * and any word not in it (a value Graph adds later) is still running.
 */
export function familyStatusModel<S extends { readonly status: string }>(
  codec: t.Decoder<unknown, S>,
  states: Readonly<Record<string, OperationState>>,
  read: {
    readonly progress?: (status: S) => number | undefined;
    readonly error?: (status: S) => GraphErrorChain | undefined;
  } = {},
): StatusModel<S> {
  const { progress, error } = read;
  return {
    codec,
    describe: (s) => {
      const pct = progress?.(s);
      return pct === undefined ? { status: s.status } : { status: s.status, percentageComplete: pct };
    },
    state: (s) => states[s.status] ?? 'running',
    ...(error ? { error } : {}),
  };
}

/** The header that makes Graph send an evolvable enum's newer values (Teams' `operationType`, eDiscovery's `action`) instead of `unknownFutureValue`. */
export const INCLUDE_UNKNOWN_ENUM_MEMBERS = { prefer: 'include-unknown-enum-members' } as const;
