import { defer, type Observable } from 'rxjs';
import { SerialQueue } from '../rx/serial-queue.js';
import type { OperationEvent } from './operation-event.js';
import type { OperationKind } from './operation-kind.js';
import type { OperationOptions } from './operation-types.js';
import { runOperation, type OperationRuntime } from './run-operation.js';

/**
 * Runs one call of a kind: its arguments are checked now (a mistake throws
 * before anything exists to subscribe to), the operation starts on
 * subscription. `serialize: false` lets a call skip its kind's queue.
 */
export type RunKind = <A extends readonly unknown[], S, T>(
  kind: OperationKind<A, S, T>,
  args: A,
  options?: OperationOptions,
  how?: { readonly serialize?: boolean },
) => Observable<OperationEvent<T>>;

/**
 * A client's kind runner. Calls whose prepared request names a
 * `serializeBy` key (a workbook's writes) run one at a time per key, in
 * subscription order; a queue is dropped when it is idle.
 */
export function kindRunner(runtime: OperationRuntime): RunKind {
  const queues = new Map<string, SerialQueue>();
  return (kind, args, options, how) => {
    const prepared = kind.prepare(args, runtime.apiRoot);
    const operation = runOperation(runtime, kind, prepared, options);
    const key = prepared.serializeBy;
    if (key === undefined || how?.serialize === false) return operation;
    // The queue is looked up per subscription, so an idle one can be dropped and a later write makes a new one.
    return defer(() => {
      let queue = queues.get(key);
      if (!queue) queues.set(key, (queue = new SerialQueue()));
      return queue.run(operation, () => {
        if (queues.get(key)?.idle) queues.delete(key);
      });
    });
  };
}
