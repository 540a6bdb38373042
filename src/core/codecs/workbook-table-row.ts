import * as t from 'io-ts';

/**
 * Graph's `workbookTableRow`: what `tableRowOperationResult` returns for an
 * added row.
 *
 * @public
 */
export const WorkbookTableRow = t.type({ index: t.number, values: t.array(t.array(t.unknown)) }, 'WorkbookTableRow');
/** @public */
export type WorkbookTableRow = t.TypeOf<typeof WorkbookTableRow>;
