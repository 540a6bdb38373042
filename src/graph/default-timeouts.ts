/**
 * How long an operation may run, by kind, when the call gives no
 * `timeoutMs`: a bound, so a status that flaps or never turns terminal
 * cannot poll forever. Generous on purpose: Graph documents no maximum
 * durations for these operations, so each is well past what a healthy one
 * takes (workbook operations finish in seconds to minutes; a copy of a large
 * folder can take hours). `timeoutMs` per call overrides it; the longest
 * bound a timer can hold is 2147483647 ms (about 24.8 days).
 *
 * @example
 * ```ts
 * graph.driveItem(ref).copy({ name: 'Archive' }, { timeoutMs: 48 * 3_600_000 }); // a copy allowed two days
 * ```
 * @public
 */
export const DEFAULT_OPERATION_TIMEOUTS: Readonly<{
  /** `workbook.createSession`, `workbook.addTableRow`, `workbook.deleteTableRow`. @defaultValue 600000 (10 minutes) */
  readonly workbook: number;
  /** `driveItem.copy`. @defaultValue 86400000 (24 hours) */
  readonly copy: number;
  /** Any other operation (`graph.operation`, custom kinds). @defaultValue 3600000 (1 hour) */
  readonly other: number;
}> = Object.freeze({ workbook: 10 * 60_000, copy: 24 * 3_600_000, other: 3_600_000 });
