import * as t from 'io-ts';

/**
 * A Graph `driveItem`, as much as the library relies on; every other
 * property the server sends is kept on the value.
 *
 * @public
 */
export interface DriveItem {
  /** The item's id in its drive. */
  readonly id: string;
  /** The file or folder name. */
  readonly name?: string;
  /** Size in bytes (for a folder, of everything in it). */
  readonly size?: number;
  /** Where the item is: its drive, its parent folder's id and path. */
  readonly parentReference?: { readonly driveId?: string; readonly id?: string; readonly path?: string };
  /** Every other property, as Graph sent it. */
  readonly [property: string]: unknown;
}

/** Decodes a `driveItem`, keeping every property as sent. */
export const DriveItemCodec = t.intersection(
  [
    t.type({ id: t.string }),
    t.partial({
      name: t.string,
      size: t.number,
      parentReference: t.partial({ driveId: t.string, id: t.string, path: t.string }),
    }),
  ],
  'DriveItem',
) satisfies t.Decoder<unknown, DriveItem>;
