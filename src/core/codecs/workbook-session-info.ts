import * as t from 'io-ts';

/**
 * Graph's `workbookSessionInfo`: what createSession (or its
 * `sessionInfoResource`) returns. `id` goes into the `workbook-session-id` header.
 *
 * @public
 */
export const WorkbookSessionInfo = t.type({ id: t.string, persistChanges: t.boolean }, 'WorkbookSessionInfo');
/** @public */
export type WorkbookSessionInfo = t.TypeOf<typeof WorkbookSessionInfo>;
