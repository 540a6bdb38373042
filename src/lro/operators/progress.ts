import { distinctUntilChanged, filter, map, type OperatorFunction } from 'rxjs';
import type { OperationEvent } from '../operation-event.js';

/**
 * The percentages the server reported, each once, in the order reported;
 * nothing is invented (no 0 at the start, no 100 at the end unless the
 * server said so). Workbook operations report none. A value outside
 * [0, 100] is clamped into it, so a progress bar never overflows; `status`
 * events keep the value as sent.
 *
 * @example
 * ```ts
 * graph.driveItem(ref).copy({ name: 'Copy' }).pipe(progress()).subscribe((p) => bar.update(p));
 * ```
 * @public
 */
export function progress<T>(): OperatorFunction<OperationEvent<T>, number> {
  return (source) =>
    source.pipe(
      filter((event) => event.type === 'status' && event.percentageComplete !== undefined),
      map((event) => Math.min(100, Math.max(0, (event as { percentageComplete: number }).percentageComplete))),
      distinctUntilChanged(),
    );
}
