/**
 * An accepted operation as plain JSON: enough for another process to pick
 * it up with `graph.resume(handle)`, the way a job-queue worker would. It
 * holds no token and no secret: the status URL, the API root, and what to
 * fetch at the end.
 *
 * @example
 * ```ts
 * graph.workbook(ref).createSession({ persistChanges: true }).pipe(
 *   filter((e) => e.type === 'accepted'),
 *   take(1),
 * ).subscribe((e) => queue.push(JSON.stringify(e.handle)));
 * // later, elsewhere:
 * graph.resume(JSON.parse(job)).pipe(result()).subscribe(...);
 * ```
 * @public
 */
export interface OperationHandle {
  /** Format version. `graph.resume` also reads version 1 handles (whose `drive` is now `params.drive`). */
  readonly version: 2;
  /** Which operation: `workbook.createSession`, `workbook.addTableRow`, `workbook.deleteTableRow`, `driveItem.copy`, or the `kind` of a custom spec. */
  readonly kind: string;
  /** Absolute status URL to poll. */
  readonly location: string;
  /** The API root the operation was started under. */
  readonly apiRoot: string;
  /**
   * What this kind of operation needs to finish, each a path under the API
   * root (never an absolute URL): for `driveItem.copy`, `drive` (the drive
   * under which the new item is read, `/me/drive` or `/drives/{id}`); for
   * Teams' archive, `team`; and so on. `graph.resume` refuses a handle whose
   * params are not such paths (a query, `..` in any encoding, an encoded
   * separator, a backslash, an absolute URL off the client's API root).
   */
  readonly params?: Readonly<Record<string, string>>;
  /**
   * `default` when the operation is read with the default status model and
   * result (a `graph.operation({ request })` with no model of its own): it
   * then resumes without its spec. @defaultValue absent
   */
  readonly model?: 'default';
}
