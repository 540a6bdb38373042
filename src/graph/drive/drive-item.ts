import * as t from 'io-ts';

/**
 * A Graph `driveItem`, as much as the library relies on; every other
 * property the server sends is kept on the value.
 *
 * @public
 */
export interface DriveItem {
  readonly id: string;
  readonly name?: string;
  readonly size?: number;
  readonly parentReference?: { readonly driveId?: string; readonly id?: string; readonly path?: string };
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
