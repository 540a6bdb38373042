import * as t from 'io-ts';

/**
 * A resource Graph returns at the end of an operation (a team, a notebook,
 * a content type, a schema), as JSON: every property as sent.
 *
 * @public
 */
export type GraphResource = Readonly<Record<string, unknown>>;

/** Any JSON object, as a {@link GraphResource}. */
export const GraphResourceCodec: t.Decoder<unknown, GraphResource> = t.UnknownRecord;
