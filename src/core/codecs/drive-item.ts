import * as t from 'io-ts';

/**
 * A Graph `driveItem`, as much as the library relies on; every other
 * property the server sends is kept on the decoded value.
 *
 * @public
 */
export const DriveItem = t.intersection(
  [
    t.type({ id: t.string }),
    t.partial({
      name: t.string,
      size: t.number,
      parentReference: t.partial({ driveId: t.string, id: t.string, path: t.string }),
    }),
  ],
  'DriveItem',
);
/** @public */
export type DriveItem = t.TypeOf<typeof DriveItem> & Record<string, unknown>;
