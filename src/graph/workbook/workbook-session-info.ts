import * as t from 'io-ts';

/**
 * Graph's `workbookSessionInfo`: what createSession (or its
 * `sessionInfoResource`) returns. `id` goes into the `workbook-session-id` header.
 *
 * @public
 */
export interface WorkbookSessionInfo {
  readonly id: string;
  readonly persistChanges: boolean;
}

/** Decodes a `workbookSessionInfo`. */
export const WorkbookSessionInfoCodec: t.Decoder<unknown, WorkbookSessionInfo> = t.type({ id: t.string, persistChanges: t.boolean }, 'WorkbookSessionInfo');
